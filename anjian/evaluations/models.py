"""The evaluation (事故整改情况评估) of how an accident's accountability and recommendations were
carried out, one calendar year after the investigation report was approved.

An ``Evaluation`` belongs to one accident and copies its region (the scope). Its working group is
organisations (``members``) and expert users (``experts``); experts and departments see only the
evaluations they belong to (``scoping.evaluation_q``). Verdicts are one row per accountability item
and per recommendation; ``Finding`` rows are the problems handed over — to an enterprise as a
hazard (closed through the hazards loop), to an organisation closed by its own flag. ``SpotCheck``
links the inspections of similar enterprises to the evaluation (inspections never refer back).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.core.models import PrimaryModel
from anjian.core.scoping import REFERENCE_TABLE, Scope
from anjian.evaluations import rules
from anjian.evaluations.choices import EvaluationStatus, FindingStatus, Verdict
from anjian.evaluations.scoping import evaluation_q
from anjian.evaluations.workflows import EVALUATION_WORKFLOW


def _evaluation_of(row):
    """The stored evaluation a verdict, finding or spot check belongs to (None when unset)."""
    return rules.stored_evaluation(row.evaluation) if row.evaluation_id else None


class Evaluation(PrimaryModel):
    """One statutory evaluation of an accident's rectification."""

    accident = models.ForeignKey(
        "accidents.Accident",
        verbose_name=_("accident"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("Copied from the accident."),
    )
    organizer = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organizer"),
        on_delete=models.PROTECT,
        related_name="organized_evaluations",
        help_text=_("The committee office of the government that approved the investigation."),
    )
    due_on = models.DateField(_("due on"), editable=False)
    reminder_from = models.DateField(_("reminders from"), editable=False)
    members = models.ManyToManyField(
        "accounts.Organization",
        verbose_name=_("member organizations"),
        related_name="evaluations",
        blank=True,
    )
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("experts"),
        related_name="evaluations",
        blank=True,
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    places_visited = models.CharField(
        _("places visited"),
        max_length=200,
        blank=True,
        help_text=_("Where the working group went, e.g. 外海街道 (the report: “到…开展评估”)."),
    )
    methods = models.JSONField(
        _("methods"),
        default=list,
        blank=True,
        help_text=_("A list of {code, text}: briefings, files, interviews, spot checks."),
    )
    work_suggestions = models.TextField(_("work suggestions"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.PLANNED,
        editable=False,
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)

    scope = Scope(region=None, extra=evaluation_q(""))
    workflow = EVALUATION_WORKFLOW

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-due_on", "-id"]
        permissions = [
            ("member_only", _("Sees only the evaluations of its working group")),
            ("approve_evaluation", _("Approves and publishes evaluations")),
        ]
        indexes = [
            models.Index(fields=["region"], name="eval_evaluation_region_idx"),
            models.Index(fields=["status", "reminder_from"], name="eval_evaluation_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="eval_evaluation_ends_after_start",
            ),
        ]

    autocomplete_fields = ("accident__name",)

    def __str__(self):
        return str(_("Evaluation of %(accident)s") % {"accident": self.accident})

    def clean(self):
        # Approved or published: read-only (the workflow's own moves save without clean()).
        rules.check_open(rules.stored_evaluation(self) if self.pk else None, self)
        if self.accident_id:
            try:
                rules.fill_dates(self)
            except ValidationError as error:
                raise ValidationError({"accident": error.messages}) from None
        rules.check_methods(self.methods)
        rules.check_organizer(self)

    def save(self, *args, **kwargs):
        if self.accident_id:
            self.region_id = self.accident.region_id
            rules.fill_dates(self, strict=False)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status not in (EvaluationStatus.APPROVED, EvaluationStatus.PUBLISHED)


class ItemVerdict(PrimaryModel):
    """The working group's verdict on one accountability item."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="item_verdicts",
    )
    item = models.ForeignKey(
        "accidents.AccountabilityItem",
        verbose_name=_("accountability item"),
        on_delete=models.PROTECT,
        related_name="verdicts",
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    scope = Scope(region=None, extra=evaluation_q("evaluation__"))

    class Meta:
        verbose_name = _("accountability verdict")
        verbose_name_plural = _("accountability verdicts")
        ordering = ["evaluation_id", "item__order", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "item"], name="eval_itemverdict_unique"),
        ]

    def __str__(self):
        return f"{self.item} — {self.get_verdict_display() or '—'}"

    def clean(self):
        rules.check_open(_evaluation_of(self), self)
        rules.check_same_accident(self, self.item if self.item_id else None)


class RecommendationVerdict(PrimaryModel):
    """The working group's verdict on one recommendation."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="recommendation_verdicts",
    )
    recommendation = models.ForeignKey(
        "accidents.Recommendation",
        verbose_name=_("recommendation"),
        on_delete=models.PROTECT,
        related_name="verdicts",
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    scope = Scope(region=None, extra=evaluation_q("evaluation__"))

    class Meta:
        verbose_name = _("recommendation verdict")
        verbose_name_plural = _("recommendation verdicts")
        ordering = ["evaluation_id", "recommendation__number", "recommendation_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "recommendation"], name="eval_recverdict_unique"
            ),
        ]

    def __str__(self):
        return f"{self.recommendation} — {self.get_verdict_display() or '—'}"

    def clean(self):
        rules.check_open(_evaluation_of(self), self)
        rules.check_same_accident(self, self.recommendation if self.recommendation_id else None)


