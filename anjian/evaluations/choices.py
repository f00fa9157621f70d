"""Choices of the evaluation (事故整改情况评估): states, methods, verdicts, finding states."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EvaluationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DRAFTED = "drafted", _("Drafted")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class Method(models.TextChoices):
    """How the working group gathered the facts (the seed's 听取汇报、查阅资料、座谈询问、现场抽查)."""

    BRIEFINGS = "briefings", _("Briefings heard")
    FILES = "files", _("Files reviewed")
    INTERVIEWS = "interviews", _("Interviews")
    SPOT_CHECKS = "spot_checks", _("Spot checks")


class Verdict(models.TextChoices):
    IMPLEMENTED = "implemented", _("Implemented")
    PARTLY = "partly", _("Partly implemented")
    NOT = "not", _("Not implemented")


class FindingStatus(models.TextChoices):
    # A context of their own: bare "Open" is the verb on every list's link (查看) and bare
    # "Closed" an enterprise shut down (已关闭); a finding is rectified or not.
    OPEN = "open", pgettext_lazy("finding status", "Open")
    CLOSED = "closed", pgettext_lazy("finding status", "Closed")
