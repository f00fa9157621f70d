from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers

from anjian.core.api.serializers import ScopedModelSerializer
from anjian.hazards import services
from anjian.hazards.choices import PhotoStage
from anjian.hazards.forms import allowed_sources
from anjian.hazards.models import (
    Hazard,
    HazardPhoto,
    HazardVerification,
    MajorHazardCriterion,
    PublicReport,
    PublicReportPhoto,
    VerificationTier,
)


def _absolute(serializer, url):
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request else url


class HazardPhotoSerializer(ScopedModelSerializer):
    """A photo of a hazard; ``file`` is write-only, ``document_url`` the scoped download."""

    document_url = serializers.SerializerMethodField()

    class Meta:
        model = HazardPhoto
        fields = ["id", "hazard", "stage", "file", "caption", "document_url", "created_at"]
        read_only_fields = ["created_at"]
        extra_kwargs = {"file": {"write_only": True}}

    def get_document_url(self, obj) -> str:
        return _absolute(self, reverse("hazards:hazardphoto_file", args=[obj.pk]))


class HazardVerificationSerializer(ScopedModelSerializer):
    class Meta:
        model = HazardVerification
        fields = [
            "id",
            "hazard",
            "round",
            "tier_order",
            "signer_level",
            "by_name",
            "at",
            "note",
            "closed",
        ]
        read_only_fields = fields


class PublicReportPhotoSerializer(ScopedModelSerializer):
    document_url = serializers.SerializerMethodField()

    class Meta:
        model = PublicReportPhoto
        fields = ["id", "report", "document_url"]
        read_only_fields = fields

    def get_document_url(self, obj) -> str:
        return _absolute(self, reverse("hazards:publicreportphoto_file", args=[obj.pk]))


class HazardSerializer(ScopedModelSerializer):
    """A hazard; created through ``services.report_hazard`` (escalation, self-reporting), its
    criteria set through ``services.set_criteria``; status moves only by the transition action."""

    overdue = serializers.SerializerMethodField()
    photos = HazardPhotoSerializer(many=True, read_only=True)
    verifications = HazardVerificationSerializer(many=True, read_only=True)

    class Meta:
        model = Hazard
        fields = [
            "id",
            "number",
            "enterprise",
            "region",
            "place",
            "space",
            "permit",
            "description",
            "category",
            "source",
            "found_on",
            "found_by_name",
            "self_reported",
            "level",
            "criteria",
            "legal_basis",
            "measures",
            "responsible_name",
            "responsible_person",
            "deadline",
            "funds",
            "rectification_note",
            "status",
            "overdue",
            "submitted_at",
            "closed_at",
            "verification_round",
            "photos",
            "verifications",
            "notes",
        ]
        read_only_fields = [
            "number",
            "region",
            "self_reported",
            "level",
            "status",
            "submitted_at",
            "closed_at",
            "verification_round",
        ]

    def get_overdue(self, obj) -> bool:
        return obj.overdue

    def validate_source(self, value):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if self.instance is not None and value == self.instance.source:
            return value
        if value not in allowed_sources(user):
            raise serializers.ValidationError(_("You may not record a hazard from this source."))
        return value

    def validate(self, attrs):
        attrs = super().validate(attrs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if self.instance is not None and self.instance.status == "closed":
            raise serializers.ValidationError(
                _("A closed hazard cannot be edited; reopen it after a follow-up check.")
            )
        criteria = attrs.get("criteria")
        if (
            self.instance is not None
            and criteria is not None
            and self.instance.level == "major"
            and not any(c.active for c in criteria)
            and not (user and user.has_perm("hazards.verify_hazard"))
        ):
            raise serializers.ValidationError(
                {"criteria": _("Only a verifier may take a major hazard's criteria away.")}
            )
        return attrs

    def create(self, validated_data):
        request = self.context.get("request")
        data = dict(validated_data)
        criteria = data.pop("criteria", [])
        enterprise = data.pop("enterprise")
        extra = {
            k: data.pop(k)
            for k in ("responsible_person", "funds", "notes", "rectification_note")
            if k in data
        }
        hazard = services.report_hazard(
            enterprise,
            actor=request.user,
            criteria=criteria,
            request=request,
            **data,
        )
        if extra:
            for name, value in extra.items():
                setattr(hazard, name, value)
            hazard.save(update_fields=[*extra, "updated_at"])
        return hazard

    def update(self, instance, validated_data):
        request = self.context.get("request")
        criteria = validated_data.pop("criteria", None)
        hazard = super().update(instance, validated_data)
        if criteria is not None:
            services.set_criteria(hazard, criteria, actor=request.user, request=request)
        return hazard


class HazardListSerializer(HazardSerializer):
    """The list's rows: photos and sign-offs are read per hazard (its detail) or from
    ``/api/hazards/photos/?hazard=`` and ``/api/hazards/verifications/?hazard=``."""

    class Meta(HazardSerializer.Meta):
        fields = [f for f in HazardSerializer.Meta.fields if f not in ("photos", "verifications")]


class PhotoUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    stage = serializers.ChoiceField(choices=PhotoStage.choices, default=PhotoStage.EVIDENCE)
    caption = serializers.CharField(required=False, allow_blank=True, max_length=200)


class MajorHazardCriterionSerializer(ScopedModelSerializer):
    class Meta:
        model = MajorHazardCriterion
        fields = ["id", "code", "group", "text", "legal_basis", "active", "order", "notes"]


class VerificationTierSerializer(ScopedModelSerializer):
    class Meta:
        model = VerificationTier
        fields = ["id", "level", "order", "signer_level", "label", "notes"]


class PublicReportSerializer(ScopedModelSerializer):
    class Meta:
        model = PublicReport
        fields = [
            "id",
            "tracking_code",
            "created_at",
            "region",
            "enterprise",
            "space",
            "enterprise_name",
            "place",
            "description",
            "contact",
            "status",
            "hazard",
            "handled_at",
        ]
        read_only_fields = fields


class AcceptReportSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(required=False)
    description = serializers.CharField(required=False, allow_blank=True)
