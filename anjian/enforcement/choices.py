"""The closed lists of enforcement: case states, party kinds, penalty kinds, calendar day kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    OPENED = "opened", _("Opened")
    INVESTIGATED = "investigated", _("Investigated")
    DECIDED = "decided", _("Decided")
    EXECUTED = "executed", _("Executed")
    CLOSED = "closed", _("Closed")


DECIDED_STATUSES = (CaseStatus.DECIDED, CaseStatus.EXECUTED, CaseStatus.CLOSED)


class PartyKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    PERSON = "person", _("Person")


class PenaltyKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    FINE = "fine", _("Fine")
    CONFISCATION = "confiscation", _("Confiscation of unlawful gains")
    SUSPENSION = "suspension", _("Suspension of production")
    LICENCE = "licence", _("Suspension or revocation of a licence")
    CLOSURE = "closure", _("Closure")
    OTHER = "other", _("Other")


# Penalty kinds that carry an amount in yuan.
AMOUNT_KINDS = (PenaltyKind.FINE, PenaltyKind.CONFISCATION)


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    WORKDAY = "workday", _("Make-up working day")


class Period(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")
