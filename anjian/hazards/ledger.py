"""The Excel ledger of hazards (隐患台账), through core's all-or-nothing import.

A row finds its stored hazard by the record number (the ``id`` column an export writes; empty for
a new hazard, which is reported through ``services.report_hazard`` like the page). The hazard
number, level and status are written for the reader and not read back: the level follows the
criteria, the status moves only through the closed loop.
"""

from django.utils.translation import gettext_lazy

from anjian.core.excel import Column
from anjian.hazards.forms import HazardForm
from anjian.hazards.models import Hazard
from anjian.spaces.ledger import EXAMPLE_ENTERPRISE, RECORD_NUMBER, RecordNumberLedger


class HazardLedgerForm(HazardForm):
    """The page's form without the photo and the criteria (ticked on the page, where the
    escalation they cause is shown)."""

    class Meta(HazardForm.Meta):
        fields = [f for f in HazardForm.Meta.fields if f != "criteria"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("evidence_photo", None)


class HazardLedger(RecordNumberLedger):
    model = Hazard
    form_class = HazardLedgerForm
    sheet_title = gettext_lazy("Hazards")
    columns = [
        Column("id", header=RECORD_NUMBER),
        Column("enterprise", lookup="uscc", alternate_lookups=("name",)),
        Column("place"),
        Column("space", lookup="code", alternate_lookups=("name",)),
        Column("description"),
        Column("category"),
        Column("source"),
        Column("found_on"),
        Column("found_by_name"),
        Column("legal_basis"),
        Column("measures"),
        Column("responsible_name"),
        Column("deadline"),
        Column("funds"),
    ]
    example = {
        "enterprise": EXAMPLE_ENTERPRISE,
        "place": "污水站二层楼梯口",
        "description": "隔离门高度不足，不能防止人员跨越进入有限空间，且未张贴安全警示标志",
        "category": "有限空间",
        "source": "自查",
        "found_on": "2026-03-02",
        "found_by_name": "安全主任",
        "legal_basis": "工贸企业有限空间作业安全规定 第十九条",
        "measures": "加高隔离门至 1.8 米并上锁，张贴警示标志",
        "responsible_name": "李四",
        "deadline": "2026-03-31",
        "funds": 3000,
    }
