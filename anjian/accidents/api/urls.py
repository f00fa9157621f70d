from anjian.accidents.api import views
from anjian.core.api.routers import router

router.register("accidents/accidents", views.AccidentViewSet, basename="accident")
router.register("accidents/investigations", views.InvestigationViewSet, basename="investigation")
router.register("accidents/items", views.AccountabilityItemViewSet, basename="accountabilityitem")
router.register("accidents/criminal-steps", views.CriminalStepViewSet, basename="criminalstep")
router.register(
    "accidents/evidence", views.AccountabilityEvidenceViewSet, basename="accountabilityevidence"
)
router.register("accidents/recommendations", views.RecommendationViewSet, basename="recommendation")
router.register(
    "accidents/assignments",
    views.RecommendationAssignmentViewSet,
    basename="recommendationassignment",
)
router.register(
    "accidents/progress", views.ImplementationProgressViewSet, basename="implementationprogress"
)
router.register(
    "accidents/level-thresholds",
    views.AccidentLevelThresholdViewSet,
    basename="accidentlevelthreshold",
)

urlpatterns = []
