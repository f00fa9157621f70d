"""Public reports: the pages without sign-in (the form, from an enterprise's or a space's QR, the
tracking page) and the pages of the village and above who verify or dismiss them."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from anjian.core import views as generic
from anjian.core.file_views import ScopedFileView
from anjian.core.workflow import TransitionRefused
from anjian.hazards import rules, services
from anjian.hazards.filtersets import PublicReportFilterSet
from anjian.hazards.forms import AcceptReportForm, PublicReportForm, PublicReportTrackForm
from anjian.hazards.models import PublicReport, PublicReportPhoto
from anjian.hazards.tables import PublicReportTable


def _public(response):
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def find_enterprise(label: str):
    """The enterprise an enterprise QR names: its unified social credit code (public on its
    business licence), so a label reveals nothing that is not already public."""
    from anjian.enterprises.models import Enterprise
    from anjian.enterprises.rules import compact_uscc

    code = compact_uscc(label or "")
    if len(code) != 18:
        return None
    return Enterprise._base_manager.select_related("region").filter(uscc=code).first()


class PublicReportView(View):
    """``/report/`` (choose the area), ``/report/e/<code>/`` (an enterprise's QR) and
    ``/report/s/<token>/`` (a confined space's QR): no sign-in, CSRF kept, a honeypot field, at most
    ``PUBLIC_REPORTS_PER_HOUR`` reports an hour from one address, photos limited in number and
    size. The sender gets a tracking code; nothing else about the record is shown."""

    template_name = "hazards/public/report.html"

    def place(self, kwargs):
        from anjian.spaces.services import find_by_token

        if "token" in kwargs:
            space = find_by_token(kwargs["token"])
            if space is None:
                raise Http404(_("No such record."))
            return None, space
        if "code" in kwargs:
            enterprise = find_enterprise(kwargs["code"])
            if enterprise is None:
                raise Http404(_("No such record."))
            return enterprise, None
        return None, None

    def context(self, form, enterprise, space, **extra):
        return {
            "form": form,
            "enterprise_name": (space.enterprise.name if space else enterprise.name)
            if (space or enterprise)
            else "",
            "space_name": f"{space.code} {space.name}" if space else "",
            **extra,
        }

    def get(self, request, *args, **kwargs):
        enterprise, space = self.place(kwargs)
        form = PublicReportForm(fixed_place=bool(enterprise or space))
        return _public(render(request, self.template_name, self.context(form, enterprise, space)))

    def post(self, request, *args, **kwargs):
        enterprise, space = self.place(kwargs)
        form = PublicReportForm(request.POST, request.FILES, fixed_place=bool(enterprise or space))
        if request.POST.get("website"):
            # A bot filled in the hidden field: answer as if received, keep nothing.
            return _public(render(request, "hazards/public/received.html", {"code": None}))
        photos = request.FILES.getlist("photos")
        status = 200
        if len(photos) > settings.ANJIAN_PUBLIC_REPORT_MAX_PHOTOS:
            form.add_error(
                "photos",
                _("Send at most %(count)s photos.")
                % {"count": settings.ANJIAN_PUBLIC_REPORT_MAX_PHOTOS},
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.receive_public_report(
                    description=data["description"],
                    region=data.get("region"),
                    enterprise=enterprise,
                    space=space,
                    enterprise_name=data.get("enterprise_name", ""),
                    place=data.get("place", ""),
                    contact=data.get("contact", ""),
                    photos=photos,
                    request=request,
                )
            except TransitionRefused as refused:
                form.add_error(None, " ".join(refused.reasons))
                status = 429
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("photos" if photos else None, message)
            else:
                return _public(
                    render(request, "hazards/public/received.html", {"code": report.tracking_code})
                )
        context = self.context(form, enterprise, space)
        return _public(render(request, self.template_name, context, status=status))


class PublicTrackView(View):
    """``/report/track/<code>/``: only the status of the report with that code (no description,
    no enterprise, no names). Unknown codes read as unknown."""

    template_name = "hazards/public/track.html"

    def get(self, request, code=None):
        code = rules.normalize_tracking_code(code or request.GET.get("code", ""))
        form = PublicReportTrackForm(initial={"code": code})
        status_label = None
        found = False
        if code:
            row = (
                PublicReport._base_manager.filter(tracking_code=code)
                .values("status", "created_at")
                .first()
            )
            if row is not None:
                found = True
                from anjian.hazards.choices import PublicReportStatus

                status_label = dict(PublicReportStatus.choices)[row["status"]]
        response = render(
            request,
            self.template_name,
            {"form": form, "code": code, "found": found, "status_label": status_label},
            status=200 if found or not code else 404,
        )
        return _public(response)


# --- signed in: the village and above ------------------------------------------------------------
class PublicReportListView(generic.ObjectListView):
    model = PublicReport
    table_class = PublicReportTable
    filterset_class = PublicReportFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("region")

    def model_context(self):
        context = super().model_context()
        context.update({"can_add": False, "can_import": False})
        return context


class PublicReportDetailView(generic.ObjectDetailView):
    model = PublicReport
    template_name = "hazards/publicreport_detail.html"
    fields = [
        "tracking_code",
        "created_at",
        "region",
        "enterprise",
        "space",
        "enterprise_name",
        "place",
        "description",
        "contact",
        "status",
        "hazard",
        "handled_by",
        "handled_at",
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("region", "enterprise", "space", "hazard", "handled_by")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        report = self.object
        context["photos"] = list(report.photos.all())
        context["transitions"] = [
            (t, url) for t, url in context.get("transitions", []) if t.name != "accept"
        ]
        if report.status == "received" and user.has_perm("hazards.handle_publicreport"):
            context["accept_form"] = AcceptReportForm(user=user, report=report)
        return context


class PublicReportAcceptView(generic.ScopedViewMixin, View):
    """Verify a public report into a hazard of the enterprise chosen (source: public report)."""

    model = PublicReport
    action = "view"

    def post(self, request, pk):
        if not request.user.has_perm("hazards.handle_publicreport"):
            raise PermissionDenied(_("You do not have permission to do this."))
        self.kwargs = {"pk": pk}
        report = self.get_object()
        form = AcceptReportForm(request.POST, user=request.user, report=report)
        if not form.is_valid():
            messages.error(
                request, " ".join(str(e) for errors in form.errors.values() for e in errors)
            )
            return redirect("hazards:publicreport_detail", pk=report.pk)
        try:
            hazard = services.accept_public_report(
                report,
                actor=request.user,
                enterprise=form.cleaned_data["enterprise"],
                description=form.cleaned_data["description"],
                request=request,
            )
        except (TransitionRefused, ValidationError) as refused:
            reasons = getattr(refused, "reasons", None) or refused.messages
            messages.error(request, " ".join(reasons))
            return redirect("hazards:publicreport_detail", pk=report.pk)
        messages.success(request, _("Recorded as hazard %(number)s.") % {"number": hazard.number})
        return redirect("hazards:hazard_detail", pk=hazard.pk)


class PublicReportTransitionView(generic.TransitionView):
    model = PublicReport

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("transition") == "accept":
            raise PermissionDenied(_("Verify the report from its page, choosing the enterprise."))
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        reason = request.POST.get("reason", "")
        try:
            services.public_report_transition(
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
        return redirect("hazards:publicreport_detail", pk=self.object.pk)


class PublicReportPhotoFileView(ScopedFileView):
    model = PublicReportPhoto
    file_field = "file"
