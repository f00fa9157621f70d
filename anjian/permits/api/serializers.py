"""Serializers of the permits API. Stored files are never handed out by their media path: each
``*_url`` field is the scoped download view (``permits/file_views.py`` and the pages' URLs)."""

from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anjian.core.api.serializers import (
    ScopedModelSerializer,
    restrict_related_fields,
    serializer_user,
)
from anjian.permits import rules
from anjian.permits.choices import BriefingTopic
from anjian.permits.models import (
    AttachmentKind,
    Briefing,
    Delegation,
    EntryLogEntry,
    GasReading,
    GasTest,
    GasThreshold,
    Permit,
    PermitAttachment,
    PermitPerson,
)
from anjian.training.models import Person


def _file_url(serializer, name, obj, field):
    if not getattr(obj, field):
        return None
    try:
        url = reverse(f"permits:{name}", args=[obj.pk])
    except NoReverseMatch:
        return None
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request else url


class TopicsField(serializers.MultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("choices", BriefingTopic.choices)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        chosen = super().to_internal_value(data)
        return [code for code in BriefingTopic.values if code in chosen]

    def to_representation(self, value):
        return [code for code in BriefingTopic.values if code in (value or [])]


class PermitPersonSerializer(ScopedModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = PermitPerson
        fields = [
            "id",
            "permit",
            "person",
            "person_name",
            "duty",
            "special_category",
            "special_operation",
        ]


class PermitPersonBriefSerializer(serializers.ModelSerializer):
    """A person on the permit as the permit shows it (read only)."""

    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = PermitPerson
        fields = ["id", "person", "person_name", "duty", "special_category", "special_operation"]
        read_only_fields = fields


class PermitSerializer(ScopedModelSerializer):
    """The permit: its plan and on-site checks are written here; its state moves only through
    ``POST …/{id}/transition/`` (the services)."""

    people = PermitPersonBriefSerializer(many=True, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    implementing_unit_name = serializers.CharField(
        source="implementing_unit_display", read_only=True
    )
    reading_overdue = serializers.SerializerMethodField()
    agreement_document_url = serializers.SerializerMethodField()

    class Meta:
        model = Permit
        fields = [
            "id",
            "number",
            "enterprise",
            "region",
            "space",
            "work_content",
            "planned_start",
            "planned_end",
            "implementing_unit",
            "implementing_unit_name",
            "contractor",
            "contractor_uscc",
            "contractor_name",
            "contractor_agreement",
            "agreement_document",
            "agreement_document_url",
            "hazards",
            "ventilation",
            "isolation_points",
            "protective_equipment",
            "communication",
            "explosion_proof_measures",
            "electrical_note",
            "rescue_plan",
            "rescue_equipment",
            "rescue_team",
            "rescue_call",
            "ventilated",
            "protective_equipment_confirmed",
            "electrical_compliant",
            "status",
            "status_label",
            "filed_at",
            "filed_late",
            "acknowledged_at",
            "approver",
            "approved_at",
            "delegation",
            "started_at",
            "suspended_at",
            "completed_at",
            "isolation_restored",
            "accepted_at",
            "accepted_by_leader",
            "acceptance_note",
            "reading_overdue",
            "people",
            "notes",
        ]
        read_only_fields = [
            "number",
            "region",
            "status",
            "filed_at",
            "filed_late",
            "acknowledged_at",
            "approver",
            "approved_at",
            "delegation",
            "started_at",
            "suspended_at",
            "completed_at",
            "isolation_restored",
            "accepted_at",
            "accepted_by_leader",
            "acceptance_note",
        ]
        extra_kwargs = {
            "agreement_document": {"write_only": True, "required": False},
            "protective_equipment": {"required": False},
            "rescue_equipment": {"required": False},
        }

    @extend_schema_field(serializers.BooleanField())
    def get_reading_overdue(self, obj):
        if obj.status != "in_progress":
            return False
        return rules.reading_overdue(obj)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_agreement_document_url(self, obj):
        return _file_url(self, "permit_agreement", obj, "agreement_document")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        permit = self.instance or Permit()
        probe = Permit(
            pk=permit.pk,
            status=permit.status,
            enterprise_id=getattr(attrs.get("enterprise"), "pk", permit.enterprise_id),
            contractor_id=getattr(attrs.get("contractor"), "pk", None)
            if "contractor" in attrs
            else permit.contractor_id,
        )
        errors = rules.check_permit_equipment(
            probe, attrs.get("protective_equipment"), attrs.get("rescue_equipment")
        )
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class PermitListSerializer(PermitSerializer):
    """A permit in a list: without its people and equipment (the detail and
    ``/api/permits/people/?permit=`` give them), so a page of permits costs no query per row."""

    class Meta(PermitSerializer.Meta):
        fields = [
            f
            for f in PermitSerializer.Meta.fields
            if f not in ("people", "protective_equipment", "rescue_equipment")
        ]


class DelegationSerializer(ScopedModelSerializer):
    document_url = serializers.SerializerMethodField()

    class Meta:
        model = Delegation
        fields = [
            "id",
            "enterprise",
            "region",
            "principal",
            "delegate",
            "document",
            "document_url",
            "valid_from",
            "valid_until",
            "note",
            "notes",
        ]
        read_only_fields = ["region"]
        extra_kwargs = {"document": {"write_only": True}}

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_document_url(self, obj):
        return _file_url(self, "delegation_document", obj, "document")


class BriefingSerializer(ScopedModelSerializer):
    topics = TopicsField()
    minutes = serializers.IntegerField(read_only=True)

    class Meta:
        model = Briefing
        fields = [
            "id",
            "permit",
            "started_at",
            "ended_at",
            "minutes",
            "topics",
            "attendees",
            "attendee_names",
            "given_by",
            "given_by_name",
            "location",
        ]
        read_only_fields = ["given_by"]
        extra_kwargs = {"attendees": {"required": False}}

    def validate(self, attrs):
        attrs = super().validate(attrs)
        briefing = Briefing(
            pk=getattr(self.instance, "pk", None),
            **{
                name: attrs.get(name, getattr(self.instance, name, None))
                for name in ("started_at", "ended_at", "topics", "attendee_names", "given_by_name")
            },
        )
        attendees = attrs.get("attendees")
        if attendees is None and self.instance is not None:
            attendees = list(self.instance.attendees.all())
        reasons = rules.briefing_refusals(briefing, attendee_count=len(attendees or []))
        if reasons:
            raise serializers.ValidationError({"non_field_errors": reasons})
        return attrs


class GasThresholdSerializer(ScopedModelSerializer):
    limit = serializers.CharField(source="limit_text", read_only=True)

    class Meta:
        model = GasThreshold
        fields = [
            "id",
            "code",
            "name",
            "unit",
            "minimum",
            "maximum",
            "maximum_inclusive",
            "warn",
            "molar_mass",
            "source",
            "order",
            "active",
            "limit",
        ]


class GasReadingSerializer(ScopedModelSerializer):
    """A reading: ``gas`` (the threshold's id), ``depth``, ``value``, ``unit`` written; the value
    in the limit's unit, the conversion in words and the verdict answered."""

    gas_code = serializers.CharField(source="gas.code", read_only=True)

    class Meta:
        model = GasReading
        fields = [
            "id",
            "test",
            "gas",
            "gas_code",
            "depth",
            "value",
            "unit",
            "converted_value",
            "conversion",
            "passed",
            "warning",
        ]
        read_only_fields = ["test", "converted_value", "conversion", "passed", "warning"]


class GasTestSerializer(ScopedModelSerializer):
    """A gas test with its readings, posted in one request and judged by
    ``services.record_gas_test`` (the page's service): a failing test during work suspends it."""

    readings = GasReadingSerializer(many=True)
    result = serializers.CharField(source="result_label", read_only=True)

    class Meta:
        model = GasTest
        fields = [
            "id",
            "permit",
            "kind",
            "tested_at",
            "tester",
            "detector",
            "detector_in_date",
            "passed",
            "result",
            "note",
            "readings",
        ]
        read_only_fields = ["detector_in_date", "passed"]
        extra_kwargs = {"kind": {"required": False}}

    def validate(self, attrs):
        # The model's clean runs on the test alone (without its readings).
        readings = attrs.pop("readings", None)
        attrs = super().validate(attrs)
        if readings is not None:
            attrs["readings"] = readings
        return attrs


class EntryLogEntrySerializer(ScopedModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True, default="")

    class Meta:
        model = EntryLogEntry
        fields = ["id", "permit", "person", "person_name", "tool", "direction", "at", "recorded_by"]
        read_only_fields = ["recorded_by"]
        extra_kwargs = {"at": {"required": False}, "tool": {"required": False}}

    def validate(self, attrs):
        from django.utils import timezone

        attrs.setdefault("at", timezone.now())
        return super().validate(attrs)


class AttachmentKindSerializer(ScopedModelSerializer):
    class Meta:
        model = AttachmentKind
        fields = ["id", "code", "name", "required", "generated", "order", "active"]


class PermitAttachmentSerializer(ScopedModelSerializer):
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = PermitAttachment
        fields = ["id", "permit", "kind", "file", "file_url", "note"]
        extra_kwargs = {"file": {"write_only": True}}

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_file_url(self, obj):
        return _file_url(self, "permitattachment_file", obj, "file")


class ConditionSerializer(serializers.Serializer):
    """One of the seven prohibitions (``rules.Condition``)."""

    code = serializers.CharField()
    label = serializers.CharField()
    ok = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    evidence = serializers.ListField(child=serializers.CharField())


class ReadinessSerializer(serializers.Serializer):
    ready = serializers.BooleanField()
    conditions = ConditionSerializer(many=True)


class PermitTransitionSerializer(serializers.Serializer):
    """A move of the permit with what its service needs: ``approver`` (and optionally
    ``delegation``) to approve; the briefing to acknowledge; ``isolation_restored`` to complete;
    ``leader`` (and ``note``) to accept; ``reason`` to return, suspend or cancel."""

    transition = serializers.ChoiceField(choices=list(Permit.workflow.transitions))
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    approver = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, allow_null=True
    )
    delegation = serializers.PrimaryKeyRelatedField(
        queryset=Delegation.objects.all(), required=False, allow_null=True
    )
    leader = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, allow_null=True
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    isolation_restored = serializers.BooleanField(required=False, default=False)
    started_at = serializers.DateTimeField(required=False, allow_null=True)
    ended_at = serializers.DateTimeField(required=False, allow_null=True)
    topics = TopicsField(required=False)
    given_by_name = serializers.CharField(required=False, allow_blank=True, default="")
    attendees = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), many=True, required=False
    )
    attendee_names = serializers.CharField(required=False, allow_blank=True, default="")
    location = serializers.CharField(required=False, allow_blank=True, default="")

    def get_fields(self):
        fields = super().get_fields()
        restrict_related_fields(fields, serializer_user(self), owner=type(self).__name__)
        return fields
