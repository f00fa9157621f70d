from anjian.core.api.routers import router
from anjian.inspections.api.views import (
    CampaignViewSet,
    ChecklistTemplateViewSet,
    InspectionItemViewSet,
    InspectionViewSet,
    LegalBasisViewSet,
)

router.register("inspections/inspections", InspectionViewSet, basename="inspection")
router.register("inspections/items", InspectionItemViewSet, basename="inspectionitem")
router.register("inspections/campaigns", CampaignViewSet, basename="campaign")
router.register("inspections/checklists", ChecklistTemplateViewSet, basename="checklisttemplate")
router.register("inspections/legal-bases", LegalBasisViewSet, basename="legalbasis")

urlpatterns = []
