"""Pages of the training app: generic declarations, plus the assessment action, the audited reveal
of an ID number, the printable certificate and the public verification page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from anjian.core import views as generic
from anjian.core.scoping import is_visible
from anjian.core.workflow import TransitionRefused
from anjian.training import qr, rules, services
from anjian.training.choices import CertificateState
from anjian.training.filtersets import (
    ActivityFilterSet,
    AttendanceFilterSet,
    CertificateFilterSet,
    DrillFilterSet,
    PersonFilterSet,
    SpecialCertificateFilterSet,
    TrainingSessionFilterSet,
    TrainingValidityFilterSet,
)
from anjian.training.forms import (
    ActivityForm,
    AssessmentForm,
    AttendanceForm,
    BulkAttendanceForm,
    CertificateForm,
    DrillForm,
    PersonForm,
    SpecialCertificateForm,
    TrainingSessionForm,
    TrainingValidityForm,
    session_assessment_formset,
)
from anjian.training.ledger import CertificateLedger, PersonLedger, SpecialCertificateLedger
from anjian.training.models import (
    Activity,
    Attendance,
    Certificate,
    Drill,
    Person,
    SpecialCertificate,
    TrainingSession,
    TrainingValidity,
)
from anjian.training.tables import (
    ActivityTable,
    AttendanceTable,
    CertificateTable,
    DrillTable,
    PersonTable,
    SpecialCertificateTable,
    TrainingSessionTable,
    TrainingValidityTable,
)


# --- people ---------------------------------------------------------------------------------------
class PersonListView(generic.ObjectListView):
    model = Person
    table_class = PersonTable
    filterset_class = PersonFilterSet
    ledger_class = PersonLedger
    page_before_join = True  # 200,000 people at scale 1.0: join the employers of one page only

    def get_queryset(self):
        return super().get_queryset().select_related("employer", "region")


class PersonDetailView(generic.ObjectDetailView):
    model = Person
    template_name = "training/person_detail.html"
    fields = [
        "name",
        "id_number",
        "phone",
        "employer",
        "contractor_unit",
        "duties",
        "region",
        "notes",
    ]

    def detail_fields(self):
        rows = []
        for label, value in super().detail_fields():
            if label == Person._meta.get_field("id_number").verbose_name:
                value = self.object.masked_id_number
            elif label == Person._meta.get_field("duties").verbose_name:
                value = self.object.duty_labels
            rows.append((label, value))
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        certificates = self.object.certificates.order_by("-expires_on")
        context["certificates"] = [(c, c.state(today)) for c in certificates]
        context["can_reveal"] = rules.may_reveal(self.request.user) and reverse(
            "training:person_reveal", args=[self.object.pk]
        )
        return context


class PersonRevealView(generic.ScopedViewMixin, TemplateView):
    """POST: show the full ID number once; the reveal is an audit event."""

    model = Person
    template_name = "training/person_reveal.html"

    def post(self, request, *args, **kwargs):
        self.check_model_permission("view")
        person = self.get_object()
        if not rules.may_reveal(request.user):
            raise PermissionDenied(_("You may not see full ID numbers."))
        number = services.reveal_id_number(person, actor=request.user, request=request)
        context = self.get_context_data(object=person, id_number=number)
        context.update(self.model_context())
        return self.render_to_response(context)

    def get(self, request, *args, **kwargs):
        return redirect("training:person_detail", pk=kwargs["pk"])


class PersonEditView(generic.ObjectEditView):
    model = Person
    form_class = PersonForm

    def success_url(self, obj):
        # Saved: an unknown county code is pointed out, never refused (core.identity).
        for warning in rules.id_number_warnings(obj.id_number):
            messages.warning(self.request, warning)
        return super().success_url(obj)


class PersonDeleteView(generic.ObjectDeleteView):
    model = Person


class PersonImportView(generic.ImportView):
    model = Person
    ledger_class = PersonLedger


class PersonImportTemplateView(generic.ImportTemplateView):
    model = Person
    ledger_class = PersonLedger


# --- sessions and attendance ---------------------------------------------------------------------
class TrainingSessionListView(generic.ObjectListView):
    model = TrainingSession
    table_class = TrainingSessionTable
    filterset_class = TrainingSessionFilterSet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organization", "enterprise")
            .annotate(attendee_count=Count("attendances"))
        )


class TrainingSessionDetailView(generic.ObjectDetailView):
    model = TrainingSession
    template_name = "training/session_detail.html"
    fields = [
        "kind",
        "topic",
        "held_on",
        "hours",
        "organization",
        "enterprise",
        "provider",
        "trainer",
        "location",
        "notes",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        attendances = (
            Attendance.objects.restrict(user, "view")
            .filter(session=self.object)
            .select_related("person", "certificate")
            .order_by("person__name", "id")
        )
        changeable = set(
            Attendance.objects.restrict(user, "change")
            .filter(session=self.object)
            .values_list("pk", flat=True)
        )
        context["attendances"] = [(a, a.pk in changeable) for a in attendances]
        context["can_assess_session"] = any(
            can and a.passed is None for a, can in context["attendances"]
        )
        context["can_add_attendance"] = user.has_perm("training.add_attendance")
        return context


class TrainingSessionEditView(generic.ObjectEditView):
    model = TrainingSession
    form_class = TrainingSessionForm


class TrainingSessionDeleteView(generic.ObjectDeleteView):
    model = TrainingSession


class AttendanceListView(generic.ObjectListView):
    model = Attendance
    table_class = AttendanceTable
    filterset_class = AttendanceFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("session", "person")


class AttendanceDetailView(generic.ObjectDetailView):
    model = Attendance
    template_name = "training/attendance_detail.html"
    fields = ["session", "person", "attended", "score", "passed", "assessed_at"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        context["can_assess"] = (
            obj.passed is None
            and is_visible(obj, self.request.user, "change")
            and reverse("training:attendance_assess", args=[obj.pk])
        )
        context["certificate"] = Certificate.objects.filter(attendance=obj).first()
        return context


class AttendanceEditView(generic.ObjectEditView):
    model = Attendance
    form_class = AttendanceForm

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        session = self.request.GET.get("session")
        if self.object is None and data is None and session and session.isdigit():
            form.initial["session"] = int(session)
        return form

    def success_url(self, obj):
        return reverse("training:trainingsession_detail", args=[obj.session_id])


class AttendanceDeleteView(generic.ObjectDeleteView):
    model = Attendance


class AssessView(generic.ScopedViewMixin, TemplateView):
    """Record one attendee's assessment (once); a pass issues the certificate."""

    model = Attendance
    action = "change"
    template_name = "training/assess.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_model_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.object.passed is not None:
            # Once assessed, the form is gone: a wrong result is corrected by the transition.
            return redirect("training:attendance_detail", pk=self.object.pk)
        return self.render_to_response(self.context(AssessmentForm(attendance=self.object)))

    def post(self, request, *args, **kwargs):
        form = AssessmentForm(request.POST, attendance=self.object)
        if form.is_valid():
            try:
                certificate = services.record_assessment(
                    self.object,
                    score=form.cleaned_data["score"],
                    actor=request.user,
                    request=request,
                )
            except services.AssessmentRefused as refused:
                return self.render_to_response(
                    self.context(form, reasons=refused.reasons), status=409
                )
            if certificate is not None:
                messages.success(
                    request,
                    _("Passed: certificate %(number)s issued.") % {"number": certificate.number},
                )
            else:
                messages.success(request, _("Failed: no certificate issued."))
            return HttpResponseRedirect(
                reverse("training:trainingsession_detail", args=[self.object.session_id])
            )
        return self.render_to_response(self.context(form))

    def context(self, form, **extra):
        context = self.get_context_data(
            form=form, object=self.object, pass_mark=settings.ANJIAN_TRAINING_PASS_MARK, **extra
        )
        context.update(self.model_context())
        return context


