from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from anjian.core.api.serializers import TransitionRefusedSerializer
from anjian.core.api.viewsets import ScopedModelViewSet, TransitionMixin
from anjian.core.workflow import TransitionRefused
from anjian.enterprises import services
from anjian.enterprises.api import serializers as s
from anjian.enterprises.filtersets import (
    EnterpriseFilterSet,
    EnterpriseMembershipFilterSet,
    GradeFrequencyFilterSet,
    IndustryFilterSet,
    ParkFilterSet,
    SafetyAgreementFilterSet,
)
from anjian.enterprises.models import (
    Enterprise,
    EnterpriseMembership,
    GradeFrequency,
    Industry,
    Park,
    SafetyAgreement,
)


class EnterpriseViewSet(TransitionMixin, ScopedModelViewSet):
    """Enterprises. A grade changes through ``POST …/{id}/transition/`` with
    ``{"transition": "grade_a" | "grade_b" | "grade_c" | "grade_d", "reason": "…"}``."""

    model = Enterprise
    serializer_class = s.EnterpriseSerializer
    filterset_class = EnterpriseFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("region", "industry")

    @extend_schema(responses=s.GradeChangeSerializer(many=True))
    @action(detail=True, methods=["get"])
    def grades(self, request, pk=None):
        """The grade timeline in the order grades took effect: who set which grade, effective
        when, recorded when, why, from which record."""
        rows = services.grade_history(self.get_object()).order_by("effective_on", "at", "id")
        return Response(s.GradeChangeSerializer(rows, many=True).data)

    @extend_schema(
        request=s.GradeTransitionRequestSerializer,
        responses={200: s.EnterpriseSerializer, 409: OpenApiResponse(TransitionRefusedSerializer)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def transition(self, request, pk=None):
        """``{"transition": "grade_a"…, "reason": "…", "effective_on": "YYYY-MM-DD"}``; the
        effective date defaults to today and may not lie in the future."""
        body = s.GradeTransitionRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        workflow = self.model.workflow
        transition = workflow.get(body.validated_data["transition"])
        if transition is None:
            raise ValidationError({"transition": _("No such action.")})
        if not request.user.has_perm(workflow.permission_for(self.model, transition)):
            raise PermissionDenied(_("You do not have permission to do this."))
        obj = self.get_object()
        try:
            services.change_grade(
                obj,
                grade=transition.target,
                reason=body.validated_data["reason"],
                actor=request.user,
                request=request,
                effective_on=body.validated_data["effective_on"],
            )
        except TransitionRefused as refused:
            return Response(
                {"detail": _("The action was refused."), "reasons": refused.reasons},
                status=status.HTTP_409_CONFLICT,
            )
        obj.refresh_from_db()
        return Response(self.get_serializer(obj).data)


class ParkViewSet(ScopedModelViewSet):
    model = Park
    serializer_class = s.ParkSerializer
    filterset_class = ParkFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("region")


class SafetyAgreementViewSet(ScopedModelViewSet):
    model = SafetyAgreement
    serializer_class = s.SafetyAgreementSerializer
    filterset_class = SafetyAgreementFilterSet


class IndustryViewSet(ScopedModelViewSet):
    model = Industry
    serializer_class = s.IndustrySerializer
    filterset_class = IndustryFilterSet


class GradeFrequencyViewSet(ScopedModelViewSet):
    model = GradeFrequency
    serializer_class = s.GradeFrequencySerializer
    filterset_class = GradeFrequencyFilterSet


class EnterpriseMembershipViewSet(ScopedModelViewSet):
    model = EnterpriseMembership
    serializer_class = s.EnterpriseMembershipSerializer
    filterset_class = EnterpriseMembershipFilterSet
