"""The permits app's lists. Badges are built in Python (``status_badge``), never a template per cell."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from anjian.core.tables import BaseTable, StatusColumn, status_badge
from anjian.permits.models import AttachmentKind, Delegation, GasThreshold, Permit


def late_badge():
    """The orange flag of a filing made later than the configured lead time (shown everywhere)."""
    return status_badge("late", str(_("Filed late")))


class PermitTable(BaseTable):
    number = tables.Column(
        verbose_name=_("permit"), linkify=("permits:permit_detail", [tables.A("pk")])
    )
    enterprise = tables.Column(verbose_name=_("enterprise"), accessor="enterprise__name")
    space = tables.Column(verbose_name=_("confined space"), accessor="space__name")
    status = StatusColumn()
    late = tables.Column(
        verbose_name=_("filing"), accessor="filed_late", order_by="filed_late", empty_values=()
    )

    secondary_columns = ("enterprise", "planned_end", "late")

    class Meta(BaseTable.Meta):
        model = Permit
        fields = ["number", "enterprise", "space", "planned_start", "planned_end", "status", "late"]

    def render_status(self, value, record):
        if record.filed_late:
            return format_html("{}{}", status_badge(record.status, value), late_badge())
        return status_badge(record.status, value)

    def render_late(self, record):
        if record.filed_late:
            return late_badge()
        return "—"

    def value_late(self, record):
        return str(_("Filed late")) if record.filed_late else ""


class DelegationTable(BaseTable):
    delegate = tables.Column(
        verbose_name=_("delegate"),
        accessor="delegate__name",
        linkify=("permits:delegation_detail", [tables.A("pk")]),
    )
    principal = tables.Column(verbose_name=_("principal"), accessor="principal__name")
    enterprise = tables.Column(verbose_name=_("enterprise"), accessor="enterprise__name")

    secondary_columns = ("principal", "enterprise")

    class Meta(BaseTable.Meta):
        model = Delegation
        fields = ["delegate", "principal", "enterprise", "valid_from", "valid_until"]


class GasThresholdTable(BaseTable):
    code = tables.Column(linkify=("permits:gasthreshold_detail", [tables.A("pk")]))
    limit = tables.Column(verbose_name=_("limit"), accessor="limit_text", orderable=False)

    class Meta(BaseTable.Meta):
        model = GasThreshold
        fields = ["code", "name", "limit", "warn", "molar_mass", "source", "order", "active"]


class AttachmentKindTable(BaseTable):
    name = tables.Column(linkify=("permits:attachmentkind_detail", [tables.A("pk")]))

    class Meta(BaseTable.Meta):
        model = AttachmentKind
        fields = ["order", "code", "name", "required", "generated", "active"]
