"""Enforcement (行政执法): the working-day calendar, the cases (立案 → 调查 → 决定 → 执行 → 结案)
against an enterprise or a person, and the legal bases and penalties of each case.

Dependencies run one way: a case refers to the inspection and the hazard it came from and to the
legal bases of the inspections app; nothing refers back. Every case carries a copy of its region
(the enterprise's, or the one chosen for a person who works for no enterprise on file), indexed,
so a jurisdiction's list is one prefix filter on the region path.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.models import NOT_IN_FUTURE, PrimaryModel, ScopedModel
from anjian.core.scoping import REFERENCE_TABLE, Scope
from anjian.enforcement import calendar, rules
from anjian.enforcement.choices import (
    CalendarDayKind,
    CaseStatus,
    PartyKind,
    PenaltyKind,
)
from anjian.enforcement.workflows import CASE_WORKFLOW
from anjian.enterprises.choices import EscalationCause


class CalendarDay(PrimaryModel):
    """A day the ordinary week does not describe: a public holiday (off even on a weekday) or a
    make-up working day (调休: a Saturday or Sunday that is worked). Kept by administrators; seeded
    with the State Council's arrangements. ``provisional`` marks days entered before the year's
    arrangement was published (the statutory holidays only)."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=50)
    provisional = models.BooleanField(
        _("provisional"),
        default=False,
        help_text=_("Entered before the State Council published the year's arrangement."),
    )

    scope = REFERENCE_TABLE
    autocomplete_fields = ("name",)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name} ({self.get_kind_display()})"

    def clean(self):
        super().clean()
        if self.date and self.kind == CalendarDayKind.WORKDAY and self.date.weekday() < 5:
            raise ValidationError(
                {"kind": _("A make-up working day falls on a Saturday or a Sunday.")}
            )


