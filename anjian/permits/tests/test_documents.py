"""The documents generated from a permit — the filing's approval form, gas-test record and work
plan, and the printable permit (Word and page) — hold the permit's facts, are masked for the
reader, and are given only to who may see the permit, as a file."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from anjian.core.documents import DOCX_CONTENT_TYPE
from anjian.core.models import AuditEvent
from anjian.permits import documents, services
from anjian.permits.choices import PermitDuty, PermitStatus
from anjian.permits.models import Delegation, GasTest, Permit
from anjian.permits.testing import passing_readings, pdf_file, ready_permit, trained_person
from anjian.training.choices import Duty

pytestmark = pytest.mark.django_db

KINDS = ["approval_form", "gas_test_record", "work_plan", "permit"]


def text_of(document) -> str:
    """Every paragraph and every table cell of a Word document, one per line."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture
def permit(world):
    """A permit of the inside enterprise, approved by a delegate under a written delegation,
    filed late, started after a passing test, then suspended by a failing H2S reading."""
    enterprise = world.enterprises["inside"]
    permit = ready_permit(enterprise)
    deputy = trained_person(enterprise, duties=[Duty.APPROVER], name="刘副总")
    today = timezone.localdate()
    delegation = Delegation.objects.create(
        enterprise=enterprise,
        principal=enterprise.principal_person,
        delegate=deputy,
        document=pdf_file(),
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=30),
        note="总经理外出期间的有限空间作业审批",
    )
    Permit._base_manager.filter(pk=permit.pk).update(
        approver=deputy, delegation=delegation, filed_late=True
    )
    permit.refresh_from_db()
    manager = world.users["enterprise_manager"]
    tester = permit.people.get(duty=PermitDuty.LEADER).person
    detector = GasTest.objects.filter(permit=permit).get().detector
    services.record_gas_test(
        permit,
        actor=manager,
        tested_at=timezone.now() - datetime.timedelta(seconds=30),
        tester=tester,
        detector=detector,
        readings=passing_readings(),
    )
    services.start_permit(permit, actor=manager)
    permit.refresh_from_db()
    failing = [
        {**r, "value": Decimal("15")} if r["gas"] == "H2S" else r for r in passing_readings()
    ] + [{"gas": "H2S", "depth": "top", "value": Decimal("0.5"), "unit": "ppm"}]
    services.record_gas_test(
        permit, actor=manager, tested_at=timezone.now(), tester=tester, detector=detector,
        readings=failing,
    )  # fmt: skip
    permit.refresh_from_db()
    assert permit.status == PermitStatus.SUSPENDED
    return permit


def download(client, permit, kind):
    return client.get(reverse("permits:permit_document", args=[permit.pk, kind]))


def open_docx(response):
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    return docx.Document(io.BytesIO(response.content))


@pytest.mark.parametrize("kind", KINDS)
def test_each_document_opens_as_a_file_and_is_audited(world, login, permit, kind):
    client = login(world.users["enterprise_manager"])
    opened = open_docx(download(client, permit, kind))
    text = text_of(opened)
    assert permit.number in text
    assert permit.space.name in text
    event = AuditEvent.objects.get(action="permits.permit.document_downloaded")
    assert event.detail["kind"] == kind and event.object_id == str(permit.pk)


def test_the_approval_form_holds_the_permit(world, login, permit):
    client = login(world.users["enterprise_manager"])
    text = text_of(open_docx(download(client, permit, "approval_form")))
    assert world.enterprises["inside"].name in text
    for row in permit.people.select_related("person"):
        assert row.person.name in text
        assert row.get_duty_display() in text
    # The approver, under the written delegation and its period.
    assert "刘副总" in text and permit.enterprise.principal_person.name in text
    assert "总经理外出期间的有限空间作业审批" in text
    # Late filing flagged, the briefing recorded, the measures and rescue readiness printed.
    assert "逾期" in text or "late" in text.lower()
    assert "外海街道安监办" in text
    assert permit.ventilation in text and permit.rescue_plan in text
    assert "硫化氢" in text or "H2S" in text


def test_the_gas_test_record_holds_every_reading_and_verdict(world, login, permit):
    client = login(world.users["enterprise_manager"])
    opened = open_docx(download(client, permit, "gas_test_record"))
    text = text_of(opened)
    reading_rows = [
        [cell.text for cell in row.cells]
        for table in opened.tables
        for row in table.rows
        if row.cells[0].text.startswith("H2S")
    ]
    # The failing H2S reading: 15 ppm, converted to mg/m³ with the conversion stated, failed.
    failing = [r for r in reading_rows if r[2].startswith("15 ")]
    assert failing, reading_rows
    row = failing[0]
    assert "mg/m³" in row[3] and "24.04" in row[4]
    assert row[5] in {"不合格", "Fail"}
    passing = [r for r in reading_rows if r[2].startswith("1 ")]
    assert passing and passing[0][5] in {"合格", "Pass"}
    # The thresholds used, and the detector with its calibration validity.
    detector = GasTest.objects.filter(permit=permit).first().detector
    assert "H2S ≤ 10 mg/m³" in text
    assert detector.name in text and detector.valid_until.isoformat() in text


def test_readings_of_a_gas_read_from_the_top_down(world, permit):
    facts = documents.permit_facts(permit, world.users["enterprise_manager"])
    last = facts.tests[-1]
    depths = [r.depth for r in last.readings if r.gas.startswith("H2S")]
    assert depths == ["上部", "下部"] or depths == ["Top", "Bottom"], depths
    assert [r.passed for r in last.readings if r.gas.startswith("H2S")] == [True, False]
    assert not last.passed and facts.tests[-2].passed


