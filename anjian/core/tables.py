import json

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from anjian.core.models import AuditEvent


class BaseTable(tables.Table):
    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        template_name = "django_tables2/bootstrap5-responsive.html"


class JSONColumn(tables.Column):
    """JSON as readable text (Chinese kept as Chinese)."""

    def render(self, value):
        return json.dumps(value, ensure_ascii=False) if value else "—"

    def value(self, value):
        return json.dumps(value, ensure_ascii=False) if value else ""


class AuditEventTable(BaseTable):
    at = tables.DateTimeColumn(format="Y-m-d H:i:s")
    object_repr = tables.Column(verbose_name=_("object"))
    detail = JSONColumn()

    class Meta(BaseTable.Meta):
        model = AuditEvent
        fields = ["at", "action", "actor_username", "ip_address", "object_repr", "detail"]
