"""The closed lists of inspections, checklists, campaigns and legal bases."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionKind(models.TextChoices):
    ROUTINE = "routine", _("Routine inspection")
    CAMPAIGN = "campaign", _("Campaign inspection")
    UNANNOUNCED = "unannounced", _("Unannounced inspection")
    FOLLOW_UP = "follow_up", _("Follow-up review")
    PERMIT_SPOT_CHECK = "permit_spot_check", _("Permit spot check")
    EVALUATION_SPOT_CHECK = "evaluation_spot_check", _("Evaluation spot check")


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_INSPECTION_STATUSES = (InspectionStatus.PLANNED, InspectionStatus.IN_PROGRESS)


class ItemResult(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    OK = "ok", _("Compliant")
    NOT_OK = "not_ok", _("Not compliant")
    NOT_APPLICABLE = "na", _("Not applicable")


class TemplateKind(models.TextChoices):
    CONFINED_SPACE = "confined_space", _("Confined-space special check")
    SELF_CHECK = "self_check", _("Enterprise self-check sheet")
    PARK = "park", _("Park check")
    PERMIT_SPOT_CHECK = "permit_spot_check", _("Permit spot check")
    OTHER = "other", _("Other")


class PartyKind(models.TextChoices):
    """Whom a legal basis penalises."""

    ENTERPRISE = "enterprise", _("The enterprise")
    PERSON = "person", _("A responsible person")
    BOTH = "both", _("The enterprise and the persons responsible")
