"""Inspections (监督检查): the legal bases they cite, the versioned checklist templates they walk,
the inspections themselves with their item results, and the campaigns (专项行动) that plan them.

Dependencies run one way: an inspection refers to its enterprise, the permit it checked and the
hazards its failed items raised (``InspectionItem.hazard``); hazards never refer back. The
enforcement app refers to ``LegalBasis`` and ``Inspection``. Every inspection carries a copy of its
enterprise's region, indexed, so a jurisdiction's list is one prefix filter on the region path.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.core.models import NOT_IN_FUTURE, PrimaryModel, ScopedModel
from anjian.core.scoping import REFERENCE_TABLE, Scope
from anjian.core.uploads import PHOTO_KINDS, UploadValidator
from anjian.inspections import rules
from anjian.inspections.choices import (
    InspectionKind,
    InspectionStatus,
    ItemResult,
    PartyKind,
    TemplateKind,
)
from anjian.inspections.workflows import INSPECTION_WORKFLOW


class LegalBasis(PrimaryModel):
    """One article (and clause) of a law or rule that an inspection item cites and a penalty rests
    on, with its fine range in yuan (empty when the article sets no fine, or no upper bound), for
    the enterprise and for the persons responsible. Kept by administrators; seeded with the
    articles of regulations.md."""

    law = models.CharField(_("law or regulation"), max_length=100)
    article = models.CharField(_("article"), max_length=20, help_text=_("E.g. 21 or 114."))
    clause = models.CharField(_("clause"), max_length=20, blank=True, help_text=_("E.g. (1)."))
    summary = models.TextField(_("summary"))
    party = models.CharField(
        _("penalised party"), max_length=20, choices=PartyKind.choices, default=PartyKind.ENTERPRISE
    )
    fine_min = models.DecimalField(
        _("minimum fine (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    fine_max = models.DecimalField(
        _("maximum fine (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    person_fine_min = models.DecimalField(
        _("minimum fine on a person (yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    person_fine_max = models.DecimalField(
        _("maximum fine on a person (yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    penalty_text = models.CharField(
        _("penalty"),
        max_length=300,
        blank=True,
        help_text=_("The penalty in words, e.g. a warning and a fine of up to 50,000 yuan."),
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    scope = REFERENCE_TABLE
    autocomplete_fields = ("law", "article", "summary")

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["order", "law", "article", "clause"]
        constraints = [
            models.UniqueConstraint(
                fields=["law", "article", "clause"], name="inspections_legalbasis_unique_article"
            ),
            models.CheckConstraint(
                condition=Q(fine_min__isnull=True)
                | Q(fine_max__isnull=True)
                | Q(fine_min__lte=models.F("fine_max")),
                name="inspections_legalbasis_fine_range",
            ),
            models.CheckConstraint(
                condition=Q(person_fine_min__isnull=True)
                | Q(person_fine_max__isnull=True)
                | Q(person_fine_min__lte=models.F("person_fine_max")),
                name="inspections_legalbasis_person_fine_range",
            ),
        ]

    def __str__(self):
        return rules.citation(self.law, self.article, self.clause)

    @property
    def citation(self) -> str:
        return str(self)

    def fine_range_text(self) -> str:
        return rules.fine_range_text(self)


class ChecklistTemplate(PrimaryModel):
    """One version of a checklist (检查表). ``code`` names the checklist across its versions; an
    edit of a version that inspections walked makes the next version (``services.save_template``),
    so every inspection keeps the items it walked. Only the current version of a code is offered
    for new inspections."""

    code = models.SlugField(_("code"), max_length=50)
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    is_current = models.BooleanField(_("current version"), default=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=30, choices=TemplateKind.choices, default=TemplateKind.OTHER
    )
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    scope = REFERENCE_TABLE
    autocomplete_fields = ("name", "code")

    class Meta:
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        ordering = ["kind", "code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="inspections_template_unique_version"
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(is_current=True),
                name="inspections_template_one_current",
            ),
        ]

    def __str__(self):
        return _("%(name)s (version %(version)s)") % {"name": self.name, "version": self.version}

    @classmethod
    def autocomplete(cls, queryset, q):
        queryset = queryset.filter(is_current=True, active=True)
        if q:
            queryset = queryset.filter(Q(name__icontains=q) | Q(code__icontains=q))
        return queryset

    @property
    def in_use(self) -> bool:
        return self.inspections.exists()


class ChecklistItem(ScopedModel):
    """One line of a checklist: what to check, the article it rests on and the penalty range."""

    template = models.ForeignKey(
        ChecklistTemplate,
        verbose_name=_("checklist template"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    section = models.CharField(_("section"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("item to check"))
    legal_basis = models.ForeignKey(
        LegalBasis,
        verbose_name=_("legal basis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="checklist_items",
    )
    penalty_text = models.CharField(_("penalty range"), max_length=300, blank=True)
    hazard_category = models.CharField(
        _("hazard category"),
        max_length=30,
        blank=True,
        help_text=_("The category of the hazard a failed item raises."),
    )

    scope = REFERENCE_TABLE

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["template", "order", "id"]

    def __str__(self):
        return self.text[:60]


class Campaign(PrimaryModel):
    """A special campaign (专项行动): a name, a period, a topic and which enterprises it covers
    (within its region; by industry, grade, having confined spaces). ``services.create_tasks``
    plans one inspection per enterprise in scope; progress is counted from those inspections."""

    name = models.CharField(_("name"), max_length=200)
    topic = models.TextField(_("topic"), blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The campaign covers the enterprises of this region."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    template = models.ForeignKey(
        ChecklistTemplate,
        verbose_name=_("checklist template"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    industries = models.ManyToManyField(
        "enterprises.Industry",
        verbose_name=_("industries"),
        blank=True,
        related_name="+",
        help_text=_("Empty: every industry."),
    )
    grades = models.JSONField(
        _("grades"),
        default=list,
        blank=True,
        validators=[rules.validate_grades],
        help_text=_("Empty: every grade."),
    )
    with_confined_spaces = models.BooleanField(
        _("only enterprises with confined spaces"), default=False
    )
    organizer = models.CharField(_("organizer"), max_length=200, blank=True)

    scope = Scope(region="region", extra=rules.campaigns_above)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "name"]
        indexes = [models.Index(fields=["region"], name="insp_campaign_region_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="inspections_campaign_period",
            )
        ]

    def __str__(self):
        return self.name


class Inspection(PrimaryModel):
    """One inspection of one enterprise: its kind, the checklist version it walks (one
    ``InspectionItem`` per checklist item), the permit it checked, who inspected and when, and
    its state (``workflow``: planned → in progress → completed, or cancelled). Completing it moves
    the enterprise's last inspection date forward (never back)."""

    kind = models.CharField(_("kind"), max_length=30, choices=InspectionKind.choices)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    template = models.ForeignKey(
        ChecklistTemplate,
        verbose_name=_("checklist template"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    permit = models.ForeignKey(
        "permits.Permit",
        verbose_name=_("confined-space work permit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    follow_up_of = models.ForeignKey(
        "self",
        verbose_name=_("follow-up of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    planned_on = models.DateField(_("planned on"))
    inspected_on = models.DateField(_("inspected on"), null=True, blank=True)
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspectors (users)"),
        blank=True,
        related_name="inspections",
    )
    inspector_names = models.CharField(
        _("inspectors"),
        max_length=200,
        blank=True,
        help_text=_("Names as printed on the record, e.g. 王明、李强."),
    )
    present_name = models.CharField(
        _("enterprise representative present"), max_length=100, blank=True
    )
    findings = models.TextField(_("findings"), blank=True)
    rectify_by = models.DateField(
        _("rectify by"),
        null=True,
        blank=True,
        help_text=_("Deadline for the failed items; empty: the default number of days."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
        editable=False,
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True, editable=False)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True, editable=False)

    scope = Scope(region="region", enterprise="enterprise")
    workflow = INSPECTION_WORKFLOW
    date_bounds = {"inspected_on": NOT_IN_FUTURE}

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-planned_on", "-id"]
        indexes = [
            models.Index(fields=["region", "status"], name="insp_inspection_region_idx"),
            models.Index(fields=["enterprise", "status"], name="insp_inspection_ent_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "enterprise"],
                condition=Q(campaign__isnull=False),
                name="inspections_one_task_per_campaign",
            )
        ]

    def __str__(self):
        return _("%(kind)s of %(enterprise)s on %(date)s") % {
            "kind": self.get_kind_display(),
            "enterprise": self.enterprise.name if self.enterprise_id else "",
            "date": self.inspected_on or self.planned_on,
        }

    def clean(self):
        super().clean()
        errors = rules.inspection_errors(self)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.enterprise_id:
            self.region_id = self.enterprise.region_id
        super().save(*args, **kwargs)


class InspectionItem(ScopedModel):
    """The result of one checklist item in one inspection; a failed item keeps the hazard it
    raised (``services.raise_hazard``, once)."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="items"
    )
    checklist_item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("checklist item"),
        on_delete=models.PROTECT,
        related_name="results",
        editable=False,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, editable=False)
    result = models.CharField(
        _("result"), max_length=10, choices=ItemResult.choices, default=ItemResult.PENDING
    )
    note = models.TextField(_("note"), blank=True)
    photo = models.FileField(
        _("photo"),
        upload_to="inspections/%Y/",
        max_length=200,
        blank=True,
        validators=[UploadValidator(PHOTO_KINDS)],
        help_text=_("JPEG, PNG, WebP or HEIC."),
    )
    hazard = models.ForeignKey(
        "hazards.Hazard",
        verbose_name=_("hazard raised"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_items",
        editable=False,
    )

    scope = Scope(region="inspection__region", enterprise="inspection__enterprise")

    class Meta:
        verbose_name = _("inspection item")
        verbose_name_plural = _("inspection items")
        ordering = ["inspection", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "checklist_item"], name="inspections_item_once"
            )
        ]

    def __str__(self):
        return self.checklist_item.text[:60] if self.checklist_item_id else ""

    def clean(self):
        super().clean()
        if self.hazard_id and self.result != ItemResult.NOT_OK:
            raise ValidationError(
                {"result": _("This item raised a hazard; it stays “not compliant”.")}
            )
