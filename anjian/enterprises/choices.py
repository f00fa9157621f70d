from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EnterpriseStatus(models.TextChoices):
    OPERATING = "operating", _("Operating")
    SUSPENDED = "suspended", pgettext_lazy("enterprise status", "Suspended")
    CLOSED = "closed", _("Closed")


class RiskGrade(models.TextChoices):
    """A = highest risk (as in the seed report); "" = not graded yet."""

    A = "A", _("Grade A")
    B = "B", _("Grade B")
    C = "C", _("Grade C")
    D = "D", _("Grade D")


NOT_GRADED = ""
GRADE_CHOICES = [(NOT_GRADED, _("Not graded")), *RiskGrade.choices]

# Highest risk first: raising a grade moves one step towards the start.
GRADE_ORDER = [RiskGrade.A, RiskGrade.B, RiskGrade.C, RiskGrade.D]

# Defaults of regulations.md ("A monthly, B quarterly, C twice a year, D yearly") in calendar
# months; seeded into the GradeFrequency table, which administrators change.
DEFAULT_INTERVAL_MONTHS = {RiskGrade.A: 1, RiskGrade.B: 3, RiskGrade.C: 6, RiskGrade.D: 12}


class EscalationCause(models.TextChoices):
    ACCIDENT = "accident", _("Responsible accident")
    MAJOR_HAZARD = "major_hazard", _("Major hazard found")
    PENALTY = "penalty", _("Administrative penalty")


class InspectionDue(models.TextChoices):
    OVERDUE = "overdue", _("Overdue")
    DUE_SOON = "due_soon", _("Due")
    NOT_DUE = "not_due", _("Not due")


class Sector(models.TextChoices):
    """The supervised sector — the 分类 of 分类分级监管: which rules and which department apply."""

    INDUSTRY_TRADE = "industry_trade", _("Industry and trade")
    HAZARDOUS_CHEMICALS = "hazardous_chemicals", _("Hazardous chemicals")
    OTHER = "other", _("Other")


class AgreementKind(models.TextChoices):
    """What the agreement's parties are to each other (出租方–承租方, 发包方–承包方)."""

    LEASE = "lease", _("Lease")
    CONTRACTING = "contracting", _("Contracting")
