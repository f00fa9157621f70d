"""The evaluation pages: declarations over the generic views, plus the follow-up campaign step and
the spot check planned from the evaluation.

An approved or published evaluation is read-only (``rules.check_open``, called from the models'
clean()): its page offers no edit, and a form of it or of its verdicts, findings and spot checks
opened anyway answers the reason as a message on the evaluation's page (a submitted form: as the
form's error). Only the closing of a finding handed to an organisation is still recorded."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from anjian.core import views as generic
from anjian.evaluations import rules, services
from anjian.evaluations.choices import Method
from anjian.evaluations.filtersets import (
    DisclosurePolicyFilterSet,
    EvaluationFilterSet,
    FindingFilterSet,
)
from anjian.evaluations.forms import (
    DisclosurePolicyForm,
    EvaluationForm,
    FindingForm,
    ItemVerdictForm,
    RecommendationVerdictForm,
    SpotCheckPlanForm,
)
from anjian.evaluations.models import (
    DisclosurePolicy,
    Evaluation,
    Finding,
    ItemVerdict,
    RecommendationVerdict,
    SpotCheck,
)
from anjian.evaluations.tables import DisclosurePolicyTable, EvaluationTable, FindingTable


def detail_url(evaluation) -> str:
    return reverse("evaluations:evaluation_detail", args=[evaluation.pk])


def refuse(request, evaluation, reason):
    """The reason as a message on the evaluation's page."""
    messages.error(request, reason)
    return HttpResponseRedirect(detail_url(evaluation))


