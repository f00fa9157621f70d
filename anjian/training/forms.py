import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.forms import ScopedModelForm
from anjian.training.choices import Duty, IssuerKind
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
    """One attendee's score, 0–100; the pass mark (a setting) decides the result."""

    score = forms.DecimalField(
        label=_("score"),
        max_digits=4,
        decimal_places=1,
        required=False,
        min_value=0,
        max_value=100,
    )

    def __init__(self, *args, attendance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.attendance = attendance
        self.fields["score"].widget.attrs.update(
            {"class": "form-control form-control-sm", "inputmode": "decimal", "step": "0.5"}
        )

    def clean_score(self):
        score = self.cleaned_data.get("score")
        if score is None and (self.attendance is None or self.attendance.attended):
            raise ValidationError(_("An attendee who was present needs a score."))
        return score


class SessionAssessmentFormSet(forms.BaseFormSet):
    """The assessment page of a whole session: one form per attendee not yet assessed."""

    def __init__(self, *args, attendances=(), **kwargs):
        self.attendances = list(attendances)
        kwargs.setdefault("initial", [{} for _ in self.attendances])
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index < len(self.attendances):
            kwargs["attendance"] = self.attendances[index]
        return kwargs


def session_assessment_formset(data=None, *, attendances):
    factory = forms.formset_factory(
        AssessmentForm, formset=SessionAssessmentFormSet, extra=0, max_num=len(attendances)
    )
    return factory(data, attendances=attendances, prefix="assess")


class AutocompleteSelectMultiple(AutocompleteSelect):
    """The scoped autocomplete, picking many (tom-select with remove buttons)."""

    allow_multiple_selected = True

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        return [(None, [o for o in groups[0][1] if o["value"] != ""], 0)]

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)


class BulkAttendanceForm(forms.Form):
    """Many people at once: picked through the scoped autocomplete, or ID numbers pasted one a
    line (or separated by commas). Every unknown or out-of-scope number is named and nothing is
    added until all are found."""

    people = forms.ModelMultipleChoiceField(
        label=_("people"), queryset=Person.objects.none(), required=False
    )
    id_numbers = forms.CharField(
        label=_("ID numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control font-monospace"}),
        help_text=_("One a line, or separated by commas or spaces."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["people"]
        field.queryset = Person.objects.restrict(user, "view")
        field.widget = AutocompleteSelectMultiple(Person)
        field.widget.choices = field.choices

    def clean(self):
        from anjian.training.rules import compact_id_number

        cleaned = super().clean()
        people = list(cleaned.get("people") or [])
        numbers = [
            compact_id_number(part)
            for part in _SEPARATORS.split(cleaned.get("id_numbers") or "")
            if part.strip()
        ]
        if numbers:
            visible = {
                p.id_number: p
                for p in Person.objects.restrict(self.user, "view").filter(id_number__in=numbers)
            }
            missing = [n for n in dict.fromkeys(numbers) if n not in visible]
            if missing:
                raise ValidationError(
                    _("Not found among the people you may see: %(numbers)s. Nobody was added.")
                    % {"numbers": "、".join(missing)}
                )
            people += [visible[n] for n in numbers]
        if not people:
            raise ValidationError(_("Choose people or paste their ID numbers."))
        cleaned["all_people"] = list({p.pk: p for p in people}.values())
        return cleaned


class CertificateForm(ScopedModelForm):
    duties = DutiesField(label=_("duties covered"))

    class Meta:
        model = Certificate
        fields = [
            "number",
            "person",
            "kind",
            "duties",
            "issued_on",
            "expires_on",
            "issuer",
            "issuer_kind",
        ]
        widgets = {"issued_on": DATE, "expires_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duties"].widget.attrs["class"] = "form-check-input"
        # An Excel row without the column keeps the default (the commissioned provider).
        self.fields["issuer_kind"].required = False

    def clean_issuer_kind(self):
        return self.cleaned_data.get("issuer_kind") or IssuerKind.PROVIDER


class DrillForm(OrganizedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from anjian.spaces.models import ConfinedSpace

        field = self.fields["space"]
        widget = AutocompleteSelect(ConfinedSpace, attrs={"class": "form-select"})
        widget.choices = field.choices
        widget.is_required = False
        field.widget = widget

    class Meta:
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
        fields = ["kind", "qualifies_for", "printed_title", "validity_months"]

    qualifies_for = DutiesField(label=_("qualifies for duties"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qualifies_for"].widget.attrs["class"] = "form-check-input"


class SpecialCertificateForm(ScopedModelForm):
    class Meta:
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
        widgets = {"issued_on": DATE, "expires_on": DATE, "last_reviewed_on": DATE}