class AttendanceTransitionView(generic.TransitionView):
    """Correcting an assessment goes through the service: it also voids the certificate."""

    model = Attendance

    def post(self, request, *args, **kwargs):
        if self.transition.name != "correct_assessment":
            return super().post(request, *args, **kwargs)
        reason = request.POST.get("reason", "")
        try:
            services.correct_assessment(
                self.object, actor=request.user, reason=reason, request=request
            )
        except TransitionRefused as refused:
            context = self.get_context_data(reasons=refused.reasons, reason=reason)
            return self.render_to_response(context, status=409)
        messages.success(request, _("Done: %(action)s.") % {"action": self.transition.label})
        return redirect("training:attendance_detail", pk=self.object.pk)


class SessionScopedMixin(generic.ScopedViewMixin):
    """A page about one session's attendees: the session must be visible, the attendances
    changeable (or addable) by the user."""

    model = Attendance

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_model_permission()
        self.session = get_object_or_404(
            TrainingSession.objects.restrict(request.user, "view"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def render(self, **context):
        context = self.get_context_data(
            session=self.session, pass_mark=settings.ANJIAN_TRAINING_PASS_MARK, **context
        )
        context.update(self.model_context())
        return self.render_to_response(context, status=context.pop("status", 200))


class BulkAttendanceView(SessionScopedMixin, TemplateView):
    """Add many attendees at once: picked, or ID numbers pasted; all or nothing."""

    action = "add"
    template_name = "training/bulk_attendance.html"

    def get(self, request, *args, **kwargs):
        return self.render(form=BulkAttendanceForm(user=request.user))

    def post(self, request, *args, **kwargs):
        form = BulkAttendanceForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render(form=form, status=400)
        added = services.add_attendees(
            self.session, form.cleaned_data["all_people"], actor=request.user
        )
        messages.success(request, _("%(count)s attendees added.") % {"count": len(added)})
        return redirect("training:trainingsession_detail", pk=self.session.pk)


class SessionAssessView(SessionScopedMixin, TemplateView):
    """Assess every attendee of a session not yet assessed, on one page (a formset)."""

    action = "change"
    template_name = "training/session_assess.html"

    def attendances(self):
        return list(
            Attendance.objects.restrict(self.request.user, "change")
            .filter(session=self.session, passed__isnull=True)
            .select_related("person")
            .order_by("person__name", "id")
        )

    def get(self, request, *args, **kwargs):
        attendances = self.attendances()
        formset = session_assessment_formset(attendances=attendances)
        return self.render(rows=list(zip(attendances, formset.forms, strict=True)), formset=formset)

    def post(self, request, *args, **kwargs):
        attendances = self.attendances()
        ids = request.POST.getlist("attendance")
        if ids != [str(a.pk) for a in attendances]:
            # Someone assessed or added attendees meanwhile: start again on the fresh list.
            messages.warning(request, _("The list of attendees changed; please check again."))
            return redirect("training:session_assess", pk=self.session.pk)
        formset = session_assessment_formset(request.POST, attendances=attendances)
        reasons = []
        if formset.is_valid():
            try:
                with transaction.atomic():
                    for attendance, form in zip(attendances, formset.forms, strict=True):
                        try:
                            services.record_assessment(
                                attendance,
                                score=form.cleaned_data.get("score"),
                                actor=request.user,
                                request=request,
                            )
                        except services.AssessmentRefused as refused:
                            reasons += [f"{attendance.person.name}: {r}" for r in refused.reasons]
                    if reasons:
                        raise services.AssessmentRefused(reasons)
            except services.AssessmentRefused:
                pass
            else:
                messages.success(
                    request, _("%(count)s attendees assessed.") % {"count": len(attendances)}
                )
                return redirect("training:trainingsession_detail", pk=self.session.pk)
        return self.render(
            rows=list(zip(attendances, formset.forms, strict=True)),
            formset=formset,
            reasons=reasons,
            status=400,
        )


# --- certificates ---------------------------------------------------------------------------------
class CertificateListView(generic.ObjectListView):
    model = Certificate
    table_class = CertificateTable
    filterset_class = CertificateFilterSet
    ledger_class = CertificateLedger
    page_before_join = True  # 300,000 certificates at scale 1.0: join the holders of one page only

    def get_queryset(self):
        return super().get_queryset().select_related("person")


class CertificateDetailView(generic.ObjectDetailView):
    model = Certificate
    template_name = "training/certificate_detail.html"
    fields = [
        "number",
        "person",
        "kind",
        "duties",
        "issued_on",
        "expires_on",
        "issuer",
        "issuer_kind",
        "attendance",
        "voided_on",
        "void_reason",
    ]

    def detail_fields(self):
        rows = super().detail_fields()
        duties_label = Certificate._meta.get_field("duties").verbose_name
        rows = [
            (label, self.object.qualified_duty_labels if label == duties_label else value)
            for label, value in rows
        ]
        return [(_("printed title"), self.object.title), *rows]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["state"] = self.object.state()
        context["print_url"] = reverse("training:certificate_print", args=[self.object.pk])
        return context


class CertificatePrintView(generic.ObjectDetailView):
    """The printable certificate, with a QR code that opens its public verification page."""

    model = Certificate
    template_name = "training/certificate_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url = self.request.build_absolute_uri(reverse("training:verify", args=[self.object.number]))
        context["verify_url"] = url
        context["qr_data_uri"] = qr.svg_data_uri(url)
        context["state"] = self.object.state()
        return context


class CertificateEditView(generic.ObjectEditView):
    model = Certificate
    form_class = CertificateForm


class CertificateDeleteView(generic.ObjectDeleteView):
    model = Certificate


class CertificateImportView(generic.ImportView):
    model = Certificate
    ledger_class = CertificateLedger


class CertificateImportTemplateView(generic.ImportTemplateView):
    model = Certificate
    ledger_class = CertificateLedger


class VerifyView(TemplateView):
    """Public (no sign-in): a certificate by its number shows what a site inspector needs — the
    holder's masked name (张*明), the kind, the duties it qualifies for, the validity — nothing
    else. The number is found whatever its case; an unknown number stays on this page with
    未找到 (404)."""

    template_name = "training/verify.html"

    def get(self, request, *args, **kwargs):
        number = (kwargs.get("number") or request.GET.get("number", "")).strip()
        if not kwargs.get("number"):
            if number:
                return redirect("training:verify", number=number)
            return self.render_to_response({"lookup": True})
        certificate = (
            Certificate._base_manager.select_related("person").filter(number__iexact=number).first()
        )
        if certificate is None:
            return self.render_to_response(
                {"lookup": True, "not_found": True, "number": number}, status=404
            )
        state = certificate.state()
        return self.render_to_response(
            {
                "number": certificate.number,
                "title": certificate.title,
                "holder": rules.mask_name(certificate.person.name),
                "kind": certificate.get_kind_display(),
                "duties": certificate.qualified_duty_labels,
                "issued_on": certificate.issued_on,
                "expires_on": certificate.expires_on,
                "state": state,
                "is_valid": state in (CertificateState.VALID, CertificateState.EXPIRING),
            }
        )


# --- special operation certificates --------------------------------------------------------------
class SpecialCertificateListView(generic.ObjectListView):
    model = SpecialCertificate
    table_class = SpecialCertificateTable
    filterset_class = SpecialCertificateFilterSet
    ledger_class = SpecialCertificateLedger

    def get_queryset(self):
        return super().get_queryset().select_related("person")


class SpecialCertificateDetailView(generic.ObjectDetailView):
    model = SpecialCertificate
    fields = [
        "person",
        "number",
        "category",
        "operation",
        "authority",
        "issued_on",
        "expires_on",
        "review_interval_years",
        "last_reviewed_on",
    ]

    def detail_fields(self):
        from anjian.training.choices import SpecialCertificateState

        rows = list(super().detail_fields())
        due = self.object.next_review_due
        rows.append((_("next review due"), due.isoformat() if due else "—"))
        state = dict(SpecialCertificateState.choices)[self.object.state()]
        rows.append((_("validity"), state))
        return rows


class SpecialCertificateEditView(generic.ObjectEditView):
    model = SpecialCertificate
    form_class = SpecialCertificateForm


class SpecialCertificateDeleteView(generic.ObjectDeleteView):
    model = SpecialCertificate


class SpecialCertificateImportView(generic.ImportView):
    model = SpecialCertificate
    ledger_class = SpecialCertificateLedger


class SpecialCertificateImportTemplateView(generic.ImportTemplateView):
    model = SpecialCertificate
    ledger_class = SpecialCertificateLedger


# --- drills and activities --------------------------------------------------------------------------
class DrillListView(generic.ObjectListView):
    model = Drill
    table_class = DrillTable
    filterset_class = DrillFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "enterprise", "space")


class DrillDetailView(generic.ObjectDetailView):
    model = Drill
    fields = [
        "held_on",
        "scenario",
        "organization",
        "enterprise",
        "space",
        "location",
        "participant_count",
        "participants",
        "evaluation",
        "lessons",
        "notes",
    ]


class DrillEditView(generic.ObjectEditView):
    model = Drill
    form_class = DrillForm


class DrillDeleteView(generic.ObjectDeleteView):
    model = Drill


class ActivityListView(generic.ObjectListView):
    model = Activity
    table_class = ActivityTable
    filterset_class = ActivityFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "enterprise")


