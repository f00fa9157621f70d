"""The Excel ledger of enforcement cases (行政处罚案件台账), through core's all-or-nothing import.

A row finds its stored case by the record number (the ``id`` column an export writes; empty for a
new case). The case number, status, total fine, publication due day and flag are the system's and
not read back; the legal bases and penalties are added on the case page (each checked against its
range), the moves go through the workflow. The same form as the page, so the same rules.
"""

from django.utils.translation import gettext_lazy

from anjian.core.excel import Column
from anjian.enforcement.forms import EnforcementCaseForm
from anjian.enforcement.models import EnforcementCase
from anjian.spaces.ledger import EXAMPLE_ENTERPRISE, RECORD_NUMBER, RecordNumberLedger


class EnforcementCaseLedger(RecordNumberLedger):
    model = EnforcementCase
    form_class = EnforcementCaseForm
    sheet_title = gettext_lazy("Enforcement cases")
    columns = [
        Column("id", header=RECORD_NUMBER),
        Column("party_kind"),
        Column("enterprise", lookup="uscc", alternate_lookups=("name",)),
        Column("person_name"),
        Column("person_position"),
        Column("person_organization"),
        Column("region", lookup="code", alternate_lookups=("name",)),
        Column("opened_on"),
        Column("facts"),
        Column("decision_number"),
        Column("decision_date"),
        Column("fulfilled_on"),
        Column("published_on"),
        Column("publication_place"),
        Column("publication_url"),
    ]
    example = {
        "party_kind": "企业",
        "enterprise": EXAMPLE_ENTERPRISE,
        "opened_on": "2026-03-02",
        "facts": "未对有限空间作业进行审批，未安排专人监护",
        "decision_number": "江海应急罚〔2026〕12号",
        "decision_date": "2026-03-20",
    }
