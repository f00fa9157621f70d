from django.urls import path

from anjian.core.urls_helpers import model_urls
from anjian.enterprises import views as v
from anjian.enterprises.models import (
    Enterprise,
    EnterpriseMembership,
    GradeFrequency,
    Industry,
    Park,
    SafetyAgreement,
)

app_name = "enterprises"


def _crud(model, prefix, list_view, detail, edit, delete, **extra):
    return model_urls(
        model,
        prefix=prefix,
        list_view=list_view,
        detail_view=detail,
        create_view=edit,
        update_view=edit,
        delete_view=delete,
        **extra,
    )


urlpatterns = [
    path("tenants-without-agreement/", v.TenantGapListView.as_view(), name="tenant_gap_list"),
    path(
        "agreements/<int:pk>/document/",
        v.SafetyAgreementDocumentView.as_view(),
        name="safetyagreement_document",
    ),
    *_crud(Park, "parks/", v.ParkListView, v.ParkDetailView, v.ParkEditView, v.ParkDeleteView),
    *_crud(
        SafetyAgreement,
        "agreements/",
        v.SafetyAgreementListView,
        v.SafetyAgreementDetailView,
        v.SafetyAgreementEditView,
        v.SafetyAgreementDeleteView,
    ),
    *_crud(
        Industry,
        "industries/",
        v.IndustryListView,
        v.IndustryDetailView,
        v.IndustryEditView,
        v.IndustryDeleteView,
    ),
    *_crud(
        GradeFrequency,
        "frequencies/",
        v.GradeFrequencyListView,
        v.GradeFrequencyDetailView,
        v.GradeFrequencyEditView,
        v.GradeFrequencyDeleteView,
    ),
    *_crud(
        EnterpriseMembership,
        "accounts/",
        v.EnterpriseMembershipListView,
        v.EnterpriseMembershipDetailView,
        v.EnterpriseMembershipEditView,
        v.EnterpriseMembershipDeleteView,
    ),
    *_crud(
        Enterprise,
        "",
        v.EnterpriseListView,
        v.EnterpriseDetailView,
        v.EnterpriseEditView,
        v.EnterpriseDeleteView,
        transition_view=v.EnterpriseTransitionView,
        import_view=v.EnterpriseImportView,
        template_view=v.EnterpriseImportTemplateView,
    ),
]
