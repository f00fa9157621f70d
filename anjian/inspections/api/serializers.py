from django.urls import reverse
from rest_framework import serializers

from anjian.core.api.serializers import ScopedModelSerializer
from anjian.inspections import services
from anjian.inspections.choices import ItemResult
from anjian.inspections.models import (
    Campaign,
    ChecklistItem,
    ChecklistTemplate,
    Inspection,
    InspectionItem,
    LegalBasis,
)


def _absolute(serializer, url):
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request else url


class LegalBasisSerializer(ScopedModelSerializer):
    citation = serializers.CharField(read_only=True)

    class Meta:
        model = LegalBasis
        fields = [
            "id",
            "law",
            "article",
            "clause",
            "citation",
            "summary",
            "party",
            "fine_min",
            "fine_max",
            "person_fine_min",
            "person_fine_max",
            "penalty_text",
            "active",
            "order",
        ]


class ChecklistItemSerializer(ScopedModelSerializer):
    class Meta:
        model = ChecklistItem
        fields = [
            "id",
            "template",
            "section",
            "order",
            "text",
            "legal_basis",
            "penalty_text",
            "hazard_category",
        ]
        read_only_fields = fields


class ChecklistTemplateSerializer(ScopedModelSerializer):
    items = ChecklistItemSerializer(many=True, read_only=True)

    class Meta:
        model = ChecklistTemplate
        fields = [
            "id",
            "code",
            "version",
            "is_current",
            "name",
            "kind",
            "description",
            "active",
            "items",
        ]
        read_only_fields = ["version", "is_current"]

    def update(self, instance, validated_data):
        """Through ``services.save_template``: once walked, an edit makes the next version (the
        answer is that version); the lines stay as they are (they are edited on the page)."""
        from django.core.exceptions import ValidationError as DjangoValidationError

        validated_data.pop("code", None)
        lines = [
            {
                "id": line.pk,
                "section": line.section,
                "order": line.order,
                "text": line.text,
                "legal_basis": line.legal_basis,
                "penalty_text": line.penalty_text,
                "hazard_category": line.hazard_category,
            }
            for line in instance.items.select_related("legal_basis")
        ]
        try:
            return services.save_template(
                instance, actor=self.context["request"].user, fields=validated_data, items=lines
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError({"detail": error.messages}) from error


class InspectionItemSerializer(ScopedModelSerializer):
    """One item's result; ``photo`` is write-only, ``photo_url`` the scoped download."""

    text = serializers.CharField(source="checklist_item.text", read_only=True)
    section = serializers.CharField(source="checklist_item.section", read_only=True)
    legal_basis = serializers.IntegerField(
        source="checklist_item.legal_basis_id", read_only=True, allow_null=True
    )
    photo_url = serializers.SerializerMethodField()

    class Meta:
        model = InspectionItem
        fields = [
            "id",
            "inspection",
            "checklist_item",
            "order",
            "section",
            "text",
            "legal_basis",
            "result",
            "note",
            "photo",
            "photo_url",
            "hazard",
        ]
        read_only_fields = ["inspection", "checklist_item", "order", "hazard"]
        extra_kwargs = {"photo": {"write_only": True, "required": False}}

    def get_photo_url(self, obj) -> str | None:
        if not obj.photo:
            return None
        return _absolute(self, reverse("inspections:inspectionitem_photo", args=[obj.pk]))

    def validate_result(self, value):
        if value == ItemResult.PENDING and self.instance and self.instance.hazard_id:
            raise serializers.ValidationError(ItemResult.PENDING.label)
        return value

    def update(self, instance, validated_data):
        from django.core.exceptions import ValidationError as DjangoValidationError

        try:
            return services.record_item(
                instance,
                actor=self.context["request"].user,
                result=validated_data.get("result"),
                note=validated_data.get("note"),
                photo=validated_data.get("photo"),
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
            ) from error


class InspectionSerializer(ScopedModelSerializer):
    """An inspection; its item results are ``/api/inspections/items/?inspection={id}``."""

    status = serializers.CharField(read_only=True)

    class Meta:
        model = Inspection
        fields = [
            "id",
            "kind",
            "enterprise",
            "template",
            "permit",
            "campaign",
            "follow_up_of",
            "planned_on",
            "inspected_on",
            "inspectors",
            "inspector_names",
            "present_name",
            "rectify_by",
            "findings",
            "status",
            "started_at",
            "completed_at",
            "notes",
        ]
        read_only_fields = ["started_at", "completed_at"]

    def create(self, validated_data):
        inspection = super().create(validated_data)
        services.fill_items(inspection)
        return inspection


class CampaignSerializer(ScopedModelSerializer):
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "topic",
            "region",
            "starts_on",
            "ends_on",
            "template",
            "industries",
            "grades",
            "with_confined_spaces",
            "organizer",
            "notes",
            "progress",
        ]

    def get_progress(self, obj) -> dict:
        if self.context.get("view") is None or getattr(self.context["view"], "action", "") != (
            "retrieve"
        ):
            return {}
        progress = services.campaign_progress(obj)
        return {
            "total": progress.total,
            "completed": progress.completed,
            "in_progress": progress.in_progress,
            "planned": progress.planned,
            "hazards_found": progress.hazards_found,
            "hazards_closed": progress.hazards_closed,
        }
