"""The permits pages: every page opens for who may use it; the permit page shows the seven
prohibitions with their reasons; the sub-district inbox and acknowledgement; the gas-test form;
the site page's entry log, suspend/resume and completion with their refusals shown; query counts
that do not grow with the people of a permit."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from anjian.permits.choices import Direction, PermitDuty, PermitStatus
from anjian.permits.models import EntryLogEntry, GasTest, Permit, PermitPerson
from anjian.permits.testing import (
    PermitFactory,
    _with_status,
    detector_for,
    entry,
    ready_permit,
    trained_person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(world, client):
    client.force_login(world.users["enterprise_manager"])
    return client


@pytest.fixture
def enterprise(world):
    return world.enterprises["inside"]


def _get(client, name, *args, status=200, query=""):
    response = client.get(reverse(name, args=args) + query)
    assert response.status_code == status, (name, response.status_code)
    return response


def test_every_page_opens_for_the_enterprise_manager(manager, enterprise):
    permit = ready_permit(enterprise)
    test = GasTest.objects.filter(permit=permit).first()
    for name, args in [
        ("permits:permit_list", ()),
        ("permits:permit_add", ()),
        ("permits:permit_detail", (permit.pk,)),
        ("permits:permit_readiness", (permit.pk,)),
        ("permits:gastest_add", (permit.pk,)),
        ("permits:gastest_detail", (test.pk,)),
        ("permits:delegation_list", ()),
        ("permits:delegation_add", ()),
        ("permits:gasthreshold_list", ()),
        ("permits:attachmentkind_list", ()),
    ]:
        _get(manager, name, *args)


def test_the_permit_page_shows_the_seven_with_reasons(manager, enterprise):
    permit = ready_permit(enterprise)
    Permit._base_manager.filter(pk=permit.pk).update(ventilated=False, electrical_compliant=False)
    html = _get(manager, "permits:permit_detail", permit.pk).content.decode()
    assert html.count('data-condition="') == 7
    assert html.count('data-ok="0"') == 2
    assert "通风" in html or "Ventilation" in html
    fragment = _get(manager, "permits:permit_readiness", permit.pk).content.decode()
    assert fragment.count('data-condition="') == 7
    assert "<html" not in fragment


def test_the_permit_page_queries_do_not_grow_with_the_people(manager, enterprise):
    small = ready_permit(enterprise)
    large = ready_permit(enterprise, entrants=8, attendants=4)
    url_small = reverse("permits:permit_detail", args=[small.pk])
    url_large = reverse("permits:permit_detail", args=[large.pk])
    manager.get(url_small)
    with CaptureQueriesContext(connection) as few:
        manager.get(url_small)
    with CaptureQueriesContext(connection) as many:
        manager.get(url_large)
    assert len(many) == len(few)


def test_a_draft_is_created_and_people_added_with_attendant_never_entrant(manager, enterprise):
    from anjian.spaces.testing import ConfinedSpaceFactory, SafetyEquipmentFactory

    space = ConfinedSpaceFactory(enterprise=enterprise)
    harness = SafetyEquipmentFactory(enterprise=enterprise, kind="harness", name="安全带")
    start = timezone.localtime() + datetime.timedelta(days=5)
    data = {
        "enterprise": enterprise.pk,
        "space": space.pk,
        "work_content": "清淤",
        "planned_start": start.strftime("%Y-%m-%dT%H:%M"),
        "planned_end": (start + datetime.timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
        "implementing_unit": "self",
        "protective_equipment": [harness.pk],
    }
    response = manager.post(reverse("permits:permit_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    permit = Permit.objects.get(space=space)
    assert list(permit.protective_equipment.all()) == [harness]
    person = trained_person(enterprise)
    url = reverse("permits:permit_person_add", args=[permit.pk])
    assert manager.post(url, {"person": person.pk, "duty": "entrant"}).status_code == 302
    refused = manager.post(url, {"person": person.pk, "duty": "attendant"})
    assert refused.status_code == 400
    assert "监护人" in refused.content.decode() or "attendant" in refused.content.decode()
    assert PermitPerson.objects.filter(permit=permit).count() == 1


def test_filing_late_is_flagged(manager, enterprise):
    permit = ready_permit(enterprise)
    draft = PermitFactory(
        enterprise=enterprise,
        space=permit.space,
        planned_start=timezone.now() + datetime.timedelta(days=1),
    )
    draft.protective_equipment.set(permit.protective_equipment.all())
    draft.rescue_equipment.set(permit.rescue_equipment.all())
    for row in permit.people.all():
        PermitPerson.objects.create(permit=draft, person=row.person, duty=row.duty)
    page = _get(manager, "permits:permit_detail", draft.pk).content.decode()
    assert 'id="late-warning"' in page
    url = reverse("permits:permit_transition", args=[draft.pk, "file"])
    assert manager.post(url).status_code == 302
    draft.refresh_from_db()
    assert draft.status == PermitStatus.FILED and draft.filed_late
    listing = _get(manager, "permits:permit_list").content.decode()
    assert 'data-status="late"' in listing


def test_the_officer_inbox_and_acknowledgement(world, client, enterprise):
    permit = ready_permit(enterprise)
    _with_status(permit, PermitStatus.FILED)
    permit.briefing.delete()
    client.force_login(world.users["subdistrict_officer"])
    inbox = _get(client, "permits:permit_inbox").content.decode()
    assert permit.number in inbox
    url = reverse("permits:permit_acknowledge", args=[permit.pk])
    start = timezone.localtime() - datetime.timedelta(hours=1)
    data = {
        "started_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ended_at": (start + datetime.timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"),
        "topics": ["seven_prohibitions"],
        "given_by_name": "李街道",
        "attendees": [permit.people.first().person_id],
    }
    refused = client.post(url, data)
    assert refused.status_code == 409
    assert refused.content.decode().count('class="check-row check-fail"') >= 2
    data["ended_at"] = (start + datetime.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    data["topics"] = ["seven_prohibitions", "procedure"]
    assert client.post(url, data).status_code == 302
    permit.refresh_from_db()
    assert permit.status == PermitStatus.ACKNOWLEDGED
    # The enterprise manager has no inbox
    client.force_login(world.users["enterprise_manager"])
    assert client.get(reverse("permits:permit_inbox")).status_code == 403


def test_a_gas_test_from_the_form_with_ppm_and_mg(manager, enterprise):
    from anjian.permits.models import GasThreshold

    permit = ready_permit(enterprise)
    detector = detector_for(
        enterprise, valid_until=timezone.localdate() + datetime.timedelta(days=90)
    )
    tester = permit.people.first().person
    data = {
        "kind": "pre_entry",
        "tested_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "tester": tester.pk,
        "detector": detector.pk,
    }
    for gas in GasThreshold.objects.filter(active=True):
        data[f"u_{gas.pk}"] = gas.unit
        value = {"O2": "20.9"}.get(gas.code, "0")
        data[f"r_{gas.pk}_top"] = value
    h2s = GasThreshold.objects.get(code="H2S")
    data[f"u_{h2s.pk}"] = "ppm"  # the limit is in mg/m³: converted, and said so
    data[f"r_{h2s.pk}_bottom"] = "1"
    response = manager.post(reverse("permits:gastest_add", args=[permit.pk]), data)
    assert response.status_code == 302, response.content.decode()[:4000]
    test = GasTest.objects.filter(permit=permit).order_by("-id").first()
    assert test.passed
    page = manager.get(response["Location"]).content.decode()
    assert "24.04" in page  # the conversion is stated


def test_site_page_entry_log_and_completion_refused_with_someone_inside(manager, enterprise):
    permit = ready_permit(enterprise)
    _with_status(permit, PermitStatus.IN_PROGRESS, started_at=timezone.now())
    entrant = permit.people.get(duty=PermitDuty.ENTRANT).person
    site = _get(manager, "permits:permit_site", permit.pk).content.decode()
    assert entrant.name in site
    entry_url = reverse("permits:permit_site_entry", args=[permit.pk])
    assert manager.post(entry_url, {"person": entrant.pk, "direction": "in"}).status_code == 302
    assert EntryLogEntry.objects.filter(permit=permit, direction=Direction.IN).count() == 1
    move = reverse("permits:permit_site_move", args=[permit.pk])
    refused = manager.post(move, {"move": "complete", "isolation_restored": "on"})
    assert refused.status_code == 409
    assert entrant.name in refused.content.decode()
    assert manager.post(entry_url, {"person": entrant.pk, "direction": "out"}).status_code == 302
    assert manager.post(move, {"move": "suspend", "reason": "午休"}).status_code == 302
    permit.refresh_from_db()
    assert permit.status == PermitStatus.SUSPENDED
    refused = manager.post(move, {"move": "resume"})
    assert refused.status_code == 409
    assert 'id="refusal-reasons"' in refused.content.decode()
    done = manager.post(move, {"move": "complete", "isolation_restored": "on"})
    assert done.status_code == 302
    permit.refresh_from_db()
    assert permit.status == PermitStatus.COMPLETED


def test_outside_permit_is_404_and_a_tool_shows_inside(world, manager, enterprise):
    permit = ready_permit(enterprise)
    _with_status(permit, PermitStatus.IN_PROGRESS, started_at=timezone.now())
    entry(permit, Direction.IN, tool="潜水泵")
    site = _get(manager, "permits:permit_site", permit.pk).content.decode()
    assert 'data-tool="潜水泵"' in site
    outside = ready_permit(world.enterprises["other_district"])
    for name in ("permits:permit_detail", "permits:permit_site", "permits:permit_readiness"):
        assert manager.get(reverse(name, args=[outside.pk])).status_code == 404


def test_inbox_holds_only_the_officers_jurisdiction_and_the_home_counts_it(world, client):
    mine = _with_status(ready_permit(world.enterprises["inside"]), PermitStatus.FILED)
    theirs = _with_status(ready_permit(world.enterprises["outside"]), PermitStatus.FILED)
    client.force_login(world.users["subdistrict_officer"])
    inbox = _get(client, "permits:permit_inbox").content.decode()
    assert mine.number in inbox and theirs.number not in inbox
    home = client.get(reverse("core:home")).content.decode()
    assert "/permits/?status=filed" in home


def test_the_enterprise_file_shows_its_permits_late_first(manager, enterprise):
    permit = _with_status(ready_permit(enterprise), PermitStatus.FILED, filed_late=True)
    page = _get(manager, "enterprises:enterprise_detail", enterprise.pk).content.decode()
    assert permit.number in page
    assert 'data-status="late"' in page


def test_the_inbox_menu_item_loads_its_count_after_the_page(world, client):
    _with_status(ready_permit(world.enterprises["inside"]), PermitStatus.FILED)
    client.force_login(world.users["subdistrict_officer"])
    page = client.get(reverse("core:home")).content.decode()
    badge_url = reverse("permits:permit_inbox_count")
    assert f'hx-get="{badge_url}"' in page
    assert 'id="inbox-badge"' in client.get(badge_url).content.decode()
    assert ">1<" in client.get(badge_url).content.decode()
    client.force_login(world.users["enterprise_manager"])
    assert badge_url not in client.get(reverse("core:home")).content.decode()
    assert "inbox-badge" not in client.get(badge_url).content.decode()


def test_post_only_addresses_never_answer_500_to_a_get(manager, enterprise):
    permit = ready_permit(enterprise)
    row = permit.people.first()
    for url in [
        reverse("permits:permit_site_checks", args=[permit.pk]),
        reverse("permits:permitperson_remove", args=[row.pk]),
        reverse("permits:permit_site_entry", args=[permit.pk]),
        reverse("permits:permit_site_move", args=[permit.pk]),
    ]:
        assert manager.get(url).status_code in (200, 302), url
