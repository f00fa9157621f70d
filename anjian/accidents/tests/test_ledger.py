"""The accident register in Excel: the export of the scoped list opens back with the derived
level; a good file records its accidents through the page's form (level and investigating
government derived, investigation opened, grade escalated); a bad file writes nothing and names
every bad row; nobody imports an accident outside their jurisdiction."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from anjian.accidents.ledger import AccidentLedger
from anjian.accidents.models import Accident, Investigation
from anjian.accidents.testing import at, make_accident
from anjian.spaces.tests.test_ledger import xlsx

pytestmark = pytest.mark.django_db

IMPORT = "accidents:accident_import"


def _row(enterprise, name, **extra):
    return {
        "name": name,
        "occurred_at": datetime.datetime(2024, 2, 29, 14, 45),
        "place": "污水处理站好氧池",
        "enterprise": enterprise,
        "kind": "中毒和窒息",
        "deaths": 1,
        "serious_injuries": 0,
        "injuries": 1,
        "direct_loss": 2425000,
        "summary": "清理好氧池时作业人员中毒。",
        **extra,
    }


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_export_of_the_scoped_list_opens_back(world, login):
    client = login(world.users["regulator"])
    inside = make_accident(
        world.enterprises["inside"],
        name="恒亦达“4·5”一般中毒事故",
        occurred_at=at(datetime.date(2023, 4, 5)),
    )
    make_accident(world.enterprises["other_district"], name="别区的事故")
    listing = client.get(reverse("accidents:accident_list")).content.decode()
    assert reverse(IMPORT) in listing  # the import button
    exported = client.get(reverse("accidents:accident_list") + "?export=xlsx")
    assert exported.status_code == 200
    sheet = load_workbook(io.BytesIO(_content(exported))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    with translation.override("zh-hans"):
        assert header == AccidentLedger().export_headers()
    assert header[1:3] == ["名称", "发生时间"] and header[-2:] == ["级别", "负责调查的人民政府"]
    assert len(rows) == 2  # the other district's accident is not in the regulator's list
    row = dict(zip(header, rows[1], strict=True))
    assert row[header[0]] == inside.pk and row["名称"] == "恒亦达“4·5”一般中毒事故"
    assert row["发生时间"] == datetime.datetime(2023, 4, 5, 14, 45)
    assert row["企业"].startswith(world.enterprises["inside"].uscc)
    assert row["死亡人数"] == 1 and row["级别"] == "一般事故"
    assert row["负责调查的人民政府"] == world.regions["district"].name
    template = client.get(reverse("accidents:accident_import_template"))
    assert template.status_code == 200
    with translation.override("zh-hans"):
        headers = AccidentLedger().headers()
    assert [c.value for c in load_workbook(io.BytesIO(template.content)).active[1]] == headers
    back = io.BytesIO(_content(exported))
    back.name = "back.xlsx"
    preview = client.post(reverse(IMPORT), {"file": back, "confirm": "0"})
    result = preview.context["result"]
    assert result.ok and result.summary["unchanged"] == 1, [r.errors for r in result.bad_rows]


def test_good_file_records_accidents_as_the_page_does(world, login):
    client = login(world.users["regulator"])
    inside, outside = world.enterprises["inside"], world.enterprises["outside"]
    rows = [
        _row(inside.uscc, '恒亦达"4·5"一般中毒事故'),
        _row(outside.name, "江南“3·1”较大中毒事故", deaths=3, occurred_at="2024-03-01 08:00"),
    ]
    url = reverse(IMPORT)
    preview = client.post(url, {"file": xlsx(AccidentLedger, rows), "confirm": "0"})
    result = preview.context["result"]
    assert result.ok, [r.errors for r in result.bad_rows]
    assert not Accident.objects.exists()
    done = client.post(url, {"file": xlsx(AccidentLedger, rows), "confirm": "1"})
    assert done.status_code == 302
    first = Accident.objects.get(name='恒亦达"4·5"一般中毒事故')
    assert first.level == "ordinary" and first.region == inside.region
    assert first.investigating_region == world.regions["district"]
    assert first.occurred_on == datetime.date(2024, 2, 29)
    assert Investigation.objects.get(accident=first).due_on == datetime.date(2024, 4, 29)
    second = Accident.objects.get(name="江南“3·1”较大中毒事故")
    assert second.level == "larger" and second.investigating_region == world.regions["city"]
    for accident in (first, second):
        assert accident.escalated_at is not None
        accident.enterprise.refresh_from_db()
        assert accident.enterprise.risk_grade == "A"


def test_bad_file_names_every_row_and_writes_nothing(world, login):
    client = login(world.users["regulator"])
    inside = world.enterprises["inside"]
    future = datetime.date.today() + datetime.timedelta(days=30)
    rows = [
        _row(inside.uscc, "好的一行"),  # 2: good
        _row(inside.uscc, "负的死亡人数", deaths=-1),  # 3
        _row(inside.uscc, "未知类型", kind="陨石"),  # 4
        _row(inside.uscc, "", summary="没有名称"),  # 5
        _row(inside.uscc, "将来的事故", occurred_at=future.isoformat()),  # 6
        _row("", "没有企业也没有区域"),  # 7
        _row("不存在的企业有限公司", "找不到企业"),  # 8
        _row(inside.uscc, "负的损失", direct_loss=-5),  # 9
    ]
    response = client.post(reverse(IMPORT), {"file": xlsx(AccidentLedger, rows), "confirm": "1"})
    assert response.status_code == 422
    bad = {row.number: " ".join(row.errors) for row in response.context["result"].bad_rows}
    assert sorted(bad) == [3, 4, 5, 6, 7, 8, 9], bad
    assert not Accident.objects.exists() and not Investigation.objects.exists()


def test_no_import_outside_the_jurisdiction(world, login):
    client = login(world.users["regulator"])
    other = world.enterprises["other_district"]
    rows = [
        _row(world.enterprises["inside"].uscc, "区内的事故"),  # 2: good
        _row(other.uscc, "别区企业的事故"),  # 3: another district's enterprise
        _row("", "别区的事故", region=other.region.code),  # 4: another district's village
    ]
    response = client.post(reverse(IMPORT), {"file": xlsx(AccidentLedger, rows), "confirm": "1"})
    assert response.status_code == 422
    bad = {row.number: " ".join(row.errors) for row in response.context["result"].bad_rows}
    assert sorted(bad) == [3, 4], bad
    assert not Accident.objects.exists()
    # Whoever may not record accidents may not import them either.
    manager = login(world.users["enterprise_manager"])
    refused = manager.post(
        reverse(IMPORT), {"file": xlsx(AccidentLedger, rows[:1]), "confirm": "1"}
    )
    assert refused.status_code in (403, 404)
    assert not Accident.objects.exists()
