import contextlib

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import serializers

from anjian.core.api.serializers import ScopedModelSerializer, serializer_user
from anjian.evaluations import services
from anjian.evaluations.models import (
    DisclosurePolicy,
    Evaluation,
    Finding,
    ItemVerdict,
    RecommendationVerdict,
    SpotCheck,
)


@contextlib.contextmanager
def service_errors():
    """A service's refusal (Django's ValidationError) answers 400 with its reason, as the
    models' clean() does through ``ScopedModelSerializer.validate``."""
    try:
        yield
    except DjangoValidationError as exc:
        raise serializers.ValidationError(serializers.as_serializer_error(exc)) from None


class ItemVerdictSerializer(ScopedModelSerializer):
    class Meta:
        model = ItemVerdict
        fields = ["id", "evaluation", "item", "verdict", "comment"]


class RecommendationVerdictSerializer(ScopedModelSerializer):
    class Meta:
        model = RecommendationVerdict
        fields = ["id", "evaluation", "recommendation", "verdict", "comment"]


class FindingSerializer(ScopedModelSerializer):
    status = serializers.CharField(read_only=True)

    class Meta:
        model = Finding
        fields = [
            "id",
            "evaluation",
            "problem",
            "handed_to_organization",
            "handed_to_enterprise",
            "deadline",
            "hazard",
            "closed_on",
            "order",
            "status",
        ]
        read_only_fields = ["hazard", "status"]

    def create(self, validated_data):
        """Handed over through ``services.hand_over_finding``, as on the page: handed to an
        enterprise it becomes one hazard found on the evaluation's day; the hand-over is
        audited."""
        data = dict(validated_data)
        request = self.context.get("request")
        actor = serializer_user(self)
        with transaction.atomic(), service_errors():
            finding = services.hand_over_finding(
                data["evaluation"],
                actor=actor,
                problem=data.get("problem", ""),
                enterprise=data.get("handed_to_enterprise"),
                organization=data.get("handed_to_organization"),
                deadline=data.get("deadline"),
                order=data.get("order") or 0,
                request=request,
            )
            if data.get("closed_on"):
                services.close_finding(finding, actor=actor, on=data["closed_on"])
        return finding


class SpotCheckSerializer(ScopedModelSerializer):
    class Meta:
        model = SpotCheck
        fields = ["id", "evaluation", "inspection"]

    def validate_inspection(self, inspection):
        from anjian.evaluations.services import SPOT_CHECK_KINDS

        if inspection.kind not in SPOT_CHECK_KINDS:
            raise serializers.ValidationError(
                _("Only an evaluation spot check or an unannounced check can be linked.")
            )
        return inspection


class EvaluationSerializer(ScopedModelSerializer):
    item_verdicts = ItemVerdictSerializer(many=True, read_only=True)
    recommendation_verdicts = RecommendationVerdictSerializer(many=True, read_only=True)
    findings = FindingSerializer(many=True, read_only=True)
    spot_checks = SpotCheckSerializer(many=True, read_only=True)

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "accident",
            "organizer",
            "region",
            "due_on",
            "reminder_from",
            "members",
            "experts",
            "started_on",
            "ended_on",
            "places_visited",
            "methods",
            "work_suggestions",
            "conclusion",
            "status",
            "approved_on",
            "published_on",
            "item_verdicts",
            "recommendation_verdicts",
            "findings",
            "spot_checks",
        ]
        read_only_fields = [
            "region",
            "due_on",
            "reminder_from",
            "status",
            "approved_on",
            "published_on",
        ]
        extra_kwargs = {"organizer": {"required": False}}

    def validate(self, attrs):
        """Read-only once approved or published — the working group (many-to-many, which the
        model's clean() cannot see) included; then the model's clean() (ScopedModelSerializer):
        the due dates from the investigation's approval, the methods' codes."""
        from anjian.evaluations import rules

        if self.instance is not None and attrs:
            reason = rules.closed_reason(rules.stored_evaluation(self.instance))
            if reason:
                raise serializers.ValidationError({"non_field_errors": [reason]})
        return super().validate(attrs)

    def create(self, validated_data):
        """Opened through ``services.open_evaluation``, as on the page: the organiser defaults to
        the committee office of the investigating government (refused when it has none) and the
        opening is audited."""
        data = dict(validated_data)
        accident = data.pop("accident")
        with service_errors():
            return services.open_evaluation(
                accident,
                actor=serializer_user(self),
                organizer=data.pop("organizer", None),
                members=data.pop("members", ()),
                experts=data.pop("experts", ()),
                request=self.context.get("request"),
                **data,
            )


class EvaluationListSerializer(ScopedModelSerializer):
    """One row per evaluation in lists (the detail adds the group, verdicts and findings)."""

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "accident",
            "organizer",
            "region",
            "due_on",
            "reminder_from",
            "started_on",
            "ended_on",
            "status",
            "approved_on",
            "published_on",
        ]
        read_only_fields = fields


class DisclosurePolicySerializer(ScopedModelSerializer):
    class Meta:
        model = DisclosurePolicy
        fields = ["id", "field", "masked", "note"]
