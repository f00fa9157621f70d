from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from anjian.core.api.serializers import TransitionRefusedSerializer, TransitionRequestSerializer
from anjian.core.api.viewsets import ScopedModelViewSet, TransitionMixin
from anjian.core.scoping import is_visible
from anjian.core.workflow import TransitionRefused
from anjian.hazards import services
from anjian.hazards.api.serializers import (
    AcceptReportSerializer,
    HazardListSerializer,
    HazardPhotoSerializer,
    HazardSerializer,
    HazardVerificationSerializer,
    MajorHazardCriterionSerializer,
    PhotoUploadSerializer,
    PublicReportPhotoSerializer,
    PublicReportSerializer,
    VerificationTierSerializer,
)
from anjian.hazards.choices import PhotoStage
from anjian.hazards.filtersets import (
    HazardFilterSet,
    HazardPhotoFilterSet,
    HazardVerificationFilterSet,
    MajorHazardCriterionFilterSet,
    PublicReportFilterSet,
    VerificationTierFilterSet,
)
from anjian.hazards.models import (
    Hazard,
    HazardPhoto,
    HazardVerification,
    MajorHazardCriterion,
    PublicReport,
    PublicReportPhoto,
    VerificationTier,
)


def _refused(refused):
    return Response(
        {"detail": _("The action was refused."), "reasons": refused.reasons},
        status=status.HTTP_409_CONFLICT,
    )


