"""Gas thresholds, gas tests with their readings, and the entry log of work in progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.core.models import ScopedModel
from anjian.core.scoping import REFERENCE_TABLE, Scope
from anjian.permits.choices import Depth, Direction, GasTestKind, GasUnit
from anjian.permits.models.permit import PERMIT_SCOPE, Permit

_DECIMAL = {"max_digits": 12, "decimal_places": 4}


class GasThreshold(ScopedModel):
    """What a reading of one gas must show to pass (administrators edit it; the defaults of
    regulations.md are seeded by a data migration).

    ``unit`` is the unit the limits are written in; a reading in another unit is converted
    (``rules.convert``: mg/m³ = ppm × ``molar_mass`` / 24.04 at 20 °C; 1 % vol = 10,000 ppm).
    A reading passes when ``minimum`` ≤ value and value ≤ ``maximum`` (value < ``maximum`` when
    ``maximum_inclusive`` is off, as for flammable gas: below 10 % LEL); ``warn`` flags a passing
    value above it (oxygen above 21 %). ``order`` is the test order: oxygen, flammable, toxic.
    """

    code = models.CharField(_("code"), max_length=16, help_text=_("For example O2, LEL, H2S."))
    name = models.CharField(_("gas"), max_length=50)
    unit = models.CharField(_("unit of the limits"), max_length=8, choices=GasUnit.choices)
    minimum = models.DecimalField(_("minimum"), null=True, blank=True, **_DECIMAL)
    maximum = models.DecimalField(_("maximum"), null=True, blank=True, **_DECIMAL)
    maximum_inclusive = models.BooleanField(
        _("the maximum itself passes"),
        default=True,
        help_text=_("Off for a limit that must stay below the maximum (flammable gas < 10 % LEL)."),
    )
    warn = models.DecimalField(
        _("warn above"),
        null=True,
        blank=True,
        help_text=_("A passing value above this is flagged."),
        **_DECIMAL,
    )
    molar_mass = models.DecimalField(
        _("molar mass (g/mol)"),
        max_digits=8,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("For converting ppm and mg/m³ (at 20 °C: mg/m³ = ppm × M / 24.04)."),
    )
    source = models.CharField(_("source of the figure"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("test order"), default=0)
    active = models.BooleanField(_("tested"), default=True)

    scope = REFERENCE_TABLE

    class Meta:
        verbose_name = _("gas threshold")
        verbose_name_plural = _("gas thresholds")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="permits_gasthreshold_unique_code"),
            models.CheckConstraint(
                condition=Q(minimum__isnull=True)
                | Q(maximum__isnull=True)
                | Q(maximum__gte=models.F("minimum")),
                name="permits_gasthreshold_max_above_min",
            ),
            models.CheckConstraint(
                condition=Q(minimum__isnull=False) | Q(maximum__isnull=False),
                name="permits_gasthreshold_has_a_limit",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def limit_text(self) -> str:
        from anjian.permits import rules

        return rules.limit_text(self)


class GasTest(ScopedModel):
    """One gas test of a permit's space: when, by whom, with which detector (its calibration
    validity that day is recorded in ``detector_in_date``), and whether every reading passed
    (``passed``, derived from the readings by ``services.record_gas_test`` and stored)."""

    permit = models.ForeignKey(
        Permit, verbose_name=_("permit"), on_delete=models.CASCADE, related_name="gas_tests"
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=GasTestKind.choices, default=GasTestKind.PRE_ENTRY
    )
    tested_at = models.DateTimeField(_("tested at"))
    tester = models.ForeignKey(
        "training.Person",
        verbose_name=_("tester"),
        on_delete=models.PROTECT,
        related_name="gas_tests",
    )
    detector = models.ForeignKey(
        "spaces.SafetyEquipment",
        verbose_name=_("detector"),
        on_delete=models.PROTECT,
        related_name="gas_tests",
    )
    detector_in_date = models.BooleanField(
        _("detector calibration valid"), default=False, editable=False
    )
    passed = models.BooleanField(_("passed"), default=False, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope = PERMIT_SCOPE

    class Meta:
        verbose_name = _("gas test")
        verbose_name_plural = _("gas tests")
        ordering = ["-tested_at", "-id"]
        indexes = [models.Index(fields=["permit", "tested_at"], name="permits_gastest_permit_idx")]

    def __str__(self):
        return f"{self.permit} {self.tested_at:%Y-%m-%d %H:%M}"

    @property
    def result_label(self) -> str:
        return str(_("Passed") if self.passed else _("Failed"))

    def clean(self):
        from anjian.permits import rules

        rules.check_gas_test(self)


class GasReading(ScopedModel):
    """One reading of one gas at one depth: the value as read in its ``unit``, the value in the
    threshold's unit (``converted_value``) with the conversion stated (``conversion``), and the
    verdict (``passed``, ``warning``), all set by ``rules.judge_reading``."""

    test = models.ForeignKey(
        GasTest, verbose_name=_("gas test"), on_delete=models.CASCADE, related_name="readings"
    )
    gas = models.ForeignKey(
        GasThreshold, verbose_name=_("gas"), on_delete=models.PROTECT, related_name="readings"
    )
    depth = models.CharField(_("depth"), max_length=8, choices=Depth.choices, default=Depth.MIDDLE)
    value = models.DecimalField(_("reading"), **_DECIMAL)
    unit = models.CharField(_("unit"), max_length=8, choices=GasUnit.choices)
    converted_value = models.DecimalField(
        _("value in the limit's unit"), null=True, blank=True, editable=False, **_DECIMAL
    )
    conversion = models.CharField(_("conversion"), max_length=200, blank=True, editable=False)
    passed = models.BooleanField(_("passed"), default=False, editable=False)
    warning = models.BooleanField(_("warning"), default=False, editable=False)

    scope = Scope(region="test__permit__region", enterprise="test__permit__enterprise")

    class Meta:
        verbose_name = _("gas reading")
        verbose_name_plural = _("gas readings")
        ordering = ["test", "gas__order", "depth", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["test", "gas", "depth"], name="permits_reading_unique_gas_depth"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="permits_reading_not_negative"),
        ]

    def __str__(self):
        return f"{self.gas.code} {self.get_depth_display()} {self.value} {self.get_unit_display()}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from anjian.permits import rules

        if self.gas_id and self.unit:
            try:
                rules.judge_reading(self)
            except rules.ConversionError as error:
                raise ValidationError({"unit": str(error)}) from None


class EntryLogEntry(ScopedModel):
    """One line of the attendant's entry log (进出登记): a person or a tool going in or out.
    Who is inside and which tools are unaccounted for are ``rules.people_inside`` and
    ``rules.tools_unaccounted``."""

    permit = models.ForeignKey(
        Permit, verbose_name=_("permit"), on_delete=models.CASCADE, related_name="entries"
    )
    person = models.ForeignKey(
        "training.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entry_log",
    )
    tool = models.CharField(_("tool"), max_length=100, blank=True)
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices)
    at = models.DateTimeField(_("time"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    scope = PERMIT_SCOPE

    class Meta:
        verbose_name = _("entry log entry")
        verbose_name_plural = _("entry log")
        ordering = ["permit", "at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(tool=""))
                | (Q(person__isnull=True) & ~Q(tool="")),
                name="permits_entry_person_or_tool",
                violation_error_message=_("Record either a person or a tool."),
            ),
        ]
        indexes = [models.Index(fields=["permit", "at"], name="permits_entry_permit_idx")]

    def __str__(self):
        who = self.person.name if self.person_id else self.tool
        return f"{who} {self.get_direction_display()} {self.at:%H:%M}"

    def clean(self):
        from anjian.permits import rules

        rules.check_entry(self)
