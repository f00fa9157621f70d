"""Pages of enforcement: the case list, the record with its legal bases and penalties, the form,
the moves (through ``services.transition``), the penalty decision as a Word document, the totals
by period and area, and the working-day calendar."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from anjian.core import views as generic
from anjian.core.documents import DocumentView
from anjian.core.scoping import is_visible
from anjian.core.workflow import TransitionRefused
from anjian.enforcement import documents, rules, services
from anjian.enforcement.choices import DECIDED_STATUSES, Period
from anjian.enforcement.filtersets import (
    CalendarDayFilterSet,
    CasePenaltyFilterSet,
    EnforcementCaseFilterSet,
    TotalsFilterSet,
)
from anjian.enforcement.forms import CalendarDayForm, CasePenaltyForm, EnforcementCaseForm
from anjian.enforcement.ledger import EnforcementCaseLedger
from anjian.enforcement.models import CalendarDay, CasePenalty, EnforcementCase
from anjian.enforcement.tables import (
    CalendarDayTable,
    CasePenaltyTable,
    EnforcementCaseTable,
    publication_badge,
    repeat_badge,
)


# --- cases ----------------------------------------------------------------------------------------
class EnforcementCaseListView(generic.ObjectListView):
    model = EnforcementCase
    table_class = EnforcementCaseTable
    filterset_class = EnforcementCaseFilterSet
    ledger_class = EnforcementCaseLedger

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise")


class EnforcementCaseDetailView(generic.ObjectDetailView):
    model = EnforcementCase
    template_name = "enforcement/enforcementcase_detail.html"
    fields = [
        "party_kind",
        "enterprise",
        "person_name",
        "person_position",
        "person_organization",
        "region",
        "inspection",
        "hazard",
        "opened_on",
        "facts",
        "decision_number",
        "decision_date",
        "total_fine",
        "fulfilled_on",
        "publication_due",
        "published_on",
        "publication_place",
        "publication_url",
        "notes",
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("enterprise", "region", "inspection", "hazard", "opened_by")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        user = self.request.user
        editable = case.status not in DECIDED_STATUSES and is_visible(case, user, "change")
        context.update(
            {
                "penalties": list(case.penalties.select_related("legal_basis")),
                "publication_badge": publication_badge(case),
                "repeat_badge": repeat_badge(case),
                "repeat_now": case.party_kind == "enterprise"
                and rules.repeat_offender(case.enterprise_id),
                "can_add_penalty": editable and user.has_perm("enforcement.add_casepenalty"),
                "can_change_penalty": editable and user.has_perm("enforcement.change_casepenalty"),
                "document_url": reverse(
                    "enforcement:enforcementcase_document", args=[case.pk, "decision"]
                ),
            }
        )
        return context


class EnforcementCaseEditView(generic.ObjectEditView):
    model = EnforcementCase
    form_class = EnforcementCaseForm
    template_name = "enforcement/enforcementcase_form.html"

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        if data is None and self.object is None:
            for name in ("enterprise", "inspection", "hazard"):
                value = self.request.GET.get(name, "")
                if value.isdigit():
                    form.initial[name] = int(value)
            # A case opened from an inspection or a hazard is against its enterprise.
            if "enterprise" not in form.initial:
                from anjian.hazards.models import Hazard
                from anjian.inspections.models import Inspection

                for name, model in (("inspection", Inspection), ("hazard", Hazard)):
                    origin = (
                        model.objects.restrict(self.request.user, "view")
                        .filter(pk=form.initial.get(name))
                        .values_list("enterprise_id", flat=True)
                        .first()
                        if form.initial.get(name)
                        else None
                    )
                    if origin:
                        form.initial["enterprise"] = origin
                        break
        return form


class EnforcementCaseDeleteView(generic.ObjectDeleteView):
    model = EnforcementCase


class EnforcementCaseTransitionView(generic.TransitionView):
    """Every move through ``services.transition`` (a decision raises the grade once)."""

    model = EnforcementCase

    def post(self, request, *args, **kwargs):
        reason = request.POST.get("reason", "")
        try:
            services.transition(
                self.object,
                self.transition.name,
                actor=request.user,
                reason=reason,
                request=request,
            )
        except TransitionRefused as refused:
            context = self.get_context_data(reasons=refused.reasons, reason=reason)
            return self.render_to_response(context, status=409)
        messages.success(request, _("Done: %(action)s.") % {"action": self.transition.label})
        return redirect("enforcement:enforcementcase_detail", pk=self.object.pk)


class EnforcementCaseImportView(generic.ImportView):
    model = EnforcementCase
    ledger_class = EnforcementCaseLedger


class EnforcementCaseImportTemplateView(generic.ImportTemplateView):
    model = EnforcementCase
    ledger_class = EnforcementCaseLedger


class CaseDocumentView(DocumentView):
    """``cases/<pk>/document/decision/``: the penalty decision generated from the case."""

    model = EnforcementCase
    kinds = documents.KINDS


# --- penalties ------------------------------------------------------------------------------------
class CasePenaltyListView(generic.ObjectListView):
    model = CasePenalty
    table_class = CasePenaltyTable
    filterset_class = CasePenaltyFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("case__enterprise", "legal_basis")


class CasePenaltyDetailView(generic.ObjectDetailView):
    model = CasePenalty
    fields = ["case", "legal_basis", "kind", "amount", "outside_range_reason"]

    def get_queryset(self):
        return super().get_queryset().select_related("case__enterprise", "legal_basis")


class CasePenaltyEditView(generic.ObjectEditView):
    model = CasePenalty
    form_class = CasePenaltyForm

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        if data is None and self.object is None:
            value = self.request.GET.get("case", "")
            if value.isdigit():
                form.initial["case"] = int(value)
        return form

    def success_url(self, obj):
        return reverse("enforcement:enforcementcase_detail", args=[obj.case_id])


class CasePenaltyDeleteView(generic.ObjectDeleteView):
    model = CasePenalty

    def post(self, request, *args, **kwargs):
        if self.object.case.status in DECIDED_STATUSES:
            messages.error(request, _("A decided case's penalties are no longer changed."))
            return HttpResponseRedirect(
                reverse("enforcement:enforcementcase_detail", args=[self.object.case_id])
            )
        return super().post(request, *args, **kwargs)


# --- totals ---------------------------------------------------------------------------------------
class TotalsView(generic.ScopedViewMixin, TemplateView):
    """Fines and decided cases by month, quarter or year and by sub-district, within the user's
    reach (grouped queries)."""

    model = EnforcementCase
    template_name = "enforcement/totals.html"

    def get(self, request, *args, **kwargs):
        self.check_model_permission("view")
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        base = EnforcementCase.objects.restrict(self.request.user, "view")
        filterset = TotalsFilterSet(self.request.GET or None, queryset=base, request=self.request)
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else base
        period = self.request.GET.get("period") or Period.MONTH
        if period not in Period.values:
            period = Period.MONTH
        rows, areas, grand = services.totals(queryset, period)
        context.update(self.model_context())
        context.update(
            {"filter": filterset, "rows": rows, "areas": areas, "grand": grand, "period": period}
        )
        return context


# --- the calendar ---------------------------------------------------------------------------------
class CalendarDayListView(generic.ObjectListView):
    model = CalendarDay
    table_class = CalendarDayTable
    filterset_class = CalendarDayFilterSet


class CalendarDayDetailView(generic.ObjectDetailView):
    model = CalendarDay
    fields = ["date", "kind", "name", "provisional", "notes"]


class CalendarDayEditView(generic.ObjectEditView):
    model = CalendarDay
    form_class = CalendarDayForm


class CalendarDayDeleteView(generic.ObjectDeleteView):
    model = CalendarDay
