import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anjian.core.forms import ScopedModelForm
from anjian.training.choices import Duty
from anjian.training.models import (
    Activity,
    Attendance,
    Certificate,
    Drill,
    Person,
    TrainingSession,
    TrainingValidity,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_SEPARATORS = re.compile(r"[、,，;；/\s]+")


class DutiesField(forms.MultipleChoiceField):
    """Duties as ticks on a page; in an Excel cell, labels or codes separated by 、 or commas."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Duty.choices)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            by_label = {str(label): code for code, label in Duty.choices}
            value = [by_label.get(part, part) for part in _SEPARATORS.split(value) if part]
        return super().to_python(value)


class PersonForm(ScopedModelForm):
    duties = DutiesField(label=_("duties"))

    class Meta:
        model = Person
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duties"].widget.attrs["class"] = "form-check-input"
        if self.instance.pk:
            # The edit page never prints the full number (that would be an unaudited reveal):
            # the field starts empty, shows the masked number, and empty keeps it.
            field = self.fields["id_number"]
            field.required = False
            field.widget.attrs["placeholder"] = self.instance.masked_id_number
            field.help_text = _("Leave empty to keep the number on file.")
            self.initial["id_number"] = ""

    def clean_id_number(self):
        from anjian.training.rules import compact_id_number

        value = compact_id_number(self.cleaned_data.get("id_number") or "")
        if not value and self.instance.pk:
            return self.instance.id_number
        return value


class OrganizedForm(ScopedModelForm):
    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("organization")) == bool(cleaned.get("enterprise")):
            raise ValidationError(
                _(
                    "Choose either an organization or an enterprise as the organizer (one of the two)."
                )
            )
        return cleaned


class TrainingSessionForm(OrganizedForm):
    class Meta:
        model = TrainingSession
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
        widgets = {"held_on": DATE}


class AttendanceForm(ScopedModelForm):
    class Meta:
        model = Attendance
        fields = ["session", "person", "attended"]


class AssessmentForm(forms.Form):
    score = forms.DecimalField(
        label=_("score"), max_digits=5, decimal_places=1, required=False, min_value=0
    )
    passed = forms.TypedChoiceField(
        label=_("result"),
        choices=[("1", _("Passed")), ("0", _("Failed"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].widget.attrs["class"] = "form-control"
        self.fields["passed"].widget.attrs["class"] = "form-check-input"


class CertificateForm(ScopedModelForm):
    duties = DutiesField(label=_("duties covered"))

    class Meta:
        model = Certificate
        fields = ["number", "person", "kind", "duties", "issued_on", "expires_on", "issuer"]
        widgets = {"issued_on": DATE, "expires_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duties"].widget.attrs["class"] = "form-check-input"


class DrillForm(OrganizedForm):
    class Meta:
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
        widgets = {"held_on": DATE}


class ActivityForm(OrganizedForm):
    class Meta:
        model = Activity
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
            "photo",
            "notes",
        ]
        widgets = {"held_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].widget.attrs.update({"accept": "image/*", "capture": "environment"})


class TrainingValidityForm(ScopedModelForm):
    class Meta:
        model = TrainingValidity
        fields = ["kind", "validity_days"]
