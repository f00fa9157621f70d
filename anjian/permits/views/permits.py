"""The enterprise's side: the list, the draft, its people and attachments, the permit page with the
seven prohibitions as a live checklist, and every move through the services."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from anjian.core import views as generic
from anjian.core.file_views import ScopedFileView
from anjian.core.forms import style_fields
from anjian.core.scoping import is_visible
from anjian.core.workflow import TransitionRefused
from anjian.permits import rules, services
from anjian.permits.choices import EDITABLE_STATES, SITE_STATES, WORK_STATES, PermitStatus
from anjian.permits.filtersets import PermitFilterSet
from anjian.permits.forms import PermitAttachmentForm, PermitForm, PermitPersonForm
from anjian.permits.models import (
    Briefing,
    GasReading,
    GasTest,
    Permit,
    PermitAttachment,
    PermitPerson,
)
from anjian.permits.tables import PermitTable
from anjian.permits.views.common import CSS, PermitChildMixin, readiness_context

__all__ = [
    "PermitAgreementFileView",
    "PermitAttachmentAddView",
    "PermitAttachmentFileView",
    "PermitAttachmentRemoveView",
    "PermitDetailView",
    "PermitEditView",
    "PermitListView",
    "PermitPersonAddView",
    "PermitPersonRemoveView",
    "PermitReadinessView",
    "PermitTransitionView",
    "SiteChecksView",
]

# Moves with a page of their own (a form with more than a reason); the generic transition page
# serves the others (file, return, revise, start, suspend, resume, cancel).
DEDICATED_PAGES = {
    "acknowledge": "permits:permit_acknowledge",
    "approve": "permits:permit_approve",
    "complete": "permits:permit_complete",
    "accept": "permits:permit_accept",
}


class PermitListView(generic.ObjectListView):
    model = Permit
    table_class = PermitTable
    filterset_class = PermitFilterSet
    template_name = "permits/permit_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "space")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["css"] = CSS
        return context


class SiteChecksForm(forms.ModelForm):
    """The three on-site confirmations of the gate (ventilated, protective equipment checked,
    electrical equipment compliant), ticked at the site until the work ends."""

    class Meta:
        model = Permit
        fields = list(rules.SITE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


class PermitDetailView(generic.ObjectDetailView):
    model = Permit
    template_name = "permits/permit_detail.html"
    fields = [
        "number",
        "enterprise",
        "space",
        "work_content",
        "planned_start",
        "planned_end",
        "filed_at",
        "acknowledged_at",
        "approver",
        "approved_at",
        "started_at",
        "completed_at",
        "accepted_at",
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "enterprise",
                "space",
                "approver",
                "delegation",
                "contractor",
                "contractor_agreement",
                "accepted_by_leader",
            )
        )

    def detail_fields(self):
        rows = super().detail_fields()
        permit = self.object
        unit = permit.get_implementing_unit_display()
        if permit.implementing_unit == "contractor":
            unit = f"{unit}{_(': ')}{permit.implementing_unit_display}"
            if permit.contractor_uscc:
                unit += f"（{permit.contractor_uscc}）"
        rows.insert(6, (Permit._meta.get_field("implementing_unit").verbose_name, unit))
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        permit = self.object
        user = self.request.user
        context["css"] = CSS
        editable = permit.status in EDITABLE_STATES
        can_change = is_visible(permit, user, "change")
        context["can_change"] = (
            editable and can_change and reverse("permits:permit_edit", args=[permit.pk])
        )
        context["can_delete"] = False
        context["transitions"] = self.transition_links(context.get("transitions", []))
        people = list(permit.people.select_related("person").order_by("duty", "person__name"))
        context["people"] = people
        context["may_edit_people"] = editable and user.has_perm("permits.add_permitperson")
        if context["may_edit_people"]:
            context["person_form"] = PermitPersonForm(user=user, permit=permit)
        context["attachments"] = list(permit.attachments.select_related("kind"))
        context["may_attach"] = editable and user.has_perm("permits.add_permitattachment")
        if context["may_attach"]:
            context["attachment_form"] = PermitAttachmentForm(user=user, permit=permit)
        today = timezone.localdate()
        context["protective_equipment"] = [
            (e, e.in_date(today)) for e in permit.protective_equipment.all()
        ]
        context["rescue_equipment"] = [(e, e.in_date(today)) for e in permit.rescue_equipment.all()]
        context["briefing"] = (
            Briefing.objects.restrict(user, "view")
            .filter(permit=permit)
            .prefetch_related("attendees")
            .first()
        )
        tests = (
            GasTest.objects.restrict(user, "view")
            .filter(permit=permit)
            .select_related("tester", "detector")
            .prefetch_related(
                Prefetch(
                    "readings",
                    queryset=GasReading._base_manager.select_related("gas").order_by(
                        "gas__order", "depth", "id"
                    ),
                )
            )
        )
        context["gas_tests"] = list(tests[:20])
        context["may_test"] = user.has_perm("permits.add_gastest") and permit.status in (
            PermitStatus.ACKNOWLEDGED,
            PermitStatus.APPROVED,
            *WORK_STATES,
        )
        context["site_url"] = permit.status in WORK_STATES and reverse(
            "permits:permit_site", args=[permit.pk]
        )
        if permit.status in SITE_STATES and can_change:
            context["site_checks_form"] = SiteChecksForm(instance=permit)
        if permit.status in (PermitStatus.DRAFT, PermitStatus.RETURNED):
            context["filing_missing"] = rules.filing_refusals(permit)
            context["would_be_late"] = rules.is_late(permit.planned_start, timezone.now())
            context["lead_days"] = rules.lead_days()
        if permit.status not in (PermitStatus.ACCEPTED, PermitStatus.CANCELLED):
            context.update(readiness_context(permit))
            context["readiness_url"] = reverse("permits:permit_readiness", args=[permit.pk])
            context["live"] = permit.status in (PermitStatus.APPROVED, *WORK_STATES)
        context["documents"] = document_links(permit)
        context["print_url"] = generic.safe_reverse("permits:permit_print", permit.pk)
        return context

    def transition_links(self, transitions):
        """The generic transition page, or the move's own page when it needs a form."""
        links = []
        for transition, url in transitions:
            name = DEDICATED_PAGES.get(transition.name)
            if name:
                url = reverse(name, args=[self.object.pk])
            links.append((transition, url))
        return links


