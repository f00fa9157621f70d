from anjian.core.api.routers import router
from anjian.hazards.api.views import (
    HazardPhotoViewSet,
    HazardVerificationViewSet,
    HazardViewSet,
    MajorHazardCriterionViewSet,
    PublicReportPhotoViewSet,
    PublicReportViewSet,
    VerificationTierViewSet,
)

router.register("hazards/hazards", HazardViewSet, basename="hazard")
router.register("hazards/public-reports", PublicReportViewSet, basename="publicreport")
router.register("hazards/photos", HazardPhotoViewSet, basename="hazardphoto")
router.register("hazards/verifications", HazardVerificationViewSet, basename="hazardverification")
router.register(
    "hazards/public-report-photos", PublicReportPhotoViewSet, basename="publicreportphoto"
)
router.register("hazards/criteria", MajorHazardCriterionViewSet, basename="majorhazardcriterion")
router.register("hazards/tiers", VerificationTierViewSet, basename="verificationtier")

urlpatterns = []
