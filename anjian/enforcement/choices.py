"""The closed lists of enforcement: case states, party kinds, penalty kinds, calendar day kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseStatus(models.TextChoices):
    OPENED = "opened", pgettext_lazy("case", "Opened")
    INVESTIGATED = "investigated", pgettext_lazy("case", "Investigated")
    DECIDED = "decided", pgettext_lazy("case", "Decided")
    EXECUTED = "executed", pgettext_lazy("case", "Executed")
    CLOSED = "closed", pgettext_lazy("case", "Closed")


DECIDED_STATUSES = (CaseStatus.DECIDED, CaseStatus.EXECUTED, CaseStatus.CLOSED)


class PartyKind(models.TextChoices):
    ENTERPRISE = "enterprise", pgettext_lazy("party", "Enterprise")
    PERSON = "person", pgettext_lazy("party", "Person")


class PenaltyKind(models.TextChoices):
    WARNING = "warning", pgettext_lazy("penalty", "Warning")
    FINE = "fine", pgettext_lazy("penalty", "Fine")
    CONFISCATION = "confiscation", _("Confiscation of unlawful gains")
    SUSPENSION = "suspension", _("Suspension of production")
    LICENCE = "licence", _("Suspension or revocation of a licence")
    CLOSURE = "closure", pgettext_lazy("penalty", "Closure")
    OTHER = "other", pgettext_lazy("penalty", "Other")


# Penalty kinds that carry an amount in yuan.
AMOUNT_KINDS = (PenaltyKind.FINE, PenaltyKind.CONFISCATION)


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    WORKDAY = "workday", _("Make-up working day")


class Period(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")
