"""Forms of enforcement: the case (party kind switching by CSS alone, ``enforcement/case_form.css``:
the person's fields show only for a person, the region only for a person), one legal basis with its
penalty, and the calendar day. Related records are picked through the scoped autocomplete."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.forms import ScopedModelForm
from anjian.enforcement.choices import DECIDED_STATUSES
from anjian.enforcement.models import CalendarDay, CasePenalty, EnforcementCase

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# Which fields show for which party kind (the template wraps them in these classes).
PERSON_ONLY = ("person_name", "person_position", "person_organization", "region")
# Fields fixed once the decision is recorded (the flag, the escalation and the publication
# deadline follow from them).
DECISION_FIELDS = (
    "party_kind",
    "enterprise",
    "person_name",
    "person_position",
    "person_organization",
    "region",
    "decision_number",
    "decision_date",
)


def _autocomplete(form, name, model):
    field = form.fields.get(name)
    if field is None:
        return
    widget = AutocompleteSelect(model, attrs={"class": "form-select"})
    widget.choices = field.choices
    widget.is_required = field.required
    field.widget = widget


class EnforcementCaseForm(ScopedModelForm):
    publication_url = forms.URLField(
        label=_("publication address"), max_length=300, required=False, assume_scheme="https"
    )

    class Meta:
        model = EnforcementCase
        fields = [
            "party_kind",
            "enterprise",
            "person_name",
            "person_position",
            "person_organization",
            "region",
            "inspection",
            "hazard",
            "opened_on",
            "facts",
            "decision_number",
            "decision_date",
            "fulfilled_on",
            "published_on",
            "publication_place",
            "publication_url",
            "notes",
        ]
        widgets = {
            "party_kind": forms.RadioSelect,
            "opened_on": DATE,
            "decision_date": DATE,
            "fulfilled_on": DATE,
            "published_on": DATE,
            "facts": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from anjian.enterprises.models import Enterprise
        from anjian.hazards.models import Hazard
        from anjian.inspections.models import Inspection
        from anjian.regions.models import Region

        for name, model in (
            ("enterprise", Enterprise),
            ("region", Region),
            ("inspection", Inspection),
            ("hazard", Hazard),
        ):
            _autocomplete(self, name, model)
        if self.instance.pk and self.instance.status in DECIDED_STATUSES:
            for name in DECISION_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True

    def party_class(self, name) -> str:
        return "party-person-only" if name in PERSON_ONLY else ""

    def clean(self):
        data = super().clean()
        # A case against an enterprise keeps no person's fields hidden on the page.
        if data.get("party_kind") == "enterprise":
            for name in ("person_name", "person_position", "person_organization"):
                data[name] = ""
                setattr(self.instance, name, "")
            data["region"] = None
        return data

    def save(self, commit=True):
        case = super().save(commit=False)
        if not case.pk and self.user is not None and getattr(self.user, "pk", None):
            case.opened_by = self.user
        if commit:
            case.save()
        return case


class CasePenaltyForm(ScopedModelForm):
    """One legal basis with its penalty. The case is fixed when the page comes from a case."""

    class Meta:
        model = CasePenalty
        fields = [
            "case",
            "legal_basis",
            "kind",
            "amount",
            "outside_range_reason",
            "outside_range_confirmed",
        ]
        widgets = {"outside_range_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from anjian.inspections.models import LegalBasis

        _autocomplete(self, "case", EnforcementCase)
        _autocomplete(self, "legal_basis", LegalBasis)
        self.fields["outside_range_reason"].help_text = _(
            "Needed only when the amount lies outside the legal basis's range."
        )


class CalendarDayForm(ScopedModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name", "provisional", "notes"]
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 2})}
