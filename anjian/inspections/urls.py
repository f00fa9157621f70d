from django.urls import path

from anjian.core.urls_helpers import model_urls
from anjian.inspections import views
from anjian.inspections.models import Campaign, ChecklistTemplate, Inspection, LegalBasis

app_name = "inspections"

urlpatterns = [
    path(
        "<int:pk>/document/<slug:kind>/",
        views.InspectionDocumentView.as_view(),
        name="inspection_document",
    ),
    path("items/<int:pk>/record/", views.ItemRecordView.as_view(), name="inspectionitem_record"),
    path("items/<int:pk>/hazard/", views.ItemHazardView.as_view(), name="inspectionitem_hazard"),
    path("items/<int:pk>/photo/", views.ItemPhotoView.as_view(), name="inspectionitem_photo"),
    path("campaigns/<int:pk>/tasks/", views.CampaignTasksView.as_view(), name="campaign_tasks"),
    *model_urls(
        Inspection,
        list_view=views.InspectionListView,
        detail_view=views.InspectionDetailView,
        create_view=views.InspectionEditView,
        update_view=views.InspectionEditView,
        delete_view=views.InspectionDeleteView,
        transition_view=views.InspectionTransitionView,
    ),
    *model_urls(
        Campaign,
        prefix="campaigns/",
        list_view=views.CampaignListView,
        detail_view=views.CampaignDetailView,
        create_view=views.CampaignEditView,
        update_view=views.CampaignEditView,
        delete_view=views.CampaignDeleteView,
    ),
    *model_urls(
        ChecklistTemplate,
        prefix="checklists/",
        list_view=views.ChecklistTemplateListView,
        detail_view=views.ChecklistTemplateDetailView,
        create_view=views.ChecklistTemplateEditView,
        update_view=views.ChecklistTemplateEditView,
        delete_view=views.ChecklistTemplateDeleteView,
    ),
    *model_urls(
        LegalBasis,
        prefix="legal-bases/",
        list_view=views.LegalBasisListView,
        detail_view=views.LegalBasisDetailView,
        create_view=views.LegalBasisEditView,
        update_view=views.LegalBasisEditView,
        delete_view=views.LegalBasisDeleteView,
    ),
]
