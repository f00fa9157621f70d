from django.urls import reverse
from rest_framework import serializers

from anjian.core.api.serializers import ScopedModelSerializer
from anjian.spaces.choices import ToxicGas
from anjian.spaces.models import ConfinedSpace, SafetyEquipment, SpaceRiskAssessment


class GasesField(serializers.MultipleChoiceField):
    """A JSON list of gas codes (H2S, CO …), kept in the choices' order."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", ToxicGas.choices)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        chosen = super().to_internal_value(data)
        return [code for code in ToxicGas.values if code in chosen]

    def to_representation(self, value):
        return [code for code in ToxicGas.values if code in (value or [])]


class ConfinedSpaceSerializer(ScopedModelSerializer):
    toxic_gases = GasesField()
    has_toxic_risk = serializers.BooleanField(read_only=True)
    photo_url = serializers.SerializerMethodField()
    # The public page the QR label opens (``/s/<label_token>/``), as the label page prints it;
    # read only: the token itself is never a field here (it is minted by the model).
    public_url = serializers.SerializerMethodField()

    class Meta:
        model = ConfinedSpace
        fields = [
            "id",
            "enterprise",
            "region",
            "code",
            "name",
            "kind",
            "location",
            "size",
            "hazard_factors",
            "accident_types",
            "toxic_gases",
            "has_toxic_risk",
            "oxygen_deficiency_risk",
            "explosion_risk",
            "warning_sign",
            "risk_notice_board",
            "isolation",
            "isolation_effective",
            "usual_work",
            "work_frequency",
            "performed_by",
            "responsible_person",
            "identified_on",
            "reviewed_on",
            "status",
            "risk_level",
            "photo",
            "photo_url",
            "public_url",
            "notes",
        ]
        read_only_fields = ["region", "risk_level"]
        # The stored file's media path is never handed out: ``photo_url`` is the scoped view.
        extra_kwargs = {"photo": {"write_only": True, "required": False}}

    def get_public_url(self, obj) -> str:
        url = reverse("spaces_public:space", args=[obj.label_token])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_photo_url(self, obj) -> str | None:
        if not obj.photo:
            return None
        url = reverse("spaces:confinedspace_photo", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class SpaceRiskAssessmentSerializer(ScopedModelSerializer):
    class Meta:
        model = SpaceRiskAssessment
        fields = [
            "id",
            "space",
            "region",
            "method",
            "likelihood",
            "exposure",
            "consequence",
            "score",
            "level",
            "controls",
            "notice_board_text",
            "assessed_on",
            "assessor",
            "notes",
        ]
        read_only_fields = ["region", "score", "level"]


class SafetyEquipmentSerializer(ScopedModelSerializer):
    in_date = serializers.SerializerMethodField()
    date_state = serializers.SerializerMethodField()

    class Meta:
        model = SafetyEquipment
        fields = [
            "id",
            "enterprise",
            "region",
            "kind",
            "name",
            "model_number",
            "serial_number",
            "quantity",
            "location",
            "calibrated_on",
            "valid_until",
            "explosion_proof",
            "status",
            "in_date",
            "date_state",
            "notes",
        ]
        read_only_fields = ["region"]

    def get_in_date(self, obj) -> bool:
        return obj.in_date()

    def get_date_state(self, obj) -> str:
        return obj.date_state()