class HazardViewSet(TransitionMixin, ScopedModelViewSet):
    """Hazards; every move of the closed loop is ``POST …/{id}/transition/`` (a sign-off records
    its tier), photos are ``POST …/{id}/photos/`` (multipart)."""

    model = Hazard
    serializer_class = HazardSerializer
    filterset_class = HazardFilterSet
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_serializer_class(self):
        return HazardListSerializer if self.action == "list" else HazardSerializer

    def get_queryset(self):
        queryset = super().get_queryset().prefetch_related("criteria")
        if self.action == "list":
            return queryset
        return queryset.prefetch_related("photos", "verifications")

    @extend_schema(
        request=TransitionRequestSerializer,
        responses={200: HazardSerializer, 409: OpenApiResponse(TransitionRefusedSerializer)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def transition(self, request, pk=None):
        body = TransitionRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        workflow = self.model.workflow
        transition = workflow.get(body.validated_data["transition"])
        if transition is None:
            raise ValidationError({"transition": _("No such action.")})
        if not request.user.has_perm(workflow.permission_for(self.model, transition)):
            raise PermissionDenied(_("You do not have permission to do this."))
        hazard = self.get_object()
        try:
            services.transition(
                hazard,
                transition.name,
                actor=request.user,
                reason=body.validated_data["reason"],
                request=request,
            )
        except TransitionRefused as refused:
            return _refused(refused)
        hazard = self.get_queryset().get(pk=hazard.pk)
        return Response(self.get_serializer(hazard).data)

    @extend_schema(request=PhotoUploadSerializer, responses={201: HazardPhotoSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def photos(self, request, pk=None):
        if not request.user.has_perm("hazards.change_hazard") or not request.user.has_perm(
            "hazards.add_hazardphoto"
        ):
            raise PermissionDenied(_("You do not have permission to do this."))
        hazard = Hazard.objects.restrict(request.user, "change").filter(pk=pk).first()
        if hazard is None:
            self.get_object()  # 404 out of view (audited), else 403
            raise PermissionDenied(_("You do not have permission to do this."))
        body = PhotoUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        from django.core.exceptions import ValidationError as DjangoValidationError

        try:
            photo = services.add_photo(
                hazard,
                body.validated_data["file"],
                actor=request.user,
                stage=body.validated_data["stage"],
                caption=body.validated_data.get("caption", ""),
            )
        except DjangoValidationError as error:
            raise ValidationError({"file": error.messages}) from None
        except TransitionRefused as refused:
            return _refused(refused)
        return Response(
            HazardPhotoSerializer(photo, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class PublicReportViewSet(TransitionMixin, ScopedModelViewSet):
    """Public reports, read by the village and above; ``accept`` (with ``enterprise``) records
    the hazard, ``dismiss`` needs a reason."""

    model = PublicReport
    serializer_class = PublicReportSerializer
    filterset_class = PublicReportFilterSet

    def create(self, request, *args, **kwargs):
        raise PermissionDenied(_("Public reports are sent from the public form."))

    @extend_schema(
        request=TransitionRequestSerializer,
        responses={200: PublicReportSerializer, 409: OpenApiResponse(TransitionRefusedSerializer)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def transition(self, request, pk=None):
        body = TransitionRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        name = body.validated_data["transition"]
        if name not in ("accept", "dismiss"):
            raise ValidationError({"transition": _("No such action.")})
        if not request.user.has_perm("hazards.handle_publicreport"):
            raise PermissionDenied(_("You do not have permission to do this."))
        report = self.get_object()
        extra = AcceptReportSerializer(data=request.data)
        extra.is_valid(raise_exception=True)
        try:
            if name == "accept":
                from anjian.enterprises.models import Enterprise

                enterprise = None
                if extra.validated_data.get("enterprise"):
                    enterprise = (
                        Enterprise.objects.restrict(request.user, "view")
                        .filter(pk=extra.validated_data["enterprise"])
                        .first()
                    )
                    if enterprise is None:
                        raise ValidationError({"enterprise": _("Not one of the choices.")})
                services.accept_public_report(
                    report,
                    actor=request.user,
                    enterprise=enterprise,
                    description=extra.validated_data.get("description", ""),
                    request=request,
                )
            else:
                services.dismiss_public_report(
                    report,
                    actor=request.user,
                    reason=body.validated_data["reason"],
                    request=request,
                )
        except TransitionRefused as refused:
            return _refused(refused)
        report.refresh_from_db()
        return Response(self.get_serializer(report).data)


class MajorHazardCriterionViewSet(ScopedModelViewSet):
    model = MajorHazardCriterion
    serializer_class = MajorHazardCriterionSerializer
    filterset_class = MajorHazardCriterionFilterSet


class VerificationTierViewSet(ScopedModelViewSet):
    model = VerificationTier
    serializer_class = VerificationTierSerializer
    filterset_class = VerificationTierFilterSet


def _write_photo(user, write):
    """Run a photo service in a transaction: its refusal answers 409 with the reason, a file or
    field error 400, and a photo that would land outside the user's reach is rolled back."""
    from django.core.exceptions import ValidationError as DjangoValidationError

    try:
        with transaction.atomic():
            photo = write()
            if not is_visible(photo, user, "view"):
                transaction.set_rollback(True)
                raise ValidationError(
                    {"detail": _("The record would lie outside your jurisdiction.")}
                )
    except DjangoValidationError as error:
        raise ValidationError(
            error.message_dict if hasattr(error, "error_dict") else {"file": error.messages}
        ) from None
    except TransitionRefused as refused:
        return _refused(refused)
    return photo


class HazardPhotoViewSet(ScopedModelViewSet):
    """Photos of hazards (multipart upload; the file only through ``document_url``)."""

    model = HazardPhoto
    serializer_class = HazardPhotoSerializer
    filterset_class = HazardPhotoFilterSet
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        responses={201: HazardPhotoSerializer, 409: OpenApiResponse(TransitionRefusedSerializer)}
    )
    def create(self, request, *args, **kwargs):
        """Upload through ``services.add_photo`` (the uploader is recorded, a closed hazard
        refuses with its reason and nothing is written), like ``POST /api/hazards/{id}/photos/``."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        photo = _write_photo(
            request.user,
            lambda: services.add_photo(
                data["hazard"],
                data["file"],
                actor=request.user,
                stage=data.get("stage", PhotoStage.EVIDENCE),
                caption=data.get("caption", ""),
            ),
        )
        if isinstance(photo, Response):
            return photo
        return Response(self.get_serializer(photo).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={200: HazardPhotoSerializer, 409: OpenApiResponse(TransitionRefusedSerializer)}
    )
    def update(self, request, *args, **kwargs):
        """Change through ``services.change_photo``: a photo of a closed hazard, or one moved
        onto or off a closed hazard, refuses with its reason (409) and nothing is written."""
        photo = self.get_object()
        serializer = self.get_serializer(
            photo, data=request.data, partial=kwargs.pop("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        photo = _write_photo(
            request.user,
            lambda: services.change_photo(photo, actor=request.user, **serializer.validated_data),
        )
        if isinstance(photo, Response):
            return photo
        return Response(self.get_serializer(photo).data)

    @extend_schema(
        responses={200: HazardPhotoSerializer, 409: OpenApiResponse(TransitionRefusedSerializer)}
    )
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(responses={204: None, 409: OpenApiResponse(TransitionRefusedSerializer)})
    def destroy(self, request, *args, **kwargs):
        """Delete through ``services.remove_photo``: a closed hazard's photo stays (409)."""
        photo = self.get_object()
        try:
            with transaction.atomic():
                services.remove_photo(photo, actor=request.user)
        except TransitionRefused as refused:
            return _refused(refused)
        return Response(status=status.HTTP_204_NO_CONTENT)


class HazardVerificationViewSet(ScopedModelViewSet):
    """Recorded sign-offs, read only: a sign-off is the ``verify``/``close`` move of its hazard."""

    model = HazardVerification
    serializer_class = HazardVerificationSerializer
    filterset_class = HazardVerificationFilterSet


class PublicReportPhotoViewSet(ScopedModelViewSet):
    """Photos sent with public reports, read by the village and above."""

    model = PublicReportPhoto
    serializer_class = PublicReportPhotoSerializer
