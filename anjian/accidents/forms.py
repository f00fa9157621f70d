"""Forms of accidents: the accident, its investigation, an accountability item, a criminal step,
an evidence file, a recommendation, an assignment and a progress report. Related records are
restricted to the user's view by ``ScopedModelForm``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.accidents import services
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
from anjian.core.forms import ScopedModelForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
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
        widgets = {"occurred_at": DATETIME}

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
        widgets = {"outcome_on": DATE}


class CriminalStepForm(ScopedModelForm):
    class Meta:
        model = CriminalStep
        fields = ["item", "step", "on", "measure", "document_number", "body"]
        widgets = {"on": DATE}


class AccountabilityEvidenceForm(ScopedModelForm):
    class Meta:
        model = AccountabilityEvidence
        fields = ["item", "file", "caption"]

    def save(self, commit=True):
        if self.instance.pk is None and getattr(self.user, "pk", None):
            self.instance.uploaded_by = self.user
        return super().save(commit=commit)


class RecommendationForm(ScopedModelForm):
    class Meta:
        model = Recommendation
        fields = ["accident", "number", "text", "notes"]


class RecommendationAssignmentForm(ScopedModelForm):
    class Meta:
        model = RecommendationAssignment
        fields = ["recommendation", "organization", "enterprise"]


class ImplementationProgressForm(ScopedModelForm):
    class Meta:
        model = ImplementationProgress
        fields = ["assignment", "text", "reported_on", "file"]
        widgets = {"reported_on": DATE}

    def save(self, commit=True):
        if self.instance.pk is None and getattr(self.user, "pk", None):
            self.instance.reported_by = self.user
        return super().save(commit=commit)


class AccidentLevelThresholdForm(ScopedModelForm):
    class Meta:
        model = AccidentLevelThreshold
        fields = ["level", "min_deaths", "min_serious_injuries", "min_direct_loss", "notes"]
