"""The sub-district office's side: the inbox of filings awaiting acknowledgement in the officer's
jurisdiction, and the acknowledgement that records the on-site briefing (or the return)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from anjian.core import audit, navigation
from anjian.core import views as generic
from anjian.core.workflow import TransitionRefused
from anjian.permits import rules, services
from anjian.permits.choices import PermitStatus
from anjian.permits.forms import BriefingForm
from anjian.permits.models import Permit
from anjian.permits.views.common import PermitChildMixin
from anjian.permits.views.permits import PermitListView

__all__ = ["AcknowledgeView", "InboxBadgeView", "PermitInboxView"]


class PermitInboxView(PermitListView):
    """Filings waiting for acknowledgement, the soonest planned start first."""

    template_name = "permits/inbox.html"
    title = gettext_lazy("Filings awaiting acknowledgement")

    def get(self, request, *args, **kwargs):
        if not request.user.has_perm("permits.acknowledge_permit"):
            audit.record(
                "security.access_refused",
                actor=request.user,
                request=request,
                detail={"path": request.path, "permission": "permits.acknowledge_permit"},
            )
            raise PermissionDenied(_("You do not have permission to do this."))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            super().get_queryset().filter(status=PermitStatus.FILED).order_by("planned_start", "id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        context["can_add"] = False
        return context


class AcknowledgeView(PermitChildMixin, TemplateView):
    """Acknowledge a filing by recording the on-site briefing in one form (start, end — at least
    the configured minimum —, topics including the seven prohibitions and the procedure, who gave
    it and who attended). Every reason it does not count is shown at once."""

    template_name = "permits/acknowledge.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "permits.acknowledge_permit"
        ):
            audit.record(
                "security.access_refused",
                actor=request.user,
                request=request,
                detail={"path": request.path, "permission": "permits.acknowledge_permit"},
            )
            raise PermissionDenied(_("You do not have permission to do this."))
        return super().dispatch(request, *args, **kwargs)

    def context(self, form, **extra):
        return self.permit_context(
            form=form,
            min_minutes=rules.briefing_min_minutes(),
            people=list(self.permit.people.select_related("person")),
            return_url=_return_url(self.permit),
            **extra,
        )

    def get(self, request, *args, **kwargs):
        if self.permit.status != PermitStatus.FILED:
            messages.info(request, _("This permit is not waiting for acknowledgement."))
            return redirect("permits:permit_detail", pk=self.permit.pk)
        form = BriefingForm(user=request.user, permit=self.permit)
        return self.render_to_response(self.context(form))

    def post(self, request, *args, **kwargs):
        form = BriefingForm(request.POST, user=request.user, permit=self.permit)
        # The form checks the input; the service decides (the API calls the same one).
        form.instance.permit = self.permit
        if form.is_valid() or _only_briefing_errors(form):
            data = form.cleaned_data
            try:
                services.acknowledge_permit(
                    self.permit,
                    actor=request.user,
                    started_at=data.get("started_at"),
                    ended_at=data.get("ended_at"),
                    topics=data.get("topics") or [],
                    given_by_name=data.get("given_by_name", ""),
                    attendees=list(data.get("attendees") or []),
                    attendee_names=data.get("attendee_names", ""),
                    location=data.get("location", ""),
                    request=request,
                )
            except TransitionRefused as refused:
                return self.render_to_response(
                    self.context(form, reasons=refused.reasons), status=409
                )
            messages.success(request, _("Acknowledged; the briefing is recorded."))
            return redirect("permits:permit_detail", pk=self.permit.pk)
        return self.render_to_response(self.context(form), status=400)


def _only_briefing_errors(form) -> bool:
    """The model's own check of a briefing (too short, a topic missing) repeats what the service
    says with every reason; the page lets the service speak then, so all reasons show together."""
    fields = {"started_at", "ended_at", "topics", "given_by_name", "attendees"}
    if any(name not in fields and name != "__all__" for name in form.errors):
        return False
    return all(form.cleaned_data.get(name) is not None for name in ("started_at", "ended_at"))


def _return_url(permit):
    from django.urls import reverse

    return reverse("permits:permit_transition", args=[permit.pk, "return"])


class InboxBadgeView(generic.ScopedViewMixin, View):
    """The menu's count of filings awaiting acknowledgement (loaded after the page by htmx)."""

    model = Permit

    def get(self, request, *args, **kwargs):
        if not request.user.has_perm("permits.acknowledge_permit"):
            return HttpResponse('<span class="nav-badge"></span>')
        count = navigation.count_visible(request.user, Permit, status=PermitStatus.FILED)
        if not count:
            return HttpResponse('<span class="nav-badge"></span>')
        text = count.text
        label = _("%(count)s filings awaiting acknowledgement") % {"count": text}
        return HttpResponse(
            format_html(
                '<span class="nav-badge badge rounded-pill text-bg-warning ms-auto" '
                'id="inbox-badge" title="{}" aria-label="{}">{}</span>',
                label,
                label,
                text,
            )
        )
