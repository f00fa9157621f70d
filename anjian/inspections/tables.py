import django_tables2 as tables
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anjian.core.tables import BaseTable, status_badge
from anjian.inspections import rules
from anjian.inspections.models import Campaign, ChecklistTemplate, Inspection, LegalBasis


def status_badge_of(inspection, today=None):
    """The state of an inspection as a badge; a planned one past its day reads overdue."""
    if rules.is_overdue(inspection, today):
        return status_badge("overdue", f"{inspection.get_status_display()} {gettext('Overdue')}")
    return status_badge(inspection.status, inspection.get_status_display())


class InspectionTable(BaseTable):
    enterprise = tables.Column(linkify=("inspections:inspection_detail", [tables.A("pk")]))
    kind = tables.Column()
    planned_on = tables.Column(verbose_name=_("planned on"))
    status = tables.Column(verbose_name=_("status"))

    secondary_columns = ("kind", "inspected_on", "inspector_names", "campaign")

    class Meta(BaseTable.Meta):
        model = Inspection
        fields = [
            "enterprise",
            "kind",
            "planned_on",
            "inspected_on",
            "inspector_names",
            "campaign",
            "status",
        ]

    def render_planned_on(self, value, record):
        return value.strftime("%Y-%m-%d")

    def value_planned_on(self, value, record):
        return value

    def render_status(self, value, record):
        if not hasattr(self, "_today_value"):
            self._today_value = timezone.localdate()
        return status_badge_of(record, self._today_value)

    def value_status(self, value, record):
        return record.get_status_display()


class CampaignTable(BaseTable):
    name = tables.Column(linkify=("inspections:campaign_detail", [tables.A("pk")]))
    topic = tables.Column(orderable=False)

    secondary_columns = ("region", "topic", "organizer")

    class Meta(BaseTable.Meta):
        model = Campaign
        fields = ["name", "region", "starts_on", "ends_on", "topic", "organizer"]

    def render_topic(self, value):
        return Truncator(value).chars(40)


class ChecklistTemplateTable(BaseTable):
    name = tables.Column(linkify=("inspections:checklisttemplate_detail", [tables.A("pk")]))

    class Meta(BaseTable.Meta):
        model = ChecklistTemplate
        fields = ["name", "code", "kind", "version", "is_current", "active"]


class LegalBasisTable(BaseTable):
    law = tables.Column(linkify=("inspections:legalbasis_detail", [tables.A("pk")]))
    summary = tables.Column(orderable=False)

    secondary_columns = ("summary", "party")

    class Meta(BaseTable.Meta):
        model = LegalBasis
        fields = ["law", "article", "clause", "summary", "party", "fine_min", "fine_max"]

    def render_summary(self, value):
        return Truncator(value).chars(50)
