"""The Excel ledger of accidents (事故台账), through core's all-or-nothing import.

A row finds its stored accident by the record number (the ``id`` column an export writes; empty
for a new accident). The page's form reads every row, so the same rules hold: the level and the
investigating government are derived by the model from the threshold table, and a new accident is
recorded as on the page — its investigation opened with its due date and the enterprise's grade
escalated once (``services.after_recording`` from the form's save; the per-row commit of
``RecordNumberLedger``). The export adds the derived level and investigating government for the
reader; they are not read back.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.accidents.forms import AccidentForm
from anjian.accidents.models import Accident
from anjian.core.excel import Column
from anjian.spaces.ledger import EXAMPLE_ENTERPRISE, RECORD_NUMBER, RecordNumberLedger


class AccidentLedger(RecordNumberLedger):
    model = Accident
    form_class = AccidentForm
    sheet_title = gettext_lazy("Accidents")
    columns = [
        Column("id", header=RECORD_NUMBER),
        Column("name", width=36),
        Column("occurred_at", width=18),
        Column("place"),
        Column("enterprise", lookup="uscc", alternate_lookups=("name",)),
        Column("region", lookup="code", alternate_lookups=("name",)),
        Column("space", lookup="code", alternate_lookups=("name",)),
        Column("kind"),
        Column("deaths"),
        Column("serious_injuries"),
        Column("injuries"),
        Column("direct_loss"),
        Column("summary", width=40),
        Column("notes"),
    ]
    example = {
        "name": "恒亦达“4·5”一般中毒事故",
        "occurred_at": "2026-04-05 14:45",
        "place": "污水处理站好氧池",
        "enterprise": EXAMPLE_ENTERPRISE,
        "space": "YX-01",
        "kind": "中毒和窒息",
        "deaths": 1,
        "serious_injuries": 0,
        "injuries": 1,
        "direct_loss": 2425000,
        "summary": "清理好氧池时作业人员中毒，造成1人死亡、1人受伤。",
    }

    def export_headers(self):
        return [*self.headers(), _("level"), _("investigating government")]

    def export_queryset(self, queryset):
        return super().export_queryset(queryset).select_related("investigating_region")

    def export_rows(self, queryset):
        for obj in self.export_objects(queryset):
            yield [
                *(self.cell_value(obj, c) for c in self.columns),
                obj.get_level_display(),
                obj.investigating_region.name if obj.investigating_region_id else "",
            ]
