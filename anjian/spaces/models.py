"""The confined-space ledger (有限空间台账), its risk assessments and the safety equipment register.

Every row carries a copy of its enterprise's region, indexed, so a jurisdiction's list is one prefix
filter on the region path. The permits app refers to these models (a permit's space, the equipment
used on it) and asks ``space.has_toxic_risk``, ``space.explosion_risk`` and
``equipment.in_date(on)``.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.models import NOT_IN_FUTURE, PrimaryModel
from anjian.core.scoping import Scope
from anjian.core.uploads import PHOTO_KINDS, UploadValidator
from anjian.spaces import rules
from anjian.spaces.choices import (
    EquipmentKind,
    EquipmentStatus,
    Isolation,
    PerformedBy,
    RiskLevel,
    RiskMethod,
    SpaceKind,
    SpaceStatus,
)


class EnterpriseOwned(PrimaryModel):
    """A record of one enterprise; its region is the enterprise's, copied on every save."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)ss",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    scope = Scope(region="region", enterprise="enterprise")

    class Meta:
        abstract = True

    def _copy_region(self):
        if self.enterprise_id:
            self.region_id = self.enterprise.region_id

    def save(self, *args, **kwargs):
        self._copy_region()
        super().save(*args, **kwargs)


class ConfinedSpace(EnterpriseOwned):
    """One confined space of an enterprise (工贸企业有限空间作业安全规定): what it is, what can
    kill in it, how entry is stopped, who looks after it. A label with a QR code opens a public
    page naming only the space, its warning and whether approved work is in progress."""

    code = models.CharField(_("space code"), max_length=50)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=SpaceKind.choices)
    location = models.CharField(_("location"), max_length=200, blank=True)
    size = models.CharField(
        _("size"), max_length=100, blank=True, help_text=_("E.g. 8 m × 6 m, 4.5 m deep.")
    )
    hazard_factors = models.TextField(_("hazard factors"), blank=True)
    accident_types = models.CharField(
        _("possible accident types"),
        max_length=200,
        blank=True,
        help_text=_("E.g. poisoning, asphyxiation, drowning, fire, explosion."),
    )
    toxic_gases = models.JSONField(
        _("toxic gases"),
        default=list,
        blank=True,
        validators=[rules.validate_toxic_gases],
        help_text=_("The gases that can poison or asphyxiate in this space (H2S, CO, CO2 …)."),
    )
    oxygen_deficiency_risk = models.BooleanField(_("oxygen deficiency risk"), default=False)
    explosion_risk = models.BooleanField(_("explosion risk"), default=False)
    warning_sign = models.BooleanField(_("warning sign in place"), default=False)
    risk_notice_board = models.BooleanField(_("risk notice board in place"), default=False)
    isolation = models.CharField(
        _("physical isolation"), max_length=20, choices=Isolation.choices, default=Isolation.NONE
    )
    isolation_effective = models.BooleanField(
        _("isolation really stops entry"),
        default=False,
        help_text=_("Untick when the door is too low, the lock is open or the barrier is moved."),
    )
    usual_work = models.CharField(_("usual work"), max_length=200, blank=True)
    work_frequency = models.CharField(
        _("work frequency"),
        max_length=100,
        blank=True,
        help_text=_("How often people enter, e.g. sludge removal every quarter."),
    )
    performed_by = models.CharField(
        _("work performed by"),
        max_length=20,
        choices=PerformedBy.choices,
        default=PerformedBy.SELF,
    )
    responsible_person = models.ForeignKey(
        "training.Person",
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_for_spaces",
    )
    identified_on = models.DateField(_("identified on"), null=True, blank=True)
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SpaceStatus.choices, default=SpaceStatus.IN_USE
    )
    photo = models.FileField(
        _("photo"),
        upload_to="spaces/%Y/",
        blank=True,
        max_length=200,
        validators=[UploadValidator(PHOTO_KINDS)],
        help_text=_("A photo of the space and its entrance: JPEG, PNG, WebP or HEIC."),
    )
    risk_level = models.CharField(
        _("risk level"),
        max_length=10,
        choices=RiskLevel.choices,
        blank=True,
        editable=False,
        help_text=_("From the latest risk assessment."),
    )
    label_token = models.CharField(
        _("label token"),
        max_length=64,
        unique=True,
        default=rules.new_label_token,
        editable=False,
    )

    date_bounds = {"identified_on": NOT_IN_FUTURE, "reviewed_on": NOT_IN_FUTURE}
    autocomplete_fields = ("code", "name")

    class Meta:
        verbose_name = _("confined space")
        verbose_name_plural = _("confined spaces")
        ordering = ["enterprise_id", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "code"], name="spaces_space_unique_code_per_enterprise"
            ),
        ]
        indexes = [models.Index(fields=["region", "status"], name="spaces_space_region_idx")]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def has_toxic_risk(self) -> bool:
        """Any poisoning gas recorded: work here needs the principal's or a delegate's approval."""
        return bool(self.toxic_gases)

    @property
    def hazard_summary(self) -> str:
        return rules.hazard_summary(self)

    @property
    def toxic_gas_labels(self) -> str:
        return rules.gas_labels(self.toxic_gases)

    @property
    def current_assessment(self):
        return self.assessments.order_by("-assessed_on", "-id").first()

    def clean(self):
        self._copy_region()
        errors = rules.check_space(self)
        if errors:
            raise ValidationError(errors)

    def refresh_risk_level(self) -> None:
        """The level of the latest assessment, kept on the row for the ledger list and filter."""
        latest = self.assessments.order_by("-assessed_on", "-id").values_list("level", flat=True)
        level = latest.first() or ""
        if level != self.risk_level:
            type(self)._base_manager.filter(pk=self.pk).update(risk_level=level)
            self.risk_level = level


