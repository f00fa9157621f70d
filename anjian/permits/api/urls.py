from anjian.core.api.routers import router
from anjian.permits.api.views import (
    AttachmentKindViewSet,
    BriefingViewSet,
    DelegationViewSet,
    EntryLogEntryViewSet,
    GasReadingViewSet,
    GasTestViewSet,
    GasThresholdViewSet,
    PermitAttachmentViewSet,
    PermitPersonViewSet,
    PermitViewSet,
)

router.register("permits/permits", PermitViewSet, basename="permit")
router.register("permits/people", PermitPersonViewSet, basename="permitperson")
router.register("permits/delegations", DelegationViewSet, basename="delegation")
router.register("permits/briefings", BriefingViewSet, basename="briefing")
router.register("permits/gas-tests", GasTestViewSet, basename="gastest")
router.register("permits/gas-readings", GasReadingViewSet, basename="gasreading")
router.register("permits/entry-log", EntryLogEntryViewSet, basename="entrylogentry")
router.register("permits/attachments", PermitAttachmentViewSet, basename="permitattachment")
router.register("permits/gas-thresholds", GasThresholdViewSet, basename="gasthreshold")
router.register("permits/attachment-kinds", AttachmentKindViewSet, basename="attachmentkind")

urlpatterns = []
