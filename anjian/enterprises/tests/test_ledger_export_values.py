"""The enterprise export built from values_list (Ledger.export_values) writes exactly the cells the
instance-based export writes, in a flat number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anjian.enterprises.ledger import EnterpriseLedger
from anjian.enterprises.models import Enterprise
from anjian.enterprises.testing import EnterpriseFactory

pytestmark = pytest.mark.django_db


class InstanceLedger(EnterpriseLedger):
    export_values = False


def _rows(ledger):
    queryset = Enterprise.objects.order_by("name", "id")
    with CaptureQueriesContext(connection) as queries:
        rows = list(ledger.export_rows(queryset))
    return rows, len(queries)


def test_values_export_equals_instance_export(world):
    village = world.regions["village"]
    EnterpriseFactory(
        name="台山市广海湾渔业有限公司",
        region=village,
        landlord=world.enterprises["inside"],
        last_inspected_on=date(2024, 2, 29),
    )
    for number in range(5):
        EnterpriseFactory(name=f"江门市蓬江区第{number}五金厂", region=village)
    user = world.users["subdistrict_officer"]
    fast, fast_queries = _rows(EnterpriseLedger(user=user))
    slow, _slow_queries = _rows(InstanceLedger(user=user))
    assert fast == slow
    assert any("恒亦达" in str(cell) for row in fast for cell in row)  # the landlord's "USCC name"
    # one query for the rows, one per related model with rows, plus the grade intervals
    more = [EnterpriseFactory(name=f"开平市第{n}陶瓷厂", region=village) for n in range(10)]
    again, again_queries = _rows(EnterpriseLedger(user=user))
    assert len(again) == len(fast) + len(more)
    assert again_queries == fast_queries


def test_blank_cells_are_not_written(world):
    """A blank is no cell at all (cheaper to write, reads back as None like an empty string)."""
    import io
    import zipfile

    from anjian.core.excel import safe_cell

    assert safe_cell("") is None
    assert safe_cell("=1+1") == "'=1+1"
    content = EnterpriseLedger(user=world.users["subdistrict_officer"]).export(
        Enterprise.objects.order_by("name")
    )
    sheet = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert 't="inlineStr"></c>' not in sheet and "<t></t>" not in sheet
