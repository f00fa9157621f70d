"""Forms of evaluations: the evaluation (working group, methods, suggestions, conclusion), a verdict
per accountability item and per recommendation, a finding handed over, the disclosure policy.
Related records are picked through the scoped autocomplete (``core/autocomplete.py``): the page
never lists a whole table, the endpoint answers only what the user may view, and
``ScopedModelForm`` accepts only that on submit."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from anjian.accidents.models import Accident, AccountabilityItem, Recommendation
from anjian.accounts.models import Organization
from anjian.core.autocomplete import AutocompleteSelect, AutocompleteSelectMultiple
from anjian.core.forms import ScopedModelForm
from anjian.enterprises.models import Enterprise
from anjian.evaluations.choices import Method
from anjian.evaluations.models import (
    DisclosurePolicy,
    Evaluation,
    Finding,
    ItemVerdict,
    RecommendationVerdict,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def pick(model):
    """One related record, typed and chosen from the scoped autocomplete."""
    return AutocompleteSelect(model, attrs={"class": "form-select"})


def pick_many(model):
    """Several related records, typed and chosen from the scoped autocomplete."""
    return AutocompleteSelectMultiple(model, attrs={"class": "form-select"})


class EvaluationForm(ScopedModelForm):
    method_codes = forms.MultipleChoiceField(
        label=_("methods"),
        choices=Method.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    method_text = forms.CharField(
        label=_("how the methods were applied"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Evaluation
        fields = [
            "accident",
            "organizer",
            "members",
            "experts",
            "started_on",
            "ended_on",
            "work_suggestions",
            "conclusion",
            "notes",
        ]
        widgets = {
            "accident": pick(Accident),
            "organizer": pick(Organization),
            "members": pick_many(Organization),
            "experts": pick_many(get_user_model()),
            "started_on": DATE,
            "ended_on": DATE,
            "work_suggestions": forms.Textarea(attrs={"rows": 5}),
            "conclusion": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        methods = self.instance.methods or []
        self.fields["method_codes"].initial = [m.get("code") for m in methods]
        self.fields["method_text"].initial = "\n".join(
            m.get("text", "") for m in methods if m.get("text")
        )

    def clean(self):
        data = super().clean()
        text = (data.get("method_text") or "").strip()
        codes = data.get("method_codes") or []
        self.instance.methods = [
            {"code": code, "text": text if index == 0 else ""} for index, code in enumerate(codes)
        ]
        return data


class ItemVerdictForm(ScopedModelForm):
    class Meta:
        model = ItemVerdict
        fields = ["evaluation", "item", "verdict", "comment"]
        widgets = {
            "evaluation": pick(Evaluation),
            "item": pick(AccountabilityItem),
        }


class RecommendationVerdictForm(ScopedModelForm):
    class Meta:
        model = RecommendationVerdict
        fields = ["evaluation", "recommendation", "verdict", "comment"]
        widgets = {
            "evaluation": pick(Evaluation),
            "recommendation": pick(Recommendation),
        }


class FindingForm(ScopedModelForm):
    """Handing a finding to an organisation; one to an enterprise goes through the service (it
    becomes a hazard), see ``FindingEditView``."""

    class Meta:
        model = Finding
        fields = [
            "evaluation",
            "problem",
            "handed_to_organization",
            "handed_to_enterprise",
            "deadline",
            "closed_on",
            "order",
        ]
        widgets = {
            "evaluation": pick(Evaluation),
            "handed_to_organization": pick(Organization),
            "handed_to_enterprise": pick(Enterprise),
            "deadline": DATE,
            "closed_on": DATE,
        }

    def save(self, commit=True):
        instance = super().save(commit=False)
        _hazard_on_save(self, instance)
        if commit:
            instance.save()
            self.save_m2m()
        return instance


class DisclosurePolicyForm(ScopedModelForm):
    class Meta:
        model = DisclosurePolicy
        fields = ["field", "masked", "note"]


def _hazard_on_save(form, instance):
    """A new finding handed to an enterprise becomes a hazard (the one hazard service)."""
    from anjian.hazards.services import report_hazard

    if instance.handed_to_enterprise_id and instance.hazard_id is None:
        instance.hazard = report_hazard(
            instance.handed_to_enterprise,
            actor=form.user,
            description=instance.problem,
            source="evaluation",
            deadline=instance.deadline,
        )
