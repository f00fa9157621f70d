from anjian.core import audit
from anjian.core.filtersets import AuditEventFilterSet
from anjian.core.models import AuditEvent
from anjian.core.tables import AuditEventTable
from anjian.core.views import ObjectListView


class AuditEventWordsTable(AuditEventTable):
    """The log with each code in words (``audit.action_label``)."""

    def render_action(self, value):
        return audit.action_label(value)

    def value_action(self, value):
        return audit.action_label(value)


class AuditEventListView(ObjectListView):
    """The security and regulatory log; auditors and administrators only (view_auditevent)."""

    model = AuditEvent
    table_class = AuditEventWordsTable
    filterset_class = AuditEventFilterSet
    paginate_by = 50
