"""Pages, API, Word decision, totals and Excel of enforcement cases."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document
from openpyxl import Workbook, load_workbook

from anjian.core.models import AuditEvent
from anjian.enforcement import services
from anjian.enforcement.ledger import EnforcementCaseLedger
from anjian.enforcement.models import EnforcementCase
from anjian.enforcement.testing import decidable, make_case

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _decided(world, enterprise, *, amount=Decimal(20000), day=None, **kwargs):
    day = day or TODAY - datetime.timedelta(days=1)
    case = make_case(enterprise, opened_on=day - datetime.timedelta(days=10), **kwargs)
    decidable(case, decision_date=day, amount=amount)
    services.transition(case, "decide", actor=world.users["regulator"])
    case.refresh_from_db()
    return case


def test_list_filters(world, login):
    inside, outside = world.enterprises["inside"], world.enterprises["outside"]
    overdue = _decided(world, inside, day=TODAY - datetime.timedelta(days=30))
    fresh = _decided(world, outside)
    opened = make_case(inside)
    person = make_case(
        None, party_kind="person", person_name="陈庆芳", region=world.regions["village"]
    )
    client = login(world.users["admin"])
    url = reverse("enforcement:enforcementcase_list")

    def rows(query):
        response = client.get(url + query)
        assert response.status_code == 200
        return {r.record.pk for r in response.context["table"].page.object_list}

    assert rows("?publication=overdue") == {overdue.pk}
    EnforcementCase._base_manager.filter(pk=fresh.pk).update(
        publication_due=TODAY + datetime.timedelta(days=1)
    )
    assert rows("?publication=due_soon") == {fresh.pk}
    assert rows("?publication=unpublished") == {overdue.pk, fresh.pk}
    assert rows("?status=opened") == {opened.pk, person.pk}
    assert rows("?party_kind=person") == {person.pk}
    assert rows(f"?enterprise={inside.pk}") == {overdue.pk, opened.pk}
    assert rows(f"?year={TODAY.year}&status=decided") >= {fresh.pk}
    assert rows("?repeat_offender=yes") == set()
    assert rows("?q=陈庆芳") == {person.pk}


def test_detail_shows_penalties_flag_and_the_decision_link(world, login):
    case = _decided(world, world.enterprises["inside"])
    EnforcementCase._base_manager.filter(pk=case.pk).update(repeat_offender=True)
    client = login(world.users["regulator"])
    response = client.get(reverse("enforcement:enforcementcase_detail", args=[case.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="repeat-offender"' in html and "penalty-row" in html
    assert reverse("enforcement:enforcementcase_document", args=[case.pk, "decision"]) in html


def test_the_word_decision_opens_and_holds_the_facts(world, login):
    case = _decided(world, world.enterprises["inside"], facts="未经审批进入污水池清淤作业")
    client = login(world.users["regulator"])
    response = client.get(
        reverse("enforcement:enforcementcase_document", args=[case.pk, "decision"])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "未经审批进入污水池清淤作业" in text
    assert case.decision_number in text
    assert world.enterprises["inside"].name in cells and "20,000.00" in cells
    assert AuditEvent.objects.filter(
        action="enforcement.enforcementcase.document_downloaded"
    ).exists()
    # Out of reach: 404.
    other = login(world.users["subdistrict_officer"])
    outside = make_case(world.enterprises["outside"])
    assert (
        other.get(
            reverse("enforcement:enforcementcase_document", args=[outside.pk, "decision"])
        ).status_code
        == 404
    )


def test_totals_by_period_and_sub_district_within_reach(world, login):
    inside, outside = world.enterprises["inside"], world.enterprises["outside"]
    year = TODAY.year - 1
    _decided(world, inside, amount=Decimal(15000), day=datetime.date(year, 3, 5))
    _decided(world, inside, amount=Decimal(10000), day=datetime.date(year, 3, 20))
    _decided(world, outside, amount=Decimal(8000), day=datetime.date(year, 8, 1))
    make_case(inside)  # not decided: not counted
    url = reverse("enforcement:totals")
    admin = login(world.users["admin"])
    response = admin.get(url + f"?year={year}&period=month")
    assert response.status_code == 200
    assert response.context["rows"] == [
        (f"{year}-03", 2, Decimal(25000)),
        (f"{year}-08", 1, Decimal(8000)),
    ]
    assert [(a.name, n, s) for a, n, s in response.context["areas"]] == [
        ("外海街道", 2, Decimal(25000)),
        ("江南街道", 1, Decimal(8000)),
    ]
    assert response.context["grand"] == (3, Decimal(33000))
    quarters = admin.get(url + f"?year={year}&period=quarter").context["rows"]
    assert [(n, s) for _, n, s in quarters] == [(2, Decimal(25000)), (1, Decimal(8000))]
    # The sub-district officer sees their own sub-district only.
    officer = login(world.users["subdistrict_officer"])
    scoped = officer.get(url + f"?year={year}&period=year")
    assert scoped.context["grand"] == (2, Decimal(25000))
    assert [a.name for a, _, _ in scoped.context["areas"]] == ["外海街道"]


def test_the_case_form_creates_a_person_case(world, login):
    client = login(world.users["regulator"])
    page = client.get(reverse("enforcement:enforcementcase_add"))
    assert page.status_code == 200
    assert "party-person-only" in page.content.decode()
    response = client.post(
        reverse("enforcement:enforcementcase_add"),
        {
            "party_kind": "person",
            "person_name": "刘永臣",
            "person_position": "副总经理",
            "person_organization": "江门市恒亦达电子有限公司",
            "enterprise": world.enterprises["inside"].pk,
            "opened_on": TODAY.isoformat(),
            "facts": "未履行安全生产管理职责",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    case = EnforcementCase.objects.get(person_name="刘永臣")
    assert case.region == world.enterprises["inside"].region
    assert case.opened_by == world.users["regulator"] and case.number.startswith("ZF-")


def test_api_transitions_and_refusals(world, api_client):
    api_client.force_authenticate(world.users["regulator"])
    case = make_case(world.enterprises["inside"])
    url = f"/api/enforcement/cases/{case.pk}/transition/"
    refused = api_client.post(url, {"transition": "decide"}, format="json")
    assert refused.status_code == 409 and len(refused.json()["reasons"]) >= 1
    assert api_client.post(url, {"transition": "investigate"}, format="json").status_code == 200
    decidable(case)
    done = api_client.post(url, {"transition": "decide"}, format="json")
    assert done.status_code == 200
    body = done.json()
    assert body["status"] == "decided" and body["escalated_at"]
    assert body["publication_due"] and body["publication_overdue"] is False
    # A fine outside the range through the API: 400 naming the range.
    other = make_case(world.enterprises["inside"])
    from anjian.enforcement.testing import legal_basis

    bad = api_client.post(
        "/api/enforcement/penalties/",
        {"case": other.pk, "legal_basis": legal_basis().pk, "kind": "fine", "amount": "70000"},
        format="json",
    )
    assert bad.status_code == 400 and "outside_range_reason" in bad.json()


def _xlsx(rows):
    with translation.override("zh-hans"):
        headers = EnforcementCaseLedger().headers()
    fields = [c.field for c in EnforcementCaseLedger.columns]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(f, "") for f in fields])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "cases.xlsx"
    return buffer


def test_excel_good_file_then_export_imports_back(world, login):
    client = login(world.users["regulator"])
    inside = world.enterprises["inside"]
    rows = [
        {"party_kind": "企业", "enterprise": inside.uscc, "opened_on": "2026-03-02", "facts": "甲"},
        {
            "party_kind": "个人",
            "person_name": "陈庆芳",
            "person_position": "总经理",
            "enterprise": inside.name,
            "opened_on": "2026-03-03",
            "facts": "乙",
        },
    ]
    url = reverse("enforcement:enforcementcase_import")
    preview = client.post(url, {"file": _xlsx(rows), "confirm": "0"})
    result = preview.context["result"]
    assert result.ok, [r.errors for r in result.bad_rows]
    assert client.post(url, {"file": _xlsx(rows), "confirm": "1"}).status_code == 302
    assert EnforcementCase.objects.filter(facts__in=["甲", "乙"]).count() == 2
    exported = client.get(reverse("enforcement:enforcementcase_list") + "?export=xlsx")
    content = b"".join(exported.streaming_content) if exported.streaming else exported.content
    load_workbook(io.BytesIO(content))
    back = io.BytesIO(content)
    back.name = "back.xlsx"
    again = client.post(url, {"file": back, "confirm": "0"}).context["result"]
    assert again.ok and again.summary["created"] == 0 and again.summary["unchanged"] == 2


def test_excel_bad_rows_are_named_and_nothing_is_written(world, login):
    client = login(world.users["subdistrict_officer"])
    inside, outside = world.enterprises["inside"], world.enterprises["outside"]
    rows = [
        {"party_kind": "企业", "enterprise": inside.uscc, "opened_on": "2026-03-02", "facts": "好"},
        {"party_kind": "企业", "opened_on": "2026-03-02", "facts": "无企业"},
        {"party_kind": "个人", "opened_on": "2026-03-02", "facts": "无姓名"},
        {"party_kind": "企业", "enterprise": outside.uscc, "opened_on": "2026-03-02"},
        {"party_kind": "企业", "enterprise": inside.uscc, "opened_on": "2099-01-01"},
    ]
    response = client.post(
        reverse("enforcement:enforcementcase_import"), {"file": _xlsx(rows), "confirm": "1"}
    )
    assert response.status_code == 422
    bad = sorted(row.number for row in response.context["result"].bad_rows)
    assert bad == [3, 4, 5, 6], bad
    assert not EnforcementCase.objects.exists()


def test_enterprise_file_panel_and_home_counter(world, login):
    inside = world.enterprises["inside"]
    _decided(world, inside, day=TODAY - datetime.timedelta(days=30))
    client = login(world.users["regulator"])
    page = client.get(reverse("enterprises:enterprise_detail", args=[inside.pk]))
    assert page.status_code == 200 and 'id="panel-cases"' in page.content.decode()
    home = client.get(reverse("core:home"))
    assert "publication=overdue" in home.content.decode()


def test_the_transition_page_refuses_with_every_reason(world, login):
    case = make_case(world.enterprises["inside"])
    EnforcementCase._base_manager.filter(pk=case.pk).update(status="investigated")
    client = login(world.users["regulator"])
    url = reverse("enforcement:enforcementcase_transition", args=[case.pk, "decide"])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 409
    html = response.content.decode()
    assert "请填写处罚决定书文号。" in html and "请至少添加一条法律依据及其处罚。" in html
    officer = login(world.users["subdistrict_officer"])
    assert officer.post(url, {"reason": ""}).status_code == 403


def test_a_case_opened_from_a_hazard_is_against_its_enterprise(world, login):
    from anjian.hazards.testing import make_hazard

    hazard = make_hazard(world.enterprises["inside"])
    client = login(world.users["regulator"])
    page = client.get(reverse("enforcement:enforcementcase_add") + f"?hazard={hazard.pk}")
    assert page.context["form"].initial["enterprise"] == world.enterprises["inside"].pk
