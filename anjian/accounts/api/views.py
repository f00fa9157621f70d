from anjian.accounts.api.serializers import OrganizationSerializer, UserSerializer
from anjian.accounts.filtersets import OrganizationFilterSet, UserFilterSet
from anjian.accounts.models import Organization, User
from anjian.core.api.viewsets import ScopedModelViewSet, TransitionMixin


class OrganizationViewSet(ScopedModelViewSet):
    model = Organization
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("region")


class UserViewSet(TransitionMixin, ScopedModelViewSet):
    model = User
    serializer_class = UserSerializer
    filterset_class = UserFilterSet

    def get_queryset(self):
        return super().get_queryset().prefetch_related("groups")
