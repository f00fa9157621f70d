"""Forms of the permits pages. Related choices are restricted to the user's view
(``ScopedModelForm``); the rules themselves live in ``rules.py`` and run in the models' ``clean``
and the services, so the page, the API and the import refuse alike."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.forms import ScopedModelForm, restrict_form_fields, style_fields
from anjian.enterprises.models import Enterprise, SafetyAgreement
from anjian.permits import rules
from anjian.permits.choices import (
    REQUIRED_BRIEFING_TOPICS,
    BriefingTopic,
    Depth,
    Direction,
    GasTestKind,
    GasUnit,
)
from anjian.permits.models import (
    AttachmentKind,
    Briefing,
    Delegation,
    GasThreshold,
    Permit,
    PermitAttachment,
    PermitPerson,
)
from anjian.spaces.choices import EquipmentKind
from anjian.spaces.models import ConfinedSpace, SafetyEquipment
from anjian.training.models import Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date-and-time picker (a phone shows its own wheel)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


def datetime_field(label, **kwargs):
    return forms.DateTimeField(
        label=label, widget=DateTimeLocalInput(), input_formats=[DATETIME_FORMAT], **kwargs
    )


def equipment_label(equipment, today):
    """ "四合一气体检测仪 SN-01 · valid until 2027-03-01" or "… · out of date (2026-10-01)"."""
    state = gettext("in date") if equipment.in_date(today) else gettext("out of date")
    until = (
        date_format(equipment.valid_until, "SHORT_DATE_FORMAT")
        if equipment.valid_until
        else gettext("no validity date")
    )
    return f"{equipment} · {state} ({until})"


class EquipmentChoiceField(forms.ModelMultipleChoiceField):
    """Equipment from the enterprise's register, each labelled with whether it is in date."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return equipment_label(obj, timezone.localdate())


class DetectorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return equipment_label(obj, timezone.localdate())


def single_enterprise(user):
    """The one enterprise an enterprise user acts for, else None (a regulator chooses)."""
    from anjian.core.scoping import jurisdiction_for

    if user is None or not user.is_authenticated:
        return None
    ids = jurisdiction_for(user).enterprise_ids
    if isinstance(ids, list | tuple | set | frozenset) and len(ids) == 1:
        return next(iter(ids))
    return None


