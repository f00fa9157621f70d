"""Forms of accidents: the accident, its investigation, an accountability item, a criminal step,
an evidence file, a recommendation, an assignment and a progress report. Related records are
picked through the scoped autocomplete (``core/autocomplete.py``: the page never lists a whole
table, the endpoint answers only what the user may view) and ``ScopedModelForm`` accepts only
what the user may view on submit."""

from __future__ import annotations

import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.accidents import rules, services
from anjian.accidents.models import (
    Accident,
    AccidentLevelThreshold,
    AccountabilityEvidence,
    AccountabilityItem,
    CriminalStep,
    ImplementationProgress,
    Investigation,
    Recommendation,
    RecommendationAssignment,
)
from anjian.accounts.models import Organization
from anjian.core.autocomplete import AutocompleteSelect, AutocompleteSelectMultiple
from anjian.core.forms import ScopedModelForm
from anjian.enforcement.models import EnforcementCase
from anjian.enterprises.models import Enterprise
from anjian.permits.models import Permit
from anjian.regions.models import Region
from anjian.spaces.models import ConfinedSpace

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def pick(model):
    """One related record, typed and chosen from the scoped autocomplete."""
    return AutocompleteSelect(model, attrs={"class": "form-select"})


def pick_many(model):
    """Several related records, typed and chosen from the scoped autocomplete."""
    return AutocompleteSelectMultiple(model, attrs={"class": "form-select"})


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AccidentForm(ScopedModelForm):
    class Meta:
        model = Accident
        fields = [
            "name",
            "occurred_at",
            "place",
            "enterprise",
            "region",
            "space",
            "permit",
            "kind",
            "deaths",
            "serious_injuries",
            "injuries",
            "direct_loss",
            "summary",
            "notes",
        ]
        widgets = {
            "occurred_at": DATETIME,
            "enterprise": pick(Enterprise),
            "region": pick(Region),
            "space": pick(ConfinedSpace),
            "permit": pick(Permit),
        }

    def save(self, commit=True):
        accident = super().save(commit=commit)
        if commit:
            services.after_recording(accident, actor=self.user)
        return accident


class InvestigationForm(ScopedModelForm):
    published_url = forms.URLField(
        label=_("publication address"), max_length=300, required=False, assume_scheme="https"
    )

    class Meta:
        model = Investigation
        fields = [
            "accident",
            "team",
            "report",
            "extended_due_on",
            "extension_reason",
            "approved_by",
            "approved_on",
            "approval_number",
            "published_on",
            "published_url",
            "notes",
        ]
        widgets = {
            "accident": pick(Accident),
            "team": pick_many(Organization),
            "extended_due_on": DATE,
            "approved_on": DATE,
            "published_on": DATE,
        }


class AccountabilityItemForm(ScopedModelForm):
    class Meta:
        model = AccountabilityItem
        fields = [
            "accident",
            "order",
            "subject_kind",
            "organization",
            "person_name",
            "political_status",
            "position",
            "person_organization",
            "track",
            "recommended_action",
            "executing_organization",
            "executing_body",
            "legal_basis",
            "outcome",
            "outcome_on",
            "document_number",
            "amount",
            "status",
            "enforcement_case",
            "notes",
        ]
        widgets = {
            "accident": pick(Accident),
            "organization": pick(Organization),
            "executing_organization": pick(Organization),
            "enforcement_case": pick(EnforcementCase),
            "outcome_on": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The executing organisation reports the outcome; the rest is shown, not written
        # (``rules.item_fields_open_to``, which the API asks too).
        open_fields = rules.item_fields_open_to(self.user, self.instance)
        self.kept = [] if open_fields is None else [n for n in self.fields if n not in open_fields]
        for name in self.kept:
            self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        # A kept field is never written; one submitted changed is refused with the reason,
        # rather than dropped in silence.
        changed = [name for name in self.kept if self._submitted_change(name)]
        for name, reason in rules.item_refusals(self.user, self.instance, changed).items():
            self.add_error(name, reason)
        return data

    def _submitted_change(self, name) -> bool:
        key = self.add_prefix(name)
        if key not in self.data and key not in self.files:
            return False
        field = copy.copy(self.fields[name])
        field.disabled = False
        value = field.widget.value_from_datadict(self.data, self.files, key)
        return field.has_changed(self.get_initial_for_field(field, name), value)


class CriminalStepForm(ScopedModelForm):
    class Meta:
        model = CriminalStep
        fields = ["item", "step", "on", "measure", "document_number", "body"]
        widgets = {"item": pick(AccountabilityItem), "on": DATE}


class AccountabilityEvidenceForm(ScopedModelForm):
    class Meta:
        model = AccountabilityEvidence
        fields = ["item", "file", "caption"]
        widgets = {"item": pick(AccountabilityItem)}

    def save(self, commit=True):
        if self.instance.pk is None and getattr(self.user, "pk", None):
            self.instance.uploaded_by = self.user
        return super().save(commit=commit)


class RecommendationForm(ScopedModelForm):
    class Meta:
        model = Recommendation
        fields = ["accident", "number", "text", "notes"]
        widgets = {"accident": pick(Accident)}


class RecommendationAssignmentForm(ScopedModelForm):
    class Meta:
        model = RecommendationAssignment
        fields = ["recommendation", "organization", "enterprise"]
        widgets = {
            "recommendation": pick(Recommendation),
            "organization": pick(Organization),
            "enterprise": pick(Enterprise),
        }


class ImplementationProgressForm(ScopedModelForm):
    class Meta:
        model = ImplementationProgress
        fields = ["assignment", "text", "reported_on", "file"]
        widgets = {
            "assignment": pick(RecommendationAssignment),
            "reported_on": DATE,
        }

    def save(self, commit=True):
        if self.instance.pk is None and getattr(self.user, "pk", None):
            self.instance.reported_by = self.user
        return super().save(commit=commit)


class AccidentLevelThresholdForm(ScopedModelForm):
    class Meta:
        model = AccidentLevelThreshold
        fields = ["level", "min_deaths", "min_serious_injuries", "min_direct_loss", "notes"]
