from anjian.core.filtersets import AuditEventFilterSet
from anjian.core.models import AuditEvent
from anjian.core.tables import AuditEventTable
from anjian.core.views import ObjectListView


class AuditEventListView(ObjectListView):
    """The security and regulatory log; auditors and administrators only (view_auditevent)."""

    model = AuditEvent
    table_class = AuditEventTable
    filterset_class = AuditEventFilterSet
    paginate_by = 50