class PermitForm(ScopedModelForm):
    """The work plan of a draft: space, content, times, implementing unit, people (on the page),
    hazards, measures, equipment from the register and the rescue readiness."""

    planned_start = datetime_field(_("planned start"))
    planned_end = datetime_field(_("planned end"))
    protective_equipment = EquipmentChoiceField(
        label=_("protective equipment"), queryset=SafetyEquipment.objects.all(), required=False
    )
    rescue_equipment = EquipmentChoiceField(
        label=_("rescue equipment on site"),
        queryset=SafetyEquipment.objects.all(),
        required=False,
    )

    class Meta:
        model = Permit
        fields = [
            "enterprise",
            "space",
            "work_content",
            "planned_start",
            "planned_end",
            "implementing_unit",
            "contractor",
            "contractor_uscc",
            "contractor_name",
            "contractor_agreement",
            "agreement_document",
            "hazards",
            "ventilation",
            "isolation_points",
            "protective_equipment",
            "communication",
            "explosion_proof_measures",
            "electrical_note",
            "rescue_plan",
            "rescue_equipment",
            "rescue_team",
            "rescue_call",
            "notes",
        ]
        widgets = {
            "enterprise": AutocompleteSelect(Enterprise),
            "space": AutocompleteSelect(ConfinedSpace),
            "contractor": AutocompleteSelect(Enterprise),
            "contractor_agreement": AutocompleteSelect(SafetyAgreement),
            "implementing_unit": forms.RadioSelect,
            "work_content": forms.Textarea(attrs={"rows": 3}),
            "hazards": forms.Textarea(attrs={"rows": 3}),
            "ventilation": forms.Textarea(attrs={"rows": 2}),
            "isolation_points": forms.Textarea(attrs={"rows": 2}),
            "explosion_proof_measures": forms.Textarea(attrs={"rows": 2}),
            "electrical_note": forms.Textarea(attrs={"rows": 2}),
            "rescue_plan": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    # Cards of the form page: (title, icon, field names).
    SECTIONS = [
        (
            _("The work"),
            "clipboard",
            ["enterprise", "space", "work_content", "planned_start", "planned_end"],
        ),
        (
            _("Implementing unit"),
            "building",
            [
                "implementing_unit",
                "contractor",
                "contractor_uscc",
                "contractor_name",
                "contractor_agreement",
                "agreement_document",
            ],
        ),
        (
            _("Hazards and safety measures"),
            "exclamation-triangle",
            [
                "hazards",
                "ventilation",
                "isolation_points",
                "protective_equipment",
                "communication",
                "explosion_proof_measures",
                "electrical_note",
            ],
        ),
        (
            _("Rescue readiness"),
            "life-preserver",
            ["rescue_plan", "rescue_equipment", "rescue_team", "rescue_call", "notes"],
        ),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        enterprise_id = self.instance.enterprise_id or single_enterprise(self.user)
        if enterprise_id and not self.instance.pk:
            self.initial.setdefault("enterprise", enterprise_id)
        if enterprise_id and single_enterprise(self.user) == enterprise_id:
            # An enterprise user files for their own enterprise: nothing to choose.
            self.fields["enterprise"].widget = forms.HiddenInput()
        if self.instance.pk:
            # The enterprise of a permit never changes (its number, its region, its filings).
            self.fields["enterprise"].disabled = True
            self.fields["enterprise"].widget = forms.HiddenInput()
        for name in ("protective_equipment", "rescue_equipment"):
            field = self.fields[name]
            if enterprise_id:
                field.queryset = field.queryset.filter(enterprise_id=enterprise_id).exclude(
                    kind=EquipmentKind.GAS_DETECTOR
                )
            else:
                # A regulator's new permit: the register is offered once the enterprise is saved.
                field.queryset = field.queryset.none()
                field.help_text = _(
                    "Save the draft first; then pick from the enterprise's register."
                )
            field.widget.attrs["class"] = "form-check-input"
        self.fields["implementing_unit"].widget.attrs["class"] = "form-check-input"
        for name in ("planned_start", "planned_end"):
            value = self.initial.get(name)
            if value is not None and hasattr(value, "astimezone"):
                self.initial[name] = timezone.localtime(value).strftime(DATETIME_FORMAT)

    def clean(self):
        """Equipment is a many-to-many the model's own check cannot see: the same rule as the
        API (``rules.check_permit_equipment``) refuses a change after filing and equipment not in
        the register of the enterprise or its contractor."""
        cleaned = super().clean()
        permit = self.instance
        enterprise = cleaned.get("enterprise")
        contractor = cleaned.get("contractor") if "contractor" in cleaned else None
        probe = Permit(
            pk=permit.pk,
            status=permit.status,
            enterprise_id=getattr(enterprise, "pk", permit.enterprise_id),
            contractor_id=getattr(contractor, "pk", None)
            if "contractor" in cleaned
            else permit.contractor_id,
        )
        changed = {
            name: cleaned.get(name)
            for name in ("protective_equipment", "rescue_equipment")
            if name in self.changed_data and name in cleaned
        }
        errors = rules.check_permit_equipment(
            probe, changed.get("protective_equipment"), changed.get("rescue_equipment")
        )
        for name, message in errors.items():
            self.add_error(name, message)
        return cleaned

    def sections(self):
        return [
            (title, icon, [self[name] for name in names if name in self.fields])
            for title, icon, names in self.SECTIONS
        ]


class PermitPersonForm(ScopedModelForm):
    """Add one person with one duty to a permit (attendant ≠ entrant is refused in words)."""

    class Meta:
        model = PermitPerson
        fields = ["person", "duty", "special_category", "special_operation"]
        widgets = {"person": AutocompleteSelect(Person)}

    def __init__(self, *args, permit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.permit = permit

    def _get_validation_exclusions(self):
        # The permit is set by the page, not typed: its uniqueness rules (a person once per duty;
        # never attendant and entrant) must still be checked and shown beside the form.
        exclude = super()._get_validation_exclusions()
        exclude.discard("permit")
        return exclude


class BriefingForm(ScopedModelForm):
    """Acknowledgement: the sub-district's on-site briefing, recorded in one form."""

    started_at = datetime_field(_("briefing started at"))
    ended_at = datetime_field(_("briefing ended at"))
    topics = forms.MultipleChoiceField(
        label=_("topics"),
        choices=BriefingTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Must include the seven prohibitions and the work procedure."),
    )

    class Meta:
        model = Briefing
        fields = [
            "started_at",
            "ended_at",
            "location",
            "given_by_name",
            "topics",
            "attendees",
            "attendee_names",
        ]
        widgets = {
            "attendees": forms.CheckboxSelectMultiple,
            "attendee_names": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, permit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.permit = permit
        # Who attended, from the people of this permit (others by name below).
        people = permit.people.values("person_id") if permit is not None else []
        self.fields["attendees"].queryset = self.fields["attendees"].queryset.filter(pk__in=people)
        self.fields["attendees"].widget.attrs["class"] = "form-check-input"
        self.fields["topics"].widget.attrs["class"] = "form-check-input"
        if not self.is_bound:
            self.initial.setdefault("topics", [t.value for t in REQUIRED_BRIEFING_TOPICS])
            if self.user is not None:
                name = self.user.get_full_name() or self.user.get_username()
                self.initial.setdefault("given_by_name", name)
            if permit is not None:
                self.initial.setdefault("location", str(permit.space))
                self.initial.setdefault("attendees", [p.person_id for p in permit.people.all()])


class ApprovalForm(forms.Form):
    """Who approves: the principal, or a delegate with a written delegation valid today."""

    approver = forms.ModelChoiceField(
        label=_("approved by"), queryset=Person.objects.none(), empty_label=None
    )
    reason = forms.CharField(
        label=_("remark"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, permit=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        ids = set()
        if permit is not None:
            enterprise = permit.enterprise
            today = timezone.localdate()
            delegates = Delegation.objects.restrict(user, "view").filter(
                enterprise=enterprise, valid_from__lte=today, valid_until__gte=today
            )
            ids = set(delegates.values_list("delegate_id", flat=True))
            if enterprise.principal_person_id:
                ids.add(enterprise.principal_person_id)
                self.initial.setdefault("approver", enterprise.principal_person_id)
        self.fields["approver"].queryset = Person.objects.filter(pk__in=ids)
        restrict_form_fields(self, user)
        self.fields["approver"].help_text = _(
            "The enterprise's principal, or a delegate holding a written delegation valid today."
        )
        style_fields(self.fields)


class AcceptanceForm(forms.Form):
    leader = forms.ModelChoiceField(
        label=_("work leader accepting"), queryset=Person.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("acceptance note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, permit=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        leaders = [p for p in permit.people.all() if p.duty == "leader"] if permit else []
        self.fields["leader"].queryset = Person.objects.filter(
            pk__in=[p.person_id for p in leaders]
        )
        if leaders:
            self.initial.setdefault("leader", leaders[0].person_id)
        restrict_form_fields(self, user)
        style_fields(self.fields)


class CompletionForm(forms.Form):
    isolation_restored = forms.BooleanField(
        label=_("isolation restored (locks, blinds and barriers back in place)"), required=False
    )
    reason = forms.CharField(
        label=_("remark"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


class GasTestForm(forms.Form):
    """One gas test: when, who, which detector, and a reading per gas and depth.

    The grid has a row per active gas of the threshold table, a column per depth (top, middle,
    bottom) and one unit per gas (ppm or mg/m³ for toxic gases; the threshold's unit otherwise);
    an empty cell is a depth not measured. Each reading is judged by the service."""

    kind = forms.ChoiceField(label=_("kind"), choices=GasTestKind.choices)
    tested_at = datetime_field(_("tested at"))
    tester = forms.ModelChoiceField(label=_("tester"), queryset=Person.objects.none())
    detector = DetectorChoiceField(label=_("detector"), queryset=SafetyEquipment.objects.none())
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args, permit=None, user=None, thresholds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.permit = permit
        self.thresholds = thresholds
        self.rows = []
        if permit is None:
            restrict_form_fields(self, user)
            return
        self.fields["tester"].queryset = Person.objects.filter(
            pk__in=permit.people.values("person_id")
        )
        self.fields["detector"].queryset = SafetyEquipment.objects.filter(
            enterprise_id__in=[e for e in (permit.enterprise_id, permit.contractor_id) if e],
            kind=EquipmentKind.GAS_DETECTOR,
        )
        restrict_form_fields(self, user)
        testers = [p.person_id for p in permit.people.all() if p.duty == "gas_tester"]
        if testers:
            self.initial.setdefault("tester", testers[0])
        today = timezone.localdate()
        in_date = [d for d in self.fields["detector"].queryset if d.in_date(today)]
        if in_date:  # the first detector in date is the likely one; any may be chosen
            self.initial.setdefault("detector", in_date[0].pk)
        self.initial.setdefault("tested_at", timezone.localtime().strftime(DATETIME_FORMAT))
        if permit.status in ("in_progress",):
            self.initial.setdefault("kind", GasTestKind.PERIODIC)
        elif permit.status == "suspended":
            self.initial.setdefault("kind", GasTestKind.RETEST)
        self.rows = []
        for gas in thresholds:
            cells = []
            for depth, depth_label in Depth.choices:
                name = f"r_{gas.pk}_{depth}"
                self.fields[name] = forms.DecimalField(
                    label=f"{gas.code} {depth_label}",
                    required=False,
                    min_value=0,
                    max_digits=12,
                    decimal_places=4,
                    widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
                )
                cells.append((depth_label, self[name]))
            unit_name = f"u_{gas.pk}"
            self.fields[unit_name] = forms.ChoiceField(
                label=gettext("unit"), choices=unit_choices(gas), initial=gas.unit
            )
            convertible = len(unit_choices(gas)) > 1
            self.rows.append((gas, cells, self[unit_name], convertible))
        style_fields(self.fields)

    def clean(self):
        cleaned = super().clean()
        readings = []
        for gas in self.thresholds:
            unit = cleaned.get(f"u_{gas.pk}") or gas.unit
            for depth, _label in Depth.choices:
                value = cleaned.get(f"r_{gas.pk}_{depth}")
                if value is not None:
                    readings.append({"gas": gas, "depth": depth, "value": value, "unit": unit})
        if not readings:
            raise forms.ValidationError(_("Enter at least one reading."))
        cleaned["readings"] = readings
        return cleaned


def unit_choices(gas):
    """The units a reading of ``gas`` may be entered in: its own, and ppm ⇄ mg/m³ when the gas has
    a molar mass (the conversion is stated on the result)."""
    labels = dict(GasUnit.choices)
    units = [gas.unit]
    if gas.molar_mass and gas.unit in (GasUnit.PPM, GasUnit.MG_M3):
        units = [GasUnit.PPM, GasUnit.MG_M3]
    return [(u, labels[u]) for u in units]


class EntryForm(forms.Form):
    """One line of the entry log from the site page: a person of the permit or a tool, in or out."""

    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    tool = forms.CharField(label=_("tool"), max_length=100, required=False)
    direction = forms.ChoiceField(label=_("direction"), choices=Direction.choices)

    def clean(self):
        cleaned = super().clean()
        tool = (cleaned.get("tool") or "").strip()
        cleaned["tool"] = tool
        if bool(cleaned.get("person")) == bool(tool):
            raise forms.ValidationError(_("Record either a person or a tool."))
        return cleaned


class DelegationForm(ScopedModelForm):
    class Meta:
        model = Delegation
        fields = [
            "enterprise",
            "principal",
            "delegate",
            "valid_from",
            "valid_until",
            "document",
            "note",
        ]
        widgets = {
            "enterprise": AutocompleteSelect(Enterprise),
            "principal": AutocompleteSelect(Person),
            "delegate": AutocompleteSelect(Person),
            "valid_from": DATE,
            "valid_until": DATE,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        enterprise_id = single_enterprise(self.user)
        if enterprise_id and not self.instance.pk:
            self.initial.setdefault("enterprise", enterprise_id)
            self.fields["enterprise"].widget = forms.HiddenInput()
        self.fields["document"].widget.attrs["accept"] = "application/pdf,image/jpeg,image/png"


class PermitAttachmentForm(ScopedModelForm):
    class Meta:
        model = PermitAttachment
        fields = ["kind", "file", "note"]
        unscoped_related = ("kind",)  # a reference table every reader sees whole

    def __init__(self, *args, permit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.permit = permit
        self.fields["kind"].queryset = AttachmentKind.objects.filter(active=True, generated=False)
        self.fields["file"].widget.attrs["accept"] = "application/pdf,image/jpeg,image/png"


class GasThresholdForm(ScopedModelForm):
    class Meta:
        model = GasThreshold
        fields = [
            "code",
            "name",
            "unit",
            "minimum",
            "maximum",
            "maximum_inclusive",
            "warn",
            "molar_mass",
            "source",
            "order",
            "active",
        ]


class AttachmentKindForm(ScopedModelForm):
    class Meta:
        model = AttachmentKind
        fields = ["code", "name", "required", "generated", "order", "active"]
