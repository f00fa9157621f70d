"""Forms of hazards: the report and plan form, the fix the enterprise submits, the public report.
Every form saves through ``services`` (the page, the API and Excel share the rules)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from anjian.core.forms import ScopedModelForm
from anjian.enterprises.forms import use_enterprise_autocomplete
from anjian.hazards import rules, services
from anjian.hazards.choices import HazardSource, HazardStatus, PhotoStage
from anjian.hazards.models import Hazard, HazardPhoto, MajorHazardCriterion
from anjian.spaces.forms import use_person_picker, use_space_picker

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# What a person may choose as the source on the page: public reports and agreement checks are
# recorded by their own services.
FORM_SOURCES = (
    HazardSource.SELF_CHECK,
    HazardSource.INSPECTION,
    HazardSource.SPOT_CHECK,
    HazardSource.EVALUATION,
)


def is_enterprise_user(user) -> bool:
    return bool(user and user.has_perm("enterprises.act_for_own_enterprise"))


def allowed_sources(user) -> list[str]:
    """The sources ``user`` may record a hazard under (page, API, Excel): an enterprise's own
    user reports self-checks only."""
    if is_enterprise_user(user):
        return [HazardSource.SELF_CHECK.value]
    return [str(s) for s in FORM_SOURCES]


class HazardForm(ScopedModelForm):
    """Report a hazard or edit it and its rectification plan. An enterprise's own user reports a
    self-check; lowering a major hazard (unticking its criteria) is for a verifier only."""

    evidence_photo = forms.FileField(
        label=_("evidence photo"),
        required=False,
        help_text=_("JPEG, PNG, WebP or HEIC."),
    )

    class Meta:
        model = Hazard
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
            "criteria",
            "legal_basis",
            "measures",
            "responsible_name",
            "responsible_person",
            "deadline",
            "funds",
            "notes",
        ]
        widgets = {
            "found_on": DATE,
            "deadline": DATE,
            "criteria": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_enterprise_autocomplete(self, "enterprise")
        use_space_picker(self, "space")
        use_person_picker(self, "responsible_person")
        from anjian.core.autocomplete import AutocompleteSelect
        from anjian.permits.models import Permit

        permit_field = self.fields["permit"]
        widget = AutocompleteSelect(Permit, attrs={"class": "form-select"})
        widget.choices = permit_field.choices
        widget.is_required = False
        permit_field.widget = widget
        criteria = self.fields.get("criteria")
        if criteria is not None:
            criteria.queryset = criteria.queryset.filter(active=True) | (
                self.instance.criteria.all() if self.instance.pk else criteria.queryset.none()
            )
            criteria.widget.attrs["class"] = "form-check-input"
        allowed = allowed_sources(self.user)
        sources = [c for c in HazardSource.choices if c[0] in allowed]
        if self.instance.pk and self.instance.source not in dict(sources):
            sources.append((self.instance.source, self.instance.get_source_display()))
        self.fields["source"].choices = sources
        if self.instance.pk:
            del self.fields["evidence_photo"]
        self.proposals = []
        permit = self.instance.permit if self.instance.permit_id else None
        initial_permit = self.initial.get("permit")
        if permit is None and initial_permit:
            permit = Permit.objects.restrict(self.user, "view").filter(pk=initial_permit).first()
        if permit is not None and criteria is not None:
            self.proposals = rules.proposed_criteria_for_permit(permit)
            for criterion, reasons in self.proposals:
                criteria.help_text = _("Proposed from the permit's records: %(code)s — %(why)s") % {
                    "code": criterion.code,
                    "why": "；".join(reasons),
                }
                if not self.is_bound and not self.instance.pk:
                    self.initial.setdefault("criteria", [criterion.pk])

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.status == HazardStatus.CLOSED:
            raise ValidationError(
                _("A closed hazard cannot be edited; reopen it after a follow-up check.")
            )
        criteria = cleaned.get("criteria")
        if (
            self.instance.pk
            and criteria is not None
            and self.instance.level == "major"
            and not any(c.active for c in criteria)
            and not (self.user and self.user.has_perm("hazards.verify_hazard"))
        ):
            self.add_error(
                "criteria", _("Only a verifier may take a major hazard's criteria away.")
            )
        return cleaned

    def save(self, commit=True):
        data = self.cleaned_data
        if self.instance.pk:
            with transaction.atomic():
                hazard = super().save(commit=True)
                if "criteria" in self.fields:
                    services.set_criteria(hazard, data.get("criteria") or [], actor=self.user)
            return hazard
        photo = data.get("evidence_photo")
        criteria = data.get("criteria") if "criteria" in self.fields else []
        hazard = services.report_hazard(
            data["enterprise"],
            actor=self.user,
            description=data["description"],
            source=data["source"],
            found_on=data.get("found_on"),
            category=data.get("category"),
            space=data.get("space"),
            permit=data.get("permit"),
            place=data.get("place", ""),
            legal_basis=data.get("legal_basis", ""),
            criteria=criteria or [],
            photos=[photo] if photo else [],
            found_by_name=data.get("found_by_name", ""),
            measures=data.get("measures", ""),
            responsible_name=data.get("responsible_name", ""),
            deadline=data.get("deadline"),
        )
        extra = {}
        for name in ("responsible_person", "funds", "notes"):
            if data.get(name) not in (None, ""):
                extra[name] = data[name]
        if extra:
            for name, value in extra.items():
                setattr(hazard, name, value)
            hazard.save(update_fields=[*extra, "updated_at"])
        return hazard


class HazardPhotoForm(ScopedModelForm):
    """Add a photo to a hazard (evidence, or after rectification)."""

    class Meta:
        model = HazardPhoto
        fields = ["stage", "file", "caption"]

    def __init__(self, *args, hazard=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.hazard = hazard
        if hazard is not None:
            self.instance.hazard = hazard
            self.instance.region_id = hazard.region_id
        self.fields["stage"].initial = PhotoStage.RECTIFICATION

    def save(self, commit=True):
        return services.add_photo(
            self.hazard,
            self.cleaned_data["file"],
            actor=self.user,
            stage=self.cleaned_data["stage"],
            caption=self.cleaned_data.get("caption", ""),
        )


class SubmitFixForm(forms.Form):
    """The enterprise's fix in one step: what was done and a photo after rectification."""

    note = forms.CharField(label=_("what was done"), widget=forms.Textarea(attrs={"rows": 3}))
    photo = forms.FileField(label=_("photo after rectification"), required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the list the multiple widget hands over)."""

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class PublicReportForm(forms.Form):
    """The public form (no sign-in). ``website`` is the honeypot: hidden from people, a bot fills
    it in and the report is dropped."""

    description = forms.CharField(
        label=_("What did you see?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    enterprise_name = forms.CharField(
        label=_("enterprise (if known)"), required=False, max_length=200
    )
    place = forms.CharField(label=_("where"), required=False, max_length=200)
    # Public administrative divisions by their code (no record of ours is offered): the sender
    # names the village or sub-district; nothing else of the region tree is shown.
    region = forms.ChoiceField(
        label=_("area"),
        required=False,
        help_text=_("The village or community the hazard is in."),
    )
    contact = forms.CharField(
        label=_("contact (optional)"),
        required=False,
        max_length=100,
        help_text=_("Leave a phone number if you agree to be called back."),
    )
    photos = MultipleFileField(
        label=_("photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
        help_text=_("Up to %(count)s photos, each at most %(size)s MB."),
    )
    website = forms.CharField(label="website", required=False)

    def __init__(self, *args, fixed_place: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from anjian.regions.choices import RegionLevel
        from anjian.regions.models import Region

        self.fixed_place = fixed_place
        if not fixed_place:
            areas = Region._base_manager.filter(
                level__in=[RegionLevel.VILLAGE, RegionLevel.SUBDISTRICT]
            ).order_by("path")
            choices = [("", "---------")]
            for code, name, level, parent in areas.values_list(
                "code", "name", "level", "parent__name"
            ):
                label = name if level == RegionLevel.SUBDISTRICT else f"{parent} / {name}"
                choices.append((code, label))
            self.fields["region"].choices = choices
        from django.conf import settings

        self.fields["photos"].help_text = self.fields["photos"].help_text % {
            "count": settings.ANJIAN_PUBLIC_REPORT_MAX_PHOTOS,
            "size": round(settings.ANJIAN_PUBLIC_REPORT_MAX_PHOTO_BYTES / 1024 / 1024, 1),
        }
        if fixed_place:
            del self.fields["region"]
            del self.fields["enterprise_name"]
        else:
            self.fields["region"].required = True
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
        self.fields["website"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off", "class": "hp-field"}
        )

    def clean_region(self):
        from anjian.regions.choices import RegionLevel
        from anjian.regions.models import Region

        code = self.cleaned_data.get("region")
        if not code:
            return None
        return Region._base_manager.filter(
            code=code, level__in=[RegionLevel.VILLAGE, RegionLevel.SUBDISTRICT]
        ).first()

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("description") or "").strip() == "":
            self.add_error("description", _("Describe what you saw."))
        return cleaned


class PublicReportTrackForm(forms.Form):
    code = forms.CharField(label=_("tracking code"), max_length=20)


class AcceptReportForm(forms.Form):
    """A village worker records a verified public report as a hazard of an enterprise."""

    enterprise = forms.ModelChoiceField(label=_("enterprise"), queryset=None)
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user=None, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        from anjian.core.autocomplete import AutocompleteSelect
        from anjian.enterprises.models import Enterprise

        field = self.fields["enterprise"]
        field.queryset = Enterprise.objects.restrict(user, "view")
        field.widget = AutocompleteSelect(Enterprise, attrs={"class": "form-select"})
        field.widget.choices = field.choices
        field.widget.is_required = True
        self.fields["description"].widget.attrs["class"] = "form-control"
        if report is not None and not self.is_bound:
            self.initial["enterprise"] = report.enterprise_id
            self.initial["description"] = report.description


def criteria_queryset():
    return MajorHazardCriterion.objects.filter(active=True)
