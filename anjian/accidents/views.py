"""Pages of accidents: declarations over the generic views. The accident's record shows its
investigation, accountability items (with the enforcement case's amount and fulfilment) and
recommendations with each assignee's progress; files are served through ``ScopedFileView``."""

from __future__ import annotations

from anjian.accidents import filtersets, forms, rules, tables
from anjian.accidents.ledger import AccidentLedger
from anjian.accidents.models import (
    Accident,
    AccidentLevelThreshold,
    AccountabilityEvidence,
    AccountabilityItem,
    CriminalStep,
    ImplementationProgress,
    Investigation,
    Recommendation,
    RecommendationAssignment,
)
from anjian.core import views as generic
from anjian.core.file_views import ScopedFileView
from anjian.core.scoping import is_visible

# A form opened from a record's page is pre-filled with it (?accident=…, ?item=…).
PREFILL = ("accident", "item", "recommendation", "assignment", "enterprise")


class PrefilledEditView(generic.ObjectEditView):
    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        if data is None and self.object is None:
            for name in PREFILL:
                value = self.request.GET.get(name, "")
                if name in form.fields and value.isdigit():
                    form.initial[name] = int(value)
        return form


class AccidentListView(generic.ObjectListView):
    model = Accident
    table_class = tables.AccidentTable
    filterset_class = filtersets.AccidentFilterSet
    ledger_class = AccidentLedger

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "region")


class AccidentEditView(PrefilledEditView):
    model = Accident
    form_class = forms.AccidentForm


class AccidentDeleteView(generic.ObjectDeleteView):
    model = Accident


class AccidentImportView(generic.ImportView):
    model = Accident
    ledger_class = AccidentLedger


class AccidentImportTemplateView(generic.ImportTemplateView):
    model = Accident
    ledger_class = AccidentLedger


class InvestigationListView(generic.ObjectListView):
    model = Investigation
    table_class = tables.InvestigationTable
    filterset_class = filtersets.InvestigationFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("accident", "region")


class InvestigationEditView(PrefilledEditView):
    model = Investigation
    form_class = forms.InvestigationForm


class InvestigationDeleteView(generic.ObjectDeleteView):
    model = Investigation


class AccountabilityItemListView(generic.ObjectListView):
    model = AccountabilityItem
    table_class = tables.AccountabilityItemTable
    filterset_class = filtersets.AccountabilityItemFilterSet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "accident", "organization", "executing_organization", "enforcement_case"
            )
        )


class AccountabilityItemEditView(PrefilledEditView):
    model = AccountabilityItem
    form_class = forms.AccountabilityItemForm


class AccountabilityItemDeleteView(generic.ObjectDeleteView):
    model = AccountabilityItem


class CriminalStepListView(generic.ObjectListView):
    model = CriminalStep
    table_class = tables.CriminalStepTable
    filterset_class = filtersets.CriminalStepFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("item", "region")


class CriminalStepEditView(PrefilledEditView):
    model = CriminalStep
    form_class = forms.CriminalStepForm


class CriminalStepDeleteView(generic.ObjectDeleteView):
    model = CriminalStep


class AccountabilityEvidenceListView(generic.ObjectListView):
    model = AccountabilityEvidence
    table_class = tables.AccountabilityEvidenceTable
    filterset_class = filtersets.AccountabilityEvidenceFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("item", "region")


class AccountabilityEvidenceEditView(PrefilledEditView):
    model = AccountabilityEvidence
    form_class = forms.AccountabilityEvidenceForm


class AccountabilityEvidenceDeleteView(generic.ObjectDeleteView):
    model = AccountabilityEvidence


class RecommendationListView(generic.ObjectListView):
    model = Recommendation
    table_class = tables.RecommendationTable
    filterset_class = filtersets.RecommendationFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("accident", "region")


class RecommendationEditView(PrefilledEditView):
    model = Recommendation
    form_class = forms.RecommendationForm


class RecommendationDeleteView(generic.ObjectDeleteView):
    model = Recommendation


class RecommendationAssignmentListView(generic.ObjectListView):
    model = RecommendationAssignment
    table_class = tables.RecommendationAssignmentTable
    filterset_class = filtersets.RecommendationAssignmentFilterSet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("recommendation", "organization", "enterprise", "region")
        )


class RecommendationAssignmentEditView(PrefilledEditView):
    model = RecommendationAssignment
    form_class = forms.RecommendationAssignmentForm


class RecommendationAssignmentDeleteView(generic.ObjectDeleteView):
    model = RecommendationAssignment


class ImplementationProgressListView(generic.ObjectListView):
    model = ImplementationProgress
    table_class = tables.ImplementationProgressTable
    filterset_class = filtersets.ImplementationProgressFilterSet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "assignment__recommendation",
                "assignment__organization",
                "assignment__enterprise",
                "region",
            )
        )


class ImplementationProgressEditView(PrefilledEditView):
    model = ImplementationProgress
    form_class = forms.ImplementationProgressForm


class ImplementationProgressDeleteView(generic.ObjectDeleteView):
    model = ImplementationProgress


class AccidentLevelThresholdListView(generic.ObjectListView):
    model = AccidentLevelThreshold
    table_class = tables.AccidentLevelThresholdTable
    filterset_class = filtersets.AccidentLevelThresholdFilterSet

    def get_queryset(self):
        return super().get_queryset()


class AccidentLevelThresholdEditView(PrefilledEditView):
    model = AccidentLevelThreshold
    form_class = forms.AccidentLevelThresholdForm


