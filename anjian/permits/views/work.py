"""From approval to acceptance: the approval, gas tests, the site page an attendant keeps on a
phone (who is inside, the entry log, periodic readings, suspend and resume, complete) and the
acceptance. Every move goes through ``permits.services``; a refusal lists every reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from anjian.core import views as generic
from anjian.core.workflow import TransitionRefused
from anjian.permits import rules, services
from anjian.permits.choices import WORK_STATES, Direction, PermitDuty, PermitStatus
from anjian.permits.forms import (
    AcceptanceForm,
    ApprovalForm,
    CompletionForm,
    EntryForm,
    GasTestForm,
)
from anjian.permits.models import EntryLogEntry, GasReading, GasTest, GasThreshold, Permit
from anjian.permits.views.common import CSS, PermitChildMixin
from anjian.training.models import Person

__all__ = [
    "AcceptView",
    "ApproveView",
    "CompleteView",
    "GasTestAddView",
    "GasTestDetailView",
    "SiteEntryView",
    "SiteMoveView",
    "SiteView",
]


class MoveFormView(PermitChildMixin, TemplateView):
    """A move that takes more than a reason: a form, then the service; 409 with every reason."""

    transition_name = ""
    form_class = None
    template_name = "permits/move_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            workflow = Permit.workflow
            self.transition = workflow.get(self.transition_name)
            permission = workflow.permission_for(Permit, self.transition)
            if not request.user.has_perm(permission):
                from django.core.exceptions import PermissionDenied

                from anjian.core import audit

                audit.record(
                    "security.access_refused",
                    actor=request.user,
                    request=request,
                    detail={"path": request.path, "transition": self.transition_name},
                )
                raise PermissionDenied(_("You do not have permission to do this."))
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, data=None):
        return self.form_class(data, permit=self.permit)

    def context(self, form, **extra):
        return self.permit_context(form=form, transition=self.transition, **extra)

    def get(self, request, *args, **kwargs):
        form = self.make_form()
        reasons = [
            r
            for r in Permit.workflow.refusals(self.permit, self.transition, request.user)
            if self.show_early(r)
        ]
        return self.render_to_response(self.context(form, reasons=reasons))

    def show_early(self, reason) -> bool:
        return True

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.context(form), status=400)
        try:
            self.perform(form.cleaned_data)
        except TransitionRefused as refused:
            return self.render_to_response(self.context(form, reasons=refused.reasons), status=409)
        messages.success(request, _("Done: %(action)s.") % {"action": self.transition.label})
        return redirect(self.success_url())

    def success_url(self):
        return reverse("permits:permit_detail", args=[self.permit.pk])


class ApproveView(MoveFormView):
    """The principal, or a delegate with a valid written delegation, approves."""

    transition_name = "approve"

    def make_form(self, data=None):
        return ApprovalForm(data, permit=self.permit, user=self.request.user)

    def show_early(self, reason) -> bool:
        # Before anyone is named, "name the approver" is not yet a refusal.
        return str(reason) != str(_("Name the person who approves."))

    def context(self, form, **extra):
        from anjian.permits.models import Delegation

        today = timezone.localdate()
        delegations = (
            Delegation.objects.restrict(self.request.user, "view")
            .filter(enterprise=self.permit.enterprise_id, valid_until__gte=today)
            .select_related("delegate", "principal")
        )
        return super().context(
            form,
            delegations=list(delegations[:20]),
            toxic=self.permit.space.has_toxic_risk,
            **extra,
        )

    def perform(self, data):
        services.approve_permit(
            self.permit,
            actor=self.request.user,
            approver=data["approver"],
            reason=data.get("reason", ""),
            request=self.request,
        )


class CompleteView(MoveFormView):
    """Completion: refused while the entry log shows anyone inside or a tool not brought out, or
    until the isolation is confirmed restored."""

    transition_name = "complete"

    def make_form(self, data=None):
        return CompletionForm(data)

    def show_early(self, reason) -> bool:
        return str(reason) != str(_("Confirm the isolation has been restored."))

    def perform(self, data):
        services.complete_permit(
            self.permit,
            actor=self.request.user,
            isolation_restored=data["isolation_restored"],
            request=self.request,
        )

    def success_url(self):
        if self.request.POST.get("next") == "site":
            return reverse("permits:permit_site", args=[self.permit.pk])
        return super().success_url()


class AcceptView(MoveFormView):
    transition_name = "accept"

    def make_form(self, data=None):
        return AcceptanceForm(data, permit=self.permit, user=self.request.user)

    def show_early(self, reason) -> bool:
        return str(reason) != str(_("Name the work leader who accepts the work."))

    def perform(self, data):
        services.accept_permit(
            self.permit,
            actor=self.request.user,
            leader=data.get("leader"),
            note=data.get("note", ""),
            request=self.request,
        )


# --- gas tests -------------------------------------------------------------------------------------
class GasTestAddView(PermitChildMixin, TemplateView):
    """One gas test: a reading per gas and depth; the result per reading and per test follows."""

    child_model = GasTest
    action = "add"
    template_name = "permits/gastest_form.html"

    def thresholds(self):
        return list(GasThreshold.objects.filter(active=True).order_by("order", "code"))

    def make_form(self, data=None):
        return GasTestForm(
            data, permit=self.permit, user=self.request.user, thresholds=self.thresholds()
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.permit_context(form=self.make_form(), next=_next(request))
        )

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        errors = []
        if form.is_valid():
            data = form.cleaned_data
            try:
                test = services.record_gas_test(
                    self.permit,
                    actor=request.user,
                    tested_at=data["tested_at"],
                    tester=data["tester"],
                    detector=data["detector"],
                    readings=data["readings"],
                    kind=data["kind"],
                    note=data.get("note", ""),
                    request=request,
                )
            except ValidationError as error:
                errors = error.messages
            else:
                self.permit.refresh_from_db()
                if test.passed:
                    messages.success(request, _("Gas test recorded: passed."))
                else:
                    messages.error(request, _("Gas test recorded: FAILED."))
                    if self.permit.status == PermitStatus.SUSPENDED:
                        messages.warning(
                            request, _("Work has been suspended: nobody may be inside.")
                        )
                if _next(request) == "site" and self.permit.status in WORK_STATES:
                    return redirect("permits:permit_site", pk=self.permit.pk)
                return redirect("permits:gastest_detail", pk=test.pk)
        return self.render_to_response(
            self.permit_context(form=form, errors=errors, next=_next(request)), status=400
        )


def _next(request):
    value = request.POST.get("next") or request.GET.get("next") or ""
    return "site" if value == "site" else ""


class GasTestDetailView(generic.ObjectDetailView):
    """A test with every reading: the value as read, the value in the limit's unit with the
    conversion stated, the limit, and the verdict."""

    model = GasTest
    template_name = "permits/gastest_detail.html"
    fields = ["permit", "kind", "tested_at", "tester", "detector", "detector_in_date", "note"]

    def get_queryset(self):
        return super().get_queryset().select_related("permit", "tester", "detector")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["css"] = CSS
        context["readings"] = list(
            GasReading.objects.restrict(self.request.user, "view")
            .filter(test=self.object)
            .select_related("gas")
            .order_by("gas__order", "depth", "id")
        )
        context["permit_url"] = reverse("permits:permit_detail", args=[self.object.permit_id])
        return context


# --- the site page ---------------------------------------------------------------------------------
class SiteView(PermitChildMixin, TemplateView):
    """On a phone at the entrance: who is inside, in/out per entrant and for tools, the next
    reading due (and missed), record a reading, suspend, resume, complete."""

    template_name = "permits/site.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.site_context())

    def site_context(self, **extra):
        permit = self.permit
        user = self.request.user
        entries = list(
            EntryLogEntry.objects.restrict(user, "view")
            .filter(permit=permit)
            .select_related("person")
            .order_by("at", "id")
        )
        inside = rules.people_inside(permit, entries)
        inside_ids = {p.pk for p in inside}
        rows = list(permit.people.select_related("person").order_by("duty", "person__name"))
        entrants = [r.person for r in rows if r.duty == PermitDuty.ENTRANT]
        attendants = [r.person for r in rows if r.duty == PermitDuty.ATTENDANT]
        tests = list(
            GasTest.objects.restrict(user, "view")
            .filter(permit=permit)
            .select_related("detector", "tester")
            .prefetch_related(
                Prefetch(
                    "readings",
                    queryset=GasReading._base_manager.select_related("gas").order_by(
                        "gas__order", "depth", "id"
                    ),
                )
            )
            .order_by("-tested_at", "-id")[:5]
        )
        last = tests[0] if tests else None
        since = last.tested_at if last else permit.started_at
        next_due = since + rules.reading_interval() if since else None
        now = timezone.now()
        workflow = Permit.workflow
        may = {t.name for t in workflow.available(permit, user)}
        context = self.permit_context(
            entrants=[(p, p.pk in inside_ids) for p in entrants],
            attendants=attendants,
            inside=inside,
            tools=rules.tools_unaccounted(permit, entries),
            recent_entries=entries[-8:][::-1],
            last_test=last,
            tests=tests,
            next_due=next_due,
            missed=rules.reading_overdue(permit, now, last) if last or permit.started_at else False,
            interval=int(rules.reading_interval().total_seconds() // 60),
            may_log=user.has_perm("permits.add_entrylogentry") and permit.status in WORK_STATES,
            may_test=user.has_perm("permits.add_gastest") and permit.status in WORK_STATES,
            may_suspend="suspend" in may,
            may_resume="resume" in may,
            may_complete="complete" in may,
            may_accept="accept" in may,
            is_work=permit.status in WORK_STATES,
            directions=Direction,
            now=now,
        )
        context.update(extra)
        return context


class SiteEntryView(SiteView):
    """POST one line of the entry log (a person or a tool, in or out) from the site page."""

    child_model = EntryLogEntry
    action = "add"

    def post(self, request, *args, **kwargs):
        form = EntryForm(request.POST)
        errors = []
        if form.is_valid():
            data = form.cleaned_data
            person = None
            if data.get("person"):
                person = (
                    Person.objects.restrict(request.user, "view").filter(pk=data["person"]).first()
                )
                if person is None:
                    errors.append(_("No such person on this permit."))
            if not errors:
                try:
                    services.record_entry(
                        self.permit,
                        actor=request.user,
                        direction=data["direction"],
                        person=person,
                        tool=data.get("tool", ""),
                        request=request,
                    )
                except ValidationError as error:
                    errors = error.messages
                else:
                    who = person.name if person else data["tool"]
                    if data["direction"] == Direction.IN:
                        messages.success(request, _("%(who)s: in.") % {"who": who})
                    else:
                        messages.success(request, _("%(who)s: out.") % {"who": who})
                    return redirect("permits:permit_site", pk=self.permit.pk)
        else:
            errors = [e for errs in form.errors.values() for e in errs]
        return self.render_to_response(self.site_context(errors=errors), status=400)


class SiteMoveView(SiteView):
    """Suspend, resume or complete from the site page: a refusal is shown there, every reason."""

    MOVES = ("suspend", "resume", "complete")

    def post(self, request, *args, **kwargs):
        name = request.POST.get("move", "")
        if name not in self.MOVES:
            return redirect("permits:permit_site", pk=self.permit.pk)
        transition = Permit.workflow.get(name)
        if not request.user.has_perm(Permit.workflow.permission_for(Permit, transition)):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied(_("You do not have permission to do this."))
        try:
            if name == "suspend":
                services.suspend_permit(
                    self.permit,
                    actor=request.user,
                    reason=request.POST.get("reason", ""),
                    request=request,
                )
            elif name == "resume":
                services.resume_permit(self.permit, actor=request.user, request=request)
            else:
                services.complete_permit(
                    self.permit,
                    actor=request.user,
                    isolation_restored=request.POST.get("isolation_restored") == "on",
                    request=request,
                )
        except TransitionRefused as refused:
            self.permit.refresh_from_db()
            context = self.site_context(refused=refused.reasons, refused_move=transition.label)
            return self.render_to_response(context, status=409)
        messages.success(request, _("Done: %(action)s.") % {"action": transition.label})
        if name == "complete":
            return redirect("permits:permit_detail", pk=self.permit.pk)
        return redirect("permits:permit_site", pk=self.permit.pk)
