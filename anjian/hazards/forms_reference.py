"""Forms of the administrators' reference tables (criteria, verification tiers)."""

from django import forms

from anjian.core.forms import ScopedModelForm
from anjian.hazards.models import MajorHazardCriterion, VerificationTier


class MajorHazardCriterionForm(ScopedModelForm):
    class Meta:
        model = MajorHazardCriterion
        fields = ["code", "group", "text", "legal_basis", "active", "order", "notes"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class VerificationTierForm(ScopedModelForm):
    class Meta:
        model = VerificationTier
        fields = ["level", "order", "signer_level", "label", "notes"]
