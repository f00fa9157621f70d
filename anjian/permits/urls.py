"""Routes of the permits pages. Mounted at the site root (``anjian/urls.py``): every path starts
with ``permits/`` so that the documents' routes (``urls_documents``) sit beside the permit's."""

from importlib.util import find_spec

from django.urls import include, path

from anjian.core.urls_helpers import model_urls
from anjian.permits import views
from anjian.permits.models import AttachmentKind, Delegation, GasThreshold, Permit

app_name = "permits"

P = "permits/"

urlpatterns = [
    path(f"{P}inbox/", views.PermitInboxView.as_view(), name="permit_inbox"),
    path(f"{P}inbox/count/", views.InboxBadgeView.as_view(), name="permit_inbox_count"),
    path(f"{P}<int:pk>/readiness/", views.PermitReadinessView.as_view(), name="permit_readiness"),
    path(f"{P}<int:pk>/site/", views.SiteView.as_view(), name="permit_site"),
    path(f"{P}<int:pk>/site/entry/", views.SiteEntryView.as_view(), name="permit_site_entry"),
    path(f"{P}<int:pk>/site/move/", views.SiteMoveView.as_view(), name="permit_site_move"),
    path(f"{P}<int:pk>/site-checks/", views.SiteChecksView.as_view(), name="permit_site_checks"),
    path(f"{P}<int:pk>/acknowledge/", views.AcknowledgeView.as_view(), name="permit_acknowledge"),
    path(f"{P}<int:pk>/approve/", views.ApproveView.as_view(), name="permit_approve"),
    path(f"{P}<int:pk>/complete/", views.CompleteView.as_view(), name="permit_complete"),
    path(f"{P}<int:pk>/accept/", views.AcceptView.as_view(), name="permit_accept"),
    path(f"{P}<int:pk>/people/add/", views.PermitPersonAddView.as_view(), name="permit_person_add"),
    path(
        f"{P}people/<int:pk>/remove/",
        views.PermitPersonRemoveView.as_view(),
        name="permitperson_remove",
    ),
    path(
        f"{P}<int:pk>/attachments/add/",
        views.PermitAttachmentAddView.as_view(),
        name="permit_attachment_add",
    ),
    path(
        f"{P}attachments/<int:pk>/remove/",
        views.PermitAttachmentRemoveView.as_view(),
        name="permitattachment_remove",
    ),
    path(
        f"{P}attachments/<int:pk>/file/",
        views.PermitAttachmentFileView.as_view(),
        name="permitattachment_file",
    ),
    path(
        f"{P}<int:pk>/agreement/",
        views.PermitAgreementFileView.as_view(),
        name="permit_agreement",
    ),
    path(f"{P}<int:pk>/gas-tests/add/", views.GasTestAddView.as_view(), name="gastest_add"),
    path(f"{P}gas-tests/<int:pk>/", views.GasTestDetailView.as_view(), name="gastest_detail"),
    path(
        f"{P}delegations/<int:pk>/document/",
        views.DelegationDocumentView.as_view(),
        name="delegation_document",
    ),
    *model_urls(
        Delegation,
        prefix=f"{P}delegations/",
        list_view=views.DelegationListView,
        detail_view=views.DelegationDetailView,
        create_view=views.DelegationEditView,
        update_view=views.DelegationEditView,
        delete_view=views.DelegationDeleteView,
    ),
    *model_urls(
        GasThreshold,
        prefix=f"{P}gas-thresholds/",
        list_view=views.GasThresholdListView,
        detail_view=views.GasThresholdDetailView,
        create_view=views.GasThresholdEditView,
        update_view=views.GasThresholdEditView,
    ),
    *model_urls(
        AttachmentKind,
        prefix=f"{P}attachment-kinds/",
        list_view=views.AttachmentKindListView,
        detail_view=views.AttachmentKindDetailView,
        create_view=views.AttachmentKindEditView,
        update_view=views.AttachmentKindEditView,
        delete_view=views.AttachmentKindDeleteView,
    ),
    *model_urls(
        Permit,
        prefix=P,
        list_view=views.PermitListView,
        detail_view=views.PermitDetailView,
        create_view=views.PermitEditView,
        update_view=views.PermitEditView,
        transition_view=views.PermitTransitionView,
    ),
    # The print page and the Word documents (the documents' own module) when present.
    *(
        [path("", include("anjian.permits.urls_documents"))]
        if find_spec(f"{__package__}.urls_documents")
        else []
    ),
]
