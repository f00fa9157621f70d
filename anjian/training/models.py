"""People, training sessions and their attendance, certificates, drills and publicity activities.

Every record carries a copy of its region (from the employer or the organizer), indexed, so a
jurisdiction's list is one prefix filter on the region path without joining through enterprises.
"""

from __future__ import annotations

import datetime
import secrets

from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.core.masking import ID_NUMBER, Protected
from anjian.core.models import PrimaryModel, ScopedModel
from anjian.core.periods import add_months, add_years
from anjian.core.scoping import REFERENCE_TABLE, Scope
from anjian.core.workflow import Transition, Workflow
from anjian.training import rules
from anjian.training.choices import (
    DEFAULT_VALIDITY_MONTHS,
    KIND_DEFAULT_DUTIES,
    KIND_DEFAULT_TITLES,
    ActivityKind,
    AttendanceStatus,
    IssuerKind,
    SpecialCategory,
    TrainingKind,
)


class TrainingValidity(ScopedModel):
    """What one kind of training means; administrators change it (a reference table).

    The duties a certificate of this kind qualifies for (none for warning education, publicity,
    contests), the title printed on it and how long it stays valid, in calendar months. A kind
    without a row uses the defaults of ``choices`` (regulations.md: one year).
    """

    kind = models.CharField(
        _("training kind"), max_length=32, choices=TrainingKind.choices, unique=True
    )
    qualifies_for = models.JSONField(
        _("qualifies for duties"),
        default=list,
        blank=True,
        validators=[rules.validate_duties],
        help_text=_("The duties a certificate of this kind covers; none for education only."),
    )
    printed_title = models.CharField(
        _("printed title"),
        max_length=100,
        blank=True,
        help_text=_("The title on the printed certificate; empty uses the kind's usual title."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity (months)"),
        default=DEFAULT_VALIDITY_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Calendar months a certificate stays valid (12 = one year, 29 Feb → 28 Feb)."),
    )

    scope = REFERENCE_TABLE

    class Meta:
        verbose_name = _("training kind")
        verbose_name_plural = _("training kinds")
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(validity_months__gte=1), name="training_validity_months_positive"
            ),
        ]

    def __str__(self):
        return str(self.get_kind_display())

    @classmethod
    def for_kind(cls, kind: str) -> TrainingValidity:
        """The administrators' row, or an unsaved one with the defaults."""
        row = cls._base_manager.filter(kind=kind).first()
        if row is None:
            row = cls(kind=kind, qualifies_for=list(KIND_DEFAULT_DUTIES.get(kind, [])))
        return row

    @classmethod
    def months_for(cls, kind: str) -> int:
        return cls.for_kind(kind).validity_months

    @property
    def title(self) -> str:
        return self.printed_title or str(KIND_DEFAULT_TITLES.get(self.kind, self.kind))

    @property
    def duty_labels(self) -> str:
        return rules.duty_labels(self.qualifies_for)


class Person(PrimaryModel):
    """Someone who takes part in confined-space work: an employee of an enterprise or of a
    contractor. The ID number is personal data: shown masked unless revealed (and audited)."""

    name = models.CharField(_("name"), max_length=50)
    # What forms, lists and detail pages call a field when its own name is too generic (core).
    display_labels = {"name": _("full name")}
    id_number = models.CharField(
        _("ID number"),
        max_length=18,
        validators=[rules.validate_id_number],
        help_text=_("18-character resident ID number; the check digit is verified."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    employer = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("employer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_people",
    )
    contractor_unit = models.CharField(
        _("contractor unit"),
        max_length=200,
        blank=True,
        help_text=_("The contractor this person works for, when not an enterprise on file."),
    )
    duties = models.JSONField(
        _("duties"), default=list, blank=True, validators=[rules.validate_duties]
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        blank=True,
        help_text=_("Taken from the employer; set it only for someone without one."),
    )

    scope = Scope(region="region", enterprise="employer")
    # Picking people (bulk attendance) searches names only: never ID numbers.
    autocomplete_fields = ("name",)
    # Shown masked everywhere (core.masking); the full number only by the audited reveal.
    masked_fields = {"id_number": Protected(rules.REVEAL_PERMISSION, pattern=ID_NUMBER)}

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "id"]
        permissions = [("reveal_id_number", _("Can reveal full ID numbers"))]
        constraints = [
            models.UniqueConstraint(fields=["id_number"], name="training_person_unique_id_number"),
        ]

    def __str__(self):
        return self.name

    @property
    def masked_id_number(self) -> str:
        return rules.mask_id_number(self.id_number)

    @property
    def duty_labels(self) -> str:
        return rules.duty_labels(self.duties)

    def clean(self):
        if self.id_number:
            self.id_number = rules.compact_id_number(self.id_number)
        if self.employer_id:
            self.region_id = self.employer.region_id
        rules.check_person_place(self)

    def save(self, *args, **kwargs):
        if self.employer_id:
            self.region_id = self.employer.region_id
        with transaction.atomic():
            super().save(*args, **kwargs)
            # Records copied from the person follow them to a new place.
            for model in (Attendance, Certificate, SpecialCertificate):
                model._base_manager.filter(person=self).exclude(region_id=self.region_id).update(
                    region_id=self.region_id
                )


class OrganizedRecord(PrimaryModel):
    """A record organized by a public body or by an enterprise; its region is the organizer's."""

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organizing body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)ss",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("organizing enterprise"),
        null=True,
        blank=True,
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

    @property
    def organizer(self):
        return self.enterprise or self.organization

    def _copy_region(self):
        organizer = self.organizer
        if organizer is not None:
            self.region_id = organizer.region_id

    def clean(self):
        rules.check_organizer(self)
        self._copy_region()

    def save(self, *args, **kwargs):
        self._copy_region()
        super().save(*args, **kwargs)


