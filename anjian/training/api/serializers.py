from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anjian.core.api.serializers import ScopedModelSerializer
from anjian.training import rules
from anjian.training.choices import Duty
from anjian.training.models import (
    Activity,
    Attendance,
    Certificate,
    Drill,
    Person,
    SpecialCertificate,
    TrainingSession,
    TrainingValidity,
)


class DutiesField(serializers.MultipleChoiceField):
    """A JSON list of duty codes (a set in DRF's field, kept as an ordered list here)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Duty.choices)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        chosen = super().to_internal_value(data)
        return [code for code in Duty.values if code in chosen]

    def to_representation(self, value):
        return [code for code in Duty.values if code in (value or [])]


class PersonSerializer(ScopedModelSerializer):
    duties = DutiesField()
    # What the person page says after saving: a valid number whose county code is unknown is kept,
    # with a warning (the code is where the number was issued; core.identity).
    id_number_warnings = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "id_number",
            "phone",
            "employer",
            "contractor_unit",
            "duties",
            "region",
            "notes",
            "id_number_warnings",
        ]
        extra_kwargs = {"region": {"required": False}}

    def validate_id_number(self, value):
        return rules.compact_id_number(value)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_id_number_warnings(self, instance) -> list[str]:
        return [str(warning) for warning in rules.id_number_warnings(instance.id_number)]

    def to_representation(self, instance):
        # Masked for everyone; the full number comes only from the audited reveal action.
        data = super().to_representation(instance)
        data["id_number"] = instance.masked_id_number
        return data


class TrainingSessionSerializer(ScopedModelSerializer):
    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "kind",
            "topic",
            "held_on",
            "hours",
            "organization",
            "enterprise",
            "provider",
            "trainer",
            "location",
            "region",
            "notes",
        ]
        read_only_fields = ["region"]


class AttendanceSerializer(ScopedModelSerializer):
    class Meta:
        model = Attendance
        fields = [
            "id",
            "session",
            "person",
            "attended",
            "status",
            "score",
            "passed",
            "assessed_at",
            "region",
        ]
        read_only_fields = ["status", "score", "passed", "assessed_at", "region"]


class AssessmentSerializer(serializers.Serializer):
    """The score (0–100) decides at the pass mark; ``passed``, when sent, must agree."""

    score = serializers.DecimalField(
        max_digits=4, decimal_places=1, required=False, allow_null=True, min_value=0, max_value=100
    )
    passed = serializers.BooleanField(required=False, allow_null=True, default=None)


class BulkAttendanceSerializer(serializers.Serializer):
    """Many attendees at once (the page's ``BulkAttendanceForm`` decides): people by id and/or ID
    numbers, one a line or separated by commas or spaces."""

    people = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False
    )
    id_numbers = serializers.CharField(required=False, allow_blank=True, default="")


class CertificateSerializer(ScopedModelSerializer):
    duties = DutiesField()
    state = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "person",
            "kind",
            "duties",
            "issued_on",
            "expires_on",
            "issuer",
            "issuer_kind",
            "attendance",
            "voided_on",
            "void_reason",
            "region",
            "state",
        ]
        read_only_fields = ["attendance", "voided_on", "void_reason", "region"]
        extra_kwargs = {"number": {"required": False}, "expires_on": {"required": False}}

    def get_state(self, obj) -> str:
        return obj.state()


class DrillSerializer(ScopedModelSerializer):
    class Meta:
        model = Drill
        fields = [
            "id",
            "held_on",
            "scenario",
            "organization",
            "enterprise",
            "space",
            "location",
            "participant_count",
            "participants",
            "evaluation",
            "lessons",
            "region",
            "notes",
        ]
        read_only_fields = ["region"]


class ActivitySerializer(ScopedModelSerializer):
    class Meta:
        model = Activity
        fields = [
            "id",
            "kind",
            "title",
            "held_on",
            "organization",
            "enterprise",
            "participant_count",
            "materials_count",
            "materials",
            "description",
            "photo",
            "region",
            "notes",
        ]
        read_only_fields = ["region"]
        extra_kwargs = {"photo": {"required": False}}


class TrainingValiditySerializer(ScopedModelSerializer):
    class Meta:
        model = TrainingValidity
        fields = ["id", "kind", "qualifies_for", "printed_title", "validity_months"]

    qualifies_for = DutiesField(required=False)


class SpecialCertificateSerializer(ScopedModelSerializer):
    state = serializers.SerializerMethodField()
    next_review_due = serializers.SerializerMethodField()

    class Meta:
        model = SpecialCertificate
        fields = [
            "id",
            "person",
            "number",
            "category",
            "operation",
            "authority",
            "issued_on",
            "expires_on",
            "review_interval_years",
            "last_reviewed_on",
            "next_review_due",
            "region",
            "state",
        ]
        read_only_fields = ["region"]
        extra_kwargs = {"expires_on": {"required": False}}

    def get_state(self, obj) -> str:
        return obj.state()

    def get_next_review_due(self, obj) -> str | None:
        due = obj.next_review_due
        return due.isoformat() if due else None
