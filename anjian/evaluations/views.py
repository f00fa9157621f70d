"""The evaluation pages: declarations over the generic views, plus the follow-up campaign step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from anjian.core import views as generic
from anjian.evaluations import rules, services
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
)
from anjian.evaluations.models import (
    DisclosurePolicy,
    Evaluation,
    Finding,
    ItemVerdict,
    RecommendationVerdict,
)
from anjian.evaluations.tables import DisclosurePolicyTable, EvaluationTable, FindingTable


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
        context["members"] = list(evaluation.members.all())
        context["experts"] = list(evaluation.experts.all())
        context["methods"] = evaluation.methods
        context["item_verdicts"] = list(
            evaluation.item_verdicts.select_related("item").order_by("item__order", "item_id")
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
        return context


class EvaluationEditView(generic.ObjectEditView):
    model = Evaluation
    form_class = EvaluationForm


class EvaluationDeleteView(generic.ObjectDeleteView):
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


class FromEvaluationEditView(generic.ObjectEditView):
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


class FindingEditView(FromEvaluationEditView):
    model = Finding
    form_class = FindingForm


class FindingDeleteView(generic.ObjectDeleteView):
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
