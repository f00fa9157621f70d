from anjian.core.api.viewsets import ScopedModelViewSet
from anjian.spaces.api.serializers import (
    ConfinedSpaceSerializer,
    SafetyEquipmentSerializer,
    SpaceRiskAssessmentSerializer,
)
from anjian.spaces.filtersets import (
    ConfinedSpaceFilterSet,
    SafetyEquipmentFilterSet,
    SpaceRiskAssessmentFilterSet,
)
from anjian.spaces.models import ConfinedSpace, SafetyEquipment, SpaceRiskAssessment


class ConfinedSpaceViewSet(ScopedModelViewSet):
    model = ConfinedSpace
    serializer_class = ConfinedSpaceSerializer
    filterset_class = ConfinedSpaceFilterSet


class SpaceRiskAssessmentViewSet(ScopedModelViewSet):
    model = SpaceRiskAssessment
    serializer_class = SpaceRiskAssessmentSerializer
    filterset_class = SpaceRiskAssessmentFilterSet


class SafetyEquipmentViewSet(ScopedModelViewSet):
    model = SafetyEquipment
    serializer_class = SafetyEquipmentSerializer
    filterset_class = SafetyEquipmentFilterSet
