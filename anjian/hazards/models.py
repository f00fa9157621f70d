"""Hazards (隐患) and their closed loop, the major-hazard criteria, the verification tiers, and the
public reports that come in without signing in.

Dependencies run one way: hazards refer to enterprises, spaces, permits and training people; the
inspections app refers to hazards (an inspection item points at the hazard it raised), never the
other way. Every enterprise-owned row carries a copy of its enterprise's region, indexed, so a
jurisdiction's list is one prefix filter on the region path.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.models import NOT_IN_FUTURE, PrimaryModel, ScopedModel
from anjian.core.scoping import REFERENCE_TABLE, Scope, ScopedManager, ScopedQuerySet
from anjian.core.uploads import PHOTO_KINDS, UploadValidator
from anjian.enterprises.choices import EscalationCause
from anjian.hazards import rules
from anjian.hazards.choices import (
    OPEN_STATUSES,
    CriterionGroup,
    HazardCategory,
    HazardLevel,
    HazardSource,
    HazardStatus,
    PhotoStage,
    PublicReportStatus,
    SignerLevel,
)
from anjian.hazards.workflows import HAZARD_WORKFLOW, PUBLIC_REPORT_WORKFLOW


class MajorHazardCriterion(PrimaryModel):
    """One item of the major-hazard criteria (工贸企业重大事故隐患判定标准, in force 2023-05-15),
    kept by administrators: ticking an active one makes a hazard major."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    text = models.TextField(_("criterion"))
    group = models.CharField(
        _("criteria group"),
        max_length=20,
        choices=CriterionGroup.choices,
        default=CriterionGroup.OTHER,
    )
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    scope = REFERENCE_TABLE
    autocomplete_fields = ("code", "text")

    class Meta:
        verbose_name = _("major-hazard criterion")
        verbose_name_plural = _("major-hazard criteria")
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.code} {self.text[:40]}"


class VerificationTier(PrimaryModel):
    """One sign-off a fixed hazard of a level needs before it closes, in order (e.g. general: the
    village, then the sub-district; major: and then the district bureau). The last tier closes."""

    level = models.CharField(_("hazard level"), max_length=10, choices=HazardLevel.choices)
    order = models.PositiveSmallIntegerField(_("order"), validators=[MinValueValidator(1)])
    signer_level = models.CharField(_("signed off by"), max_length=20, choices=SignerLevel.choices)
    label = models.CharField(_("name"), max_length=100, blank=True)

    scope = REFERENCE_TABLE

    class Meta:
        verbose_name = _("verification tier")
        verbose_name_plural = _("verification tiers")
        ordering = ["level", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "order"], name="hazards_tier_unique_order_per_level"
            ),
            models.CheckConstraint(condition=Q(order__gte=1), name="hazards_tier_order_positive"),
        ]

    def __str__(self):
        return (
            self.label
            or f"{self.get_level_display()} {self.order}: {self.get_signer_level_display()}"
        )


class HazardQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None):
        """Open hazards whose rectification deadline has passed (derived, never stored)."""
        return self.filter(rules.overdue_q(today))

    def not_overdue(self, today: datetime.date | None = None):
        return self.exclude(rules.overdue_q(today))

    def with_overdue(self, today: datetime.date | None = None):
        """Annotate ``is_overdue`` (a boolean column the list can sort and filter on)."""
        return self.annotate(
            is_overdue=models.ExpressionWrapper(
                rules.overdue_q(today), output_field=models.BooleanField()
            )
        )


class HazardManager(ScopedManager.from_queryset(HazardQuerySet)):
    pass