class SpaceRiskAssessment(PrimaryModel):
    """A risk assessment of one space (双重预防): factors → score → colour, by ``rules.assess``,
    with the controls and the text of the risk notice board."""

    space = models.ForeignKey(
        ConfinedSpace,
        verbose_name=_("confined space"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    method = models.CharField(
        _("method"), max_length=10, choices=RiskMethod.choices, default=RiskMethod.LEC
    )
    likelihood = models.DecimalField(
        _("likelihood (L)"),
        max_digits=5,
        decimal_places=1,
        help_text=_("LEC: 10, 6, 3, 1, 0.5, 0.2 or 0.1; matrix: 1 to 5."),
    )
    exposure = models.DecimalField(
        _("exposure (E)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("LEC only: 10, 6, 3, 2, 1 or 0.5."),
    )
    consequence = models.DecimalField(
        _("consequence or severity (C/S)"),
        max_digits=5,
        decimal_places=1,
        help_text=_("LEC: 100, 40, 15, 7, 3 or 1; matrix: severity 1 to 5."),
    )
    score = models.DecimalField(_("score"), max_digits=9, decimal_places=2, editable=False)
    level = models.CharField(
        _("risk level"), max_length=10, choices=RiskLevel.choices, editable=False
    )
    controls = models.TextField(_("control measures"), blank=True)
    notice_board_text = models.TextField(
        _("risk notice board text"),
        blank=True,
        help_text=_("Empty: written from the ledger row and this assessment."),
    )
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    assessor = models.CharField(_("assessor"), max_length=100)

    scope = Scope(region="region", enterprise="space__enterprise")
    date_bounds = {"assessed_on": NOT_IN_FUTURE}

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        ordering = ["-assessed_on", "-id"]
        indexes = [models.Index(fields=["region", "assessed_on"], name="spaces_risk_region_idx")]

    def __str__(self):
        return f"{self.space} {self.get_level_display()} ({self.assessed_on:%Y-%m-%d})"

    def _compute(self):
        if self.space_id:
            self.region_id = self.space.region_id
        if self.method == RiskMethod.LS:
            self.exposure = None
        if not rules.check_factors(self.method, self.likelihood, self.exposure, self.consequence):
            self.score, self.level = rules.assess(
                self.method, self.likelihood, self.exposure, self.consequence
            )

    def clean(self):
        errors = rules.check_factors(self.method, self.likelihood, self.exposure, self.consequence)
        if errors:
            raise ValidationError(errors)
        self._compute()

    def save(self, *args, **kwargs):
        self._compute()
        if not self.notice_board_text.strip() and self.space_id:
            self.notice_board_text = rules.default_notice_board_text(self.space, self)
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.space.refresh_risk_level()

    def delete(self, *args, **kwargs):
        space = self.space
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            space.refresh_risk_level()
        return result


class SafetyEquipment(EnterpriseOwned):
    """An item (or a batch of identical items) of the enterprise's confined-space safety
    equipment: where it is kept, how many, and until when it is calibrated or inspected."""

    kind = models.CharField(_("kind"), max_length=30, choices=EquipmentKind.choices)
    name = models.CharField(_("name"), max_length=100)
    model_number = models.CharField(_("equipment model"), max_length=100, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=100, blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity"), default=1, validators=[MinValueValidator(1)]
    )
    location = models.CharField(_("kept at"), max_length=200, blank=True)
    calibrated_on = models.DateField(_("calibrated or inspected on"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("The end of the calibration or inspection validity."),
    )
    explosion_proof = models.BooleanField(_("explosion-proof"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EquipmentStatus.choices,
        default=EquipmentStatus.IN_SERVICE,
    )

    date_bounds = {"calibrated_on": NOT_IN_FUTURE}
    autocomplete_fields = ("name", "serial_number", "model_number")

    class Meta:
        verbose_name = _("safety equipment")
        verbose_name_plural = _("safety equipment")
        ordering = ["enterprise_id", "kind", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="spaces_equipment_quantity_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["region", "valid_until"], name="spaces_equipment_region_idx")
        ]

    def __str__(self):
        serial = f" {self.serial_number}" if self.serial_number else ""
        return f"{self.name}{serial}"

    def in_date(self, on: datetime.date | None = None) -> bool:
        """Usable on ``on`` (default today): in service and within its validity."""
        return rules.equipment_in_date(self, on or timezone.localdate())

    def date_state(self, on: datetime.date | None = None) -> str:
        return rules.date_state(self, on or timezone.localdate())

    def clean(self):
        self._copy_region()
        errors = rules.check_equipment_dates(self)
        if errors:
            raise ValidationError(errors)
