import django_tables2 as tables
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anjian.core.tables import BaseTable, StatusColumn, status_badge
from anjian.enterprises.models import Enterprise
from anjian.hazards import rules
from anjian.hazards.choices import HazardLevel
from anjian.hazards.models import Hazard, MajorHazardCriterion, PublicReport, VerificationTier

_LEVEL_LABELS = dict(HazardLevel.choices)


def level_badge(level, label=None):
    """General or major, as a badge (one cell of a list, no template engine)."""
    return status_badge(
        "major" if level == HazardLevel.MAJOR else "", label or _LEVEL_LABELS.get(level, level)
    )


def overdue_badge(hazard, today=None):
    if rules.is_overdue(hazard, today):
        return status_badge("overdue", gettext("Overdue"))
    return ""


class HazardTable(BaseTable):
    number = tables.Column(linkify=("hazards:hazard_detail", [tables.A("pk")]))
    enterprise = tables.Column()
    description = tables.Column(orderable=False)
    level = tables.Column(verbose_name=_("level"))
    deadline = tables.Column(verbose_name=_("rectification deadline"), empty_values=())
    status = StatusColumn()

    secondary_columns = ("enterprise", "source", "found_on", "category")

    class Meta(BaseTable.Meta):
        model = Hazard
        fields = [
            "number",
            "enterprise",
            "description",
            "category",
            "level",
            "source",
            "found_on",
            "deadline",
            "status",
        ]

    def render_description(self, value):
        return Truncator(value).chars(40)

    def render_level(self, value, record):
        return level_badge(record.level, value)

    def render_deadline(self, value, record):
        if not record.deadline:
            return "—"
        text = record.deadline.strftime("%Y-%m-%d")
        badge = overdue_badge(record, self._today())
        return (badge and status_badge("overdue", f"{text} {gettext('Overdue')}")) or text

    def value_deadline(self, value, record):
        return record.deadline

    def _today(self):
        if not hasattr(self, "_today_value"):
            self._today_value = timezone.localdate()
        return self._today_value


class PublicReportTable(BaseTable):
    tracking_code = tables.Column(linkify=("hazards:publicreport_detail", [tables.A("pk")]))
    region = tables.Column()
    description = tables.Column(orderable=False)
    status = StatusColumn()

    secondary_columns = ("region", "enterprise_name", "created_at")

    class Meta(BaseTable.Meta):
        model = PublicReport
        fields = [
            "tracking_code",
            "created_at",
            "region",
            "enterprise_name",
            "description",
            "status",
        ]

    def render_description(self, value):
        return Truncator(value).chars(40)


class MajorHazardCriterionTable(BaseTable):
    code = tables.Column(linkify=("hazards:majorhazardcriterion_detail", [tables.A("pk")]))
    text = tables.Column(orderable=False)

    class Meta(BaseTable.Meta):
        model = MajorHazardCriterion
        fields = ["code", "group", "text", "legal_basis", "active"]


class VerificationTierTable(BaseTable):
    order = tables.Column(linkify=("hazards:verificationtier_detail", [tables.A("pk")]))

    class Meta(BaseTable.Meta):
        model = VerificationTier
        fields = ["level", "order", "signer_level", "label"]


class SelfReportingTable(BaseTable):
    """The focused-inspection list: enterprises and how many hazards each reported itself."""

    name = tables.Column(linkify=("enterprises:enterprise_detail", [tables.A("pk")]))
    region = tables.Column()
    self_reports = tables.Column(verbose_name=_("self-reported this quarter"))

    secondary_columns = ("region",)

    class Meta(BaseTable.Meta):
        model = Enterprise
        fields = ["name", "region", "self_reports"]
