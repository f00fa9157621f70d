from anjian.core.api.routers import router
from anjian.training.api.views import (
    ActivityViewSet,
    AttendanceViewSet,
    CertificateViewSet,
    DrillViewSet,
    PersonViewSet,
    SpecialCertificateViewSet,
    TrainingSessionViewSet,
    TrainingValidityViewSet,
)

router.register("training/people", PersonViewSet, basename="person")
router.register("training/sessions", TrainingSessionViewSet, basename="trainingsession")
router.register("training/attendances", AttendanceViewSet, basename="attendance")
router.register("training/certificates", CertificateViewSet, basename="certificate")
router.register(
    "training/special-certificates", SpecialCertificateViewSet, basename="specialcertificate"
)
router.register("training/drills", DrillViewSet, basename="drill")
router.register("training/activities", ActivityViewSet, basename="activity")
router.register("training/validity", TrainingValidityViewSet, basename="trainingvalidity")

urlpatterns = []
