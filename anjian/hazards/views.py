"""Pages of hazards: the list, the record with its photos and sign-offs, the report and plan form,
the fix the enterprise submits, the moves of the closed loop, the focused-inspection list, the
reference tables and the missing-agreement check. Public pages are in ``views_public``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from anjian.core import views as generic
from anjian.core.file_views import ScopedFileView
from anjian.core.scoping import is_visible
from anjian.core.workflow import TransitionRefused
from anjian.enterprises.models import Enterprise
from anjian.hazards import rules, services
from anjian.hazards.choices import HazardSource, HazardStatus, PhotoStage
from anjian.hazards.filtersets import (
    HazardFilterSet,
    MajorHazardCriterionFilterSet,
    SelfReportingFilterSet,
    VerificationTierFilterSet,
)
from anjian.hazards.forms import HazardForm, HazardPhotoForm, SubmitFixForm
from anjian.hazards.ledger import HazardLedger
from anjian.hazards.models import (
    Hazard,
    HazardPhoto,
    MajorHazardCriterion,
    VerificationTier,
)
from anjian.hazards.tables import (
    HazardTable,
    MajorHazardCriterionTable,
    SelfReportingTable,
    VerificationTierTable,
    level_badge,
    overdue_badge,
)

SIGN_OFFS = ("verify", "close")


# --- hazards --------------------------------------------------------------------------------------
class HazardListView(generic.ObjectListView):
    model = Hazard
    table_class = HazardTable
    filterset_class = HazardFilterSet
    ledger_class = HazardLedger
    template_name = "hazards/hazard_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_flag_agreements"] = user.has_perm("hazards.add_hazard") and user.has_perm(
            "hazards.verify_hazard"
        )
        return context


class HazardDetailView(generic.ObjectDetailView):
    model = Hazard
    template_name = "hazards/hazard_detail.html"
    fields = [
        "enterprise",
        "place",
        "space",
        "permit",
        "description",
        "category",
        "source",
        "found_on",
        "found_by_name",
        "level",
        "legal_basis",
        "measures",
        "responsible_name",
        "responsible_person",
        "deadline",
        "funds",
        "rectification_note",
        "submitted_at",
        "closed_at",
        "notes",
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("enterprise", "space", "permit", "responsible_person", "found_by")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hazard = self.object
        user = self.request.user
        # Of the two sign-off moves, offer the one the pending tier needs, and only to its signer.
        transitions = []
        for transition, url in context.get("transitions", []):
            if transition.name in SIGN_OFFS:
                closing = transition.name == "close"
                if rules.signoff_refusals(hazard, user, closing=closing):
                    continue
            transitions.append((transition, url))
        context["transitions"] = transitions
        photos = list(hazard.photos.all())
        can_change = is_visible(hazard, user, "change")
        context.update(
            {
                "level_badge": level_badge(hazard.level, hazard.get_level_display()),
                "overdue_badge": overdue_badge(hazard),
                "criteria": list(hazard.criteria.all()),
                "evidence_photos": [p for p in photos if p.stage == PhotoStage.EVIDENCE],
                "fix_photos": [p for p in photos if p.stage == PhotoStage.RECTIFICATION],
                "verifications": list(hazard.verifications.select_related("by")),
                "tiers": rules.tiers_for(hazard.level),
                "pending_tier": rules.pending_tier(hazard)
                if hazard.status == HazardStatus.SUBMITTED
                else None,
                "photo_form": HazardPhotoForm(user=user, hazard=hazard)
                if can_change and hazard.status != HazardStatus.CLOSED
                else None,
                "submit_form": SubmitFixForm()
                if can_change and hazard.status in (HazardStatus.RECTIFYING, HazardStatus.SENT_BACK)
                else None,
            }
        )
        return context


class HazardEditView(generic.ObjectEditView):
    model = Hazard
    form_class = HazardForm
    template_name = "hazards/hazard_form.html"

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        if data is None and self.object is None:
            for name in ("enterprise", "space", "permit"):
                value = self.request.GET.get(name, "")
                if value.isdigit():
                    form.initial[name] = int(value)
            if form.initial.get("permit"):
                form = self.form_class(initial=form.initial, instance=None, user=self.request.user)
        return form


class HazardDeleteView(generic.ObjectDeleteView):
    model = Hazard


class HazardTransitionView(generic.TransitionView):
    """Every move through ``services.transition`` (a sign-off writes its tier's row)."""

    model = Hazard
    template_name = "hazards/hazard_transition.html"

    def get(self, request, *args, **kwargs):
        if self.transition.name in SIGN_OFFS:
            reasons = rules.signoff_refusals(
                self.object, request.user, closing=self.transition.name == "close"
            ) + self.model.workflow.refusals(self.object, self.transition, request.user, reason="-")
            context = self.get_context_data(reasons=list(dict.fromkeys(reasons)))
            return self.render_to_response(context)
        return super().get(request, *args, **kwargs)

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
        return redirect("hazards:hazard_detail", pk=self.object.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending_tier"] = rules.pending_tier(self.object)
        return context


class HazardActionMixin(generic.ScopedViewMixin):
    """A POST about one hazard the user may change (404 out of scope, 403 read-only)."""

    model = Hazard
    action = "change"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_model_permission("change")
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        return HttpResponseRedirect(reverse("hazards:hazard_detail", args=[self.object.pk]))


class HazardPhotoAddView(HazardActionMixin, View):
    """Add a photo through ``services.add_photo``, which holds the rule (a closed hazard takes
    none): its refusal is shown as it is."""

    def post(self, request, *args, **kwargs):
        form = HazardPhotoForm(request.POST, request.FILES, user=request.user, hazard=self.object)
        if form.is_valid():
            try:
                form.save()
            except TransitionRefused as refused:
                messages.error(request, " ".join(refused.reasons))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Photo added."))
        else:
            messages.error(
                request, " ".join(str(e) for errors in form.errors.values() for e in errors)
            )
        return self.back()


class HazardSubmitView(HazardActionMixin, View):
    """The enterprise submits its fix: what was done, a photo after rectification, in one step."""

    def post(self, request, *args, **kwargs):
        form = SubmitFixForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(
                request, " ".join(str(e) for errors in form.errors.values() for e in errors)
            )
            return self.back()
        photo = form.cleaned_data.get("photo")
        try:
            services.submit_fix(
                self.object,
                actor=request.user,
                note=form.cleaned_data["note"],
                photos=[photo] if photo else [],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except TransitionRefused as refused:
            messages.error(request, " ".join(refused.reasons))
        else:
            messages.success(request, _("Submitted for verification."))
        return self.back()


class HazardPhotoFileView(ScopedFileView):
    model = HazardPhoto
    file_field = "file"


class HazardImportView(generic.ImportView):
    model = Hazard
    ledger_class = HazardLedger


class HazardImportTemplateView(generic.ImportTemplateView):
    model = Hazard
    ledger_class = HazardLedger


class FlagAgreementsView(generic.ScopedViewMixin, View):
    """The sub-district's button: one open management hazard per tenant in the user's reach
    without a valid safety agreement (idempotent)."""

    model = Hazard
    action = "add"

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("hazards.verify_hazard"):
            raise PermissionDenied(_("You do not have permission to do this."))
        self.check_model_permission("add")
        reach = Enterprise.objects.restrict(request.user, "view")
        created = services.flag_missing_agreements(reach, actor=request.user, request=request)
        messages.success(
            request,
            _("%(count)s new management hazards for tenants without a safety agreement.")
            % {"count": len(created)},
        )
        return redirect(reverse("hazards:hazard_list") + f"?source={HazardSource.AGREEMENT_CHECK}")


# --- the focused-inspection list -----------------------------------------------------------------
class SelfReportingView(generic.ObjectListView):
    """Enterprises in the user's reach that reported fewer than
    ``HAZARD_SELF_REPORT_MIN_PER_QUARTER`` hazards of their own this quarter: one grouped query,
    counted up to the cap like every list."""

    model = Enterprise
    table_class = SelfReportingTable
    filterset_class = SelfReportingFilterSet
    template_name = "hazards/self_reporting.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        # The list compares enterprises: for the public side, not for an enterprise's own user.
        if user.is_authenticated and (
            not user.has_perm("hazards.view_hazard")
            or user.has_perm("enterprises.act_for_own_enterprise")
        ):
            raise PermissionDenied(_("You do not have permission to do this."))
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        reach = super().get_queryset().select_related("region")
        return services.few_self_reports(reach).order_by("self_reports", "name", "id")

    def model_context(self):
        context = super().model_context()
        context.update({"can_add": False, "can_import": False})
        return context

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = rules.quarter_bounds()
        context.update(
            {
                "quarter_start": start,
                "quarter_end": end,
                "minimum": rules.self_report_minimum(),
                "list_url": reverse("hazards:self_reporting"),
            }
        )
        return context


# --- reference tables ----------------------------------------------------------------------------
class MajorHazardCriterionListView(generic.ObjectListView):
    model = MajorHazardCriterion
    table_class = MajorHazardCriterionTable
    filterset_class = MajorHazardCriterionFilterSet


class MajorHazardCriterionDetailView(generic.ObjectDetailView):
    model = MajorHazardCriterion
    fields = ["code", "group", "text", "legal_basis", "active", "order", "notes"]


class MajorHazardCriterionEditView(generic.ObjectEditView):
    model = MajorHazardCriterion

    @property
    def form_class(self):
        from anjian.hazards.forms_reference import MajorHazardCriterionForm

        return MajorHazardCriterionForm


class MajorHazardCriterionDeleteView(generic.ObjectDeleteView):
    model = MajorHazardCriterion


class VerificationTierListView(generic.ObjectListView):
    model = VerificationTier
    table_class = VerificationTierTable
    filterset_class = VerificationTierFilterSet


class VerificationTierDetailView(generic.ObjectDetailView):
    model = VerificationTier
    fields = ["level", "order", "signer_level", "label", "notes"]


class VerificationTierEditView(generic.ObjectEditView):
    model = VerificationTier

    @property
    def form_class(self):
        from anjian.hazards.forms_reference import VerificationTierForm

        return VerificationTierForm


class VerificationTierDeleteView(generic.ObjectDeleteView):
    model = VerificationTier
