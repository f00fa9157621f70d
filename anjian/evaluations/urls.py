from django.urls import include, path

from anjian.core.urls_helpers import model_urls
from anjian.evaluations import views
from anjian.evaluations.models import (
    DisclosurePolicy,
    Evaluation,
    Finding,
    ItemVerdict,
    RecommendationVerdict,
)

app_name = "evaluations"

urlpatterns = [
    path("", include("anjian.evaluations.report_urls")),  # the report (report engineer)
    path("<int:pk>/follow-up/", views.FollowUpCampaignView.as_view(), name="evaluation_follow_up"),
    path(
        "<int:pk>/spot-checks/plan/",
        views.SpotCheckPlanView.as_view(),
        name="evaluation_plan_spot_check",
    ),
    *model_urls(
        Evaluation,
        list_view=views.EvaluationListView,
        detail_view=views.EvaluationDetailView,
        create_view=views.EvaluationEditView,
        update_view=views.EvaluationEditView,
        delete_view=views.EvaluationDeleteView,
        transition_view=views.EvaluationTransitionView,
    ),
    *model_urls(
        ItemVerdict,
        prefix="item-verdicts/",
        create_view=views.ItemVerdictEditView,
        update_view=views.ItemVerdictEditView,
    ),
    *model_urls(
        RecommendationVerdict,
        prefix="recommendation-verdicts/",
        create_view=views.RecommendationVerdictEditView,
        update_view=views.RecommendationVerdictEditView,
    ),
    *model_urls(
        Finding,
        prefix="findings/",
        list_view=views.FindingListView,
        detail_view=views.FindingDetailView,
        create_view=views.FindingEditView,
        update_view=views.FindingEditView,
        delete_view=views.FindingDeleteView,
    ),
    *model_urls(
        DisclosurePolicy,
        prefix="disclosure/",
        list_view=views.DisclosurePolicyListView,
        detail_view=views.DisclosurePolicyDetailView,
        update_view=views.DisclosurePolicyEditView,
    ),
]
