"""The closed lists of the confined-space ledger and the safety equipment register."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SpaceKind(models.TextChoices):
    """工贸企业有限空间作业安全规定: the three kinds of confined space."""

    UNDERGROUND = "underground", _("Underground")
    ABOVE_GROUND = "above_ground", _("Above ground")
    CLOSED_EQUIPMENT = "closed_equipment", _("Closed or semi-closed equipment")


class ToxicGas(models.TextChoices):
    """Gases whose poisoning or asphyxiation risk the ledger records (a space may have several)."""

    H2S = "H2S", _("Hydrogen sulphide (H2S)")
    CO = "CO", _("Carbon monoxide (CO)")
    CO2 = "CO2", _("Carbon dioxide (CO2)")
    NH3 = "NH3", _("Ammonia (NH3)")
    CL2 = "Cl2", _("Chlorine (Cl2)")
    HCN = "HCN", _("Hydrogen cyanide (HCN)")
    OTHER = "other", _("Other toxic gas")


class Isolation(models.TextChoices):
    LOCK = "lock", _("Lock")
    DOOR = "door", _("Door")
    BARRIER = "barrier", _("Barrier")
    MESH = "mesh", _("Mesh or grating")
    NONE = "none", _("None")


class PerformedBy(models.TextChoices):
    SELF = "self", _("Self-performed")
    CONTRACTED = "contracted", _("Contracted")


class SpaceStatus(models.TextChoices):
    IN_USE = "in_use", _("In use")
    OUT_OF_USE = "out_of_use", _("Out of use")
    REMOVED = "removed", _("Removed")


class RiskMethod(models.TextChoices):
    LEC = "lec", _("LEC (likelihood × exposure × consequence)")
    LS = "ls", _("Risk matrix (likelihood × severity)")


class RiskLevel(models.TextChoices):
    """The four colours of 双重预防 risk grading, most serious first."""

    RED = "red", _("Major risk (red)")
    ORANGE = "orange", _("Considerable risk (orange)")
    YELLOW = "yellow", _("General risk (yellow)")
    BLUE = "blue", _("Low risk (blue)")


class EquipmentKind(models.TextChoices):
    GAS_DETECTOR = "gas_detector", _("Gas detector")
    VENTILATOR = "ventilator", _("Ventilator")
    RESPIRATOR = "respirator", _("Respirator")
    HARNESS = "harness", _("Safety harness")
    TRIPOD_WINCH = "tripod_winch", _("Tripod and winch")
    RESCUE = "rescue", _("Rescue equipment")
    EXPLOSION_PROOF_LIGHTING = "explosion_proof_lighting", _("Explosion-proof lighting")
    COMMUNICATION = "communication", _("Communication equipment")
    OTHER = "other", _("Other equipment")


class EquipmentStatus(models.TextChoices):
    IN_SERVICE = "in_service", _("In service")
    UNDER_REPAIR = "under_repair", _("Under repair")
    SCRAPPED = "scrapped", _("Scrapped")


class DateState(models.TextChoices):
    """Whether a piece of equipment is in date on a day (the register's badge)."""

    IN_DATE = "in_date", _("In date")
    DUE_SOON = "due_soon", _("Due soon")
    OUT_OF_DATE = "out_of_date", _("Out of date")
    NO_DATE = "no_date", _("No validity recorded")