class EnforcementCase(PrimaryModel):
    """An administrative penalty case (行政处罚案件) against an enterprise or a person (who need not
    be a trained worker on file: name, position, organisation; optionally the enterprise they work
    for, which scopes the case). From an inspection or a hazard, or neither. The decision (number,
    date), the fulfilled date, the publication (due ``CASE_PUBLICATION_WORKING_DAYS`` working days
    after the decision on the calendar) and the repeat-offender flag set when it was decided."""

    number = models.CharField(_("case number"), max_length=20, blank=True, editable=False)
    party_kind = models.CharField(
        _("party"), max_length=10, choices=PartyKind.choices, default=PartyKind.ENTERPRISE
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enforcement_cases",
        help_text=_("The enterprise penalised, or the one the person penalised works for."),
    )
    person_name = models.CharField(_("name of the person"), max_length=50, blank=True)
    person_position = models.CharField(_("position"), max_length=50, blank=True)
    person_organization = models.CharField(_("organisation"), max_length=200, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Taken from the enterprise; chosen only for a person with no enterprise."),
    )
    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name=_("inspection"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enforcement_cases",
    )
    hazard = models.ForeignKey(
        "hazards.Hazard",
        verbose_name=_("hazard"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enforcement_cases",
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    facts = models.TextField(_("facts of the violation"), blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    publication_due = models.DateField(_("publication due"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    publication_place = models.CharField(_("published where"), max_length=200, blank=True)
    publication_url = models.URLField(_("publication address"), max_length=300, blank=True)
    total_fine = models.DecimalField(
        _("total fine (yuan)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        editable=False,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CaseStatus.choices,
        default=CaseStatus.OPENED,
        editable=False,
    )
    repeat_offender = models.BooleanField(
        _("proposed for closure (repeat offender)"), default=False, editable=False
    )
    escalated_at = models.DateTimeField(
        _("grade escalated at"), null=True, blank=True, editable=False
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    scope = Scope(region="region", enterprise="enterprise")
    workflow = CASE_WORKFLOW
    escalation_cause = EscalationCause.PENALTY
    date_bounds = {
        "opened_on": NOT_IN_FUTURE,
        "decision_date": NOT_IN_FUTURE,
        "fulfilled_on": NOT_IN_FUTURE,
        "published_on": NOT_IN_FUTURE,
    }
    autocomplete_fields = ("number", "decision_number", "person_name")

    class Meta:
        verbose_name = _("enforcement case")
        verbose_name_plural = _("enforcement cases")
        ordering = ["-opened_on", "-id"]
        permissions = [("decide_enforcementcase", "Can record a penalty decision")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(party_kind=PartyKind.ENTERPRISE, enterprise__isnull=False, person_name="")
                    | (Q(party_kind=PartyKind.PERSON) & ~Q(person_name=""))
                ),
                name="enforcement_case_one_party_kind",
            ),
            models.CheckConstraint(
                condition=Q(region__isnull=False) | Q(enterprise__isnull=False),
                name="enforcement_case_has_a_place",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "status"], name="enforcement_region_status_idx"),
            models.Index(fields=["region", "decision_date"], name="enforcement_region_dec_idx"),
            models.Index(fields=["enterprise", "decision_date"], name="enforcement_ent_dec_idx"),
            models.Index(fields=["number"], name="enforcement_number_idx"),
        ]

    def __str__(self):
        return f"{self.number or '—'} {self.party_name}"

    @property
    def party_name(self) -> str:
        return rules.party_name(self)

    @property
    def publication_overdue(self) -> bool:
        return rules.publication_overdue(self)

    def _derive(self):
        if self.enterprise_id:
            self.region_id = self.enterprise.region_id
        self.publication_due = calendar.publication_due(self.decision_date)

    def clean(self):
        super().clean()
        self._derive()
        errors = rules.party_errors(self)
        if self.decision_date and self.opened_on and self.decision_date < self.opened_on:
            errors["decision_date"] = _("The decision date is before the case was opened.")
        if self.fulfilled_on and self.decision_date and self.fulfilled_on < self.decision_date:
            errors["fulfilled_on"] = _("The fulfilled date is before the decision date.")
        if self.published_on and self.decision_date and self.published_on < self.decision_date:
            errors["published_on"] = _("The publication date is before the decision date.")
        errors.update(rules.locked_changes(self))
        errors.update(rules.origin_errors(self))
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self._derive()
        if not self.number:
            self.number = rules.next_case_number(self.opened_on)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "region", "publication_due"}
        super().save(*args, **kwargs)


class CasePenalty(ScopedModel):
    """One legal basis of a case and the penalty it carries: the kind (warning, fine,
    confiscation, suspension …) and the amount. A fine outside the basis's range for the party
    (enterprise or person) needs a written, confirmed reason."""

    case = models.ForeignKey(
        EnforcementCase,
        verbose_name=_("enforcement case"),
        on_delete=models.CASCADE,
        related_name="penalties",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    legal_basis = models.ForeignKey(
        "inspections.LegalBasis",
        verbose_name=_("legal basis"),
        on_delete=models.PROTECT,
        related_name="penalties",
    )
    kind = models.CharField(
        _("penalty"), max_length=20, choices=PenaltyKind.choices, default=PenaltyKind.FINE
    )
    amount = models.DecimalField(
        _("amount (yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    outside_range_reason = models.TextField(_("reason for an amount outside the range"), blank=True)
    outside_range_confirmed = models.BooleanField(
        _("I confirm the amount outside the range"), default=False
    )

    scope = Scope(region="region", enterprise="case__enterprise")

    class Meta:
        verbose_name = _("case penalty")
        verbose_name_plural = _("case penalties")
        ordering = ["case_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="enforcement_penalty_amount_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["region"], name="enforcement_penalty_region_idx")]

    def __str__(self):
        amount = f" {self.amount:,.0f}" if self.amount is not None else ""
        return f"{self.legal_basis} {self.get_kind_display()}{amount}"

    def clean(self):
        super().clean()
        if self.case_id:
            from anjian.enforcement.choices import DECIDED_STATUSES

            if self.case.status in DECIDED_STATUSES:
                raise ValidationError(_("A decided case's penalties are no longer changed."))
            errors = rules.penalty_errors(self, self.case.party_kind)
            if errors:
                raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.case_id:
            self.region_id = self.case.region_id
        super().save(*args, **kwargs)
        refresh_total(self.case)

    def delete(self, *args, **kwargs):
        case = self.case
        result = super().delete(*args, **kwargs)
        refresh_total(case)
        return result


def refresh_total(case: EnforcementCase) -> None:
    """The case's total fine (fines only, not confiscations), kept on the row for the list and the
    totals page."""
    from django.db.models import Sum

    total = case.penalties.filter(kind=PenaltyKind.FINE).aggregate(s=Sum("amount"))["s"] or 0
    EnforcementCase._base_manager.filter(pk=case.pk).update(total_fine=total)
    case.total_fine = total
