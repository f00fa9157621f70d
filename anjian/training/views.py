"""Pages of the training app: generic declarations, plus the assessment action, the audited reveal
of an ID number, the printable certificate and the public verification page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from anjian.core import views as generic
from anjian.core.scoping import is_visible
from anjian.training import qr, rules, services
from anjian.training.choices import CertificateState
from anjian.training.filtersets import (
    ActivityFilterSet,
    AttendanceFilterSet,
    CertificateFilterSet,
    DrillFilterSet,
    PersonFilterSet,
    TrainingSessionFilterSet,
    TrainingValidityFilterSet,
)
from anjian.training.forms import (
    ActivityForm,
    AssessmentForm,
    AttendanceForm,
    CertificateForm,
    DrillForm,
    PersonForm,
    TrainingSessionForm,
    TrainingValidityForm,
)
from anjian.training.ledger import CertificateLedger, PersonLedger
from anjian.training.models import (
    Activity,
    Attendance,
    Certificate,
    Drill,
    Person,
    TrainingSession,
    TrainingValidity,
)
from anjian.training.tables import (
    ActivityTable,
    AttendanceTable,
    CertificateTable,
    DrillTable,
    PersonTable,
    TrainingSessionTable,
    TrainingValidityTable,
)


# --- people ---------------------------------------------------------------------------------------
class PersonListView(generic.ObjectListView):
    model = Person
    table_class = PersonTable
    filterset_class = PersonFilterSet
    ledger_class = PersonLedger

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
        return self.render_to_response(self.context(AssessmentForm()))

    def post(self, request, *args, **kwargs):
        form = AssessmentForm(request.POST)
        if form.is_valid():
            try:
                certificate = services.record_assessment(
                    self.object,
                    score=form.cleaned_data["score"],
                    passed=form.cleaned_data["passed"],
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
        context = self.get_context_data(form=form, object=self.object, **extra)
        context.update(self.model_context())
        return context


# --- certificates ---------------------------------------------------------------------------------
class CertificateListView(generic.ObjectListView):
    model = Certificate
    table_class = CertificateTable
    filterset_class = CertificateFilterSet
    ledger_class = CertificateLedger

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
        "attendance",
    ]

    def detail_fields(self):
        rows = super().detail_fields()
        duties_label = Certificate._meta.get_field("duties").verbose_name
        return [
            (label, self.object.duty_labels if label == duties_label else value)
            for label, value in rows
        ]

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
    """Public (no sign-in): a certificate by its number shows the holder's masked name, the kind
    and the validity, nothing else. An unknown number is a plain 404."""

    template_name = "training/verify.html"

    def get(self, request, *args, **kwargs):
        number = kwargs.get("number") or request.GET.get("number", "").strip()
        if not kwargs.get("number"):
            if number:
                return redirect("training:verify", number=number)
            return self.render_to_response({"lookup": True})
        certificate = (
            Certificate._base_manager.select_related("person").filter(number=number).first()
        )
        if certificate is None:
            raise Http404(_("No such record."))
        state = certificate.state()
        return self.render_to_response(
            {
                "number": certificate.number,
                "holder": rules.mask_name(certificate.person.name),
                "kind": certificate.get_kind_display(),
                "issued_on": certificate.issued_on,
                "expires_on": certificate.expires_on,
                "state": state,
                "is_valid": state in (CertificateState.VALID, CertificateState.EXPIRING),
            }
        )


# --- drills and activities --------------------------------------------------------------------------
class DrillListView(generic.ObjectListView):
    model = Drill
    table_class = DrillTable
    filterset_class = DrillFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "enterprise")


class DrillDetailView(generic.ObjectDetailView):
    model = Drill
    fields = [
        "held_on",
        "scenario",
        "organization",
        "enterprise",
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
    fields = ["kind", "validity_days"]


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
