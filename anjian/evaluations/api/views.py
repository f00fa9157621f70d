from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from anjian.core.api.viewsets import ScopedModelViewSet, TransitionMixin
from anjian.core.documents import DOCX_CONTENT_TYPE, audit_download, document_response
from anjian.evaluations import rules, services
from anjian.evaluations.api.serializers import (
    DisclosurePolicySerializer,
    EvaluationListSerializer,
    EvaluationSerializer,
    FindingSerializer,
    ItemVerdictSerializer,
    RecommendationVerdictSerializer,
    SpotCheckSerializer,
)
from anjian.evaluations.filtersets import (
    DisclosurePolicyFilterSet,
    EvaluationFilterSet,
    FindingFilterSet,
    ItemVerdictFilterSet,
    RecommendationVerdictFilterSet,
    SpotCheckFilterSet,
)
from anjian.evaluations.models import (
    DisclosurePolicy,
    Evaluation,
    Finding,
    ItemVerdict,
    RecommendationVerdict,
    SpotCheck,
)
from anjian.evaluations.report_views import build_public_report, build_report


class ReadOnlyWhenClosedMixin:
    """Nothing of an approved or published evaluation is deleted (400 with the reason); edits are
    refused by the models' clean(), which the serializers run."""

    def perform_destroy(self, instance):
        evaluation = instance if isinstance(instance, Evaluation) else instance.evaluation
        reason = rules.closed_reason(rules.stored_evaluation(evaluation))
        if reason:
            raise ValidationError({"detail": [reason]})
        super().perform_destroy(instance)


class EvaluationViewSet(ReadOnlyWhenClosedMixin, TransitionMixin, ScopedModelViewSet):
    """Evaluations with their verdicts, findings and spot checks; every move is
    ``POST …/{id}/transition/`` (start, draft, send_back, approve, publish);
    ``POST …/{id}/follow-up/`` creates the follow-up campaign."""

    model = Evaluation
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilterSet

    def get_serializer_class(self):
        # The list stays within the query budget: one row per evaluation; a record's verdicts,
        # findings and spot checks come with its detail (or their own lists, filtered by it).
        return EvaluationListSerializer if self.action == "list" else EvaluationSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            "members",
            "experts",
            "item_verdicts",
            "recommendation_verdicts",
            "findings__hazard",
            "spot_checks",
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "public",
                bool,
                description="1: the public version (the disclosure policy's masking)",
            )
        ],
        responses={(200, DOCX_CONTENT_TYPE): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"], url_path="report")
    def report(self, request, pk=None):
        """The evaluation report as Word (``?public=1``: its public version) — the page's download:
        the same builders, the same reach (404 outside it), the same download audit."""
        evaluation = self.get_object()
        public = request.query_params.get("public") in ("1", "true", "yes")
        build = build_public_report if public else build_report
        document = build(evaluation, user=request.user)
        audit_download(request, evaluation, "public" if public else "report", document)
        return document_response(document)

    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        evaluation = self.get_object()
        if not (
            request.user.has_perm("inspections.add_campaign")
            and request.user.has_perm("inspections.add_inspection")
            and request.user.has_perm("evaluations.change_evaluation")
        ):
            raise PermissionDenied()
        try:
            campaign = services.create_follow_up_campaign(
                evaluation, actor=request.user, request=request
            )
        except DjangoValidationError as error:
            return Response({"detail": error.messages}, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            {"campaign": campaign.pk, "inspections": campaign.inspections.count()},
            status=status.HTTP_201_CREATED,
        )


class ItemVerdictViewSet(ReadOnlyWhenClosedMixin, ScopedModelViewSet):
    model = ItemVerdict
    serializer_class = ItemVerdictSerializer
    filterset_class = ItemVerdictFilterSet


class RecommendationVerdictViewSet(ReadOnlyWhenClosedMixin, ScopedModelViewSet):
    model = RecommendationVerdict
    serializer_class = RecommendationVerdictSerializer
    filterset_class = RecommendationVerdictFilterSet


class FindingViewSet(ReadOnlyWhenClosedMixin, ScopedModelViewSet):
    """Findings; one handed to an enterprise becomes a hazard (``hazard``) and closes with it."""

    model = Finding
    serializer_class = FindingSerializer
    filterset_class = FindingFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("hazard")


class DisclosurePolicyViewSet(ScopedModelViewSet):
    model = DisclosurePolicy
    serializer_class = DisclosurePolicySerializer
    filterset_class = DisclosurePolicyFilterSet


class SpotCheckViewSet(ReadOnlyWhenClosedMixin, ScopedModelViewSet):
    """The inspections of similar enterprises linked to an evaluation."""

    model = SpotCheck
    serializer_class = SpotCheckSerializer
    filterset_class = SpotCheckFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("inspection")
