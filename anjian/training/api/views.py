from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from anjian.core import masking
from anjian.core.api.serializers import TransitionRefusedSerializer, TransitionRequestSerializer
from anjian.core.api.viewsets import ScopedModelViewSet, TransitionMixin
from anjian.core.workflow import TransitionRefused
from anjian.training import rules, services
from anjian.training.api.serializers import (
    ActivitySerializer,
    AssessmentSerializer,
    AttendanceSerializer,
    BulkAttendanceSerializer,
    CertificateSerializer,
    DrillSerializer,
    PersonSerializer,
    SpecialCertificateSerializer,
    TrainingSessionSerializer,
    TrainingValiditySerializer,
)
from anjian.training.filtersets import (
    ActivityFilterSet,
    AttendanceFilterSet,
    CertificateFilterSet,
    DrillFilterSet,
    PersonFilterSet,
    SpecialCertificateFilterSet,
    TrainingSessionFilterSet,
    TrainingValidityFilterSet,
)
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


class PersonViewSet(ScopedModelViewSet):
    model = Person
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet

    @extend_schema(
        request=None,
        responses={
            200: inline_serializer("RevealedIdNumber", {"id_number": serializers.CharField()})
        },
    )
    @action(detail=True, methods=["post"])
    def reveal(self, request, pk=None):
        """The full ID number; every call is an audit event."""
        person = self.get_object()
        if not rules.may_reveal(request.user):
            raise PermissionDenied(_("You may not see full ID numbers."))
        return Response(
            {"id_number": services.reveal_id_number(person, actor=request.user, request=request)}
        )


class TrainingSessionViewSet(ScopedModelViewSet):
    model = TrainingSession
    serializer_class = TrainingSessionSerializer
    filterset_class = TrainingSessionFilterSet

    @extend_schema(
        request=BulkAttendanceSerializer,
        responses={201: AttendanceSerializer(many=True), 400: OpenApiResponse()},
    )
    # The attendance's add permission decides (not the session's add permission a POST asks for).
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def attendees(self, request, pk=None):
        """Add many attendees at once, all or nothing: every unknown or out-of-scope ID number
        is named and nobody is added (the same form and service as the page)."""
        from anjian.training.forms import BulkAttendanceForm

        if not request.user.has_perm("training.add_attendance"):
            raise PermissionDenied(_("You do not have permission to do this."))
        session = self.get_object()  # a session the user may view, else 404
        body = BulkAttendanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = BulkAttendanceForm(
            data={
                "people": body.validated_data.get("people") or [],
                "id_numbers": body.validated_data.get("id_numbers") or "",
            },
            user=request.user,
        )
        if not form.is_valid():
            # Masked like every API error (core.api.exceptions): no full ID number in an answer.
            return Response(
                masking.scrub(form.errors.get_json_data()), status=status.HTTP_400_BAD_REQUEST
            )
        added = services.add_attendees(session, form.cleaned_data["all_people"], actor=request.user)
        return Response(
            AttendanceSerializer(added, many=True, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class AttendanceViewSet(TransitionMixin, ScopedModelViewSet):
    model = Attendance
    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilterSet

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "assess":
            return Attendance.objects.restrict(self.request.user, "change")
        return queryset

    @extend_schema(
        request=TransitionRequestSerializer,
        responses={200: AttendanceSerializer, 409: OpenApiResponse(TransitionRefusedSerializer)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def transition(self, request, pk=None):
        """``correct_assessment`` goes through the service, which also voids the certificate."""
        if request.data.get("transition") != "correct_assessment":
            return super().transition(request, pk)
        if not request.user.has_perm("training.change_attendance"):
            raise PermissionDenied(_("You do not have permission to do this."))
        attendance = self.get_object()
        try:
            services.correct_assessment(
                attendance,
                actor=request.user,
                reason=str(request.data.get("reason") or ""),
                request=request,
            )
        except TransitionRefused as refused:
            return Response(
                {"detail": _("The action was refused."), "reasons": refused.reasons},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(self.get_serializer(attendance).data)

    @extend_schema(
        request=AssessmentSerializer,
        responses={200: CertificateSerializer, 204: None, 409: OpenApiResponse()},
    )
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        """Record the assessment once: a pass answers the issued certificate, a fail 204."""
        attendance = self.get_object()
        body = AssessmentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            certificate = services.record_assessment(
                attendance,
                score=body.validated_data.get("score"),
                passed=body.validated_data.get("passed"),
                actor=request.user,
                request=request,
            )
        except services.AssessmentRefused as refused:
            return Response(
                {"detail": _("The action was refused."), "reasons": refused.reasons},
                status=status.HTTP_409_CONFLICT,
            )
        if certificate is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(CertificateSerializer(certificate, context={"request": request}).data)


class SpecialCertificateViewSet(ScopedModelViewSet):
    model = SpecialCertificate
    serializer_class = SpecialCertificateSerializer
    filterset_class = SpecialCertificateFilterSet


class CertificateViewSet(ScopedModelViewSet):
    model = Certificate
    serializer_class = CertificateSerializer
    filterset_class = CertificateFilterSet


class DrillViewSet(ScopedModelViewSet):
    model = Drill
    serializer_class = DrillSerializer
    filterset_class = DrillFilterSet


class ActivityViewSet(ScopedModelViewSet):
    model = Activity
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet


class TrainingValidityViewSet(ScopedModelViewSet):
    model = TrainingValidity
    serializer_class = TrainingValiditySerializer
    filterset_class = TrainingValidityFilterSet
