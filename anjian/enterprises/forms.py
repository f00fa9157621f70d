from django import forms

from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.forms import ScopedModelForm
from anjian.enterprises.choices import AgreementKind, Sector
from anjian.enterprises.models import (
    Enterprise,
    EnterpriseMembership,
    GradeFrequency,
    Industry,
    Park,
    SafetyAgreement,
)


def date_input():
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def use_enterprise_autocomplete(form, *names):
    """Make each named enterprise field of ``form`` an autocomplete (for other apps' forms)."""
    for name in names:
        field = form.fields[name]
        widget = AutocompleteSelect(Enterprise, attrs={"class": "form-select"})
        widget.choices = field.choices
        widget.is_required = field.required
        field.widget = widget


class EnterpriseForm(ScopedModelForm):
    class Meta:
        model = Enterprise
        fields = [
            "name",
            "uscc",
            "address",
            "region",
            "grid",
            "industry",
            "status",
            "principal_name",
            "principal_title",
            "principal_phone",
            "principal_person",
            "safety_officer_name",
            "safety_officer_title",
            "safety_officer_phone",
            "employee_count",
            "sector",
            "supervising_department",
            "park",
            "landlord",
            "landlord_organization",
            "service_agency",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_enterprise_autocomplete(self, "landlord")
        use_principal_person_picker(self)
        # A ledger or an older client that does not name the sector keeps the default (工贸).
        self.fields["sector"].required = False
        if self.instance.pk:
            self.fields["landlord"].queryset = self.fields["landlord"].queryset.exclude(
                pk=self.instance.pk
            )
        for name in (
            "region",
            "grid",
            "industry",
            "park",
            "service_agency",
            "supervising_department",
            "landlord_organization",
        ):
            self.fields[name].widget.attrs["class"] = "form-select js-tom"

    def clean_sector(self):
        return self.cleaned_data.get("sector") or self.instance.sector or Sector.INDUSTRY_TRADE


def use_principal_person_picker(form):
    """The principal is picked among the people the editor may see (the form's scoped choices)
    and, for an enterprise on file, among its own employees only."""
    from anjian.training.models import Person

    field = form.fields["principal_person"]
    if form.instance.pk:
        field.queryset = field.queryset.filter(employer=form.instance)
    else:
        field.queryset = field.queryset.none()
    widget = AutocompleteSelect(Person, attrs={"class": "form-select"})
    widget.choices = field.choices
    widget.is_required = False
    field.widget = widget


class EnterpriseContactForm(ScopedModelForm):
    """What an enterprise's own safety manager keeps up to date: contacts and headcount."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_principal_person_picker(self)

    class Meta:
        model = Enterprise
        fields = [
            "address",
            "principal_name",
            "principal_title",
            "principal_phone",
            "principal_person",
            "safety_officer_name",
            "safety_officer_title",
            "safety_officer_phone",
            "employee_count",
        ]


class ParkForm(ScopedModelForm):
    class Meta:
        model = Park
        fields = [
            "name",
            "address",
            "region",
            "operator_enterprise",
            "operator_organization",
            "safety_committee_formed_on",
            "notes",
        ]
        widgets = {"safety_committee_formed_on": date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_enterprise_autocomplete(self, "operator_enterprise")


class SafetyAgreementForm(ScopedModelForm):
    class Meta:
        model = SafetyAgreement
        fields = [
            "kind",
            "park",
            "landlord",
            "landlord_organization",
            "tenant",
            "signed_on",
            "expires_on",
            "document",
            "notes",
        ]
        widgets = {"signed_on": date_input(), "expires_on": date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_enterprise_autocomplete(self, "landlord", "tenant")
        self.fields["landlord_organization"].widget.attrs["class"] = "form-select js-tom"
        self.fields["kind"].required = False  # a lease unless said otherwise
        self.fields["document"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png"

    def clean_kind(self):
        return self.cleaned_data.get("kind") or self.instance.kind or AgreementKind.LEASE


class IndustryForm(ScopedModelForm):
    class Meta:
        model = Industry
        fields = ["code", "name"]


class GradeFrequencyForm(ScopedModelForm):
    class Meta:
        model = GradeFrequency
        fields = ["grade", "interval_months"]


class EnterpriseMembershipForm(ScopedModelForm):
    class Meta:
        model = EnterpriseMembership
        fields = ["user", "enterprise", "position", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_enterprise_autocomplete(self, "enterprise")
        self.fields["user"].widget.attrs["class"] = "form-select js-tom"
