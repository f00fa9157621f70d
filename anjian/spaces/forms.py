import re

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.forms import ScopedModelForm
from anjian.enterprises.forms import use_enterprise_autocomplete
from anjian.spaces.choices import ToxicGas
from anjian.spaces.models import ConfinedSpace, SafetyEquipment, SpaceRiskAssessment

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_SEPARATORS = re.compile(r"[、,，;；/\s]+")


class GasesField(forms.MultipleChoiceField):
    """Toxic gases as ticks on a page; in an Excel cell, codes (H2S) or labels separated by 、."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", ToxicGas.choices)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            by_text = {str(label): code for code, label in ToxicGas.choices}
            by_text.update({code.upper(): code for code in ToxicGas.values})
            value = [
                by_text.get(part, by_text.get(part.upper(), part))
                for part in _SEPARATORS.split(value)
                if part
            ]
        return super().to_python(value)


def use_person_picker(form, name):
    from anjian.training.models import Person

    field = form.fields[name]
    widget = AutocompleteSelect(Person, attrs={"class": "form-select"})
    widget.choices = field.choices
    widget.is_required = field.required
    field.widget = widget


def use_space_picker(form, name):
    field = form.fields[name]
    widget = AutocompleteSelect(ConfinedSpace, attrs={"class": "form-select"})
    widget.choices = field.choices
    widget.is_required = field.required
    field.widget = widget


class ConfinedSpaceForm(ScopedModelForm):
    toxic_gases = GasesField(label=_("toxic gases"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_enterprise_autocomplete(self, "enterprise")
        use_person_picker(self, "responsible_person")
        self.fields["toxic_gases"].widget.attrs["class"] = "form-check-input"

    class Meta:
        model = ConfinedSpace
        fields = [
            "enterprise",
            "code",
            "name",
            "kind",
            "location",
            "size",
            "hazard_factors",
            "accident_types",
            "toxic_gases",
            "oxygen_deficiency_risk",
            "explosion_risk",
            "warning_sign",
            "risk_notice_board",
            "isolation",
            "isolation_effective",
            "usual_work",
            "work_frequency",
            "performed_by",
            "responsible_person",
            "identified_on",
            "reviewed_on",
            "status",
            "photo",
            "notes",
        ]
        widgets = {
            "identified_on": DATE,
            "reviewed_on": DATE,
            "hazard_factors": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class SpaceRiskAssessmentForm(ScopedModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_space_picker(self, "space")

    class Meta:
        model = SpaceRiskAssessment
        fields = [
            "space",
            "method",
            "likelihood",
            "exposure",
            "consequence",
            "controls",
            "notice_board_text",
            "assessed_on",
            "assessor",
            "notes",
        ]
        widgets = {
            "assessed_on": DATE,
            "controls": forms.Textarea(attrs={"rows": 4}),
            "notice_board_text": forms.Textarea(attrs={"rows": 6}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class SafetyEquipmentForm(ScopedModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_enterprise_autocomplete(self, "enterprise")

    class Meta:
        model = SafetyEquipment
        fields = [
            "enterprise",
            "kind",
            "name",
            "model_number",
            "serial_number",
            "quantity",
            "location",
            "calibrated_on",
            "valid_until",
            "explosion_proof",
            "status",
            "notes",
        ]
        widgets = {
            "calibrated_on": DATE,
            "valid_until": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