def test_the_work_plan_holds_hazards_controls_staffing_and_rescue(world, login, permit):
    client = login(world.users["enterprise_manager"])
    text = text_of(open_docx(download(client, permit, "work_plan")))
    assert permit.hazards in text
    assert permit.isolation_points in text
    assert permit.rescue_team in text and permit.rescue_call in text
    for row in permit.people.select_related("person"):
        assert row.person.name in text


def test_the_print_page_holds_every_section(world, login, permit):
    client = login(world.users["enterprise_manager"])
    response = client.get(reverse("permits:permit_print", args=[permit.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert permit.number in page and permit.space.name in page
    assert 'id="late-flag"' in page
    for row in permit.people.select_related("person"):
        assert row.person.name in page
    assert "刘副总" in page
    # The suspension's reason in the history, the failing reading in red, signature lines.
    assert "print-fail" in page
    assert 'id="print-signature-lines"' in page
    assert "permit-print.css" in page
    for kind in KINDS:
        assert reverse("permits:permit_document", args=[permit.pk, kind]) in page


def test_id_numbers_are_masked_unless_the_reader_may_reveal(world, login, permit):
    person = permit.people.select_related("person").first().person
    full, masked = person.id_number, f"{person.id_number[:4]}{'*' * 10}{person.id_number[-4:]}"
    grid_worker = world.users["grid_worker"]  # sees the village's permits, may not reveal
    assert not grid_worker.has_perm("training.reveal_id_number")
    client = login(grid_worker)
    page = client.get(reverse("permits:permit_print", args=[permit.pk])).content.decode()
    assert masked in page and full not in page
    text = text_of(open_docx(download(client, permit, "approval_form")))
    assert masked in text and full not in text
    assert person.phone in text  # phones as the person page shows them

    regulator = world.users["regulator"]
    assert regulator.has_perm("training.reveal_id_number")
    client = login(regulator)
    text = text_of(open_docx(download(client, permit, "permit")))
    assert full in text


def test_outside_the_jurisdiction_is_404(world, login):
    elsewhere = ready_permit(world.enterprises["outside"])
    client = login(world.users["subdistrict_officer"])
    assert client.get(reverse("permits:permit_print", args=[elsewhere.pk])).status_code == 404
    for kind in KINDS:
        assert download(client, elsewhere, kind).status_code == 404
    client = login(world.users["enterprise_manager"])  # another enterprise's permit
    assert download(client, elsewhere, "permit").status_code == 404
    assert not AuditEvent.objects.filter(action="permits.permit.document_downloaded").exists()
    assert AuditEvent.objects.filter(action="security.access_refused").count() >= 6


def test_an_unknown_kind_is_404(world, login, permit):
    client = login(world.users["enterprise_manager"])
    assert download(client, permit, "nonsense").status_code == 404


def test_facts_of_a_draft_without_tests_or_approval(world):
    from anjian.permits.testing import PermitFactory

    draft = PermitFactory(enterprise=world.enterprises["inside"])
    facts = documents.permit_facts(draft, world.users["enterprise_manager"])
    assert facts.tests == [] and facts.people == [] and not facts.late
    assert facts.readiness == []  # the gate is printed only from approval on
    for kind in documents.KINDS:
        document = kind.build(draft, user=world.users["enterprise_manager"])
        docx.Document(io.BytesIO(document.to_bytes()))


def test_the_print_page_costs_the_same_with_more_people_and_tests(world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anjian.permits.testing import add_person, gas_test

    client = login(world.users["regulator"])
    small = ready_permit(world.enterprises["inside"])
    large = ready_permit(world.enterprises["inside"], entrants=4, attendants=2)
    for minutes in (5, 3, 2):
        gas_test(large, at=timezone.now() - datetime.timedelta(minutes=minutes))
    add_person(large, PermitDuty.RESCUER)

    def cost(permit):
        client.get(reverse("permits:permit_print", args=[permit.pk]))  # warm the session
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("permits:permit_print", args=[permit.pk]))
        assert response.status_code == 200
        return len(queries)

    assert cost(large) == cost(small)


def test_a_certificate_that_does_not_qualify_is_named(world, login, permit):
    from anjian.permits.testing import add_person
    from anjian.training.choices import TrainingKind
    from anjian.training.testing import CertificateFactory, PersonFactory

    newcomer = PersonFactory(employer=permit.enterprise, name="陈国栋")
    certificate = CertificateFactory(
        person=newcomer, kind=TrainingKind.WARNING_EDUCATION, duties=[]
    )
    add_person(permit, PermitDuty.ENTRANT, person=newcomer)
    facts = documents.permit_facts(permit, world.users["enterprise_manager"])
    row = next(p for p in facts.people if p.name == "陈国栋")
    assert row.certified is False
    assert certificate.number in row.certificate
    assert certificate.get_kind_display() in row.certificate


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_printed_the_page_drops_the_shell_and_a_word_link_downloads(browser, live_server):
    from anjian.accounts.testing import PASSWORD, build_world

    world = build_world()
    permit = ready_permit(world.enterprises["inside"])
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "enterprise_manager")
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}{reverse('permits:permit_print', args=[permit.pk])}")
    assert page.locator("#print-button").is_visible()
    assert page.locator(".app-sidebar").is_visible()
    page.emulate_media(media="print")
    for chrome in (".app-sidebar", ".app-topbar", ".app-breadcrumbs", ".page-actions"):
        assert not page.locator(chrome).is_visible(), chrome
    assert page.locator("#permit-print").is_visible()
    assert page.locator("#print-signature-lines").is_visible()
    page.emulate_media(media="screen")
    with page.expect_download() as info:
        page.click("#document-approval_form")
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as handle:
        assert permit.number in text_of(docx.Document(io.BytesIO(handle.read())))
    assert errors == []
    context.close()