class Hazard(PrimaryModel):
    """A hazard (隐患) of one enterprise: where, what, evidence, category, source, who found it and
    when; general, or major when an active criterion is ticked (``level`` follows the criteria,
    set by ``services``). The rectification plan (measures, responsible person, deadline, funds)
    and the closed loop (``workflow``): reported → rectifying → submitted → closed, or sent back.
    Overdue is derived from the deadline (``Hazard.objects.overdue()``)."""

    number = models.CharField(_("hazard number"), max_length=20, blank=True, editable=False)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="hazards",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    space = models.ForeignKey(
        "spaces.ConfinedSpace",
        verbose_name=_("confined space"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hazards",
    )
    permit = models.ForeignKey(
        "permits.Permit",
        verbose_name=_("confined-space work permit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recorded_hazards",
    )
    description = models.TextField(_("hazard description"))
    category = models.CharField(
        _("hazard category"),
        max_length=30,
        choices=HazardCategory.choices,
        default=HazardCategory.OTHER,
    )
    source = models.CharField(_("source"), max_length=20, choices=HazardSource.choices)
    found_on = models.DateField(_("found on"), default=timezone.localdate)
    found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("found by (user)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hazards_found",
        editable=False,
    )
    found_by_name = models.CharField(_("found by"), max_length=100, blank=True)
    self_reported = models.BooleanField(
        _("reported by the enterprise itself"), default=False, editable=False
    )
    level = models.CharField(
        _("level"),
        max_length=10,
        choices=HazardLevel.choices,
        default=HazardLevel.GENERAL,
        editable=False,
    )
    criteria = models.ManyToManyField(
        MajorHazardCriterion,
        verbose_name=_("major-hazard criteria met"),
        blank=True,
        related_name="hazards",
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    # The rectification plan.
    measures = models.TextField(_("rectification measures"), blank=True)
    responsible_name = models.CharField(
        _("person responsible for rectification"), max_length=100, blank=True
    )
    responsible_person = models.ForeignKey(
        "training.Person",
        verbose_name=_("person responsible (on file)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hazards_responsible",
    )
    deadline = models.DateField(_("rectification deadline"), null=True, blank=True)
    funds = models.DecimalField(
        _("funds (yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    rectification_note = models.TextField(_("what was done"), blank=True)
    # Set by the workflow only.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=HazardStatus.choices,
        default=HazardStatus.REPORTED,
        editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    verification_round = models.PositiveSmallIntegerField(
        _("verification round"), default=0, editable=False
    )
    escalated_at = models.DateTimeField(
        _("grade escalated at"), null=True, blank=True, editable=False
    )
    # A management hazard raised for a tenant without a valid safety agreement (idempotency key).
    agreement_tenant = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("tenant without a safety agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreement_hazards",
        editable=False,
    )

    objects = HazardManager()
    scope = Scope(region="region", enterprise="enterprise")
    workflow = HAZARD_WORKFLOW
    escalation_cause = EscalationCause.MAJOR_HAZARD
    date_bounds = {"found_on": NOT_IN_FUTURE}
    autocomplete_fields = ("number", "description", "place")

    class Meta:
        verbose_name = _("hazard")
        verbose_name_plural = _("hazards")
        ordering = ["-found_on", "-id"]
        permissions = [
            ("verify_hazard", "Can verify, send back and reopen hazards"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "agreement_tenant"],
                condition=Q(agreement_tenant__isnull=False) & ~Q(status=HazardStatus.CLOSED),
                name="hazards_one_open_agreement_hazard",
            ),
            models.CheckConstraint(
                condition=Q(funds__isnull=True) | Q(funds__gte=0),
                name="hazards_funds_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "status"], name="hazards_region_status_idx"),
            models.Index(fields=["region", "deadline"], name="hazards_region_deadline_idx"),
            models.Index(fields=["enterprise", "found_on"], name="hazards_enterprise_found_idx"),
            models.Index(fields=["number"], name="hazards_number_idx"),
        ]

    def __str__(self):
        return f"{self.number or '—'} {self.description[:30]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def overdue_on(self, today: datetime.date | None = None) -> bool:
        return rules.is_overdue(self, today)

    @property
    def overdue(self) -> bool:
        return rules.is_overdue(self)

    @property
    def responsible(self) -> str:
        if self.responsible_person_id:
            return self.responsible_person.name
        return self.responsible_name

    def _copy_region(self):
        if self.enterprise_id:
            self.region_id = self.enterprise.region_id

    def clean(self):
        self._copy_region()
        errors = rules.check_hazard(self)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self._copy_region()
        if not self.number:
            self.number = rules.next_hazard_number(self.found_on)
        super().save(*args, **kwargs)


class HazardPhoto(ScopedModel):
    """A photo of a hazard: evidence as found, or the fix after rectification. Served only by
    ``views.HazardPhotoFileView`` (scoped, audited), never from a media URL."""

    hazard = models.ForeignKey(
        Hazard, verbose_name=_("hazard"), on_delete=models.CASCADE, related_name="photos"
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=PhotoStage.choices, default=PhotoStage.EVIDENCE
    )
    file = models.FileField(
        _("photo"),
        upload_to="hazards/%Y/",
        max_length=200,
        validators=[UploadValidator(PHOTO_KINDS)],
        help_text=_("JPEG, PNG, WebP or HEIC."),
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    scope = Scope(region="region", enterprise="hazard__enterprise")

    class Meta:
        verbose_name = _("hazard photo")
        verbose_name_plural = _("hazard photos")
        ordering = ["hazard_id", "created_at", "id"]
        indexes = [models.Index(fields=["region"], name="hazards_photo_region_idx")]

    def __str__(self):
        return self.caption or self.file.name.rsplit("/", 1)[-1]

    def save(self, *args, **kwargs):
        if self.hazard_id:
            self.region_id = self.hazard.region_id
        super().save(*args, **kwargs)


class HazardVerification(ScopedModel):
    """One recorded sign-off of a fixed hazard: the tier, who, when, a note. The tier's order and
    signer level are copied, so editing the tiers later does not rewrite history."""

    hazard = models.ForeignKey(
        Hazard, verbose_name=_("hazard"), on_delete=models.CASCADE, related_name="verifications"
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    round = models.PositiveSmallIntegerField(_("verification round"))
    tier = models.ForeignKey(
        VerificationTier,
        verbose_name=_("verification tier"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tier_order = models.PositiveSmallIntegerField(_("tier"))
    signer_level = models.CharField(_("signed off by"), max_length=20, choices=SignerLevel.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    by_name = models.CharField(_("signed by"), max_length=150, blank=True)
    at = models.DateTimeField(_("signed at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    closed = models.BooleanField(_("closed the hazard"), default=False)

    scope = Scope(region="region", enterprise="hazard__enterprise")

    class Meta:
        verbose_name = _("hazard verification")
        verbose_name_plural = _("hazard verifications")
        ordering = ["hazard_id", "round", "tier_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["hazard", "round", "tier_order"],
                name="hazards_one_signoff_per_tier_and_round",
            ),
        ]
        indexes = [models.Index(fields=["region"], name="hazards_verif_region_idx")]

    def __str__(self):
        return f"{self.hazard} {self.tier_order}: {self.by_name}"


class PublicReport(ScopedModel):
    """A report from the public, sent without signing in (a public form or an enterprise's or a
    confined space's QR label). It goes to the village of the enterprise (or the region chosen on
    the form) and is seen only by the village and above, never by the enterprise; a village worker
    verifies it into a hazard or dismisses it. The reporter holds only the tracking code."""

    tracking_code = models.CharField(
        _("tracking code"),
        max_length=16,
        unique=True,
        default=rules.new_tracking_code,
        editable=False,
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_reports",
    )
    space = models.ForeignKey(
        "spaces.ConfinedSpace",
        verbose_name=_("confined space"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_reports",
    )
    enterprise_name = models.CharField(_("enterprise named"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("what you saw"))
    contact = models.CharField(_("contact (optional)"), max_length=100, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicReportStatus.choices,
        default=PublicReportStatus.RECEIVED,
        editable=False,
    )
    hazard = models.OneToOneField(
        Hazard,
        verbose_name=_("hazard"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_report",
        editable=False,
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True, editable=False)
    # A keyed hash of the sender's address, for the hourly limit (the address itself is not kept).
    client_key = models.CharField(max_length=64, db_index=True, editable=False, blank=True)

    scope = Scope(region="region")
    workflow = PUBLIC_REPORT_WORKFLOW

    class Meta:
        verbose_name = _("public report")
        verbose_name_plural = _("public reports")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("handle_publicreport", "Can verify a public report into a hazard or dismiss it"),
        ]
        indexes = [models.Index(fields=["region", "status"], name="hazards_public_region_idx")]

    def __str__(self):
        return f"{self.tracking_code} {self.description[:30]}"


class PublicReportPhoto(ScopedModel):
    """A photo sent with a public report (size limit ``PUBLIC_REPORT_MAX_PHOTO_BYTES``)."""

    report = models.ForeignKey(
        PublicReport,
        verbose_name=_("public report"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    file = models.FileField(
        _("photo"),
        upload_to="public_reports/%Y/",
        max_length=200,
        validators=[UploadValidator(PHOTO_KINDS), rules.validate_public_photo_size],
    )

    scope = Scope(region="region")

    class Meta:
        verbose_name = _("public report photo")
        verbose_name_plural = _("public report photos")
        ordering = ["report_id", "id"]

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]

    def save(self, *args, **kwargs):
        if self.report_id:
            self.region_id = self.report.region_id
        super().save(*args, **kwargs)