class Finding(PrimaryModel):
    """A problem the evaluation found and handed over (存在问题, 移交): to an enterprise it is a
    hazard and closes with it; to an organisation it closes by the organisation's own report."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="findings"
    )
    problem = models.TextField(_("problem"))
    handed_to_organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("handed to (organization)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluation_findings",
    )
    handed_to_enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("handed to (enterprise)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluation_findings",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    hazard = models.ForeignKey(
        "hazards.Hazard",
        verbose_name=_("hazard"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluation_findings",
        editable=False,
    )
    closed_on = models.DateField(
        _("closed on"),
        null=True,
        blank=True,
        help_text=_(
            "For a finding handed to an organisation: when it reported the problem solved."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    scope = Scope(region=None, extra=evaluation_q("evaluation__"))

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["evaluation_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(handed_to_organization__isnull=True)
                | Q(handed_to_enterprise__isnull=True),
                name="eval_finding_one_recipient",
            ),
        ]

    def __str__(self):
        return self.problem[:60]

    @property
    def handed_to(self):
        return self.handed_to_enterprise or self.handed_to_organization

    @property
    def status(self) -> str:
        """Derived: an enterprise's finding is closed when its hazard is; else by ``closed_on``."""
        return rules.finding_status(self)

    def get_status_display(self):
        return FindingStatus(self.status).label

    def clean(self):
        # Once approved, only the closing of a finding handed to an organisation is recorded.
        rules.check_open(_evaluation_of(self), self, may_change=("closed_on",))
        rules.check_finding(self)


class SpotCheck(PrimaryModel):
    """An inspection of a similar enterprise made as part of the evaluation (抽查)."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="spot_checks",
    )
    inspection = models.OneToOneField(
        "inspections.Inspection",
        verbose_name=_("inspection"),
        on_delete=models.PROTECT,
        related_name="evaluation_spot_check",
    )

    scope = Scope(region=None, extra=evaluation_q("evaluation__"))

    class Meta:
        verbose_name = _("spot check")
        verbose_name_plural = _("spot checks")
        ordering = ["evaluation_id", "inspection__planned_on", "id"]

    def __str__(self):
        return str(self.inspection)

    def clean(self):
        rules.check_open(_evaluation_of(self), self)


class DisclosurePolicy(PrimaryModel):
    """Which personal fields the public version of a report masks (administrator-editable).

    ID numbers and phone numbers are never published whatever this table says (they are not
    fields of the report); names of persons are masked per their kind."""

    field = models.CharField(_("field"), max_length=40, unique=True, choices=rules.POLICY_FIELDS)
    masked = models.BooleanField(_("masked in the public version"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope = REFERENCE_TABLE

    class Meta:
        verbose_name = _("disclosure policy")
        verbose_name_plural = _("disclosure policies")
        ordering = ["field"]

    def __str__(self):
        return self.get_field_display()
