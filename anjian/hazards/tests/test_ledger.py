"""The hazard ledger in Excel: a good file writes through the same service as the page (self-
reporting counted, numbers drawn), an export imports back unchanged, a bad file writes nothing and
names every bad row with its reason."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from anjian.hazards.ledger import HazardLedger
from anjian.hazards.models import Hazard
from anjian.hazards.testing import make_hazard
from anjian.spaces.testing import space_in
from anjian.spaces.tests.test_ledger import xlsx


def _row(enterprise, description, **extra):
    return {
        "enterprise": enterprise,
        "description": description,
        "category": "有限空间",
        "source": "企业自查",
        "found_on": "2024-02-29",
        "measures": "加装警示标志",
        "responsible_name": "李四",
        "deadline": "2024-03-31",
        "funds": 1500,
        **extra,
    }


def test_good_file_writes_through_the_service(world, login):
    client = login(world.users["enterprise_manager"])
    inside = world.enterprises["inside"]
    space = space_in(world, world.regions["village"], code="YX-77")
    rows = [
        _row(inside.uscc, "污水池未设警示标志", space="YX-77"),
        _row(inside.name, "盖板破损", category="设备设施"),
    ]
    url = reverse("hazards:hazard_import")
    preview = client.post(url, {"file": xlsx(HazardLedger, rows), "confirm": "0"})
    result = preview.context["result"]
    assert result.ok, [r.errors for r in result.bad_rows]
    assert not Hazard.objects.exists()
    done = client.post(url, {"file": xlsx(HazardLedger, rows), "confirm": "1"})
    assert done.status_code == 302
    first = Hazard.objects.get(description="污水池未设警示标志")
    assert first.space == space and first.region == inside.region
    assert first.number == "YH-2024-00001" and first.self_reported
    assert first.found_by == world.users["enterprise_manager"]
    assert str(first.funds) == "1500.00"


def test_export_imports_back_unchanged(world, login):
    client = login(world.users["subdistrict_officer"])
    make_hazard(world.enterprises["inside"], description="配电箱未上锁", measures="上锁")
    exported = client.get(reverse("hazards:hazard_list") + "?export=xlsx")
    assert exported.status_code == 200
    content = b"".join(exported.streaming_content) if exported.streaming else exported.content
    sheet = load_workbook(io.BytesIO(content)).active
    header = [c.value for c in sheet[1]]
    assert "隐患描述" in header
    back = io.BytesIO(content)
    back.name = "back.xlsx"
    preview = client.post(reverse("hazards:hazard_import"), {"file": back, "confirm": "0"})
    result = preview.context["result"]
    assert result.ok and result.summary["unchanged"] == 1, [r.errors for r in result.bad_rows]


def test_bad_file_names_every_row_and_writes_nothing(world, login):
    client = login(world.users["enterprise_manager"])
    inside, outside = world.enterprises["inside"], world.enterprises["outside"]
    rows = [
        _row(inside.uscc, "好的一行"),  # 2: good
        _row(inside.uscc, "期限早于发现", deadline="2024-01-01"),  # 3: deadline before found
        _row(outside.uscc, "别家企业"),  # 4: outside the manager's reach
        _row(inside.uscc, "检查来源", source="监督检查"),  # 5: an enterprise reports self-checks
        _row(inside.uscc, "", category="有限空间"),  # 6: no description
        _row(inside.uscc, "负资金", funds=-5),  # 7: negative funds
    ]
    response = client.post(
        reverse("hazards:hazard_import"), {"file": xlsx(HazardLedger, rows), "confirm": "1"}
    )
    assert response.status_code == 422
    bad = {row.number: " ".join(row.errors) for row in response.context["result"].bad_rows}
    assert sorted(bad) == [3, 4, 5, 6, 7], bad
    assert not Hazard.objects.exists()
