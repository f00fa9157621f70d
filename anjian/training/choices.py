from django.db import models
from django.utils.translation import gettext_lazy as _


class Duty(models.TextChoices):
    """The parts a person may take in confined-space work (regulations.md: who must be trained)."""

    APPROVER = "approver", _("Approver")
    WORK_LEADER = "work_leader", _("Work leader")
    ATTENDANT = "attendant", _("Attendant")
    ENTRANT = "entrant", _("Entrant")
    RESCUER = "rescuer", _("Rescuer")


class TrainingKind(models.TextChoices):
    CONFINED_SPACE = "confined_space", _("Confined-space dedicated training")
    LEADERSHIP_MONTHLY = "leadership_monthly", _("Leadership monthly training")
    WARNING_EDUCATION = "warning_education", _("Warning education")
    SKILLS_CONTEST = "skills_contest", _("Skills contest")
    OTHER = "other", _("Other training")


class IssuerKind(models.TextChoices):
    """Who issued a training certificate; which of them the permit gate accepts is the setting
    ``ANJIAN_TRAINING_ACCEPTED_ISSUERS``."""

    PROVIDER = "provider", _("Commissioned training provider")
    ENTERPRISE = "enterprise", _("Enterprise's own training")
    OTHER = "other", _("Other issuer")


class AttendanceStatus(models.TextChoices):
    REGISTERED = "registered", _("Not assessed")
    ASSESSED = "assessed", _("Assessed")


class SpecialCategory(models.TextChoices):
    """Categories of special operations (特种作业目录, 总局令30号 annex)."""

    ELECTRICIAN = "electrician", _("Electrician work")
    WELDING = "welding", _("Welding and hot cutting")
    WORK_AT_HEIGHT = "work_at_height", _("Work at height")
    REFRIGERATION = "refrigeration", _("Refrigeration and air conditioning")
    HAZARDOUS_CHEMICALS = "hazardous_chemicals", _("Hazardous chemicals safety work")
    METALLURGY = "metallurgy", _("Metallurgical production safety work")
    OTHER = "other", _("Other special operation")


class SpecialCertificateState(models.TextChoices):
    VALID = "valid", _("Valid")
    REVIEW_DUE = "review_due", _("Review due")
    VOID = "void", _("Void (review missed)")
    EXPIRED = "expired", _("Expired")
    NOT_YET_VALID = "not_yet_valid", _("Not yet valid")


class ActivityKind(models.TextChoices):
    SAFETY_MONTH = "safety_month", _("Safety production month")
    SKILLS_CONTEST = "skills_contest", _("Skills contest")
    WARNING_EDUCATION = "warning_education", _("Warning education")
    PUBLICITY_VISIT = "publicity_visit", _("Publicity into enterprises")
    OTHER = "other", _("Other activity")


class CertificateState(models.TextChoices):
    """Derived from the dates (never stored): the badge a certificate shows on a given day."""

    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")
    NOT_YET_VALID = "not_yet_valid", _("Not yet valid")
    VOID = "void", _("Void")


# What each training kind qualifies for, and its printed title, when the administrators' table
# (TrainingValidity) has no row or leaves the title empty. Only the dedicated confined-space
# training qualifies for duties; warning education, publicity and contests qualify for none.
KIND_DEFAULT_DUTIES = {
    TrainingKind.CONFINED_SPACE: list(Duty.values),
}
KIND_DEFAULT_TITLES = {
    TrainingKind.CONFINED_SPACE: _("Confined-space work training certificate"),
    TrainingKind.LEADERSHIP_MONTHLY: _("Certificate of leadership safety training"),
    TrainingKind.WARNING_EDUCATION: _("Certificate of attendance at warning education"),
    TrainingKind.SKILLS_CONTEST: _("Certificate of participation in a skills contest"),
    TrainingKind.OTHER: _("Training certificate"),
}

# regulations.md: "a certificate here is the training record with its assessment; default validity
# 1 year" — a calendar year (core.periods). Administrators override it per kind (TrainingValidity).
DEFAULT_VALIDITY_MONTHS = 12
# A certificate counts as "expiring" this many days before its expiry date.
EXPIRING_SOON_DAYS = 30
