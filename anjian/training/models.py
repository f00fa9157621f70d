"""People, training sessions and their attendance, certificates, drills and publicity activities.

Every record carries a copy of its region (from the employer or the organizer), indexed, so a
jurisdiction's list is one prefix filter on the region path without joining through enterprises.
"""

from __future__ import annotations

import datetime
import secrets

from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.core.models import PrimaryModel, ScopedModel
from anjian.core.scoping import REFERENCE_TABLE, Scope
from anjian.training import rules
from anjian.training.choices import DEFAULT_VALIDITY_DAYS, ActivityKind, TrainingKind


class TrainingValidity(ScopedModel):
    """How long a certificate from one kind of training stays valid; administrators change it.

    A kind without a row uses the default of regulations.md (one year).
    """

    kind = models.CharField(
        _("training kind"), max_length=32, choices=TrainingKind.choices, unique=True
    )
    validity_days = models.PositiveSmallIntegerField(
        _("validity (days)"),
        default=DEFAULT_VALIDITY_DAYS,
        validators=[MinValueValidator(1)],
        help_text=_("Days a certificate from this kind of training stays valid."),
    )

    scope = REFERENCE_TABLE

    class Meta:
        verbose_name = _("certificate validity")
        verbose_name_plural = _("certificate validities")
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(validity_days__gte=1), name="training_validity_positive"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.validity_days}"

    @classmethod
    def days_for(cls, kind: str) -> int:
        row = cls._base_manager.filter(kind=kind).first()
        return row.validity_days if row else DEFAULT_VALIDITY_DAYS


class Person(PrimaryModel):
    """Someone who takes part in confined-space work: an employee of an enterprise or of a
    contractor. The ID number is personal data: shown masked unless revealed (and audited)."""

    name = models.CharField(_("name"), max_length=50)
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
            for model in (Attendance, Certificate):
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
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=1, null=True, blank=True, editable=False
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

    def default_expiry(self) -> datetime.date:
        return self.issued_on + datetime.timedelta(days=TrainingValidity.days_for(self.kind))

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


class Drill(OrganizedRecord):
    """An emergency drill (应急演练); 13号令 Art. 10 requires each to be evaluated."""

    held_on = models.DateField(_("date"))
    scenario = models.CharField(_("scenario"), max_length=200)
    # The confined-space ledger (spaces app) does not exist yet: the place is text until then.
    location = models.CharField(_("place or confined space"), max_length=200, blank=True)
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
