from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers as drf
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from anjian.core.api.viewsets import ScopedModelViewSet, TransitionMixin
from anjian.core.scoping import is_visible
from anjian.inspections import services
from anjian.inspections.api.serializers import (
    CampaignSerializer,
    ChecklistTemplateSerializer,
    InspectionItemSerializer,
    InspectionSerializer,
    LegalBasisSerializer,
)
from anjian.inspections.filtersets import (
    CampaignFilterSet,
    ChecklistTemplateFilterSet,
    InspectionFilterSet,
    LegalBasisFilterSet,
)
from anjian.inspections.models import (
    Campaign,
    ChecklistTemplate,
    Inspection,
    InspectionItem,
    LegalBasis,
)


def _messages(error: DjangoValidationError):
    return {"detail": error.messages}


class InspectionViewSet(TransitionMixin, ScopedModelViewSet):
    """Inspections; every move is ``POST …/{id}/transition/`` (start, complete, cancel)."""

    model = Inspection
    serializer_class = InspectionSerializer
    filterset_class = InspectionFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise").prefetch_related("inspectors")


class InspectionItemViewSet(ScopedModelViewSet):
    """The items of inspections: ``PATCH`` records a result, note or photo (while the inspection
    is in progress); ``POST …/{id}/hazard/`` records a failed item as a hazard (idempotent)."""

    model = InspectionItem
    serializer_class = InspectionItemSerializer
    http_method_names = ["get", "patch", "post", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filterset_fields = ["inspection", "result"]

    def get_queryset(self):
        return super().get_queryset().select_related("checklist_item")

    def create(self, request, *args, **kwargs):
        raise PermissionDenied(_("Items follow the inspection's checklist."))

    @extend_schema(
        request=None,
        responses={
            200: inline_serializer(
                "RaisedHazard", {"hazard": drf.IntegerField(), "created": drf.BooleanField()}
            ),
            201: inline_serializer(
                "RaisedHazardNew", {"hazard": drf.IntegerField(), "created": drf.BooleanField()}
            ),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def hazard(self, request, pk=None):
        if not request.user.has_perm("inspections.change_inspectionitem") or not (
            request.user.has_perm("hazards.add_hazard")
        ):
            raise PermissionDenied(_("You do not have permission to do this."))
        item = self.get_object()
        if not is_visible(item.inspection, request.user, "change"):
            raise PermissionDenied(_("You do not have permission to do this."))
        try:
            raised = services.raise_hazard(item, actor=request.user, request=request)
        except DjangoValidationError as error:
            raise ValidationError(_messages(error)) from error
        return Response(
            {"hazard": raised.hazard.pk, "created": raised.created},
            status=status.HTTP_201_CREATED if raised.created else status.HTTP_200_OK,
        )


class CampaignViewSet(ScopedModelViewSet):
    """Campaigns; ``POST …/{id}/tasks/`` plans one inspection per enterprise in scope."""

    model = Campaign
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilterSet

    def get_queryset(self):
        return super().get_queryset().prefetch_related("industries")

    @extend_schema(
        request=None,
        responses={200: inline_serializer("CampaignTasks", {"created": drf.IntegerField()})},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def tasks(self, request, pk=None):
        if not request.user.has_perm("inspections.change_campaign") or not (
            request.user.has_perm("inspections.add_inspection")
        ):
            raise PermissionDenied(_("You do not have permission to do this."))
        campaign = self.get_object()
        if not is_visible(campaign, request.user, "change"):
            raise PermissionDenied(_("You do not have permission to do this."))
        try:
            created = services.create_tasks(campaign, actor=request.user, request=request)
        except DjangoValidationError as error:
            raise ValidationError(_messages(error)) from error
        return Response({"created": created})


class ChecklistTemplateViewSet(ScopedModelViewSet):
    """Checklist templates with their items (the lines are edited on the page); an edit of a
    walked version answers with the next version."""

    model = ChecklistTemplate
    serializer_class = ChecklistTemplateSerializer
    filterset_class = ChecklistTemplateFilterSet

    def get_queryset(self):
        return super().get_queryset().prefetch_related("items")


class LegalBasisViewSet(ScopedModelViewSet):
    model = LegalBasis
    serializer_class = LegalBasisSerializer
    filterset_class = LegalBasisFilterSet
