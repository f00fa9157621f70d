import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from anjian.core.tables import BaseTable, status_badge
from anjian.evaluations.models import DisclosurePolicy, Evaluation, Finding


class EvaluationTable(BaseTable):
    accident = tables.Column(linkify=("evaluations:evaluation_detail", [tables.A("pk")]))
    status = tables.Column()

    secondary_columns = ("organizer", "started_on", "ended_on")

    class Meta(BaseTable.Meta):
        model = Evaluation
        fields = ["accident", "organizer", "due_on", "started_on", "ended_on", "status"]

    def render_status(self, record, value):
        return status_badge(record.status, record.get_status_display())


class FindingTable(BaseTable):
    problem = tables.Column(linkify=("evaluations:finding_detail", [tables.A("pk")]))
    status = tables.Column(verbose_name=_("status"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = Finding
        fields = ["problem", "handed_to_enterprise", "handed_to_organization", "deadline"]

    def render_status(self, record):
        return record.get_status_display()


class DisclosurePolicyTable(BaseTable):
    field = tables.Column(linkify=("evaluations:disclosurepolicy_detail", [tables.A("pk")]))

    class Meta(BaseTable.Meta):
        model = DisclosurePolicy
        fields = ["field", "masked", "note"]
