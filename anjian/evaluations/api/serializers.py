from django.utils.translation import gettext as _
from rest_framework import serializers

from anjian.core.api.serializers import ScopedModelSerializer
from anjian.evaluations.models import (
    DisclosurePolicy,
    Evaluation,
    Finding,
    ItemVerdict,
    RecommendationVerdict,
    SpotCheck,
)


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
        from anjian.evaluations.forms import _hazard_on_save

        instance = Finding(**validated_data)
        request = self.context.get("request")

        class _Actor:
            user = getattr(request, "user", None)

        _hazard_on_save(_Actor, instance)
        instance.save()
        return instance


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
