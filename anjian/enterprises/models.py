"""Enterprises, their industries, parks and safety agreements, and graded supervision.

An enterprise's risk grade is a workflow field: it changes only through the ``grade_<x>``
transitions (``services.change_grade`` / ``services.escalate_grade``), so every change leaves a
TransitionLog row with who, when, from, to, why and the record that caused it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.accounts.choices import OrganizationKind
from anjian.core.models import NOT_IN_FUTURE, PrimaryModel, ScopedModel
from anjian.core.scoping import REFERENCE_TABLE, Scope
from anjian.core.search import TrigramIndex, register
from anjian.core.uploads import DOCUMENT_KINDS, UploadValidator
from anjian.core.workflow import Transition, Workflow
from anjian.enterprises import rules
from anjian.enterprises.choices import (
    GRADE_CHOICES,
    NOT_GRADED,
    AgreementKind,
    EnterpriseStatus,
    RiskGrade,
    Sector,
)
from anjian.regions.choices import RegionLevel

GRADE_PERMISSION = "enterprises.grade_enterprise"
# Held by the enterprise safety manager role: the holder acts only for the enterprise it belongs
# to (see scoping.refine_for_enterprise_users). Read from the permission cache: no extra query.
OWN_ENTERPRISE_PERMISSION = "enterprises.act_for_own_enterprise"
ASSIGNED_ENTERPRISES_PERMISSION = "enterprises.act_for_assigned_enterprises"


class Industry(ScopedModel):
    """A category of the national industry classification (GB/T 4754), kept by administrators."""

    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("e.g. C39"))
    name = models.CharField(_("name"), max_length=100)

    autocomplete_fields = ("code", "name")
    scope = REFERENCE_TABLE

    class Meta:
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class GradeFrequency(ScopedModel):
    """How often an enterprise of one grade is inspected; administrators change the interval."""

    grade = models.CharField(_("grade"), max_length=1, choices=RiskGrade.choices, unique=True)
    interval_months = models.PositiveSmallIntegerField(
        _("inspection interval (months)"),
        help_text=_(
            "Calendar months between two routine inspections of an enterprise of this grade "
            "(1 monthly, 3 quarterly, 6 half-yearly, 12 yearly)."
        ),
    )

    scope = REFERENCE_TABLE

    class Meta:
        verbose_name = _("inspection frequency")
        verbose_name_plural = _("inspection frequencies")
        ordering = ["grade"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_months__gte=1), name="enterprises_frequency_positive_months"
            ),
        ]

    def __str__(self):
        return f"{self.get_grade_display()}: {self.interval_months}"


def _grade_transition(grade: str, label) -> Transition:
    return Transition(
        f"grade_{grade.lower()}",
        tuple(g for g in (NOT_GRADED, *RiskGrade.values) if g != grade),
        grade,
        label,
        permission=GRADE_PERMISSION,
        reason_required=True,
        style="danger" if grade == RiskGrade.A else "outline-primary",
        updates=_grade_effective_on,
    )


def _grade_effective_on(enterprise, context):
    # services.change_grade passes the date the grade takes effect (default: today).
    from django.utils import timezone

    return {"grade_effective_on": context.get("effective_on") or timezone.localdate()}


class Enterprise(PrimaryModel):
    """A supervised business (生产经营单位), in one village, identified by its USCC.

    ``name_pinyin`` and ``name_initials`` are derived from the name on save, so a search for
    ``hyd`` or ``hengyida`` finds 恒亦达 with a plain indexed column filter.
    """

    name = models.CharField(_("name"), max_length=200)
    uscc = models.CharField(
        _("unified social credit code"),
        max_length=18,
        validators=[rules.validate_uscc],
        help_text=_("18 characters, check digit per GB 32100."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="enterprises",
        limit_choices_to={"level": RegionLevel.VILLAGE},
    )
    grid = models.ForeignKey(
        "regions.Region",
        verbose_name=_("grid"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grid_enterprises",
        limit_choices_to={"level": RegionLevel.GRID},
    )
    industry = models.ForeignKey(
        Industry, verbose_name=_("industry"), on_delete=models.PROTECT, related_name="enterprises"
    )
    principal_name = models.CharField(_("principal"), max_length=50, blank=True)
    principal_title = models.CharField(_("principal's position"), max_length=50, blank=True)
    principal_phone = models.CharField(_("principal's phone"), max_length=30, blank=True)
    # The principal as a person on file (training.Person: ID number, certificates), when one
    # exists; name and phone above stay the contact (and the old text). A lazy reference: the
    # training app depends on this one, not the other way round (see docs/architecture.md).
    principal_person = models.ForeignKey(
        "training.Person",
        verbose_name=_("principal (person on file)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="principal_of",
        help_text=_("The principal among the enterprise's people on file; fills name and phone."),
    )
    safety_officer_name = models.CharField(_("safety officer"), max_length=50, blank=True)
    safety_officer_title = models.CharField(
        _("safety officer's position"), max_length=50, blank=True
    )
    safety_officer_phone = models.CharField(_("safety officer's phone"), max_length=30, blank=True)
    employee_count = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EnterpriseStatus.choices,
        default=EnterpriseStatus.OPERATING,
    )
    park = models.ForeignKey(
        "enterprises.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enterprises",
    )
    landlord = models.ForeignKey(
        "self",
        verbose_name=_("premises landlord"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tenants",
        help_text=_("The enterprise whose premises this one rents (厂中厂)."),
    )
    landlord_organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("premises landlord (organization)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tenants",
        help_text=_(
            "The village committee, park operator or other body whose premises this one rents, "
            "when the landlord is not an enterprise."
        ),
    )
    sector = models.CharField(
        _("supervised sector"),
        max_length=32,
        choices=Sector.choices,
        default=Sector.INDUSTRY_TRADE,
        help_text=_("The 分类 of 分类分级监管: industry and trade, hazardous chemicals or other."),
    )
    supervising_department = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("supervising department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_enterprises",
        help_text=_("The department that supervises this enterprise's sector."),
    )
    service_agency = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("service agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="served_enterprises",
        limit_choices_to={"kind": OrganizationKind.SERVICE_AGENCY},
    )
    risk_grade = models.CharField(
        _("risk grade"),
        max_length=1,
        choices=GRADE_CHOICES,
        default=NOT_GRADED,
        blank=True,
        editable=False,
        db_index=True,
    )
    grade_effective_on = models.DateField(
        _("grade effective since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The day the current risk grade took effect."),
    )
    last_inspected_on = models.DateField(
        _("last inspected on"),
        null=True,
        blank=True,
        help_text=_("Date of the last routine inspection; sets when the next one is due."),
    )
    name_pinyin = models.CharField(
        _("name in pinyin"), max_length=600, blank=True, editable=False, db_index=True
    )
    name_initials = models.CharField(
        _("pinyin initials"), max_length=200, blank=True, editable=False, db_index=True
    )

    scope = Scope(region="region", enterprise="id")
    # An inspection that has not happened yet cannot be the last one (core.models.check_dates).
    date_bounds = {"last_inspected_on": NOT_IN_FUTURE}

    # SQLite's index for the substring search (core.search; PostgreSQL uses pg_trgm, 0007).
    search_index = register(
        TrigramIndex("enterprises_enterprise", ("name", "name_pinyin", "name_initials", "uscc"))
    )

    @classmethod
    def autocomplete(cls, queryset, query):
        """The scoped autocomplete searches Chinese, pinyin, initials and USCC, like the list."""
        from anjian.enterprises.filtersets import search_enterprises

        return search_enterprises(queryset, query)

    workflow = Workflow(
        "risk_grade",
        [
            _grade_transition(RiskGrade.A, _("Set grade A")),
            _grade_transition(RiskGrade.B, _("Set grade B")),
            _grade_transition(RiskGrade.C, _("Set grade C")),
            _grade_transition(RiskGrade.D, _("Set grade D")),
        ],
    )

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        permissions = [
            ("grade_enterprise", _("Can set the risk grade of an enterprise")),
            ("act_for_own_enterprise", _("Acts only for the enterprise it belongs to")),
            (
                "act_for_assigned_enterprises",
                _("Acts only for the enterprises assigned to its service agency"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["uscc"], name="enterprises_enterprise_unique_uscc"),
            models.CheckConstraint(
                condition=Q(landlord__isnull=True) | Q(landlord_organization__isnull=True),
                name="enterprises_enterprise_one_landlord",
            ),
        ]

    def __str__(self):
        return self.name

    def is_principal(self, person) -> bool:
        """Whether ``person`` (a training.Person) is this enterprise's principal — approvals of
        toxic-risk work come from the principal or a written delegate."""
        return person is not None and self.principal_person_id == person.pk

    @property
    def premises_landlord(self):
        """The landlord of its premises, an enterprise or an organization (or None)."""
        return self.landlord or self.landlord_organization

    def clean(self):
        if self.uscc:
            self.uscc = rules.compact_uscc(self.uscc)
        rules.check_enterprise_placement(self)

    def save(self, *args, **kwargs):
        if self.uscc:
            self.uscc = rules.compact_uscc(self.uscc)
        self.name_pinyin, self.name_initials = rules.pinyin_of(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_pinyin", "name_initials"}
        super().save(*args, **kwargs)


class Park(PrimaryModel):
    """An industrial park or shared premises (工业园 / 园中园) with its safety committee."""

    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=200, blank=True)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="parks"
    )
    operator_enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("operating enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="operated_parks",
        help_text=_("The landlord that runs the park, when it is an enterprise."),
    )
    operator_organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("operating organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="operated_parks",
        help_text=_("The public body that runs the park, when it is not an enterprise."),
    )
    safety_committee_formed_on = models.DateField(
        _("safety committee formed on"), null=True, blank=True
    )

    autocomplete_fields = ("name",)
    scope = Scope(region="region", enterprise="operator_enterprise")

    class Meta:
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="enterprises_park_unique_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def operator(self):
        return self.operator_enterprise or self.operator_organization

    def clean(self):
        rules.check_park_operator(self)


def _agreements_as_landlord(jurisdiction, user):
    # An enterprise user sees the agreements its enterprise signed as landlord, too; a service
    # inspector those whose tenant or landlord enterprise is assigned to its agency.
    if jurisdiction.enterprise_ids is None:
        return Q(pk__in=[])
    return Q(landlord__in=jurisdiction.enterprise_ids)


class SafetyAgreement(PrimaryModel):
    """The safety agreement (安全生产协议) naming who manages safety where: between a landlord and
    its tenant (lease, 出租–承租) or a principal and its contractor (contracting, 发包–承包).

    The landlord is an enterprise or an organization (a village committee, a park operator):
    two nullable keys with a check that exactly one is set — the pattern ``Park`` uses for its
    operator — so each stays a real, scoped foreign key.
    """

    park = models.ForeignKey(
        Park,
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=AgreementKind.choices, default=AgreementKind.LEASE
    )
    landlord = models.ForeignKey(
        Enterprise,
        verbose_name=_("landlord"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements_as_landlord",
    )
    landlord_organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("landlord (organization)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements_as_landlord",
    )
    tenant = models.ForeignKey(
        Enterprise,
        verbose_name=_("tenant"),
        on_delete=models.PROTECT,
        related_name="agreements_as_tenant",
    )
    signed_on = models.DateField(_("signed on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    document = models.FileField(
        _("document"),
        upload_to="agreements/%Y/",
        blank=True,
        max_length=200,
        validators=[UploadValidator(DOCUMENT_KINDS)],
        help_text=_("The signed agreement: PDF, JPEG or PNG, within the upload size limit."),
    )

    scope = Scope(region="tenant__region", enterprise="tenant", extra=_agreements_as_landlord)

    class Meta:
        verbose_name = _("safety agreement")
        verbose_name_plural = _("safety agreements")
        ordering = ["-signed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(landlord=models.F("tenant")),
                name="enterprises_agreement_distinct_parties",
            ),
            models.CheckConstraint(
                condition=Q(landlord__isnull=False, landlord_organization__isnull=True)
                | Q(landlord__isnull=True, landlord_organization__isnull=False),
                name="enterprises_agreement_one_landlord",
            ),
        ]

    def __str__(self):
        return f"{self.party} – {self.tenant} ({self.signed_on:%Y-%m-%d})"

    @property
    def party(self):
        """The landlord (or principal), an enterprise or an organization."""
        return self.landlord or self.landlord_organization

    def clean(self):
        rules.check_agreement(self)


class EnterpriseMembership(PrimaryModel):
    """Ties a user account to the one enterprise it acts for (enterprise safety managers).

    Kept here, not on the user, so that accounts does not depend on enterprises.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="enterprise_membership",
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    position = models.CharField(_("position"), max_length=50, blank=True)

    scope = Scope(region="enterprise__region", enterprise="enterprise")

    class Meta:
        verbose_name = _("enterprise account")
        verbose_name_plural = _("enterprise accounts")
        ordering = ["enterprise__name", "user__username"]

    def __str__(self):
        return f"{self.user} @ {self.enterprise}"


class GradeChange(ScopedModel):
    """When a grade change took effect, next to the TransitionLog row that recorded it.

    The log's ``at`` is when the row was written; a yearly grading decided in January and entered
    in March took effect in January. The timeline orders by ``effective_on``.
    """

    log = models.OneToOneField(
        "core.TransitionLog",
        verbose_name=_("transition"),
        on_delete=models.CASCADE,
        related_name="grade_change",
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="grade_changes",
    )
    effective_on = models.DateField(_("effective on"))

    scope = Scope(region="enterprise__region", enterprise="enterprise")

    class Meta:
        verbose_name = _("grade change")
        verbose_name_plural = _("grade changes")
        ordering = ["effective_on", "log_id"]

    def __str__(self):
        return f"{self.enterprise} {self.log.to_state} ({self.effective_on:%Y-%m-%d})"
