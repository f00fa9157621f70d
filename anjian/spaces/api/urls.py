from anjian.core.api.routers import router
from anjian.spaces.api.views import (
    ConfinedSpaceViewSet,
    SafetyEquipmentViewSet,
    SpaceRiskAssessmentViewSet,
)

router.register("spaces/spaces", ConfinedSpaceViewSet, basename="confinedspace")
router.register("spaces/assessments", SpaceRiskAssessmentViewSet, basename="spaceriskassessment")
router.register("spaces/equipment", SafetyEquipmentViewSet, basename="safetyequipment")

urlpatterns = []
