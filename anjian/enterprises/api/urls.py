from anjian.core.api.routers import router
from anjian.enterprises.api import views

router.register("enterprises", views.EnterpriseViewSet, basename="enterprise")
router.register("parks", views.ParkViewSet, basename="park")
router.register("agreements", views.SafetyAgreementViewSet, basename="safetyagreement")
router.register("industries", views.IndustryViewSet, basename="industry")
router.register("grade-frequencies", views.GradeFrequencyViewSet, basename="gradefrequency")
router.register(
    "enterprise-accounts", views.EnterpriseMembershipViewSet, basename="enterprisemembership"
)
