from django.urls import path

from anjian.core.urls_helpers import model_urls
from anjian.spaces import views
from anjian.spaces.models import ConfinedSpace, SafetyEquipment, SpaceRiskAssessment

app_name = "spaces"

urlpatterns = [
    path("<int:pk>/label/", views.ConfinedSpaceLabelView.as_view(), name="confinedspace_label"),
    path("<int:pk>/photo/", views.ConfinedSpacePhotoView.as_view(), name="confinedspace_photo"),
    *model_urls(
        ConfinedSpace,
        list_view=views.ConfinedSpaceListView,
        detail_view=views.ConfinedSpaceDetailView,
        create_view=views.ConfinedSpaceEditView,
        update_view=views.ConfinedSpaceEditView,
        delete_view=views.ConfinedSpaceDeleteView,
        import_view=views.ConfinedSpaceImportView,
        template_view=views.ConfinedSpaceImportTemplateView,
    ),
    *model_urls(
        SpaceRiskAssessment,
        prefix="assessments/",
        list_view=views.SpaceRiskAssessmentListView,
        detail_view=views.SpaceRiskAssessmentDetailView,
        create_view=views.SpaceRiskAssessmentEditView,
        update_view=views.SpaceRiskAssessmentEditView,
        delete_view=views.SpaceRiskAssessmentDeleteView,
    ),
    *model_urls(
        SafetyEquipment,
        prefix="equipment/",
        list_view=views.SafetyEquipmentListView,
        detail_view=views.SafetyEquipmentDetailView,
        create_view=views.SafetyEquipmentEditView,
        update_view=views.SafetyEquipmentEditView,
        delete_view=views.SafetyEquipmentDeleteView,
        import_view=views.SafetyEquipmentImportView,
        template_view=views.SafetyEquipmentImportTemplateView,
    ),
]
