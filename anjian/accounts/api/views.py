from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from anjian.accounts import lockout, tokens
from anjian.accounts.api.serializers import OrganizationSerializer, UserSerializer
from anjian.accounts.filtersets import OrganizationFilterSet, UserFilterSet
from anjian.accounts.models import Organization, User
from anjian.core import audit
from anjian.core.api.viewsets import ScopedModelViewSet, TransitionMixin
from anjian.core.scoping import is_visible


class ObtainTokenView(ObtainAuthToken):
    """POST username and password → a token that expires after ``API_TOKEN_HOURS``.

    The credentials go through ``authenticate(request, …)`` like the sign-in page, so the same
    lock-out counts and refuses them (429 with the reason). DELETE revokes the caller's token.
    """

    def get_serializer_context(self):
        # The Django request, not DRF's wrapper: the lock-out marks it and reads its address.
        return {**super().get_serializer_context(), "request": self.request._request}

    @extend_schema(
        responses={
            200: inline_serializer(
                "IssuedToken",
                {"token": serializers.CharField(), "expires": serializers.DateTimeField()},
            ),
            400: OpenApiResponse(description="Wrong username or password"),
            429: OpenApiResponse(description="Locked after repeated failures (detail says why)"),
        }
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except ValidationError:
            if getattr(request._request, "axes_locked_out", False):
                return Response(
                    {"detail": lockout.lockout_message()},
                    status=settings.AXES_HTTP_RESPONSE_CODE,
                )
            raise
        token = tokens.issue_token(serializer.validated_data["user"], request=request._request)
        return Response({"token": token.key, "expires": tokens.expires_at(token)})

    @extend_schema(request=None, responses={204: OpenApiResponse(description="Token revoked")})
    def delete(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        tokens.revoke_tokens(request.user)
        audit.record("accounts.token_revoked", actor=request.user, request=request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


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

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def unlock(self, request, pk=None):
        """Lift the account's sign-in lock-out at once (as the button on its page); audited."""
        if not request.user.has_perm("accounts.change_user"):
            raise PermissionDenied(_("You do not have permission to do this."))
        user = self.get_object()
        if not is_visible(user, request.user, "change"):
            raise PermissionDenied(_("You do not have permission to do this."))
        lockout.unlock(user, actor=request.user, request=request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def destroy(self, request, *args, **kwargs):
        """Accounts are never deleted (their history keeps their name): suspend instead."""
        self.get_object()  # 404 outside the jurisdiction, as for any record
        raise PermissionDenied(_("Accounts are not deleted; suspend the account instead."))
