"""The closed lists of hazards and public reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HazardStatus(models.TextChoices):
    """The closed loop (闭环): reported → rectifying → submitted → closed, or sent back."""

    REPORTED = "reported", _("Reported")
    RECTIFYING = "rectifying", _("Rectifying")
    SUBMITTED = "submitted", _("Submitted for verification")
    SENT_BACK = "sent_back", _("Sent back")
    CLOSED = "closed", _("Verified and closed")


OPEN_STATUSES = (
    HazardStatus.REPORTED,
    HazardStatus.RECTIFYING,
    HazardStatus.SUBMITTED,
    HazardStatus.SENT_BACK,
)


class HazardLevel(models.TextChoices):
    GENERAL = "general", _("General hazard")
    MAJOR = "major", _("Major hazard")


class HazardSource(models.TextChoices):
    """Where a hazard was found (model.md §6)."""

    SELF_CHECK = "self_check", _("Self-check")
    INSPECTION = "inspection", _("Inspection")
    SPOT_CHECK = "spot_check", _("Spot check")
    EVALUATION = "evaluation", _("Evaluation")
    PUBLIC_REPORT = "public_report", _("Public report")
    AGREEMENT_CHECK = "agreement_check", _("Safety agreement check")


class HazardCategory(models.TextChoices):
    CONFINED_SPACE = "confined_space", _("Confined space")
    EQUIPMENT = "equipment", _("Equipment and facilities")
    ELECTRICAL = "electrical", _("Electrical")
    FIRE = "fire", _("Fire and explosion")
    CHEMICALS = "chemicals", _("Hazardous chemicals")
    WORKPLACE = "workplace", _("Workplace and site")
    OCCUPATIONAL_HEALTH = "occupational_health", _("Occupational health")
    MANAGEMENT = "management", _("Safety management")
    OTHER = "other", _("Other")


class CriterionGroup(models.TextChoices):
    """The groups of 工贸企业重大事故隐患判定标准 the system keeps."""

    MANAGEMENT = "management", _("Management items (Art. 3)")
    CONFINED_SPACE = "confined_space", _("Confined spaces (Art. 13)")
    DEVICES = "devices", _("Monitoring, alarm and protective devices (Art. 14)")
    OTHER = "other", _("Other")


class SignerLevel(models.TextChoices):
    """Whose sign-off a verification tier needs, by the level of the signer's home region."""

    VILLAGE = "village", _("Village or grid")
    SUBDISTRICT = "subdistrict", _("Sub-district")
    DISTRICT = "district", _("District bureau")


class PhotoStage(models.TextChoices):
    EVIDENCE = "evidence", _("Evidence (as found)")
    RECTIFICATION = "rectification", _("After rectification")


class PublicReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received, awaiting verification")
    ACCEPTED = "accepted", _("Verified: recorded as a hazard")
    DISMISSED = "dismissed", _("Dismissed")