class ActivityDetailView(generic.ObjectDetailView):
    model = Activity
    template_name = "training/activity_detail.html"
    fields = [
        "kind",
        "title",
        "held_on",
        "organization",
        "enterprise",
        "participant_count",
        "materials_count",
        "materials",
        "description",
        "notes",
    ]


class ActivityEditView(generic.ObjectEditView):
    model = Activity
    form_class = ActivityForm


class ActivityDeleteView(generic.ObjectDeleteView):
    model = Activity


# --- configuration ----------------------------------------------------------------------------------
class TrainingValidityListView(generic.ObjectListView):
    model = TrainingValidity
    table_class = TrainingValidityTable
    filterset_class = TrainingValidityFilterSet


class TrainingValidityDetailView(generic.ObjectDetailView):
    model = TrainingValidity
    fields = ["kind", "qualifies_for", "printed_title", "validity_months"]

    def detail_fields(self):
        rows = []
        for label, value in super().detail_fields():
            if label == TrainingValidity._meta.get_field("qualifies_for").verbose_name:
                value = self.object.duty_labels or "—"
            elif label == TrainingValidity._meta.get_field("printed_title").verbose_name:
                value = self.object.title
            rows.append((label, value))
        return rows


class TrainingValidityEditView(generic.ObjectEditView):
    model = TrainingValidity
    form_class = TrainingValidityForm


class TrainingValidityDeleteView(generic.ObjectDeleteView):
    model = TrainingValidity


class ActivityPhotoView(generic.ObjectDetailView):
    """The activity's photo, served only to who may see the activity (never a public media URL)."""

    model = Activity

    def get(self, request, *args, **kwargs):
        from django.http import FileResponse

        activity = self.get_object()
        if not activity.photo:
            raise Http404(_("No such record."))
        return FileResponse(activity.photo.open("rb"), filename=activity.photo.name.rsplit("/")[-1])
