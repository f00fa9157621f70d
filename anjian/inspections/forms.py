"""Forms of inspections: plan or edit an inspection (its items follow its checklist), a campaign,
a checklist template with its items (saved through ``services.save_template``: a new version once
walked), a legal basis, one item's result."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.core.autocomplete import AutocompleteSelect, AutocompleteSelectMultiple
from anjian.core.forms import ScopedModelForm
from anjian.enterprises.choices import RiskGrade
from anjian.enterprises.forms import use_enterprise_autocomplete
from anjian.inspections import services
from anjian.inspections.choices import ItemResult
from anjian.inspections.models import (
    Campaign,
    ChecklistItem,
    ChecklistTemplate,
    Inspection,
    InspectionItem,
    LegalBasis,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InspectionForm(ScopedModelForm):
    class Meta:
        model = Inspection
        fields = [
            "kind",
            "enterprise",
            "template",
            "permit",
            "campaign",
            "follow_up_of",
            "planned_on",
            "inspected_on",
            "inspectors",
            "inspector_names",
            "present_name",
            "rectify_by",
            "findings",
            "notes",
        ]
        widgets = {
            "planned_on": DATE,
            "inspected_on": DATE,
            "rectify_by": DATE,
            "findings": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_enterprise_autocomplete(self, "enterprise")
        from anjian.permits.models import Permit

        for name, model in (("permit", Permit), ("follow_up_of", Inspection)):
            field = self.fields[name]
            widget = AutocompleteSelect(model, attrs={"class": "form-select"})
            widget.choices = field.choices
            widget.is_required = False
            field.widget = widget
        # Inspector accounts come from the scoped autocomplete: only accounts the user may view.
        from django.contrib.auth import get_user_model

        inspectors = self.fields["inspectors"]
        widget = AutocompleteSelectMultiple(get_user_model(), attrs={"class": "form-select"})
        widget.choices = inspectors.choices
        inspectors.widget = widget
        templates = self.fields["template"]
        templates.queryset = templates.queryset.filter(is_current=True, active=True)
        if self.instance.pk:
            # The checklist walked is fixed once the inspection exists.
            self.fields["template"].disabled = True
            self.fields["enterprise"].disabled = True

    def save(self, commit=True):
        inspection = super().save(commit)
        if commit:
            services.fill_items(inspection)
        return inspection


class CampaignForm(ScopedModelForm):
    grades = forms.MultipleChoiceField(
        label=_("grades"),
        choices=RiskGrade.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Empty: every grade."),
    )

    class Meta:
        model = Campaign
        fields = [
            "name",
            "topic",
            "region",
            "starts_on",
            "ends_on",
            "template",
            "industries",
            "grades",
            "with_confined_spaces",
            "organizer",
            "notes",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "topic": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from anjian.regions.models import Region

        field = self.fields["region"]
        widget = AutocompleteSelect(Region, attrs={"class": "form-select"})
        widget.choices = field.choices
        widget.is_required = True
        field.widget = widget
        templates = self.fields["template"]
        templates.queryset = templates.queryset.filter(is_current=True, active=True)

    def clean_grades(self):
        return list(self.cleaned_data.get("grades") or [])


class LegalBasisForm(ScopedModelForm):
    class Meta:
        model = LegalBasis
        fields = [
            "law",
            "article",
            "clause",
            "summary",
            "party",
            "fine_min",
            "fine_max",
            "person_fine_min",
            "person_fine_max",
            "penalty_text",
            "active",
            "order",
            "notes",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class ChecklistTemplateForm(ScopedModelForm):
    class Meta:
        model = ChecklistTemplate
        fields = ["code", "name", "kind", "description", "active", "notes"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True

    def validate_unique(self):
        # A new version shares the code of the one it replaces; uniqueness is the service's.
        if not self.instance.pk:
            super().validate_unique()


class ChecklistItemForm(ScopedModelForm):
    """One line of a checklist template; the legal bases offered are those the user may read."""

    class Meta:
        model = ChecklistItem
        fields = ["section", "order", "text", "legal_basis", "penalty_text", "hazard_category"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from anjian.hazards.choices import HazardCategory

        field = self.fields["legal_basis"]
        field.queryset = field.queryset.filter(active=True)
        self.fields["hazard_category"] = forms.ChoiceField(
            label=_("hazard category"),
            choices=[("", "—"), *HazardCategory.choices],
            required=False,
        )


ChecklistItemFormSet = forms.inlineformset_factory(
    ChecklistTemplate,
    ChecklistItem,
    form=ChecklistItemForm,
    extra=2,
    can_delete=True,
)


class ItemResultForm(forms.ModelForm):
    """One item on the phone: the result buttons, a note, a photo."""

    class Meta:
        model = InspectionItem
        fields = ["result", "note", "photo"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].choices = [
            c for c in ItemResult.choices if c[0] != ItemResult.PENDING
        ]
        self.fields["result"].required = False
