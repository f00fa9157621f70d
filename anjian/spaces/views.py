"""Pages of the spaces app: the ledger, risk assessments, the equipment register, the printable
label with its QR code and the public page the QR code opens."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from anjian.core import views as generic
from anjian.core.file_views import ScopedFileView
from anjian.core.scoping import is_visible
from anjian.spaces import rules, services
from anjian.spaces.filtersets import (
    ConfinedSpaceFilterSet,
    SafetyEquipmentFilterSet,
    SpaceRiskAssessmentFilterSet,
)
from anjian.spaces.forms import ConfinedSpaceForm, SafetyEquipmentForm, SpaceRiskAssessmentForm
from anjian.spaces.ledger import ConfinedSpaceLedger, SafetyEquipmentLedger
from anjian.spaces.models import ConfinedSpace, SafetyEquipment, SpaceRiskAssessment
from anjian.spaces.tables import (
    ConfinedSpaceTable,
    SafetyEquipmentTable,
    SpaceRiskAssessmentTable,
    date_state_badge,
    risk_badge,
)
from anjian.training import qr

ASSESSMENTS_SHOWN = 20


# --- the ledger -----------------------------------------------------------------------------------
class ConfinedSpaceListView(generic.ObjectListView):
    model = ConfinedSpace
    table_class = ConfinedSpaceTable
    filterset_class = ConfinedSpaceFilterSet
    ledger_class = ConfinedSpaceLedger

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "responsible_person")


class ConfinedSpaceDetailView(generic.ObjectDetailView):
    model = ConfinedSpace
    template_name = "spaces/confinedspace_detail.html"
    fields = [
        "enterprise",
        "code",
        "name",
        "kind",
        "location",
        "size",
        "hazard_factors",
        "accident_types",
        "toxic_gases",
        "oxygen_deficiency_risk",
        "explosion_risk",
        "warning_sign",
        "risk_notice_board",
        "isolation",
        "isolation_effective",
        "usual_work",
        "work_frequency",
        "performed_by",
        "responsible_person",
        "identified_on",
        "reviewed_on",
        "notes",
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "responsible_person")

    def detail_fields(self):
        rows = []
        for label, value in super().detail_fields():
            if label == ConfinedSpace._meta.get_field("toxic_gases").verbose_name:
                value = self.object.toxic_gas_labels or "—"
            rows.append((label, value))
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        space = self.object
        user = self.request.user
        assessments = []
        if user.has_perm("spaces.view_spaceriskassessment"):
            assessments = list(
                space.assessments.order_by("-assessed_on", "-id")[:ASSESSMENTS_SHOWN]
            )
        current = assessments[0] if assessments else None
        context.update(
            {
                "assessments": [(a, risk_badge(a.level)) for a in assessments],
                "current": current,
                "risk_badge": risk_badge(space.risk_level),
                "notice_board_text": (current.notice_board_text if current else "")
                or rules.default_notice_board_text(space, current),
                "hazards": space.hazard_summary,
                "work_now": services.work_in_progress(space),
                "label_url": reverse("spaces:confinedspace_label", args=[space.pk]),
                "photo_url": space.photo and reverse("spaces:confinedspace_photo", args=[space.pk]),
                "can_assess": user.has_perm("spaces.add_spaceriskassessment")
                and is_visible(space, user, "change")
                and reverse("spaces:spaceriskassessment_add") + f"?space={space.pk}",
            }
        )
        return context


class ConfinedSpaceEditView(generic.ObjectEditView):
    model = ConfinedSpace
    form_class = ConfinedSpaceForm


class ConfinedSpaceDeleteView(generic.ObjectDeleteView):
    model = ConfinedSpace


class ConfinedSpaceImportView(generic.ImportView):
    model = ConfinedSpace
    ledger_class = ConfinedSpaceLedger


class ConfinedSpaceImportTemplateView(generic.ImportTemplateView):
    model = ConfinedSpace
    ledger_class = ConfinedSpaceLedger


class ConfinedSpacePhotoView(ScopedFileView):
    model = ConfinedSpace
    file_field = "photo"


class ConfinedSpaceLabelView(generic.ObjectDetailView):
    """The printable label at the space's entrance: the warning, and a QR code that opens the
    public page (no sign-in) of this space."""

    model = ConfinedSpace
    template_name = "spaces/label.html"

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url = self.request.build_absolute_uri(
            reverse("spaces_public:space", args=[self.object.label_token])
        )
        context["public_url"] = url
        context["qr_data_uri"] = qr.svg_data_uri(url)
        context["hazards"] = self.object.hazard_summary
        return context


class PublicSpaceView(TemplateView):
    """Public (no sign-in), opened by the QR code on the label: the space's name and code, its
    enterprise, the warning and its hazards, and whether approved work is in progress right now
    (the permit's number, until when, its attendant) — nothing else. An unknown token is a 404;
    tokens are random, so spaces cannot be listed by trying numbers. A signed-in user who may
    see the space is offered its full record."""

    template_name = "spaces/public.html"

    def get(self, request, *args, **kwargs):
        space = services.find_by_token(kwargs.get("token", ""))
        if space is None:
            raise Http404(_("No such record."))
        user = request.user
        full_record = None
        if (
            user.is_authenticated
            and user.has_perm("spaces.view_confinedspace")
            and is_visible(space, user, "view")
        ):
            full_record = reverse("spaces:confinedspace_detail", args=[space.pk])
        response = self.render_to_response(
            {
                "space_name": space.name,
                "space_code": space.code,
                "enterprise_name": space.enterprise.name,
                "hazards": space.hazard_summary,
                "work_now": services.work_in_progress(space),
                "checked_at": timezone.localtime(),
                "full_record": full_record,
            }
        )
        # Whether work is in progress changes by the minute: never cached.
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


# --- risk assessments -------------------------------------------------------------------------------
class SpaceRiskAssessmentListView(generic.ObjectListView):
    model = SpaceRiskAssessment
    table_class = SpaceRiskAssessmentTable
    filterset_class = SpaceRiskAssessmentFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("space")


class SpaceRiskAssessmentDetailView(generic.ObjectDetailView):
    model = SpaceRiskAssessment
    template_name = "spaces/assessment_detail.html"
    fields = [
        "space",
        "method",
        "likelihood",
        "exposure",
        "consequence",
        "score",
        "level",
        "controls",
        "notice_board_text",
        "assessed_on",
        "assessor",
        "notes",
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("space")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["level_badge"] = risk_badge(self.object.level)
        return context


class SpaceRiskAssessmentEditView(generic.ObjectEditView):
    model = SpaceRiskAssessment
    form_class = SpaceRiskAssessmentForm

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        space = self.request.GET.get("space", "")
        if data is None and self.object is None and space.isdigit():
            chosen = ConfinedSpace.objects.restrict(self.request.user, "view").filter(pk=space)
            found = chosen.first()
            if found is not None:
                form.initial["space"] = found.pk
        return form


class SpaceRiskAssessmentDeleteView(generic.ObjectDeleteView):
    model = SpaceRiskAssessment


# --- safety equipment -------------------------------------------------------------------------------
class SafetyEquipmentListView(generic.ObjectListView):
    model = SafetyEquipment
    table_class = SafetyEquipmentTable
    filterset_class = SafetyEquipmentFilterSet
    ledger_class = SafetyEquipmentLedger

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise")


class SafetyEquipmentDetailView(generic.ObjectDetailView):
    model = SafetyEquipment
    template_name = "spaces/equipment_detail.html"
    fields = [
        "enterprise",
        "kind",
        "name",
        "model_number",
        "serial_number",
        "quantity",
        "location",
        "calibrated_on",
        "valid_until",
        "explosion_proof",
        "notes",
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["validity_badge"] = date_state_badge(self.object.date_state())
        return context


class SafetyEquipmentEditView(generic.ObjectEditView):
    model = SafetyEquipment
    form_class = SafetyEquipmentForm


class SafetyEquipmentDeleteView(generic.ObjectDeleteView):
    model = SafetyEquipment


class SafetyEquipmentImportView(generic.ImportView):
    model = SafetyEquipment
    ledger_class = SafetyEquipmentLedger


class SafetyEquipmentImportTemplateView(generic.ImportTemplateView):
    model = SafetyEquipment
    ledger_class = SafetyEquipmentLedger