class AccidentLevelThresholdDeleteView(generic.ObjectDeleteView):
    model = AccidentLevelThreshold


# --- records ----------------------------------------------------------------------------------------
class AccidentDetailView(generic.ObjectDetailView):
    model = Accident
    template_name = "accidents/accident_detail.html"
    fields = [
        "name",
        "occurred_at",
        "place",
        "enterprise",
        "region",
        "space",
        "permit",
        "kind",
        "deaths",
        "serious_injuries",
        "injuries",
        "direct_loss",
        "level",
        "investigating_region",
        "summary",
        "notes",
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("enterprise", "region", "space", "permit", "investigating_region")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        accident = self.object
        user = self.request.user
        investigation = (
            Investigation.objects.restrict(user, "view")
            .filter(accident=accident)
            .prefetch_related("team")
            .first()
        )
        items = list(
            AccountabilityItem.objects.restrict(user, "view")
            .filter(accident=accident)
            .select_related("organization", "executing_organization", "enforcement_case")
            .prefetch_related("criminal_steps", "evidence")
        )
        assignments = (
            RecommendationAssignment.objects.restrict(user, "view")
            .filter(recommendation__accident=accident)
            .select_related("organization", "enterprise")
            .prefetch_related("progress")
        )
        by_recommendation = {}
        for assignment in assignments:
            by_recommendation.setdefault(assignment.recommendation_id, []).append(assignment)
        recommendations = [
            (r, by_recommendation.get(r.pk, []))
            for r in Recommendation.objects.restrict(user, "view").filter(accident=accident)
        ]
        context.update(
            {
                "investigation": investigation,
                "items": items,
                "recommendations": recommendations,
                "can_add_item": user.has_perm("accidents.add_accountabilityitem")
                and is_visible(accident, user, "change"),
                "can_add_recommendation": user.has_perm("accidents.add_recommendation")
                and is_visible(accident, user, "change"),
                "can_add_progress": user.has_perm("accidents.add_implementationprogress"),
            }
        )
        return context


class InvestigationDetailView(generic.ObjectDetailView):
    model = Investigation
    fields = [
        "accident",
        "due_on",
        "extended_due_on",
        "extension_reason",
        "approved_by",
        "approved_on",
        "approval_number",
        "published_on",
        "published_url",
        "report",
        "notes",
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("accident")


class AccountabilityItemDetailView(generic.ObjectDetailView):
    model = AccountabilityItem
    template_name = "accidents/accountabilityitem_detail.html"
    fields = [
        "accident",
        "subject_kind",
        "organization",
        "person_name",
        "political_status",
        "position",
        "person_organization",
        "track",
        "recommended_action",
        "executing_organization",
        "executing_body",
        "legal_basis",
        "outcome",
        "outcome_on",
        "document_number",
        "amount",
        "status",
        "enforcement_case",
        "notes",
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "accident", "organization", "executing_organization", "enforcement_case"
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        user = self.request.user
        case = None
        if item.enforcement_case_id:
            from anjian.enforcement.models import EnforcementCase

            case = (
                EnforcementCase.objects.restrict(user, "view")
                .filter(pk=item.enforcement_case_id)
                .first()
            )
        context.update(
            {
                "case": case,
                "steps": list(CriminalStep.objects.restrict(user, "view").filter(item=item)),
                "evidence": list(
                    AccountabilityEvidence.objects.restrict(user, "view").filter(item=item)
                ),
                # The executing organisation's user edits the outcome only: the page says so.
                "reports_outcome": context.get("can_change")
                and rules.item_fields_open_to(user, item) is not None,
                "can_add_step": item.track == "criminal"
                and user.has_perm("accidents.add_criminalstep"),
                "can_add_evidence": user.has_perm("accidents.add_accountabilityevidence"),
            }
        )
        return context


class CriminalStepDetailView(generic.ObjectDetailView):
    model = CriminalStep
    fields = ["item", "step", "on", "measure", "document_number", "body"]


class AccountabilityEvidenceDetailView(generic.ObjectDetailView):
    model = AccountabilityEvidence
    fields = ["item", "file", "caption", "uploaded_by"]


class RecommendationDetailView(generic.ObjectDetailView):
    model = Recommendation
    template_name = "accidents/recommendation_detail.html"
    fields = ["accident", "number", "text", "notes"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["assignments"] = list(
            RecommendationAssignment.objects.restrict(user, "view")
            .filter(recommendation=self.object)
            .select_related("organization", "enterprise")
            .prefetch_related("progress")
        )
        context["can_add_progress"] = user.has_perm("accidents.add_implementationprogress")
        context["can_assign"] = user.has_perm("accidents.add_recommendationassignment")
        return context


class RecommendationAssignmentDetailView(generic.ObjectDetailView):
    model = RecommendationAssignment
    fields = ["recommendation", "organization", "enterprise"]


class ImplementationProgressDetailView(generic.ObjectDetailView):
    model = ImplementationProgress
    fields = ["assignment", "reported_on", "text", "file", "reported_by"]


class AccidentLevelThresholdDetailView(generic.ObjectDetailView):
    model = AccidentLevelThreshold
    fields = ["level", "min_deaths", "min_serious_injuries", "min_direct_loss", "notes"]


# --- files ------------------------------------------------------------------------------------------
class InvestigationReportFileView(ScopedFileView):
    model = Investigation
    file_field = "report"


class AccountabilityEvidenceFileView(ScopedFileView):
    model = AccountabilityEvidence
    file_field = "file"


class ImplementationProgressFileView(ScopedFileView):
    model = ImplementationProgress
    file_field = "file"
