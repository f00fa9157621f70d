"""The accidents API: the same filtersets, scope and services as the pages."""

from anjian.accidents import filtersets
from anjian.accidents.api import serializers
from anjian.accidents.models import (
    Accident,
    AccidentLevelThreshold,
    AccountabilityEvidence,
    AccountabilityItem,
    CriminalStep,
    ImplementationProgress,
    Investigation,
    Recommendation,
    RecommendationAssignment,
)
from anjian.core.api.viewsets import ScopedModelViewSet


class AccidentViewSet(ScopedModelViewSet):
    model = Accident
    serializer_class = serializers.AccidentSerializer
    filterset_class = filtersets.AccidentFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise")


class InvestigationViewSet(ScopedModelViewSet):
    model = Investigation
    serializer_class = serializers.InvestigationSerializer
    filterset_class = filtersets.InvestigationFilterSet

    def get_queryset(self):
        return super().get_queryset().prefetch_related("team")


class AccountabilityItemViewSet(ScopedModelViewSet):
    model = AccountabilityItem
    serializer_class = serializers.AccountabilityItemSerializer
    filterset_class = filtersets.AccountabilityItemFilterSet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organization", "executing_organization", "enforcement_case")
            .prefetch_related("criminal_steps")
        )


class CriminalStepViewSet(ScopedModelViewSet):
    model = CriminalStep
    serializer_class = serializers.CriminalStepSerializer
    filterset_class = filtersets.CriminalStepFilterSet


class AccountabilityEvidenceViewSet(ScopedModelViewSet):
    model = AccountabilityEvidence
    serializer_class = serializers.AccountabilityEvidenceSerializer
    filterset_class = filtersets.AccountabilityEvidenceFilterSet


class RecommendationViewSet(ScopedModelViewSet):
    model = Recommendation
    serializer_class = serializers.RecommendationSerializer
    filterset_class = filtersets.RecommendationFilterSet


class RecommendationAssignmentViewSet(ScopedModelViewSet):
    model = RecommendationAssignment
    serializer_class = serializers.RecommendationAssignmentSerializer
    filterset_class = filtersets.RecommendationAssignmentFilterSet


class ImplementationProgressViewSet(ScopedModelViewSet):
    model = ImplementationProgress
    serializer_class = serializers.ImplementationProgressSerializer
    filterset_class = filtersets.ImplementationProgressFilterSet


class AccidentLevelThresholdViewSet(ScopedModelViewSet):
    model = AccidentLevelThreshold
    serializer_class = serializers.AccidentLevelThresholdSerializer
    filterset_class = filtersets.AccidentLevelThresholdFilterSet
