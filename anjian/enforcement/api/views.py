from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from anjian.core.api.serializers import TransitionRefusedSerializer, TransitionRequestSerializer
from anjian.core.api.viewsets import ScopedModelViewSet, TransitionMixin
from anjian.core.workflow import TransitionRefused
from anjian.enforcement import services
from anjian.enforcement.api.serializers import (
    CalendarDaySerializer,
    CasePenaltySerializer,
    EnforcementCaseSerializer,
)
from anjian.enforcement.choices import DECIDED_STATUSES
from anjian.enforcement.filtersets import (
    CalendarDayFilterSet,
    CasePenaltyFilterSet,
    EnforcementCaseFilterSet,
)
from anjian.enforcement.models import CalendarDay, CasePenalty, EnforcementCase


def _refused(reasons):
    return Response(
        {"detail": _("The action was refused."), "reasons": reasons},
        status=status.HTTP_409_CONFLICT,
    )


class EnforcementCaseViewSet(TransitionMixin, ScopedModelViewSet):
    """Enforcement cases; every move (investigate, decide, execute, close, back to investigation)
    is ``POST …/{id}/transition/`` through the same service as the page."""

    model = EnforcementCase
    serializer_class = EnforcementCaseSerializer
    filterset_class = EnforcementCaseFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise").prefetch_related("penalties")

    @extend_schema(
        request=TransitionRequestSerializer,
        responses={
            200: EnforcementCaseSerializer,
            409: OpenApiResponse(TransitionRefusedSerializer),
        },
    )
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
        case = self.get_object()
        try:
            services.transition(
                case,
                transition.name,
                actor=request.user,
                reason=body.validated_data["reason"],
                request=request,
            )
        except TransitionRefused as refused:
            return _refused(refused.reasons)
        case = self.get_queryset().get(pk=case.pk)
        return Response(self.get_serializer(case).data)


class CasePenaltyViewSet(ScopedModelViewSet):
    model = CasePenalty
    serializer_class = CasePenaltySerializer
    filterset_class = CasePenaltyFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("case", "legal_basis")

    def destroy(self, request, *args, **kwargs):
        penalty = self.get_object()
        if penalty.case.status in DECIDED_STATUSES:
            return _refused([_("A decided case's penalties are no longer changed.")])
        return super().destroy(request, *args, **kwargs)


class CalendarDayViewSet(ScopedModelViewSet):
    model = CalendarDay
    serializer_class = CalendarDaySerializer
    filterset_class = CalendarDayFilterSet
