from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.core.api.viewsets import ScopedModelViewSet, TransitionMixin
from anjian.core.workflow import timeline
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
        """The grade timeline: who set which grade, when, why, from which record."""
        rows = timeline(self.get_object())
        return Response(s.GradeChangeSerializer(rows, many=True).data)


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
