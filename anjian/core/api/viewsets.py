"""The base API viewset: scoped reads, scope re-checked after writes, one transition action."""

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from anjian.core import audit
from anjian.core.api.serializers import TransitionRefusedSerializer, TransitionRequestSerializer
from anjian.core.scoping import is_visible
from anjian.core.workflow import TransitionRefused, perform

ACTION_MAP = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
    "transition": "view",
}


class ScopedAutoSchema(AutoSchema):
    """The OpenAPI of a scoped viewset: only ``list`` is paginated and filtered. An extra action
    answering a list (``…/{id}/grades/``) returns it whole, and its schema says so."""

    def _is_extra_action(self) -> bool:
        return getattr(self.view, "action", None) not in (None, "list")

    def _get_paginator(self):
        return None if self._is_extra_action() else super()._get_paginator()

    def get_filter_backends(self):
        return [] if self._is_extra_action() else super().get_filter_backends()


class ScopedModelViewSet(viewsets.ModelViewSet):
    """Every API read goes through ``restrict(user, action)``: out of scope answers 404."""

    model = None
    schema = ScopedAutoSchema()
    # Primary keys are integers: anything else in the URL is a plain 404, for every viewset.
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        scope_action = ACTION_MAP.get(self.action, "view")
        return self.model._default_manager.restrict(self.request.user, scope_action).order_by(
            *self.model._meta.ordering or ["pk"]
        )

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            lookup = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field) or "")
            obj = self.model._base_manager.filter(pk=lookup).first() if lookup.isdigit() else None
            if obj is not None:
                audit.record(
                    "security.access_refused",
                    actor=self.request.user,
                    obj=obj,
                    request=self.request,
                    detail={"path": self.request.path, "api": True},
                )
                if self.action != "retrieve" and is_visible(obj, self.request.user, "view"):
                    raise PermissionDenied(_("You do not have permission to do this.")) from None
            raise

    def _save_in_scope(self, serializer):
        with transaction.atomic():
            obj = serializer.save()
            if not is_visible(obj, self.request.user, "view"):
                transaction.set_rollback(True)
                raise ValidationError(
                    {"detail": _("The record would lie outside your jurisdiction.")}
                )

    def perform_create(self, serializer):
        self._save_in_scope(serializer)

    def perform_update(self, serializer):
        self._save_in_scope(serializer)

    @extend_schema(
        responses={
            204: None,
            409: OpenApiResponse(
                TransitionRefusedSerializer,
                description=_("Other records still refer to this one; reasons name them."),
            ),
        }
    )
    def destroy(self, request, *args, **kwargs):
        return super().destroy(request, *args, **kwargs)

    def perform_destroy(self, instance):
        # A ProtectedError (other records refer to this one) becomes a 409 naming them, in
        # core.api.exceptions; nothing is deleted.
        with transaction.atomic():
            instance._history_user = self.request.user
            instance.delete()


class TransitionMixin:
    """``POST …/{id}/transition/ {"transition": name, "reason": "…"}`` for workflow models."""

    @extend_schema(
        request=TransitionRequestSerializer,
        responses={200: None, 409: OpenApiResponse(TransitionRefusedSerializer)},
    )
    # The move's own permission decides (not the model's add permission a POST would ask for).
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def transition(self, request, pk=None):
        body = TransitionRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        workflow = self.model.workflow
        transition = workflow.get(body.validated_data["transition"])
        if transition is None:
            raise ValidationError({"transition": _("No such action.")})
        if not request.user.has_perm(workflow.permission_for(self.model, transition)):
            raise PermissionDenied(_("You do not have permission to do this."))
        obj = self.get_object()
        try:
            perform(
                obj,
                transition.name,
                actor=request.user,
                reason=body.validated_data["reason"],
                request=request,
            )
        except TransitionRefused as refused:
            return Response(
                {"detail": _("The action was refused."), "reasons": refused.reasons},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(self.get_serializer(obj).data)