def document_links(permit):
    try:
        from anjian.permits.views_documents import document_links as links
    except ImportError:  # the documents module is optional for the pages
        return []
    try:
        return links(permit)
    except Exception:
        return []


class PermitReadinessView(generic.ScopedViewMixin, TemplateView):
    """The checklist card alone (htmx refresh of the permit page)."""

    model = Permit
    template_name = "permits/includes/readiness.html"

    def get(self, request, *args, **kwargs):
        self.check_model_permission("view")
        permit = self.get_object()
        context = readiness_context(permit)
        context.update(
            object=permit,
            readiness_url=request.path,
            live=permit.status in (PermitStatus.APPROVED, *WORK_STATES),
        )
        return self.render_to_response(context)


class PermitEditView(generic.ObjectEditView):
    model = Permit
    form_class = PermitForm
    template_name = "permits/permit_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["css"] = CSS
        context["lead_days"] = rules.lead_days()
        return context


class PermitTransitionView(generic.TransitionView):
    """Every move goes through its service (the page, the API and the demo do the same)."""

    model = Permit
    template_name = "permits/transition.html"

    def dispatch(self, request, *args, **kwargs):
        name = kwargs.get("transition")
        if name in DEDICATED_PAGES:
            return redirect(DEDICATED_PAGES[name], pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        reason = request.POST.get("reason", "")
        name = self.transition.name
        try:
            run_service(name, self.object, request, reason=reason)
        except TransitionRefused as refused:
            context = self.get_context_data(reasons=refused.reasons, reason=reason)
            return self.render_to_response(context, status=409)
        self.object.refresh_from_db()
        if name == "file" and self.object.filed_late:
            messages.warning(
                request,
                _("Filed late: less than %(days)s days before the planned start.")
                % {"days": rules.lead_days()},
            )
        messages.success(request, _("Done: %(action)s.") % {"action": self.transition.label})
        if name in ("resume", "suspend") and request.POST.get("next") == "site":
            return redirect("permits:permit_site", pk=self.object.pk)
        return redirect("permits:permit_detail", pk=self.object.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        permit = self.object
        context["css"] = CSS
        if self.transition.name == "file":
            context["would_be_late"] = rules.is_late(permit.planned_start, timezone.now())
            context["lead_days"] = rules.lead_days()
        if self.transition.name == "start":
            context.update(readiness_context(permit))
            context["readiness_url"] = reverse("permits:permit_readiness", args=[permit.pk])
        return context


def run_service(name, permit, request, **data):
    """The verb-named service of a move with the page's input."""
    actor = request.user
    reason = data.get("reason", "")
    if name in ("return", "suspend", "cancel"):
        return services.TRANSITION_SERVICES[name](
            permit, actor=actor, reason=reason, request=request
        )
    if name in ("file", "revise", "start", "resume"):
        return services.TRANSITION_SERVICES[name](permit, actor=actor, request=request)
    raise ValueError(name)


class SiteChecksView(generic.ScopedViewMixin, TemplateView):
    """POST the three on-site confirmations (they are three of the seven conditions)."""

    model = Permit
    action = "change"

    def post(self, request, *args, **kwargs):
        self.check_model_permission("change")
        permit = self.get_object()
        form = SiteChecksForm(request.POST, instance=permit)
        if form.is_valid():
            try:
                with transaction.atomic():
                    permit = form.save(commit=False)
                    permit.full_clean(exclude=["number", "region"])
                    permit.save()
                messages.success(request, _("Saved."))
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
        target = "permits:permit_site" if request.POST.get("next") == "site" else None
        return redirect(target or "permits:permit_detail", pk=permit.pk)

    def get(self, request, *args, **kwargs):
        return redirect("permits:permit_detail", pk=kwargs["pk"])


class PermitPersonAddView(PermitChildMixin, TemplateView):
    """Add a person with a duty to a draft (the form sits on the permit page; errors here)."""

    child_model = PermitPerson
    action = "add"
    template_name = "permits/person_form.html"

    def get(self, request, *args, **kwargs):
        form = PermitPersonForm(user=request.user, permit=self.permit)
        return self.render_to_response(self.permit_context(form=form))

    def post(self, request, *args, **kwargs):
        form = PermitPersonForm(request.POST, user=request.user, permit=self.permit)
        if form.is_valid():
            try:
                with transaction.atomic():
                    row = form.save()
                    if not is_visible(row, request.user, "view"):
                        raise IntegrityError
            except IntegrityError:
                form.add_error(None, _("An attendant is never also an entrant on the same permit."))
            else:
                messages.success(
                    request,
                    _("%(person)s added as %(duty)s.")
                    % {"person": row.person.name, "duty": row.get_duty_display()},
                )
                return redirect(reverse("permits:permit_detail", args=[self.permit.pk]) + "#people")
        return self.render_to_response(self.permit_context(form=form), status=400)


class PermitPersonRemoveView(generic.ScopedViewMixin, TemplateView):
    model = PermitPerson
    action = "delete"

    def post(self, request, *args, **kwargs):
        self.check_model_permission("delete")
        row = self.get_object()
        permit = row.permit
        if permit.status not in EDITABLE_STATES:
            messages.error(
                request,
                _("The people of a permit that is “%(status)s” cannot be changed.")
                % {"status": permit.get_status_display()},
            )
        else:
            row._history_user = request.user
            row.delete()
            messages.success(request, _("Removed."))
        return redirect(reverse("permits:permit_detail", args=[permit.pk]) + "#people")

    def get(self, request, *args, **kwargs):
        row = self.get_object()
        return redirect("permits:permit_detail", pk=row.permit_id)


class PermitAttachmentAddView(PermitChildMixin, TemplateView):
    child_model = PermitAttachment
    action = "add"
    template_name = "permits/attachment_form.html"

    def get(self, request, *args, **kwargs):
        form = PermitAttachmentForm(user=request.user, permit=self.permit)
        return self.render_to_response(self.permit_context(form=form))

    def post(self, request, *args, **kwargs):
        form = PermitAttachmentForm(
            request.POST, request.FILES, user=request.user, permit=self.permit
        )
        if form.is_valid():
            with transaction.atomic():
                form.save()
            messages.success(request, _("Saved."))
            return redirect(reverse("permits:permit_detail", args=[self.permit.pk]) + "#filing")
        return self.render_to_response(self.permit_context(form=form), status=400)


class PermitAttachmentRemoveView(PermitPersonRemoveView):
    model = PermitAttachment

    def post(self, request, *args, **kwargs):
        self.check_model_permission("delete")
        row = self.get_object()
        permit = row.permit
        if permit.status not in EDITABLE_STATES:
            messages.error(
                request,
                _("The filing of a permit that is “%(status)s” cannot be changed.")
                % {"status": permit.get_status_display()},
            )
        else:
            row._history_user = request.user
            row.delete()
            messages.success(request, _("Removed."))
        return redirect(reverse("permits:permit_detail", args=[permit.pk]) + "#filing")


class PermitAttachmentFileView(ScopedFileView):
    model = PermitAttachment
    file_field = "file"


class PermitAgreementFileView(ScopedFileView):
    model = Permit
    file_field = "agreement_document"
