from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anjian.core.api.serializers import ScopedModelSerializer
from anjian.core.models import TransitionLog
from anjian.core.scoping import jurisdiction_for
from anjian.enterprises import rules, services
from anjian.enterprises.forms import EnterpriseContactForm
from anjian.enterprises.models import (
    Enterprise,
    EnterpriseMembership,
    GradeFrequency,
    Industry,
    Park,
    SafetyAgreement,
)


class IndustrySerializer(ScopedModelSerializer):
    class Meta:
        model = Industry
        fields = ["id", "code", "name"]


class GradeFrequencySerializer(ScopedModelSerializer):
    class Meta:
        model = GradeFrequency
        fields = ["id", "grade", "interval_months"]


class EnterpriseSerializer(ScopedModelSerializer):
    next_inspection_due = serializers.SerializerMethodField()

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "name",
            "uscc",
            "address",
            "region",
            "grid",
            "industry",
            "status",
            "principal_name",
            "principal_title",
            "principal_phone",
            "principal_person",
            "safety_officer_name",
            "safety_officer_title",
            "safety_officer_phone",
            "employee_count",
            "sector",
            "supervising_department",
            "park",
            "landlord",
            "landlord_organization",
            "service_agency",
            "risk_grade",
            "grade_effective_on",
            "last_inspected_on",
            "next_inspection_due",
            "name_pinyin",
            "name_initials",
            "notes",
        ]
        # The grade moves through its transition; the last inspection date follows completed
        # inspections (inspections.services.record_last_inspection), never typed by hand.
        read_only_fields = [
            "risk_grade",
            "grade_effective_on",
            "last_inspected_on",
            "name_pinyin",
            "name_initials",
        ]

    def to_internal_value(self, data):
        # The USCC is normalised (rules.compact_uscc: upper case) before the field's uniqueness
        # check, as on the page and in the import; a lower-case code is the same enterprise.
        if isinstance(data, dict) and isinstance(data.get("uscc"), str):
            data = data.copy()
            data["uscc"] = rules.compact_uscc(data["uscc"])
        return super().to_internal_value(data)

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        # An enterprise's own manager changes through the API only what its page form offers.
        if user is not None and jurisdiction_for(user).enterprise_ids is not None:
            allowed = set(EnterpriseContactForm.Meta.fields)
            for name, field in fields.items():
                if name not in allowed and name != "id":
                    field.read_only = True
        return fields

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_next_inspection_due(self, obj):
        if "grade_intervals" not in self.context:  # one query per response, not per row
            self.context["grade_intervals"] = services.grade_intervals()
        intervals = self.context["grade_intervals"]
        due = services.next_inspection_due(obj, intervals=intervals)
        return due.isoformat() if due else None


class GradeChangeSerializer(serializers.ModelSerializer):
    """One row of an enterprise's grade timeline: when it took effect, when it was recorded."""

    actor = serializers.CharField(source="actor_username")
    source = serializers.CharField(source="source_repr")
    effective_on = serializers.DateField()

    class Meta:
        model = TransitionLog
        fields = [
            "effective_on",
            "at",
            "transition",
            "from_state",
            "to_state",
            "actor",
            "reason",
            "source",
        ]


class GradeTransitionRequestSerializer(serializers.Serializer):
    transition = serializers.CharField()
    reason = serializers.CharField(allow_blank=True, required=False, default="")
    effective_on = serializers.DateField(required=False, allow_null=True, default=None)


class ParkSerializer(ScopedModelSerializer):
    class Meta:
        model = Park
        fields = [
            "id",
            "name",
            "address",
            "region",
            "operator_enterprise",
            "operator_organization",
            "safety_committee_formed_on",
            "notes",
        ]


class SafetyAgreementSerializer(ScopedModelSerializer):
    class Meta:
        model = SafetyAgreement
        fields = [
            "id",
            "kind",
            "park",
            "landlord",
            "landlord_organization",
            "tenant",
            "signed_on",
            "expires_on",
            "document",
            "document_url",
            "notes",
        ]
        # The stored file's media path is never handed out: ``document_url`` is the scoped view.
        extra_kwargs = {"document": {"write_only": True, "required": False}}

    document_url = serializers.SerializerMethodField()

    def get_document_url(self, obj):
        if not obj.document:
            return None
        url = reverse("enterprises:safetyagreement_document", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class EnterpriseMembershipSerializer(ScopedModelSerializer):
    class Meta:
        model = EnterpriseMembership
        fields = ["id", "user", "enterprise", "position", "notes"]
