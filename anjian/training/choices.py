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


# regulations.md: "a certificate here is the training record with its assessment; default validity
# 1 year". Administrators override it per training kind in the TrainingValidity table.
DEFAULT_VALIDITY_DAYS = 365
# A certificate counts as "expiring" this many days before its expiry date.
EXPIRING_SOON_DAYS = 30
