"""The closed lists of confined-space work (permits)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PermitStatus(models.TextChoices):
    """Where a permit stands; moves only through ``Permit.workflow`` (core.workflow)."""

    DRAFT = "draft", _("Draft")
    FILED = "filed", _("Filed")
    RETURNED = "returned", _("Returned")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    APPROVED = "approved", _("Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    # "Suspended" alone reads 已停用 (an account); work is 暂停.
    SUSPENDED = "suspended", pgettext_lazy("permit status", "Suspended")
    COMPLETED = "completed", _("Completed")
    ACCEPTED = "accepted", _("Accepted")
    CANCELLED = "cancelled", _("Cancelled")


# The states in which the work plan may still be edited by the enterprise.
EDITABLE_STATES = (PermitStatus.DRAFT, PermitStatus.RETURNED)
# The states in which the on-site confirmations (ventilated, equipment confirmed, electrical
# equipment compliant) may still change: after approval, before and during work.
SITE_STATES = (
    PermitStatus.DRAFT,
    PermitStatus.RETURNED,
    PermitStatus.FILED,
    PermitStatus.ACKNOWLEDGED,
    PermitStatus.APPROVED,
    PermitStatus.IN_PROGRESS,
    PermitStatus.SUSPENDED,
)
# Work is under way (the entry log and periodic readings apply).
WORK_STATES = (PermitStatus.IN_PROGRESS, PermitStatus.SUSPENDED)


class ImplementingUnit(models.TextChoices):
    SELF = "self", _("The enterprise itself")
    CONTRACTOR = "contractor", _("A contractor")


class PermitDuty(models.TextChoices):
    """The part a person takes on one permit."""

    LEADER = "leader", _("Work leader")
    ENTRANT = "entrant", _("Entrant")
    ATTENDANT = "attendant", _("Attendant")
    RESCUER = "rescuer", _("Rescuer")
    GAS_TESTER = "gas_tester", _("Gas tester")


# The training duty (training.choices.Duty) a permit duty needs a certificate for, for the
# duties the gate checks (seven prohibitions no. 7: leader, entrants, attendants).
GATE_DUTIES = {
    PermitDuty.LEADER: "work_leader",
    PermitDuty.ENTRANT: "entrant",
    PermitDuty.ATTENDANT: "attendant",
}


class BriefingTopic(models.TextChoices):
    """What the sub-district's on-site briefing covered; the first two are required."""

    SEVEN_PROHIBITIONS = "seven_prohibitions", _("The seven prohibitions")
    PROCEDURE = "procedure", _("The work procedure (ventilate, test, monitor)")
    HAZARDS = "hazards", _("Hazards of this space")
    PROTECTIVE_EQUIPMENT = "protective_equipment", _("Use of protective equipment")
    RESCUE = "rescue", _("Emergency rescue, no blind rescue")
    OTHER = "other", _("Other topics")


REQUIRED_BRIEFING_TOPICS = (BriefingTopic.SEVEN_PROHIBITIONS, BriefingTopic.PROCEDURE)


class GasTestKind(models.TextChoices):
    PRE_ENTRY = "pre_entry", _("Before entry")
    PERIODIC = "periodic", _("Periodic during work")
    RETEST = "retest", _("Retest after an interruption")


class Depth(models.TextChoices):
    TOP = "top", _("Top")
    MIDDLE = "middle", _("Middle")
    BOTTOM = "bottom", _("Bottom")


class GasUnit(models.TextChoices):
    PPM = "ppm", _("ppm")
    MG_M3 = "mg_m3", _("mg/m³")
    PCT_VOL = "pct_vol", _("% vol")
    PCT_LEL = "pct_lel", _("% LEL")


class Direction(models.TextChoices):
    IN = "in", _("In")
    OUT = "out", _("Out")


class ConditionCode(models.TextChoices):
    """The seven prohibitions (七不准), in the order of regulations.md."""

    HAZARDS = "hazards", _("Risks identified")
    VENTILATION = "ventilation", _("Ventilated and tested with a passing result")
    PROTECTIVE_EQUIPMENT = "protective_equipment", _("Protective equipment in place")
    ATTENDANT = "attendant", _("Attendant present")
    ELECTRICAL = "electrical", _("Electrical equipment compliant")
    APPROVAL = "approval", _("Approved")
    TRAINING = "training", _("Trained (certificates valid)")
