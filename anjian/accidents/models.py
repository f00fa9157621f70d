"""Accidents (生产安全事故): the accident with its derived level and investigating government, the
investigation, the accountability items (责任追究) with their criminal steps and evidence, and the
recommendations (防范和整改措施建议) assigned to organisations or the enterprise, with each
assignee's implementation progress.

Every row carries a copy of the accident's region, indexed. A department user reaches only the
accidents (``rules.accident_reach``), recommendations, assignments and progress of what is assigned
to its organisation (``rules.assignment_reach``), and the accountability items (with their steps
and evidence) that its organisation executes (``rules.item_reach``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accidents import rules
from anjian.accidents.choices import (
    AccidentKind,
    AccidentLevel,
    CriminalStepKind,
    ItemStatus,
    PoliticalStatus,
    SubjectKind,
    Track,
)
from anjian.core.models import NOT_IN_FUTURE, PrimaryModel, ScopedModel
from anjian.core.scoping import REFERENCE_TABLE, Scope
from anjian.core.uploads import DOCUMENT_KINDS, UploadValidator
from anjian.enterprises.choices import EscalationCause

MONEY = {"max_digits": 14, "decimal_places": 2}


def _region_field(**kwargs):
    return models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        **kwargs,
    )


class AccidentLevelThreshold(PrimaryModel):
    """The lower bounds of one accident level (生产安全事故报告和调查处理条例 Art. 3): an accident
    reaches the level when any one measure reaches its bound (0 = no bound). Seeded with the
    statutory values; administrators edit them."""

    level = models.CharField(_("level"), max_length=20, choices=AccidentLevel.choices, unique=True)
    min_deaths = models.PositiveIntegerField(_("deaths from"), default=0)
    min_serious_injuries = models.PositiveIntegerField(_("serious injuries from"), default=0)
    min_direct_loss = models.DecimalField(
        _("direct economic loss from (yuan)"), default=0, validators=[MinValueValidator(0)], **MONEY
    )

    scope = REFERENCE_TABLE

    class Meta:
        verbose_name = _("accident level threshold")
        verbose_name_plural = _("accident level thresholds")
        ordering = ["min_deaths", "id"]

    def __str__(self):
        return self.get_level_display()


class Accident(PrimaryModel):
    """A work-safety accident: when, where, which enterprise (and confined space and permit), its
    type and toll. The level is derived from the threshold table; the investigating region from the
    level (the district for 一般, the city for 较大). Recording it escalates the enterprise's grade
    once (``escalated_at``)."""

    name = models.CharField(_("name"), max_length=200)
    occurred_at = models.DateTimeField(_("occurred at"))
    place = models.CharField(_("place"), max_length=200)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accidents",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Taken from the enterprise; chosen only for an accident with no enterprise."),
    )
    space = models.ForeignKey(
        "spaces.ConfinedSpace",
        verbose_name=_("confined space"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accidents",
    )
    permit = models.ForeignKey(
        "permits.Permit",
        verbose_name=_("permit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accidents",
    )
    kind = models.CharField(_("type"), max_length=20, choices=AccidentKind.choices)
    deaths = models.PositiveIntegerField(_("deaths"), default=0)
    serious_injuries = models.PositiveIntegerField(
        _("serious injuries"), default=0, help_text=_("Acute industrial poisoning included.")
    )
    injuries = models.PositiveIntegerField(_("injuries"), default=0)
    direct_loss = models.DecimalField(
        _("direct economic loss (yuan)"), default=0, validators=[MinValueValidator(0)], **MONEY
    )
    summary = models.TextField(_("summary"), blank=True)
    level = models.CharField(
        _("level"), max_length=20, choices=AccidentLevel.choices, editable=False
    )
    investigating_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("investigating government"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    escalated_at = models.DateTimeField(
        _("grade escalated at"), null=True, blank=True, editable=False
    )

    scope = Scope(region=None, enterprise="enterprise", extra=rules.accident_reach)
    escalation_cause = EscalationCause.ACCIDENT
    date_bounds = {"occurred_at": NOT_IN_FUTURE}
    autocomplete_fields = ("name",)

    class Meta:
        verbose_name = _("accident")
        verbose_name_plural = _("accidents")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(region__isnull=False) | Q(enterprise__isnull=False),
                name="accidents_accident_has_a_place",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "occurred_at"], name="accidents_region_when_idx"),
            models.Index(fields=["enterprise", "occurred_at"], name="accidents_ent_when_idx"),
        ]

    def __str__(self):
        return self.name

    @property
    def occurred_on(self):
        """The local day of the accident (``occurred_at`` read back from the database is UTC:
        an accident before 08:00 in Beijing would otherwise fall on the day before)."""
        return timezone.localtime(self.occurred_at).date()

    @property
    def investigated_outside(self) -> bool:
        return rules.investigated_outside(self.level)

    def _derive(self):
        if self.enterprise_id:
            self.region_id = self.enterprise.region_id
        self.level = rules.accident_level(self.deaths, self.serious_injuries, self.direct_loss)
        region = self.region if self.region_id else None
        target = rules.investigating_region(self.level, region)
        self.investigating_region_id = target.pk if target else None

    def clean(self):
        super().clean()
        errors = {}
        if not self.enterprise_id and not self.region_id:
            errors["region"] = _("Choose the enterprise, or the region of the accident.")
        if self.space_id and self.enterprise_id and self.space.enterprise_id != self.enterprise_id:
            errors["space"] = _("The confined space belongs to another enterprise.")
        if (
            self.permit_id
            and self.enterprise_id
            and self.permit.enterprise_id != self.enterprise_id
        ):
            errors["permit"] = _("The permit belongs to another enterprise.")
        if errors:
            raise ValidationError(errors)
        self._derive()

    def save(self, *args, **kwargs):
        self._derive()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "region", "level", "investigating_region"}
        super().save(*args, **kwargs)


class Investigation(ScopedModel):
    """The investigation of one accident: the team, the report, the due date (60 days after the
    accident, extendable once with a reason), the approving government, approval and publication."""

    accident = models.OneToOneField(
        Accident,
        verbose_name=_("accident"),
        on_delete=models.CASCADE,
        related_name="investigation",
    )
    region = _region_field()
    team = models.ManyToManyField(
        "accounts.Organization",
        verbose_name=_("investigation team"),
        blank=True,
        related_name="accident_investigations",
    )
    report = models.FileField(
        _("investigation report"),
        upload_to="accidents/reports/%Y/",
        max_length=200,
        blank=True,
        validators=[UploadValidator(DOCUMENT_KINDS)],
        help_text=_("PDF, JPEG or PNG."),
    )
    due_on = models.DateField(_("due on"), editable=False)
    extended_due_on = models.DateField(_("extended to"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    effective_due_on = models.DateField(
        _("due by"),
        null=True,
        editable=False,
        help_text=_("The extended due date if there is one, else the due date."),
    )
    approved_by = models.CharField(_("approved by"), max_length=200, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approval_number = models.CharField(_("approval document number"), max_length=80, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_url = models.URLField(_("publication address"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    scope = Scope(region="region", enterprise="accident__enterprise")
    date_bounds = {"approved_on": NOT_IN_FUTURE, "published_on": NOT_IN_FUTURE}

    class Meta:
        verbose_name = _("accident investigation")
        verbose_name_plural = _("accident investigations")
        ordering = ["-due_on", "-id"]
        indexes = [models.Index(fields=["region"], name="accidents_inv_region_idx")]

    def __str__(self):
        return str(self.accident)

    def _derive(self):
        if self.accident_id:
            self.region_id = self.accident.region_id
            self.due_on = rules.investigation_due(self.accident.occurred_on)
        self.effective_due_on = self.extended_due_on or self.due_on

    def clean(self):
        super().clean()
        if self.accident_id:
            self._derive()
        errors = rules.extension_errors(self)
        if self.pk:
            old = (
                Investigation._base_manager.filter(pk=self.pk)
                .values_list("extended_due_on", flat=True)
                .first()
            )
            if old and not self.extended_due_on:
                # Withdrawn and given again would be a second extension.
                errors["extended_due_on"] = _("An extension once given is not withdrawn.")
            elif old and old != self.extended_due_on:
                errors["extended_due_on"] = _("The investigation has been extended once already.")
        if self.approved_on and self.accident_id and self.approved_on < self.accident.occurred_on:
            errors["approved_on"] = _("The approval date is before the accident.")
        if self.published_on and self.approved_on and self.published_on < self.approved_on:
            errors["published_on"] = _("The publication date is before the approval.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self._derive()
        super().save(*args, **kwargs)


class AccountabilityItem(PrimaryModel):
    """One accountability item (责任追究) of an accident: a unit or a person, the track, what was
    recommended and by whom it is executed, and the outcome. An administrative penalty links its
    enforcement case, whose amount and fulfilment are shown from there. The executing organisation
    (a body on file) reads the item and reports its outcome (``rules.item_fields_open_to``); the
    executing body's text names a body not on file (a court) or how the report words it."""

    accident = models.ForeignKey(
        Accident,
        verbose_name=_("accident"),
        on_delete=models.CASCADE,
        related_name="accountability_items",
    )
    region = _region_field()
    order = models.PositiveIntegerField(_("order"), default=0)
    subject_kind = models.CharField(
        _("subject"), max_length=20, choices=SubjectKind.choices, default=SubjectKind.PERSON
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountability_items",
        help_text=_("A public body on file held accountable."),
    )
    person_name = models.CharField(_("name"), max_length=50, blank=True)
    political_status = models.CharField(
        _("political status"), max_length=20, choices=PoliticalStatus.choices, blank=True
    )
    position = models.CharField(_("position at the time"), max_length=200, blank=True)
    person_organization = models.CharField(
        _("unit"),
        max_length=200,
        blank=True,
        help_text=_("The person's unit, or the unit held accountable when it is not on file."),
    )
    track = models.CharField(_("track"), max_length=30, choices=Track.choices)
    recommended_action = models.TextField(_("recommended action"), blank=True)
    executing_organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("executing organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="executed_accountability_items",
        help_text=_(
            "The body on file that carries the item out: it sees the item and reports on it."
        ),
    )
    executing_body = models.CharField(
        _("executing body"),
        max_length=200,
        blank=True,
        help_text=_(
            "As the report names it, or a body not on file (a court); empty: the executing "
            "organisation's name."
        ),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    document_number = models.CharField(_("document number"), max_length=80, blank=True)
    amount = models.DecimalField(_("amount (yuan)"), null=True, blank=True, **MONEY)
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.PENDING
    )
    enforcement_case = models.ForeignKey(
        "enforcement.EnforcementCase",
        verbose_name=_("enforcement case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountability_items",
    )

    scope = Scope(region=None, enterprise="accident__enterprise", extra=rules.item_reach())
    date_bounds = {"outcome_on": NOT_IN_FUTURE}
    # Forms pick an item through the scoped autocomplete (the person, the unit, the accident).
    autocomplete_fields = (
        "person_name",
        "person_organization",
        "organization__name",
        "accident__name",
    )

    class Meta:
        verbose_name = _("accountability item")
        verbose_name_plural = _("accountability items")
        ordering = ["accident_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="accidents_item_amount_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["region", "track"], name="accidents_item_region_idx")]

    def __str__(self):
        return f"{self.subject_name} · {self.get_track_display()}"

    @property
    def subject_name(self) -> str:
        if self.subject_kind == SubjectKind.PERSON:
            return self.person_name
        if self.organization_id:
            return self.organization.name
        return self.person_organization

    @property
    def executor_name(self) -> str:
        """Who executes the item, as the report prints it: the executing body's text when given
        (the report's own wording, or a body not on file), else the executing organisation's
        name."""
        if self.executing_body.strip():
            return self.executing_body.strip()
        if self.executing_organization_id:
            return self.executing_organization.name
        return ""

    @property
    def penalty_amount(self):
        """The amount: the linked enforcement case's total fine, else the item's own."""
        if self.enforcement_case_id:
            return self.enforcement_case.total_fine
        return self.amount

    @property
    def fulfilled_on(self):
        if self.enforcement_case_id:
            return self.enforcement_case.fulfilled_on
        return None

    def clean(self):
        super().clean()
        errors = {}
        if self.subject_kind == SubjectKind.PERSON and not self.person_name.strip():
            errors["person_name"] = _("Give the person's name.")
        if self.subject_kind == SubjectKind.ORGANIZATION:
            if not self.organization_id and not self.person_organization.strip():
                errors["organization"] = _("Choose the organisation, or name the unit.")
            if self.person_name or self.political_status:
                errors["person_name"] = _("A unit has no personal name or political status.")
        if self.enforcement_case_id and self.track != Track.ADMINISTRATIVE_PENALTY:
            errors["enforcement_case"] = _(
                "Only an administrative penalty links an enforcement case."
            )
        if (
            self.enforcement_case_id
            and self.accident_id
            and self.accident.enterprise_id
            and self.enforcement_case.enterprise_id not in (None, self.accident.enterprise_id)
        ):
            errors["enforcement_case"] = _("The case concerns another enterprise.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.accident_id:
            self.region_id = self.accident.region_id
        super().save(*args, **kwargs)


class CriminalStep(ScopedModel):
    """One step of a criminal item: case filing, a compulsory measure (e.g. 取保候审) with its
    document number, transfer for prosecution, judgment."""

    item = models.ForeignKey(
        AccountabilityItem,
        verbose_name=_("accountability item"),
        on_delete=models.CASCADE,
        related_name="criminal_steps",
    )
    region = _region_field()
    step = models.CharField(_("step"), max_length=20, choices=CriminalStepKind.choices)
    on = models.DateField(_("date"))
    measure = models.CharField(_("measure"), max_length=50, blank=True)
    document_number = models.CharField(_("document number"), max_length=80, blank=True)
    body = models.CharField(_("body"), max_length=200, blank=True)

    scope = Scope(
        region=None, enterprise="item__accident__enterprise", extra=rules.item_reach("item__")
    )
    date_bounds = {"on": NOT_IN_FUTURE}

    class Meta:
        verbose_name = _("criminal step")
        verbose_name_plural = _("criminal steps")
        ordering = ["item_id", "on", "id"]
        indexes = [models.Index(fields=["region"], name="accidents_step_region_idx")]

    def __str__(self):
        return f"{self.get_step_display()} {self.on:%Y-%m-%d} {self.measure}".strip()

    def clean(self):
        super().clean()
        if self.item_id and self.item.track != Track.CRIMINAL:
            raise ValidationError(_("Only a criminal item has criminal steps."))
        if self.step == CriminalStepKind.COMPULSORY_MEASURE and not self.measure.strip():
            raise ValidationError({"measure": _("Name the compulsory measure.")})

    def save(self, *args, **kwargs):
        if self.item_id:
            self.region_id = self.item.region_id
        super().save(*args, **kwargs)


class AccountabilityEvidence(ScopedModel):
    """A file showing an item carried out (a decision, a receipt, a written self-criticism)."""

    item = models.ForeignKey(
        AccountabilityItem,
        verbose_name=_("accountability item"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    region = _region_field()
    file = models.FileField(
        _("file"),
        upload_to="accidents/evidence/%Y/",
        max_length=200,
        validators=[UploadValidator(DOCUMENT_KINDS)],
        help_text=_("PDF, JPEG or PNG."),
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

    scope = Scope(
        region=None, enterprise="item__accident__enterprise", extra=rules.item_reach("item__")
    )

    class Meta:
        verbose_name = _("accountability evidence")
        verbose_name_plural = _("accountability evidence")
        ordering = ["item_id", "id"]
        indexes = [models.Index(fields=["region"], name="accidents_evid_region_idx")]

    def __str__(self):
        return self.caption or self.file.name.rsplit("/", 1)[-1]

    def save(self, *args, **kwargs):
        if self.item_id:
            self.region_id = self.item.region_id
        super().save(*args, **kwargs)


class Recommendation(PrimaryModel):
    """One numbered recommendation (防范和整改措施建议) of the investigation report."""

    accident = models.ForeignKey(
        Accident,
        verbose_name=_("accident"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    region = _region_field()
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"))

    scope = Scope(region=None, extra=rules.recommendation_reach)
    autocomplete_fields = ("text", "accident__name")

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["accident_id", "number"]
        permissions = [("view_all_recommendations", "Can read every recommendation of its region")]
        constraints = [
            models.UniqueConstraint(
                fields=["accident", "number"], name="accidents_recommendation_unique_number"
            ),
        ]
        indexes = [models.Index(fields=["region"], name="accidents_rec_region_idx")]

    def __str__(self):
        return f"{self.number}. {self.text[:40]}"

    def save(self, *args, **kwargs):
        if self.accident_id:
            self.region_id = self.accident.region_id
        super().save(*args, **kwargs)


class RecommendationAssignment(ScopedModel):
    """A recommendation assigned to one body: an organisation, or the enterprise."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    region = _region_field()
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendation_assignments",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendation_assignments",
    )

    scope = Scope(region=None, extra=rules.assignment_reach(""))
    autocomplete_fields = ("recommendation__text", "organization__name", "enterprise__name")

    class Meta:
        verbose_name = _("recommendation assignment")
        verbose_name_plural = _("recommendation assignments")
        ordering = ["recommendation_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organization__isnull=False, enterprise__isnull=True)
                    | Q(organization__isnull=True, enterprise__isnull=False)
                ),
                name="accidents_assignment_one_body",
            ),
            models.UniqueConstraint(
                fields=["recommendation", "organization"],
                name="accidents_assignment_unique_org",
            ),
            models.UniqueConstraint(
                fields=["recommendation", "enterprise"],
                name="accidents_assignment_unique_ent",
            ),
        ]
        indexes = [models.Index(fields=["region"], name="accidents_asg_region_idx")]

    def __str__(self):
        return f"{self.recommendation} → {self.assignee}"

    @property
    def assignee(self):
        return self.organization or self.enterprise

    def clean(self):
        super().clean()
        if bool(self.organization_id) == bool(self.enterprise_id):
            raise ValidationError(_("Assign to one organisation or to the enterprise."))

    def save(self, *args, **kwargs):
        if self.recommendation_id:
            self.region_id = self.recommendation.region_id
        super().save(*args, **kwargs)


class ImplementationProgress(ScopedModel):
    """What an assignee reports on implementing a recommendation: text, date, evidence file."""

    assignment = models.ForeignKey(
        RecommendationAssignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="progress",
    )
    region = _region_field()
    text = models.TextField(_("progress"))
    reported_on = models.DateField(_("reported on"))
    file = models.FileField(
        _("evidence file"),
        upload_to="accidents/progress/%Y/",
        max_length=200,
        blank=True,
        validators=[UploadValidator(DOCUMENT_KINDS)],
        help_text=_("PDF, JPEG or PNG."),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    scope = Scope(region=None, extra=rules.assignment_reach("assignment__"))
    date_bounds = {"reported_on": NOT_IN_FUTURE}

    class Meta:
        verbose_name = _("implementation progress")
        verbose_name_plural = _("implementation progress")
        ordering = ["assignment_id", "reported_on", "id"]
        indexes = [models.Index(fields=["region"], name="accidents_prog_region_idx")]

    def __str__(self):
        return f"{self.reported_on:%Y-%m-%d} {self.text[:40]}"

    def save(self, *args, **kwargs):
        if self.assignment_id:
            self.region_id = self.assignment.region_id
        super().save(*args, **kwargs)
