from anjian.core.api.routers import router
from anjian.enforcement.api.views import (
    CalendarDayViewSet,
    CasePenaltyViewSet,
    EnforcementCaseViewSet,
)

router.register("enforcement/cases", EnforcementCaseViewSet, basename="enforcementcase")
router.register("enforcement/penalties", CasePenaltyViewSet, basename="casepenalty")
router.register("enforcement/calendar", CalendarDayViewSet, basename="calendarday")

urlpatterns = []
