"""The region ledger: export, template, and the all-or-nothing import."""

import io

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from anjian.core.models import AuditEvent
from anjian.regions.models import Region

HEADERS = ["代码", "名称", "级别", "上级区域"]


def xlsx(rows, headers=HEADERS) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "regions.xlsx"
    return buffer


def test_bad_file_writes_nothing_and_names_every_bad_row(world, login):
    client = login(world.users["admin"])
    before = Region.objects.count()
    upload = xlsx(
        [
            ["440704003009", "新村", "村（居、社区）", "外海街道"],  # good
            ["440704003010", "坏级别", "省", "外海街道"],  # unknown level
            ["440704003011", "无上级", "村（居、社区）", "火星街道"],  # unknown parent
            ["440704003009", "重复", "村（居、社区）", "外海街道"],  # duplicate code in the file
            ["bad code!", "坏代码", "村（居、社区）", "440704003"],  # code format
            ["440704003012", "错层", "街道（镇）", "外海街道"],  # sub-district under a sub-district
        ]
    )
    response = client.post(reverse("regions:region_import"), {"file": upload, "confirm": "1"})
    assert response.status_code == 422
    result = response.context["result"]
    assert [row.number for row in result.bad_rows] == [3, 4, 5, 6, 7]
    reasons = {row.number: " ".join(row.errors) for row in result.bad_rows}
    assert "火星街道" in reasons[4]
    assert "2" in reasons[5]  # "already appears in row 2"
    assert Region.objects.count() == before
    assert not Region.objects.filter(code="440704003009").exists()


def test_good_file_previews_then_writes_on_confirm(world, login):
    client = login(world.users["admin"])
    rows = [
        ["440704003020", "甲村", "村（居、社区）", "440704003"],
        ["440704003020-01", "甲村第一网格", "网格", "440704003020"],
    ]  # refers to the row above
    preview = client.post(reverse("regions:region_import"), {"file": xlsx(rows), "confirm": "0"})
    assert preview.status_code == 200 and preview.context["result"].ok
    assert not Region.objects.filter(code="440704003020").exists()
    done = client.post(reverse("regions:region_import"), {"file": xlsx(rows), "confirm": "1"})
    assert done.status_code == 302
    grid = Region.objects.get(code="440704003020-01")
    assert grid.path == "/440700/440704/440704003/440704003020/440704003020-01/"
    assert AuditEvent.objects.filter(action="regions.region.imported").exists()


def test_import_refuses_rows_outside_the_jurisdiction(world, login):
    client = login(world.users["subdistrict_officer"])  # 外海街道
    rows = [
        ["440704003030", "乙村", "村（居、社区）", "外海街道"],
        ["440704001030", "丙村", "村（居、社区）", "江南街道"],
    ]
    response = client.post(reverse("regions:region_import"), {"file": xlsx(rows), "confirm": "1"})
    assert response.status_code == 422
    assert [row.number for row in response.context["result"].bad_rows] == [3]
    assert not Region.objects.filter(code__in=["440704003030", "440704001030"]).exists()


def test_malformed_and_oversized_uploads_get_a_clear_message(world, login, settings):
    client = login(world.users["admin"])
    junk = io.BytesIO(b"this is not excel")
    junk.name = "junk.xlsx"
    response = client.post(reverse("regions:region_import"), {"file": junk})
    assert response.status_code == 400 and "Excel" in response.context["file_error"]
    wrong = xlsx([["x"]], headers=["别的列"])
    response = client.post(reverse("regions:region_import"), {"file": wrong})
    assert response.status_code == 400 and "代码" in response.context["file_error"]
    settings.ANJIAN_MAX_UPLOAD_BYTES = 10
    response = client.post(reverse("regions:region_import"), {"file": xlsx([])})
    assert response.status_code == 400 and "MB" in response.context["file_error"]


def test_export_round_trips_and_is_scoped(world, login):
    client = login(world.users["subdistrict_officer"])
    response = client.get(reverse("regions:region_list"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    codes = {row[0] for row in rows[1:]}
    assert codes == {"440704003", "440704003001", "440704003001-01"}  # nothing of 江南街道
    assert AuditEvent.objects.filter(action="regions.region.exported").exists()
    # importing the export changes nothing
    snapshot = list(Region.objects.values_list("code", "name", "level", "parent_id", "path"))
    back = io.BytesIO(response.content)
    back.name = "export.xlsx"
    result = client.post(reverse("regions:region_import"), {"file": back, "confirm": "1"})
    assert result.status_code == 302
    assert list(Region.objects.values_list("code", "name", "level", "parent_id", "path")) == (
        snapshot
    )


def test_template_download(world, login):
    client = login(world.users["admin"])
    response = client.get(reverse("regions:region_import_template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADERS
