"""The permits API: permits with their people and every move as ``POST …/{id}/transition/``
(through the services), ``GET …/{id}/readiness/`` (the seven prohibitions, the same rule output as
the page), gas tests posted with their readings, the entry log, briefings, delegations, the
reference tables. Scoping, permissions and 404/403 are the core viewset's."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from anjian.core.api.serializers import TransitionRefusedSerializer
from anjian.core.api.viewsets import ScopedModelViewSet, TransitionMixin
from anjian.core.filtersets import BaseFilterSet
from anjian.core.workflow import TransitionRefused
from anjian.permits import rules, services
from anjian.permits.api.serializers import (
    AttachmentKindSerializer,
    BriefingSerializer,
    DelegationSerializer,
    EntryLogEntrySerializer,
    GasReadingSerializer,
    GasTestSerializer,
    GasThresholdSerializer,
    PermitAttachmentSerializer,
    PermitListSerializer,
    PermitPersonSerializer,
    PermitSerializer,
    PermitTransitionSerializer,
    ReadinessSerializer,
)
from anjian.permits.filtersets import (
    AttachmentKindFilterSet,
    DelegationFilterSet,
    GasThresholdFilterSet,
    PermitFilterSet,
)
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

READ_AND_ADD = ["get", "post", "head", "options"]


def _refused(reasons):
    return Response(
        {"detail": _("The action was refused."), "reasons": [str(r) for r in reasons]},
        status=status.HTTP_409_CONFLICT,
    )


def _invalid(error: DjangoValidationError):
    raise serializers.ValidationError(serializers.as_serializer_error(error))


def _of_permit(model):
    """A filter set of the rows of one permit (``?permit=<id>``), the permit among those in view."""
    meta = type("Meta", (), {"model": model, "fields": ["permit"]})
    permit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("permit"), queryset=Permit.objects.all()
    )
    return type(f"{model.__name__}ApiFilterSet", (BaseFilterSet,), {"permit": permit, "Meta": meta})


class PermitViewSet(TransitionMixin, ScopedModelViewSet):
    model = Permit
    serializer_class = PermitSerializer
    filterset_class = PermitFilterSet

    def get_serializer_class(self):
        return PermitListSerializer if self.action == "list" else PermitSerializer

    def get_queryset(self):
        queryset = (
            super()
            .get_queryset()
            .select_related("enterprise", "contractor")
            .annotate(last_tested_at=Max("gas_tests__tested_at"))
        )
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            Prefetch("people", queryset=PermitPerson.objects.select_related("person")),
            "protective_equipment",
            "rescue_equipment",
        )

    @extend_schema(responses={200: ReadinessSerializer})
    @action(detail=True, methods=["get"])
    def readiness(self, request, pk=None):
        """The seven prohibitions now, each with its evidence and reasons (``rules.readiness``,
        as on the permit page and at ``start``)."""
        permit = self.get_object()
        conditions = rules.readiness(permit)
        return Response(
            {
                "ready": all(c.ok for c in conditions),
                "conditions": [c.as_dict() for c in conditions],
            }
        )

    @extend_schema(
        request=PermitTransitionSerializer,
        responses={200: PermitSerializer, 409: OpenApiResponse(TransitionRefusedSerializer)},
    )
    # The move's own permission decides (the services ask it), not the model's add permission.
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def transition(self, request, pk=None):
        """Every move of the permit, through its service (``services.TRANSITION_SERVICES``)."""
        body = PermitTransitionSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        data = body.validated_data
        name = data["transition"]
        workflow = Permit.workflow
        if not request.user.has_perm(workflow.permission_for(Permit, workflow.get(name))):
            raise PermissionDenied(_("You do not have permission to do this."))
        permit = self.get_object()
        actor = request.user
        common = {"actor": actor, "request": request}
        try:
            if name == "acknowledge":
                services.acknowledge_permit(
                    permit,
                    started_at=data.get("started_at"),
                    ended_at=data.get("ended_at"),
                    topics=data.get("topics") or [],
                    given_by_name=data["given_by_name"],
                    attendees=data.get("attendees") or [],
                    attendee_names=data["attendee_names"],
                    location=data["location"],
                    **common,
                )
            elif name == "approve":
                services.approve_permit(
                    permit,
                    approver=data.get("approver"),
                    delegation=data.get("delegation"),
                    reason=data["reason"],
                    **common,
                )
            elif name == "complete":
                services.complete_permit(
                    permit, isolation_restored=data["isolation_restored"], **common
                )
            elif name == "accept":
                services.accept_permit(
                    permit, leader=data.get("leader"), note=data["note"], **common
                )
            elif name in ("return", "suspend", "cancel"):
                services.TRANSITION_SERVICES[name](permit, reason=data["reason"], **common)
            else:
                services.TRANSITION_SERVICES[name](permit, **common)
        except TransitionRefused as refused:
            return _refused(refused.reasons)
        permit = self.get_queryset().get(pk=permit.pk) if self._visible(permit) else permit
        return Response(self.get_serializer(permit).data)

    def _visible(self, permit):
        return Permit.objects.restrict(self.request.user, "view").filter(pk=permit.pk).exists()


class PermitPersonViewSet(ScopedModelViewSet):
    model = PermitPerson
    serializer_class = PermitPersonSerializer
    filterset_class = _of_permit(PermitPerson)

    def get_queryset(self):
        return super().get_queryset().select_related("person")


class DelegationViewSet(ScopedModelViewSet):
    model = Delegation
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilterSet


class BriefingViewSet(ScopedModelViewSet):
    """The on-site briefing of a filed permit; ``acknowledge`` (a permit move) records it too."""

    model = Briefing
    serializer_class = BriefingSerializer
    filterset_class = _of_permit(Briefing)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("attendees")

    def perform_create(self, serializer):
        serializer.validated_data["given_by"] = self.request.user
        super().perform_create(serializer)


class GasThresholdViewSet(ScopedModelViewSet):
    model = GasThreshold
    serializer_class = GasThresholdSerializer
    filterset_class = GasThresholdFilterSet


class AttachmentKindViewSet(ScopedModelViewSet):
    model = AttachmentKind
    serializer_class = AttachmentKindSerializer
    filterset_class = AttachmentKindFilterSet


class PermitAttachmentViewSet(ScopedModelViewSet):
    model = PermitAttachment
    serializer_class = PermitAttachmentSerializer
    filterset_class = _of_permit(PermitAttachment)


class GasTestViewSet(ScopedModelViewSet):
    """Gas tests are evidence: recorded once with their readings, never edited."""

    model = GasTest
    serializer_class = GasTestSerializer
    filterset_class = _of_permit(GasTest)
    http_method_names = READ_AND_ADD

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("readings", queryset=GasReading.objects.select_related("gas"))
            )
        )

    @extend_schema(responses={201: GasTestSerializer, 400: OpenApiResponse()})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        permit = data["permit"]
        if not Permit.objects.restrict(request.user, "view").filter(pk=permit.pk).exists():
            raise serializers.ValidationError({"permit": _("No such record.")})
        try:
            with transaction.atomic():
                test = services.record_gas_test(
                    permit,
                    actor=request.user,
                    tested_at=data["tested_at"],
                    tester=data["tester"],
                    detector=data["detector"],
                    readings=[dict(r) for r in data["readings"]],
                    kind=data.get("kind"),
                    note=data.get("note", ""),
                    request=request,
                )
        except DjangoValidationError as error:
            _invalid(error)
        test = self.get_queryset().get(pk=test.pk)
        return Response(self.get_serializer(test).data, status=status.HTTP_201_CREATED)


class GasReadingViewSet(ScopedModelViewSet):
    """Readings, read only: they are written with their test (``POST /api/permits/gas-tests/``)."""

    model = GasReading
    serializer_class = GasReadingSerializer
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("gas")


class EntryLogEntryViewSet(ScopedModelViewSet):
    """The entry log: lines are added (``services.record_entry``), never edited."""

    model = EntryLogEntry
    serializer_class = EntryLogEntrySerializer
    filterset_class = _of_permit(EntryLogEntry)
    http_method_names = READ_AND_ADD

    def get_queryset(self):
        return super().get_queryset().select_related("person")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            entry = services.record_entry(
                data["permit"],
                actor=request.user,
                direction=data["direction"],
                person=data.get("person"),
                tool=data.get("tool", ""),
                at=data.get("at"),
                request=request,
            )
        except DjangoValidationError as error:
            _invalid(error)
        return Response(self.get_serializer(entry).data, status=status.HTTP_201_CREATED)