class TrainingSession(OrganizedRecord):
    """One training (培训班, 警示教育, 一月一培训 …) with its attendees and their assessment."""

    kind = models.CharField(_("kind"), max_length=32, choices=TrainingKind.choices)
    topic = models.CharField(_("topic"), max_length=200)
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    trainer = models.CharField(_("trainer"), max_length=100, blank=True)
    provider = models.CharField(
        _("delivered by"),
        max_length=200,
        blank=True,
        help_text=_("The body that ran the training for the organizer, e.g. an association."),
    )
    location = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["region", "held_on"], name="training_session_region_idx")]

    def __str__(self):
        return f"{self.topic} ({self.held_on:%Y-%m-%d})"

    @property
    def issuer_name(self) -> str:
        return self.provider or str(self.organizer or "")


def _organizer_of_session(jurisdiction, user):
    # Whoever runs a session records its attendance and assessment, wherever the attendees work.
    if jurisdiction.enterprise_ids is not None:
        return Q(session__enterprise__in=jurisdiction.enterprise_ids)
    if jurisdiction.region_path:
        return Q(session__region__path__startswith=jurisdiction.region_path)
    return Q(pk__in=[])


class Attendance(ScopedModel):
    """One person at one session: present or not, and the assessment (recorded once, through
    ``services.record_assessment``, which issues the certificate on a pass)."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("training session"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="attendances"
    )
    attended = models.BooleanField(_("attended"), default=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.REGISTERED,
        editable=False,
    )
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        editable=False,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True, editable=False)
    assessed_at = models.DateTimeField(_("assessed at"), null=True, blank=True, editable=False)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    scope = Scope(region="region", enterprise="person__employer", extra=_organizer_of_session)

    # A wrong assessment is corrected, never edited: the transition (reason required, audited)
    # clears the result and voids the certificate it issued (services.correct_assessment).
    workflow = Workflow(
        "status",
        [
            Transition(
                "correct_assessment",
                source=(AttendanceStatus.ASSESSED,),
                target=AttendanceStatus.REGISTERED,
                label=_("Correct the assessment"),
                reason_required=True,
                updates={"score": None, "passed": None, "assessed_at": None},
                style="outline-danger",
            ),
        ],
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["session", "person__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="training_attendance_unique_person"
            ),
        ]

    def __str__(self):
        return f"{self.person} @ {self.session}"

    @property
    def result_label(self) -> str:
        if self.passed is None:
            return str(_("Not assessed"))
        return str(_("Passed") if self.passed else _("Failed"))

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.pk:
            before = (
                Attendance._base_manager.filter(pk=self.pk)
                .values("session_id", "person_id", "passed")
                .first()
            )
            moved = before and (
                before["session_id"] != self.session_id or before["person_id"] != self.person_id
            )
            if moved and before["passed"] is not None:
                raise ValidationError(
                    _("An assessed attendance keeps its session and person; record a new one.")
                )
            if before and before["passed"] is not None:
                raise ValidationError(
                    _("An assessed attendance is not edited; correct the assessment instead.")
                )

    def save(self, *args, **kwargs):
        if self.person_id:
            self.region_id = self.person.region_id
        super().save(*args, **kwargs)


# Numbers people can read aloud: no 0/O, 1/I/L.
_NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def generate_certificate_number(issued_on: datetime.date) -> str:
    """``PX2024-7F3K9Q2M``: the year and 8 random characters, so numbers cannot be guessed from
    one another on the public verification page."""
    while True:
        tail = "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(8))
        number = f"PX{issued_on:%Y}-{tail}"
        if not Certificate._base_manager.filter(number=number).exists():
            return number


class Certificate(ScopedModel):
    """The training record with its assessment (培训证明): who, which duties, valid from–until."""

    number = models.CharField(
        _("certificate number"),
        max_length=40,
        blank=True,
        help_text=_("Left empty, a unique number is generated."),
    )
    person = models.ForeignKey(
        Person, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="certificates"
    )
    kind = models.CharField(_("training kind"), max_length=32, choices=TrainingKind.choices)
    duties = models.JSONField(
        _("duties covered"), default=list, blank=True, validators=[rules.validate_duties]
    )
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(
        _("expires on"),
        blank=True,
        help_text=_("Left empty, the validity of the training kind is added to the issue date."),
    )
    issuer = models.CharField(_("issuer"), max_length=200)
    issuer_kind = models.CharField(
        _("issued by"),
        max_length=16,
        choices=IssuerKind.choices,
        default=IssuerKind.PROVIDER,
        help_text=_(
            "The bureau's commissioned training provider, or the enterprise's own training."
        ),
    )
    voided_on = models.DateField(_("voided on"), null=True, blank=True, editable=False)
    void_reason = models.TextField(_("reason for voiding"), blank=True, editable=False)
    attendance = models.OneToOneField(
        Attendance,
        verbose_name=_("from attendance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
        editable=False,
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    scope = Scope(region="region", enterprise="person__employer")

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="training_certificate_unique_number"),
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("issued_on")),
                name="training_certificate_expires_after_issue",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "expires_on"], name="training_cert_region_idx"),
        ]

    def __str__(self):
        return self.number or str(_("new certificate"))

    @property
    def duty_labels(self) -> str:
        return rules.duty_labels(self.duties)

    def state(self, on=None) -> str:
        return rules.certificate_state(self, on)

    @property
    def kind_rule(self) -> TrainingValidity:
        if not hasattr(self, "_kind_rule") or self._kind_rule.kind != self.kind:
            self._kind_rule = TrainingValidity.for_kind(self.kind)
        return self._kind_rule

    @property
    def title(self) -> str:
        """What the printout says: the kind's title, never a fixed one."""
        return self.kind_rule.title

    @property
    def qualified_duties(self) -> list[str]:
        """The duties this certificate really covers: its own, as far as its kind qualifies."""
        allowed = set(self.kind_rule.qualifies_for or [])
        return [d for d in self.duties or [] if d in allowed]

    @property
    def qualified_duty_labels(self) -> str:
        return rules.duty_labels(self.qualified_duties)

    def default_expiry(self) -> datetime.date:
        return add_months(self.issued_on, TrainingValidity.months_for(self.kind))

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.number:
            self.number = self.number.strip()
        if self.issued_on and self.kind and not self.expires_on:
            self.expires_on = self.default_expiry()
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            raise ValidationError(
                {"expires_on": _("A certificate cannot expire before it is issued.")}
            )
        if self.kind:
            rules.check_certificate_duties(self)
        if self.pk:
            before = (
                Certificate._base_manager.filter(pk=self.pk)
                .values_list("person_id", flat=True)
                .first()
            )
            if before is not None and before != self.person_id:
                raise ValidationError(
                    {"person": _("A certificate's holder cannot be changed; issue a new one.")}
                )

    def save(self, *args, **kwargs):
        if not self.expires_on:
            self.expires_on = self.default_expiry()
        if not self.number:
            self.number = generate_certificate_number(self.issued_on)
        if self.person_id:
            self.region_id = self.person.region_id
        super().save(*args, **kwargs)


