"""The enterprise ledger: template, export → import round trip, good and bad files."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from anjian.core.workflow import timeline
from anjian.enterprises.ledger import EnterpriseLedger
from anjian.enterprises.models import Enterprise
from anjian.enterprises.testing import EnterpriseFactory, make_uscc

pytestmark = pytest.mark.django_db


def xlsx(rows) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(EnterpriseLedger().headers())
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "enterprises.xlsx"
    return buffer


def row(name, uscc, region="东南村", industry="C39", grade="", **extra):
    values = {
        "name": name,
        "uscc": uscc,
        "region": region,
        "industry": industry,
        "status": "Operating",
        "risk_grade": grade,
        **extra,
    }
    return [values.get(c.field, "") for c in EnterpriseLedger.columns]


def test_template_download(world, client):
    client.force_login(world.users["subdistrict_officer"])
    response = client.get(reverse("enterprises:enterprise_import_template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == EnterpriseLedger().headers()


def test_export_round_trips_and_changes_nothing(world, client):
    inside = world.enterprises["inside"]
    landlord = EnterpriseFactory(
        region=inside.region,
        name="房东实业有限公司",
        employee_count=30,
        principal_phone="13800000000",
    )
    Enterprise.objects.filter(pk=inside.pk).update(landlord=landlord, risk_grade="B")
    client.force_login(world.users["subdistrict_officer"])
    response = client.get(reverse("enterprises:enterprise_list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = {r[0] for r in list(sheet.iter_rows(values_only=True))[1:]}
    assert names == {inside.name, landlord.name}  # nothing of 江南街道
    fields = [f.attname for f in Enterprise._meta.concrete_fields]
    snapshot = list(Enterprise.objects.order_by("pk").values_list(*fields))
    history = Enterprise.history.count()
    back = io.BytesIO(response.content)
    back.name = "export.xlsx"
    result = client.post(reverse("enterprises:enterprise_import"), {"file": back, "confirm": "1"})
    assert result.status_code == 302
    assert list(Enterprise.objects.order_by("pk").values_list(*fields)) == snapshot
    assert Enterprise.history.count() == history


def test_good_file_previews_then_writes_on_confirm(world, client):
    client.force_login(world.users["subdistrict_officer"])
    upload = [
        row("江门市新建电子有限公司", make_uscc(), region="440704003001", grade="C"),
        row(
            "江门市新建五金有限公司",
            make_uscc(),
            industry="计算机、通信和其他电子设备制造业",
            landlord="江门市新建电子有限公司",
        ),
    ]
    preview = client.post(reverse("enterprises:enterprise_import"), {"file": xlsx(upload)})
    assert preview.status_code == 200
    assert not Enterprise.objects.filter(name__startswith="江门市新建").exists()
    done = client.post(
        reverse("enterprises:enterprise_import"), {"file": xlsx(upload), "confirm": "1"}
    )
    assert done.status_code == 302
    first = Enterprise.objects.get(name="江门市新建电子有限公司")
    second = Enterprise.objects.get(name="江门市新建五金有限公司")
    assert first.risk_grade == "C" and timeline(first).get().reason
    assert second.landlord == first and second.industry.code == "C39"


def test_bad_file_writes_nothing_and_names_every_bad_row(world, client, english):
    client.force_login(world.users["subdistrict_officer"])
    good = make_uscc()
    valid = make_uscc()
    wrong_digit = valid[:-1] + ("Y" if valid[-1] != "Y" else "X")  # never the right digit
    existing_outside = world.enterprises["outside"].uscc
    upload = [
        row("好企业有限公司", good),  # 2: fine
        row("校验位错误有限公司", wrong_digit),  # 3: check digit
        row("未知村有限公司", make_uscc(), region="不存在村"),  # 4: region
        row("重复代码有限公司", good),  # 5: repeated in the file
        row("未知行业有限公司", make_uscc(), industry="Z99"),  # 6: industry
        row("别人的企业", existing_outside),  # 7: held outside
        row("江南的企业有限公司", make_uscc(), region="江南社区"),  # 8: outside
        row("擅自定级有限公司", world.enterprises["inside"].uscc, grade="A"),  # 9: grade change
    ]
    before = Enterprise.objects.count()
    response = client.post(
        reverse("enterprises:enterprise_import"), {"file": xlsx(upload), "confirm": "1"}
    )
    assert response.status_code == 422
    assert Enterprise.objects.count() == before
    result = response.context["result"]
    bad = {r.number: " ".join(r.errors) for r in result.bad_rows}
    assert set(bad) == {3, 4, 5, 6, 7, 8, 9}
    assert "check digit" in bad[3]
    assert "不存在村" in bad[4]
    assert "row 2" in bad[5]
    assert "Z99" in bad[6]
    assert "cannot change" in bad[7]
    assert "reason" in bad[9]
