"""Forms of evaluations: the evaluation (working group, methods, suggestions, conclusion), a verdict
per accountability item and per recommendation, a finding handed over, a spot check planned from
the evaluation, the disclosure policy.
Related records are picked through the scoped autocomplete (``core/autocomplete.py``): the page
never lists a whole table, the endpoint answers only what the user may view, and
``ScopedModelForm`` accepts only that on submit. What is done to an evaluation goes through
``services`` (opening it, handing a finding over, planning a spot check): the page and the API
share those rules, the forms only gather the input."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from anjian.accidents.models import Accident, AccountabilityItem, Recommendation
from anjian.accounts.models import Organization
from anjian.core.autocomplete import AutocompleteSelect, AutocompleteSelectMultiple
from anjian.core.forms import ScopedModelForm, restrict_form_fields
from anjian.enterprises.models import Enterprise
from anjian.evaluations import rules, services
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


def _method_fields(code):
    return f"method_{code}", f"method_{code}_text"


def _plain_text(value) -> str:
    """A textarea's text as stored: browsers post line breaks as CRLF."""
    return (value or "").replace("\r\n", "\n").strip()


class EvaluationForm(ScopedModelForm):
    """The evaluation. A new one is opened through ``services.open_evaluation``: its organiser,
    left empty, is the committee office of the investigating government (filled by the service,
    refused when the region has none) and the opening is audited. Once opened, its accident and organiser
    stay. Each method is a box and its own text: saving never moves one method's text into
    another's."""

    class Meta:
        model = Evaluation
        fields = [
            "accident",
            "organizer",
            "members",
            "experts",
            "started_on",
            "ended_on",
            "places_visited",
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

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if self.instance.pk:
            # The evaluation is of one accident, organised by its government's committee office.
            self.fields["accident"].disabled = True
            self.fields["organizer"].disabled = True
        else:
            organizer = self.fields["organizer"]
            organizer.required = False
            organizer.widget.is_required = False
            organizer.help_text = _(
                "Left empty: the committee office of the government that investigated."
            )
        stored = {m.get("code"): m for m in self.instance.methods or [] if isinstance(m, dict)}
        for code, label in Method.choices:
            box, text = _method_fields(code)
            self.fields[box] = forms.BooleanField(
                label=label, required=False, initial=code in stored
            )
            self.fields[text] = forms.CharField(
                label=_("%(method)s: how") % {"method": label},
                required=False,
                initial=(stored.get(code) or {}).get("text", ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        order = list(self.fields)
        methods = [name for code in Method.values for name in _method_fields(code)]
        rest = [name for name in order if name not in methods]
        at = rest.index("ended_on") + 1
        self.order_fields(rest[:at] + methods + rest[at:])

    def clean(self):
        data = super().clean()
        self.instance.methods = self.methods_from(data)
        return data

    def methods_from(self, data) -> list[dict]:
        """The methods ticked, each with its own text, in their stored order (new ones after, in
        the choices' order); whatever else a stored method carries is kept."""
        stored = [m for m in self.instance.methods or [] if isinstance(m, dict)]
        codes = [m.get("code") for m in stored]
        codes += [code for code in Method.values if code not in codes]
        by_code = {m.get("code"): m for m in stored}
        methods = []
        for code in codes:
            box, text = _method_fields(code)
            if box not in self.fields or not data.get(box):
                continue
            entry = dict(by_code.get(code) or {"code": code})
            entry["text"] = _plain_text(data.get(text))
            methods.append(entry)
        return methods

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit)
        data = self.cleaned_data
        return services.open_evaluation(
            data["accident"],
            actor=self.user,
            organizer=data.get("organizer"),
            members=data.get("members") or (),
            experts=data.get("experts") or (),
            request=self.request,
            started_on=data.get("started_on"),
            ended_on=data.get("ended_on"),
            places_visited=data.get("places_visited", ""),
            methods=self.instance.methods,
            work_suggestions=data.get("work_suggestions", ""),
            conclusion=data.get("conclusion", ""),
            notes=data.get("notes", ""),
        )


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
    """A finding handed over. A new one goes through ``services.hand_over_finding`` (handed to an
    enterprise it becomes a hazard, found on the evaluation's day, and the hand-over is audited).
    Once handed over, its evaluation and recipient stay; on an approved or published evaluation
    only the closing of a finding handed to an organisation is still recorded."""

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

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        finding = self.instance
        if not finding.pk:
            del self.fields["closed_on"]  # handed over now, closed later
            return
        for name in ("evaluation", "handed_to_organization", "handed_to_enterprise"):
            self.fields[name].disabled = True
        if finding.handed_to_enterprise_id:
            del self.fields["closed_on"]  # it closes with its hazard
        if rules.closed_reason(finding.evaluation):
            for name, field in self.fields.items():
                field.disabled = name != "closed_on"

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit)
        data = self.cleaned_data
        return services.hand_over_finding(
            data["evaluation"],
            actor=self.user,
            problem=data["problem"],
            enterprise=data.get("handed_to_enterprise"),
            organization=data.get("handed_to_organization"),
            deadline=data.get("deadline"),
            order=data.get("order") or 0,
            request=self.request,
        )


class SpotCheckPlanForm(forms.Form):
    """A spot check of a similar enterprise planned from the evaluation
    (``services.plan_spot_check``: an inspection of kind "evaluation spot check" linked to it)."""

    enterprise = forms.ModelChoiceField(
        label=_("enterprise"), queryset=Enterprise.objects.all(), widget=pick(Enterprise)
    )
    planned_on = forms.DateField(label=_("planned on"), widget=DATE)
    template = forms.ModelChoiceField(label=_("checklist template"), queryset=None)
    inspectors = forms.ModelMultipleChoiceField(
        label=_("inspectors (users)"),
        queryset=get_user_model().objects.all(),
        required=False,
        widget=pick_many(get_user_model()),
    )
    inspector_names = forms.CharField(
        label=_("inspectors"),
        required=False,
        max_length=200,
        help_text=_("Names as printed on the record, e.g. 王明、李强."),
    )

    def __init__(self, *args, user=None, **kwargs):
        from anjian.inspections.models import ChecklistTemplate

        super().__init__(*args, **kwargs)
        self.user = user
        templates = ChecklistTemplate.objects.filter(is_current=True, active=True)
        self.fields["template"].queryset = templates
        self.fields["template"].initial = (
            templates.filter(code="confined-space").values_list("pk", flat=True).first()
        )
        restrict_form_fields(self, user)

    def save(self, evaluation, *, request=None):
        data = self.cleaned_data
        fields = {}
        if data.get("inspectors"):
            fields["inspectors"] = list(data["inspectors"])
        if data.get("inspector_names"):
            fields["inspector_names"] = data["inspector_names"]
        return services.plan_spot_check(
            evaluation,
            data["enterprise"],
            actor=self.user,
            template=data["template"],
            planned_on=data["planned_on"],
            request=request,
            **fields,
        )


class DisclosurePolicyForm(ScopedModelForm):
    class Meta:
        model = DisclosurePolicy
        fields = ["field", "masked", "note"]
