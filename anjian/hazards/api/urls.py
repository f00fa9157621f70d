from anjian.core.api.routers import router
from anjian.hazards.api.views import (
    HazardViewSet,
    MajorHazardCriterionViewSet,
    PublicReportViewSet,
    VerificationTierViewSet,
)

router.register("hazards/hazards", HazardViewSet, basename="hazard")
router.register("hazards/public-reports", PublicReportViewSet, basename="publicreport")
router.register("hazards/criteria", MajorHazardCriterionViewSet, basename="majorhazardcriterion")
router.register("hazards/tiers", VerificationTierViewSet, basename="verificationtier")

urlpatterns = []
