"""Delegations of approval (with the signed document), and the administrators' reference tables:
gas thresholds and attachment kinds."""

from __future__ import annotations

from django.urls import reverse

from anjian.core import views as generic
from anjian.core.file_views import ScopedFileView
from anjian.permits.filtersets import (
    AttachmentKindFilterSet,
    DelegationFilterSet,
    GasThresholdFilterSet,
)
from anjian.permits.forms import AttachmentKindForm, DelegationForm, GasThresholdForm
from anjian.permits.models import AttachmentKind, Delegation, GasThreshold
from anjian.permits.tables import AttachmentKindTable, DelegationTable, GasThresholdTable

__all__ = [
    "AttachmentKindDeleteView",
    "AttachmentKindDetailView",
    "AttachmentKindEditView",
    "AttachmentKindListView",
    "DelegationDeleteView",
    "DelegationDetailView",
    "DelegationDocumentView",
    "DelegationEditView",
    "DelegationListView",
    "GasThresholdDetailView",
    "GasThresholdEditView",
    "GasThresholdListView",
]


class DelegationListView(generic.ObjectListView):
    model = Delegation
    table_class = DelegationTable
    filterset_class = DelegationFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "delegate", "principal")


class DelegationDetailView(generic.ObjectDetailView):
    model = Delegation
    template_name = "permits/delegation_detail.html"
    fields = ["enterprise", "principal", "delegate", "valid_from", "valid_until", "note"]

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "delegate", "principal")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.document:
            context["document_url"] = reverse("permits:delegation_document", args=[self.object.pk])
        return context


class DelegationEditView(generic.ObjectEditView):
    model = Delegation
    form_class = DelegationForm


class DelegationDeleteView(generic.ObjectDeleteView):
    model = Delegation


def _delegation_file_view():
    """The permits-core ScopedFileView subclass of the delegation document when it exists."""
    try:
        from anjian.permits.file_views import DelegationDocumentView as view
    except ImportError:

        class view(ScopedFileView):
            model = Delegation
            file_field = "document"

    return view


DelegationDocumentView = _delegation_file_view()


class GasThresholdListView(generic.ObjectListView):
    model = GasThreshold
    table_class = GasThresholdTable
    filterset_class = GasThresholdFilterSet


class GasThresholdDetailView(generic.ObjectDetailView):
    model = GasThreshold
    fields = [
        "code",
        "name",
        "unit",
        "minimum",
        "maximum",
        "maximum_inclusive",
        "warn",
        "molar_mass",
        "source",
        "order",
        "active",
    ]

    def detail_fields(self):
        from django.utils.translation import gettext as _

        return [(_("limit"), self.object.limit_text), *super().detail_fields()]


class GasThresholdEditView(generic.ObjectEditView):
    model = GasThreshold
    form_class = GasThresholdForm


class AttachmentKindListView(generic.ObjectListView):
    model = AttachmentKind
    table_class = AttachmentKindTable
    filterset_class = AttachmentKindFilterSet


class AttachmentKindDetailView(generic.ObjectDetailView):
    model = AttachmentKind
    fields = ["code", "name", "required", "generated", "order", "active"]


class AttachmentKindEditView(generic.ObjectEditView):
    model = AttachmentKind
    form_class = AttachmentKindForm


class AttachmentKindDeleteView(generic.ObjectDeleteView):
    model = AttachmentKind