def _default_review_years():
    from django.conf import settings

    return settings.ANJIAN_SPECIAL_CERT_REVIEW_YEARS


class SpecialCertificate(ScopedModel):
    """A special operation certificate (特种作业操作证, 总局令30号) a person holds: electricians,
    welders and others who often work in confined spaces. Recorded and imported, not issued here:
    valid 6 years, reviewed every 3 years, void when a review is missed (``rules``)."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="special_certificates",
    )
    number = models.CharField(
        _("certificate number"),
        max_length=40,
        help_text=_("As printed on the card (usually the holder's ID number)."),
    )
    category = models.CharField(_("category"), max_length=32, choices=SpecialCategory.choices)
    operation = models.CharField(
        _("operation item"),
        max_length=100,
        help_text=_("For example 低压电工作业, 熔化焊接与热切割作业."),
    )
    authority = models.CharField(_("issuing authority"), max_length=200)
    issued_on = models.DateField(_("first issued on"))
    expires_on = models.DateField(
        _("valid until"),
        blank=True,
        help_text=_("Left empty, the validity (6 years by default) is added to the issue date."),
    )
    review_interval_years = models.PositiveSmallIntegerField(
        _("review every (years)"),
        default=_default_review_years,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text=_("3 by default; 6 when the authority allowed it (10 years in the trade)."),
    )
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    scope = Scope(region="region", enterprise="person__employer")

    class Meta:
        verbose_name = _("special operation certificate")
        verbose_name_plural = _("special operation certificates")
        ordering = ["person__name", "category", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "category", "operation"],
                name="training_special_cert_unique_number",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("issued_on")),
                name="training_special_cert_expires_after_issue",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "expires_on"], name="training_special_region_idx"),
        ]

    def __str__(self):
        return f"{self.number} {self.get_category_display()}"

    def default_expiry(self) -> datetime.date:
        from django.conf import settings

        return add_years(self.issued_on, settings.ANJIAN_SPECIAL_CERT_VALIDITY_YEARS)

    def state(self, on=None) -> str:
        return rules.special_certificate_state(self, on)

    @property
    def state_label(self) -> str:
        from anjian.training.choices import SpecialCertificateState

        return str(dict(SpecialCertificateState.choices)[self.state()])

    @property
    def next_review_due(self) -> datetime.date | None:
        return rules.next_review_due(self)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.number:
            self.number = self.number.strip().upper()
        if self.issued_on and not self.expires_on:
            self.expires_on = self.default_expiry()
        errors = {}
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            errors["expires_on"] = _("A certificate cannot expire before it is issued.")
        if self.issued_on and self.last_reviewed_on and self.last_reviewed_on < self.issued_on:
            errors["last_reviewed_on"] = _("A review cannot come before the issue date.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.number:
            self.number = self.number.strip().upper()
        if not self.expires_on:
            self.expires_on = self.default_expiry()
        if self.person_id:
            self.region_id = self.person.region_id
        super().save(*args, **kwargs)


class Drill(OrganizedRecord):
    """An emergency drill (应急演练); 13号令 Art. 10 requires each to be evaluated."""

    held_on = models.DateField(_("date"))
    scenario = models.CharField(_("scenario"), max_length=200)
    # The confined space of the drill, from the spaces ledger; ``location`` is for a place that
    # is not a confined space (a yard, a training ground).
    space = models.ForeignKey(
        "spaces.ConfinedSpace",
        verbose_name=_("confined space"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drills",
    )
    location = models.CharField(
        _("other place"),
        max_length=200,
        blank=True,
        help_text=_(
            "Where the drill took place when it was not in a confined space of the ledger."
        ),
    )
    participants = models.TextField(_("participants"), blank=True)
    participant_count = models.PositiveIntegerField(_("number of participants"), default=0)
    evaluation = models.TextField(_("evaluation"), blank=True)
    lessons = models.TextField(_("lessons and improvements"), blank=True)

    class Meta:
        verbose_name = _("drill")
        verbose_name_plural = _("drills")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["region", "held_on"], name="training_drill_region_idx")]

    def __str__(self):
        return f"{self.scenario} ({self.held_on:%Y-%m-%d})"

    @property
    def evaluated(self) -> bool:
        return bool(self.evaluation.strip())

    @property
    def place(self) -> str:
        """The confined space, else the place written down."""
        return str(self.space) if self.space_id else self.location

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        # An enterprise drills in its own spaces.
        if self.space_id and self.enterprise_id and self.space.enterprise_id != self.enterprise_id:
            raise ValidationError(
                {"space": _("The confined space must belong to the organizing enterprise.")}
            )


class Activity(OrganizedRecord):
    """A publicity and education activity: 安全生产月, 技能比赛, 警示教育, 宣传进企业 …"""

    kind = models.CharField(_("kind"), max_length=32, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True)
    participant_count = models.PositiveIntegerField(_("number of participants"), default=0)
    materials_count = models.PositiveIntegerField(_("materials handed out"), default=0)
    materials = models.CharField(_("materials"), max_length=200, blank=True)
    photo = models.FileField(
        _("photo"),
        upload_to="training/activities/%Y/",
        blank=True,
        max_length=200,
        validators=[
            FileExtensionValidator(rules.PHOTO_EXTENSIONS),
            rules.validate_upload_size,
        ],
    )

    class Meta:
        verbose_name = _("publicity activity")
        verbose_name_plural = _("publicity activities")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["region", "held_on"], name="training_activity_region_idx")]

    def __str__(self):
        return f"{self.title} ({self.held_on:%Y-%m-%d})"
