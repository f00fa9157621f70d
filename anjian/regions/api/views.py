from anjian.core.api.viewsets import ScopedModelViewSet
from anjian.regions.api.serializers import RegionSerializer
from anjian.regions.filtersets import RegionFilterSet
from anjian.regions.models import Region


class RegionViewSet(ScopedModelViewSet):
    model = Region
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("parent")
