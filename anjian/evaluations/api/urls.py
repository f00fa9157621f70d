from anjian.core.api.routers import router
from anjian.evaluations.api.views import (
    DisclosurePolicyViewSet,
    EvaluationViewSet,
    FindingViewSet,
    ItemVerdictViewSet,
    RecommendationVerdictViewSet,
    SpotCheckViewSet,
)

router.register("evaluations/evaluations", EvaluationViewSet, basename="evaluation")
router.register("evaluations/item-verdicts", ItemVerdictViewSet, basename="itemverdict")
router.register(
    "evaluations/recommendation-verdicts",
    RecommendationVerdictViewSet,
    basename="recommendationverdict",
)
router.register("evaluations/spot-checks", SpotCheckViewSet, basename="spotcheck")
router.register("evaluations/findings", FindingViewSet, basename="finding")
router.register("evaluations/disclosure", DisclosurePolicyViewSet, basename="disclosurepolicy")

urlpatterns = []