def add_service_error(form, error: ValidationError) -> None:
    """A service's refusal on the form: on its field when the form has it, else above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class ServiceFormMixin:
    """An edit page whose form saves through a service: the form gets the request (for the
    audit), and a refusal the service raises while saving reaches the form as its error."""

    def get_form(self, data=None, files=None):
        return self.form_class(
            data=data,
            files=files,
            instance=self.object,
            user=self.request.user,
            **self.form_kwargs(),
        )

    def form_kwargs(self):
        return {}

    def post(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                return super().post(request, *args, **kwargs)
        except ValidationError as error:
            form = self.get_form(request.POST, request.FILES)
            form.is_valid()
            add_service_error(form, error)
            return self.render_to_response(self.get_context_data(form=form), status=200)


class OpenEvaluationMixin:
    """The form of an approved or published evaluation's record is not opened: the reason as a
    message on the evaluation's page. A form submitted anyway is refused by the models' clean()
    (the form's error). ``editable_when_closed(obj)``: a record still changed then."""

    def evaluation_in_request(self):
        obj = self.object
        if obj is not None:
            return obj if isinstance(obj, Evaluation) else obj.evaluation
        value = self.request.GET.get("evaluation", "")
        if not value.isdigit():
            return None
        return Evaluation.objects.restrict(self.request.user, "view").filter(pk=value).first()

    def editable_when_closed(self, obj) -> bool:
        return False

    def closed_for(self):
        """(the evaluation, why its record's form is not opened) — the reason is "" when it is."""
        evaluation = self.evaluation_in_request()
        reason = rules.closed_reason(evaluation)
        if reason and self.object is not None and self.editable_when_closed(self.object):
            reason = ""
        return evaluation, reason

    def get(self, request, *args, **kwargs):
        evaluation, reason = self.closed_for()
        if reason:
            return refuse(request, evaluation, reason)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        # A stored record submitted anyway: refused before saving, as the form's error (its
        # many-to-many fields, the working group, are out of the models' clean()). A new one is
        # refused by the models' clean() on the evaluation it names.
        _evaluation, reason = self.closed_for()
        if reason and self.object is not None:
            form = self.get_form(request.POST, request.FILES)
            form.is_valid()
            form.add_error(None, reason)
            return self.render_to_response(self.get_context_data(form=form), status=200)
        return super().post(request, *args, **kwargs)


class EvaluationListView(generic.ObjectListView):
    model = Evaluation
    table_class = EvaluationTable
    filterset_class = EvaluationFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("accident", "organizer")


class EvaluationDetailView(generic.ObjectDetailView):
    model = Evaluation
    template_name = "evaluations/evaluation_detail.html"
    fields = [
        "accident",
        "organizer",
        "due_on",
        "reminder_from",
        "started_on",
        "ended_on",
        "status",
        "approved_on",
        "published_on",
        "work_suggestions",
        "conclusion",
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("accident", "organizer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = self.object
        user = self.request.user
        closed = rules.closed_reason(evaluation)
        context["closed_reason"] = closed
        if closed:  # read-only: no edit, no delete, no record added (the template hides them)
            context["can_change"] = context["can_delete"] = False
        context["members"] = list(evaluation.members.all())
        context["experts"] = list(evaluation.experts.all())
        labels = dict(Method.choices)
        context["methods"] = [
            {**m, "label": labels.get(m.get("code"), m.get("code"))}
            for m in evaluation.methods or []
            if isinstance(m, dict)
        ]
        context["item_verdicts"] = list(
            evaluation.item_verdicts.select_related("item__organization").order_by(
                "item__order", "item_id"
            )
        )
        context["recommendation_verdicts"] = list(
            evaluation.recommendation_verdicts.select_related("recommendation")
        )
        context["findings"] = list(
            evaluation.findings.select_related(
                "handed_to_enterprise", "handed_to_organization", "hazard"
            )
        )
        context["spot_checks"] = list(
            evaluation.spot_checks.select_related("inspection__enterprise")
        )
        context["due_soon"] = rules.is_due_soon(evaluation)
        context["overdue"] = rules.is_overdue(evaluation)
        context["can_follow_up"] = user.has_perm("inspections.add_campaign") and user.has_perm(
            "inspections.add_inspection"
        )
        context["can_plan_spot_check"] = not closed and may_plan_spot_check(user)
        return context


class EvaluationEditView(OpenEvaluationMixin, ServiceFormMixin, generic.ObjectEditView):
    """A new evaluation is opened through ``services.open_evaluation`` (``EvaluationForm.save``)."""

    model = Evaluation
    form_class = EvaluationForm

    def form_kwargs(self):
        return {"request": self.request}


class ClosedDeleteMixin:
    """An approved or published evaluation's records are not deleted: the reason on its page."""

    def evaluation_of(self, obj):
        return obj if isinstance(obj, Evaluation) else obj.evaluation

    def get(self, request, *args, **kwargs):
        evaluation = self.evaluation_of(self.object)
        reason = rules.closed_reason(evaluation)
        return (
            refuse(request, evaluation, reason) if reason else super().get(request, *args, **kwargs)
        )

    def post(self, request, *args, **kwargs):
        evaluation = self.evaluation_of(self.object)
        reason = rules.closed_reason(evaluation)
        if reason:
            return refuse(request, evaluation, reason)
        return super().post(request, *args, **kwargs)


class EvaluationDeleteView(ClosedDeleteMixin, generic.ObjectDeleteView):
    model = Evaluation


class EvaluationTransitionView(generic.TransitionView):
    model = Evaluation


class FollowUpCampaignView(generic.ScopedViewMixin, View):
    """``<pk>/follow-up/``: in one step, a campaign to every similar enterprise."""

    model = Evaluation
    action = "change"

    def post(self, request, *args, **kwargs):
        self.check_model_permission()
        if not (
            request.user.has_perm("inspections.add_campaign")
            and request.user.has_perm("inspections.add_inspection")
        ):
            raise PermissionDenied(_("You do not have permission to do this."))
        evaluation = self.get_object()
        try:
            campaign = services.create_follow_up_campaign(
                evaluation, actor=request.user, request=request
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(
                reverse("evaluations:evaluation_detail", args=[evaluation.pk])
            )
        messages.success(request, _("The follow-up campaign was created with its tasks."))
        return HttpResponseRedirect(reverse("inspections:campaign_detail", args=[campaign.pk]))


def may_plan_spot_check(user) -> bool:
    return user.has_perm("evaluations.add_spotcheck") and user.has_perm(
        "inspections.add_inspection"
    )


class SpotCheckPlanView(generic.ScopedViewMixin, TemplateView):
    """``<pk>/spot-checks/plan/``: plan a spot check of a similar enterprise from the evaluation
    (``services.plan_spot_check``); its refusal answers as the form's error."""

    model = Evaluation
    action = "change"
    template_name = "evaluations/spot_check_plan.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_model_permission()
        if not may_plan_spot_check(request.user):
            raise PermissionDenied(_("You do not have permission to do this."))
        self.object = self.get_object()
        reason = rules.closed_reason(self.object)
        if reason:
            return refuse(request, self.object, reason)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = SpotCheckPlanForm(user=request.user)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = SpotCheckPlanForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                form.save(self.object, request=request)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The spot check was planned."))
                return HttpResponseRedirect(detail_url(self.object) + "#spot-checks")
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.model_context())
        context["object"] = self.object
        context["verbose_name"] = SpotCheck._meta.verbose_name
        context["evaluation_url"] = detail_url(self.object)
        return context


class FromEvaluationEditView(OpenEvaluationMixin, ServiceFormMixin, generic.ObjectEditView):
    """A verdict or finding opened from the evaluation's page comes with it chosen
    (``?evaluation=<pk>``); the autocomplete shows it only if the user may view it."""

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        value = self.request.GET.get("evaluation", "")
        if data is None and self.object is None and value.isdigit():
            form.initial["evaluation"] = int(value)
        return form


class ItemVerdictEditView(FromEvaluationEditView):
    model = ItemVerdict
    form_class = ItemVerdictForm

    def success_url(self, obj):
        return reverse("evaluations:evaluation_detail", args=[obj.evaluation_id])


class RecommendationVerdictEditView(FromEvaluationEditView):
    model = RecommendationVerdict
    form_class = RecommendationVerdictForm

    def success_url(self, obj):
        return reverse("evaluations:evaluation_detail", args=[obj.evaluation_id])


class FindingListView(generic.ObjectListView):
    model = Finding
    table_class = FindingTable
    filterset_class = FindingFilterSet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("handed_to_enterprise", "handed_to_organization", "hazard")
        )


class FindingDetailView(generic.ObjectDetailView):
    model = Finding
    fields = [
        "evaluation",
        "problem",
        "handed_to_organization",
        "handed_to_enterprise",
        "deadline",
        "hazard",
        "closed_on",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        finding = self.object
        if rules.closed_reason(finding.evaluation):
            context["can_delete"] = False
            if not finding.handed_to_organization_id:
                context["can_change"] = False
        return context


class FindingEditView(FromEvaluationEditView):
    """A new finding is handed over through ``services.hand_over_finding`` (``FindingForm``)."""

    model = Finding
    form_class = FindingForm

    def form_kwargs(self):
        return {"request": self.request}

    def editable_when_closed(self, obj) -> bool:
        return bool(obj.handed_to_organization_id)  # its closing is still recorded


class FindingDeleteView(ClosedDeleteMixin, generic.ObjectDeleteView):
    model = Finding


class DisclosurePolicyListView(generic.ObjectListView):
    model = DisclosurePolicy
    table_class = DisclosurePolicyTable
    filterset_class = DisclosurePolicyFilterSet


class DisclosurePolicyDetailView(generic.ObjectDetailView):
    model = DisclosurePolicy
    fields = ["field", "masked", "note"]


class DisclosurePolicyEditView(generic.ObjectEditView):
    model = DisclosurePolicy
    form_class = DisclosurePolicyForm
