from rest_framework import serializers

from anjian.accidents import rules, services
from anjian.accidents.models import (
    Accident,
    AccidentLevelThreshold,
    AccountabilityEvidence,
    AccountabilityItem,
    CriminalStep,
    ImplementationProgress,
    Investigation,
    Recommendation,
    RecommendationAssignment,
)
from anjian.core.api.serializers import ScopedModelSerializer, serializer_user


class AccidentSerializer(ScopedModelSerializer):
    """An accident; level, investigating region and escalation are the system's. Recording one
    opens its investigation and raises the enterprise's grade once (as on the page)."""

    class Meta:
        model = Accident
        fields = [
            "id",
            "name",
            "occurred_at",
            "place",
            "enterprise",
            "region",
            "space",
            "permit",
            "kind",
            "deaths",
            "serious_injuries",
            "injuries",
            "direct_loss",
            "summary",
            "level",
            "investigating_region",
            "escalated_at",
            "notes",
        ]
        read_only_fields = ["level", "investigating_region", "escalated_at"]

    def _actor(self):
        request = self.context.get("request")
        return getattr(request, "user", None), request

    def create(self, validated_data):
        accident = super().create(validated_data)
        actor, request = self._actor()
        return services.after_recording(accident, actor=actor, request=request)

    def update(self, instance, validated_data):
        accident = super().update(instance, validated_data)
        actor, request = self._actor()
        return services.after_recording(accident, actor=actor, request=request)


class InvestigationSerializer(ScopedModelSerializer):
    class Meta:
        model = Investigation
        fields = [
            "id",
            "accident",
            "team",
            "report",
            "due_on",
            "extended_due_on",
            "extension_reason",
            "approved_by",
            "approved_on",
            "approval_number",
            "published_on",
            "published_url",
            "notes",
        ]
        read_only_fields = ["due_on"]


class CriminalStepSerializer(ScopedModelSerializer):
    class Meta:
        model = CriminalStep
        fields = ["id", "item", "step", "on", "measure", "document_number", "body"]


class AccountabilityItemSerializer(ScopedModelSerializer):
    """One accountability item; for an administrative penalty the amount and the paid date are
    read from its enforcement case. The executing organisation writes only the outcome, its date,
    the document number, the status and notes: a change to another field is refused with the
    reason (``rules.item_refusals``, as on the page)."""

    criminal_steps = CriminalStepSerializer(many=True, read_only=True)
    subject_name = serializers.CharField(read_only=True)
    executor_name = serializers.CharField(read_only=True)
    penalty_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True
    )
    fulfilled_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = AccountabilityItem
        fields = [
            "id",
            "accident",
            "order",
            "subject_kind",
            "subject_name",
            "organization",
            "person_name",
            "political_status",
            "position",
            "person_organization",
            "track",
            "recommended_action",
            "executing_organization",
            "executing_body",
            "executor_name",
            "legal_basis",
            "outcome",
            "outcome_on",
            "document_number",
            "amount",
            "penalty_amount",
            "fulfilled_on",
            "status",
            "enforcement_case",
            "criminal_steps",
            "notes",
        ]

    def validate(self, attrs):
        # Only what changes counts: a client may send the item back whole.
        changed = [
            name
            for name, value in attrs.items()
            if self.instance is None or getattr(self.instance, name) != value
        ]
        refusals = rules.item_refusals(serializer_user(self), self.instance, changed)
        if refusals:
            raise serializers.ValidationError(refusals)
        return super().validate(attrs)


class AccountabilityEvidenceSerializer(ScopedModelSerializer):
    class Meta:
        model = AccountabilityEvidence
        fields = ["id", "item", "file", "caption"]

    def create(self, validated_data):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and user.pk:
            validated_data["uploaded_by"] = user
        return super().create(validated_data)


class RecommendationSerializer(ScopedModelSerializer):
    class Meta:
        model = Recommendation
        fields = ["id", "accident", "number", "text", "notes"]


class RecommendationAssignmentSerializer(ScopedModelSerializer):
    class Meta:
        model = RecommendationAssignment
        fields = ["id", "recommendation", "organization", "enterprise"]


class ImplementationProgressSerializer(ScopedModelSerializer):
    class Meta:
        model = ImplementationProgress
        fields = ["id", "assignment", "text", "reported_on", "file"]

    def create(self, validated_data):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and user.pk:
            validated_data["reported_by"] = user
        return super().create(validated_data)


class AccidentLevelThresholdSerializer(ScopedModelSerializer):
    class Meta:
        model = AccidentLevelThreshold
        fields = ["id", "level", "min_deaths", "min_serious_injuries", "min_direct_loss", "notes"]
