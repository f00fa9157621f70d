"""The confined-space and equipment ledgers: a good file previews then writes, an export imports
back unchanged, a bad file writes nothing and names every bad row with its reason."""

import io

from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from anjian.core.models import AuditEvent
from anjian.spaces.ledger import ConfinedSpaceLedger, SafetyEquipmentLedger
from anjian.spaces.models import ConfinedSpace, SafetyEquipment
from anjian.spaces.testing import ConfinedSpaceFactory


def xlsx(ledger_class, rows) -> io.BytesIO:
    with translation.override("zh-hans"):
        headers = ledger_class().headers()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h, "") for h in _fields(ledger_class)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "ledger.xlsx"
    return buffer


def _fields(ledger_class):
    return [c.field for c in ledger_class.columns]


def _space(enterprise, code, **extra):
    return {
        "enterprise": enterprise,
        "code": code,
        "name": f"污水池{code}",
        "kind": "地下有限空间",
        "toxic_gases": "H2S、一氧化碳（CO）",
        "isolation": "锁",
        "isolation_effective": "是",
        "performed_by": "自行作业",
        "status": "在用",
        **extra,
    }


def test_spaces_good_file_previews_then_writes(world, login):
    client = login(world.users["enterprise_manager"])
    inside = world.enterprises["inside"]
    rows = [_space(inside.uscc, "YX-01"), _space(inside.name, "YX-02", toxic_gases="")]
    url = reverse("spaces:confinedspace_import")
    preview = client.post(url, {"file": xlsx(ConfinedSpaceLedger, rows), "confirm": "0"})
    assert preview.status_code == 200 and preview.context["result"].ok, preview.context[
        "result"
    ].bad_rows and [r.errors for r in preview.context["result"].bad_rows]
    assert not ConfinedSpace.objects.exists()
    done = client.post(url, {"file": xlsx(ConfinedSpaceLedger, rows), "confirm": "1"})
    assert done.status_code == 302
    first = ConfinedSpace.objects.get(code="YX-01")
    assert first.enterprise == inside and first.region == inside.region
    assert first.toxic_gases == ["H2S", "CO"] and first.has_toxic_risk
    assert first.kind == "underground" and first.isolation == "lock" and first.isolation_effective
    assert ConfinedSpace.objects.get(code="YX-02").toxic_gases == []
    assert AuditEvent.objects.filter(action="spaces.confinedspace.imported").exists()


def test_spaces_export_imports_back_unchanged_and_a_changed_cell_updates(world, login):
    client = login(world.users["admin"])
    inside = world.enterprises["inside"]
    space = ConfinedSpaceFactory(enterprise=inside, code="YX-09", toxic_gases=["H2S", "CO2"])
    exported = client.get(reverse("spaces:confinedspace_list") + "?export=xlsx")
    assert exported.status_code == 200
    content = b"".join(exported.streaming_content) if exported.streaming else exported.content
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[header.index("有限空间编号")] == "YX-09"
    assert row[header.index("有毒有害气体")] == "H2S、CO2"
    back = io.BytesIO(content)
    back.name = "back.xlsx"
    url = reverse("spaces:confinedspace_import")
    preview = client.post(url, {"file": back, "confirm": "0"})
    result = preview.context["result"]
    assert result.ok and result.summary["unchanged"] == 1 and result.summary["created"] == 0
    sheet.cell(row=2, column=header.index("有毒有害气体") + 1, value="H2S")
    changed = io.BytesIO()
    workbook.save(changed)
    changed.seek(0)
    changed.name = "changed.xlsx"
    done = client.post(url, {"file": changed, "confirm": "1"})
    assert done.status_code == 302
    space.refresh_from_db()
    assert space.toxic_gases == ["H2S"] and ConfinedSpace.objects.count() == 1


def test_spaces_bad_file_names_every_bad_row_and_writes_nothing(world, login):
    client = login(world.users["enterprise_manager"])
    inside, outside = world.enterprises["inside"], world.enterprises["outside"]
    taken = ConfinedSpaceFactory(enterprise=inside, code="TAKEN")
    rows = [
        _space(inside.uscc, "OK-1"),  # 2: good
        _space(inside.uscc, "OK-2", kind="天上"),  # 3: no such kind
        _space("火星公司", "OK-3"),  # 4: unknown enterprise
        _space(inside.uscc, "OK-1"),  # 5: same enterprise and code as row 2
        _space(outside.uscc, "OK-5"),  # 6: another enterprise, out of the manager's reach
        _space(inside.uscc, "TAKEN"),  # 7: the code is on file already (a new row)
        {**_space(inside.uscc, "OK-7"), "id": 999999},  # 8: no such record number
        _space(inside.uscc, "OK-8", toxic_gases="H2S、芥子气"),  # 9: unknown gas
        _space(inside.uscc, "OK-9", isolation="无", isolation_effective="是"),  # 10: rule
    ]
    response = client.post(
        reverse("spaces:confinedspace_import"),
        {"file": xlsx(ConfinedSpaceLedger, rows), "confirm": "1"},
    )
    assert response.status_code == 422
    bad = {row.number: " ".join(row.errors) for row in response.context["result"].bad_rows}
    assert sorted(bad) == [3, 4, 5, 6, 7, 8, 9, 10], bad
    assert "火星公司" in bad[4] and "2" in bad[5] and "999999" in bad[8] and "芥子气" in bad[9]
    assert "TAKEN" in bad[7]
    assert list(ConfinedSpace.objects.values_list("pk", flat=True)) == [taken.pk]


def test_equipment_good_and_bad_files(world, login):
    client = login(world.users["enterprise_manager"])
    inside = world.enterprises["inside"]
    good = {
        "enterprise": inside.uscc,
        "kind": "气体检测报警仪",
        "name": "四合一气体检测仪",
        "serial_number": "MA-1",
        "quantity": 2,
        "calibrated_on": "2026-03-01",
        "valid_until": "2027-02-28",
        "status": "在用",
    }
    bad_dates = {**good, "name": "倒序", "valid_until": "2026-01-01"}
    bad_quantity = {**good, "name": "零台", "quantity": 0}
    url = reverse("spaces:safetyequipment_import")
    response = client.post(
        url, {"file": xlsx(SafetyEquipmentLedger, [good, bad_dates, bad_quantity]), "confirm": "1"}
    )
    assert response.status_code == 422
    assert sorted(r.number for r in response.context["result"].bad_rows) == [3, 4]
    assert not SafetyEquipment.objects.exists()
    done = client.post(url, {"file": xlsx(SafetyEquipmentLedger, [good]), "confirm": "1"})
    assert done.status_code == 302
    item = SafetyEquipment.objects.get()
    assert item.quantity == 2 and item.region == inside.region and item.kind == "gas_detector"


def test_the_template_downloads_with_its_example_row(world, login):
    client = login(world.users["enterprise_manager"])
    response = client.get(reverse("spaces:confinedspace_import_template"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.cell(row=2, column=4).value == "好氧池"
