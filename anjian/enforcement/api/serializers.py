from django.urls import reverse
from rest_framework import serializers

from anjian.core.api.serializers import ScopedModelSerializer
from anjian.enforcement.models import CalendarDay, CasePenalty, EnforcementCase


class CasePenaltySerializer(ScopedModelSerializer):
    """One legal basis of a case with its penalty; an amount outside the basis's range needs a
    reason and its confirmation (the model's ``clean()``, as on the page)."""

    class Meta:
        model = CasePenalty
        fields = [
            "id",
            "case",
            "legal_basis",
            "kind",
            "amount",
            "outside_range_reason",
            "outside_range_confirmed",
        ]


class EnforcementCaseSerializer(ScopedModelSerializer):
    """A case; its moves are ``POST …/{id}/transition/``. Number, status, total fine, publication
    due day, overdue flag and repeat-offender flag are the system's."""

    penalties = CasePenaltySerializer(many=True, read_only=True)
    publication_overdue = serializers.BooleanField(read_only=True)
    party_name = serializers.CharField(read_only=True)
    decision_document_url = serializers.SerializerMethodField()

    class Meta:
        model = EnforcementCase
        fields = [
            "id",
            "number",
            "party_kind",
            "party_name",
            "enterprise",
            "person_name",
            "person_position",
            "person_organization",
            "region",
            "inspection",
            "hazard",
            "opened_on",
            "facts",
            "decision_number",
            "decision_date",
            "fulfilled_on",
            "publication_due",
            "publication_overdue",
            "published_on",
            "publication_place",
            "publication_url",
            "total_fine",
            "status",
            "repeat_offender",
            "escalated_at",
            "penalties",
            "decision_document_url",
            "notes",
        ]
        read_only_fields = [
            "number",
            "publication_due",
            "total_fine",
            "status",
            "repeat_offender",
            "escalated_at",
        ]

    def get_decision_document_url(self, obj) -> str:
        url = reverse("enforcement:enforcementcase_document", args=[obj.pk, "decision"])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def create(self, validated_data):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and user.pk:
            validated_data["opened_by"] = user
        return super().create(validated_data)


class CalendarDaySerializer(ScopedModelSerializer):
    class Meta:
        model = CalendarDay
        fields = ["id", "date", "kind", "name", "provisional", "notes"]
