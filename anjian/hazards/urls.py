from django.urls import path

from anjian.core.urls_helpers import model_urls
from anjian.hazards import views, views_public
from anjian.hazards.models import Hazard, MajorHazardCriterion, PublicReport, VerificationTier

app_name = "hazards"

urlpatterns = [
    path("<int:pk>/photos/add/", views.HazardPhotoAddView.as_view(), name="hazard_photo_add"),
    path("<int:pk>/submit/", views.HazardSubmitView.as_view(), name="hazard_submit"),
    path("photos/<int:pk>/file/", views.HazardPhotoFileView.as_view(), name="hazardphoto_file"),
    path("self-reporting/", views.SelfReportingView.as_view(), name="self_reporting"),
    path(
        "flag-missing-agreements/",
        views.FlagAgreementsView.as_view(),
        name="flag_missing_agreements",
    ),
    *model_urls(
        Hazard,
        list_view=views.HazardListView,
        detail_view=views.HazardDetailView,
        create_view=views.HazardEditView,
        update_view=views.HazardEditView,
        delete_view=views.HazardDeleteView,
        transition_view=views.HazardTransitionView,
        import_view=views.HazardImportView,
        template_view=views.HazardImportTemplateView,
    ),
    path(
        "public-reports/<int:pk>/accept/",
        views_public.PublicReportAcceptView.as_view(),
        name="publicreport_accept",
    ),
    path(
        "public-reports/photos/<int:pk>/file/",
        views_public.PublicReportPhotoFileView.as_view(),
        name="publicreportphoto_file",
    ),
    *model_urls(
        PublicReport,
        prefix="public-reports/",
        list_view=views_public.PublicReportListView,
        detail_view=views_public.PublicReportDetailView,
        transition_view=views_public.PublicReportTransitionView,
    ),
    *model_urls(
        MajorHazardCriterion,
        prefix="criteria/",
        list_view=views.MajorHazardCriterionListView,
        detail_view=views.MajorHazardCriterionDetailView,
        create_view=views.MajorHazardCriterionEditView,
        update_view=views.MajorHazardCriterionEditView,
        delete_view=views.MajorHazardCriterionDeleteView,
    ),
    *model_urls(
        VerificationTier,
        prefix="tiers/",
        list_view=views.VerificationTierListView,
        detail_view=views.VerificationTierDetailView,
        create_view=views.VerificationTierEditView,
        update_view=views.VerificationTierEditView,
        delete_view=views.VerificationTierDeleteView,
    ),
]
