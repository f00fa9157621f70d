"""The permits API: the whole way through the API, readiness equal to the rule output, gas tests
posted with their readings, the sub-district's inbox, who sees what."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from anjian.permits import rules
from anjian.permits.choices import PermitDuty, PermitStatus
from anjian.permits.models import Briefing, GasTest, GasThreshold, Permit
from anjian.permits.testing import detector_for, passing_readings, ready_permit

pytestmark = pytest.mark.django_db


def _as(api_client, world, persona):
    api_client.force_authenticate(world.users[persona])
    return api_client


def _url(permit, suffix=""):
    return reverse("permit-detail", args=[permit.pk]) + suffix


def _move(client, permit, transition, **body):
    return client.post(
        _url(permit, "transition/"), {"transition": transition, **body}, format="json"
    )


def _draft(world):
    permit = ready_permit(world.enterprises["inside"])
    GasTest.objects.filter(permit=permit).delete()
    Briefing.objects.filter(permit=permit).delete()
    Permit._base_manager.filter(pk=permit.pk).update(
        status=PermitStatus.DRAFT, approver=None, approved_at=None
    )
    permit.refresh_from_db()
    return permit


def test_readiness_is_the_rule_output(api_client, world):
    permit = ready_permit(world.enterprises["inside"])
    Permit.objects.filter(pk=permit.pk).update(electrical_compliant=False)
    response = _as(api_client, world, "enterprise_manager").get(_url(permit, "readiness/"))
    assert response.status_code == 200
    body = response.json()
    assert body["ready"] is False
    assert body["conditions"] == [c.as_dict() for c in rules.readiness(permit)]
    assert [c["code"] for c in body["conditions"] if not c["ok"]] == ["electrical"]


def test_readiness_outside_the_jurisdiction_is_404(api_client, world):
    permit = ready_permit(world.enterprises["outside"])
    for persona in ("enterprise_manager", "subdistrict_officer"):
        response = _as(api_client, world, persona).get(_url(permit, "readiness/"))
        assert response.status_code == 404, persona
    response = _as(api_client, world, "regulator").get(_url(permit, "readiness/"))
    assert response.status_code == 200


def test_the_whole_way_through_the_api(api_client, world):
    permit = _draft(world)
    manager = _as(api_client, world, "enterprise_manager")
    assert _move(manager, permit, "file").status_code == 200
    # The sub-district's inbox: filed permits of its jurisdiction.
    officer = _as(api_client, world, "subdistrict_officer")
    inbox = officer.get(reverse("permit-list"), {"status": "filed"}).json()
    assert [row["id"] for row in inbox["results"]] == [permit.pk]
    end = timezone.now() - datetime.timedelta(minutes=1)
    short = _move(
        officer,
        permit,
        "acknowledge",
        started_at=(end - datetime.timedelta(minutes=20)).isoformat(),
        ended_at=end.isoformat(),
        topics=["seven_prohibitions"],
        given_by_name="李明",
        attendee_names="全体",
    )
    assert short.status_code == 409
    assert len(short.json()["reasons"]) == 2  # too short, procedure missing
    ok = _move(
        officer,
        permit,
        "acknowledge",
        started_at=(end - datetime.timedelta(minutes=45)).isoformat(),
        ended_at=end.isoformat(),
        topics=["seven_prohibitions", "procedure", "rescue"],
        given_by_name="李明",
        attendee_names="全体",
    )
    assert ok.status_code == 200, ok.json()
    assert ok.json()["status"] == "acknowledged"
    manager = _as(api_client, world, "enterprise_manager")
    principal = permit.enterprise.principal_person
    approved = _move(manager, permit, "approve", approver=principal.pk)
    assert approved.json()["status"] == "approved"
    assert approved.json()["approver"] == principal.pk
    started = _move(manager, permit, "start")
    assert started.status_code == 409
    assert any("气体检测" in r or "gas test" in r for r in started.json()["reasons"])
    thresholds = {t.code: t.pk for t in GasThreshold.objects.all()}
    test = manager.post(
        reverse("gastest-list"),
        {
            "permit": permit.pk,
            "tested_at": timezone.now().isoformat(),
            "tester": permit.people.get(duty=PermitDuty.LEADER).person_id,
            "detector": detector_for(permit.enterprise).pk,
            "readings": [
                {**r, "gas": thresholds[r["gas"]], "value": str(r["value"])}
                for r in passing_readings()
            ],
        },
        format="json",
    )
    assert test.status_code == 201, test.json()
    assert test.json()["passed"] is True
    h2s = next(r for r in test.json()["readings"] if r["gas_code"] == "H2S")
    assert h2s["conversion"].startswith("1 ppm × 34.08")
    assert _move(manager, permit, "start").json()["status"] == "in_progress"
    entrant = permit.people.get(duty=PermitDuty.ENTRANT).person
    line = {"permit": permit.pk, "person": entrant.pk, "direction": "in"}
    assert manager.post(reverse("entrylogentry-list"), line, format="json").status_code == 201
    refused = _move(manager, permit, "complete", isolation_restored=True)
    assert refused.status_code == 409
    assert any(entrant.name in r for r in refused.json()["reasons"])
    line["direction"] = "out"
    assert manager.post(reverse("entrylogentry-list"), line, format="json").status_code == 201
    assert _move(manager, permit, "complete", isolation_restored=True).status_code == 200
    leader = permit.people.get(duty=PermitDuty.LEADER).person
    accepted = _move(manager, permit, "accept", leader=leader.pk, note="验收合格")
    assert accepted.json()["status"] == "accepted"


def test_a_failing_test_posted_during_work_suspends_the_permit(api_client, world):
    permit = ready_permit(world.enterprises["inside"])
    manager = _as(api_client, world, "enterprise_manager")
    assert _move(manager, permit, "start").status_code == 200
    h2s = GasThreshold.objects.get(code="H2S")
    readings = [
        {**r, "gas": GasThreshold.objects.get(code=r["gas"]).pk, "value": str(r["value"])}
        for r in passing_readings()
        if r["gas"] != "H2S"
    ]
    readings.append({"gas": h2s.pk, "depth": "bottom", "value": "10.01", "unit": "mg_m3"})
    response = manager.post(
        reverse("gastest-list"),
        {
            "permit": permit.pk,
            "tested_at": timezone.now().isoformat(),
            "tester": permit.people.get(duty=PermitDuty.LEADER).person_id,
            "detector": detector_for(permit.enterprise).pk,
            "readings": readings,
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["passed"] is False
    permit.refresh_from_db()
    assert permit.status == PermitStatus.SUSPENDED


def test_a_bad_reading_is_a_400_naming_it(api_client, world):
    permit = ready_permit(world.enterprises["inside"])
    manager = _as(api_client, world, "enterprise_manager")
    response = manager.post(
        reverse("gastest-list"),
        {
            "permit": permit.pk,
            "tested_at": timezone.now().isoformat(),
            "tester": permit.people.get(duty=PermitDuty.LEADER).person_id,
            "detector": detector_for(permit.enterprise).pk,
            "readings": [
                {"gas": GasThreshold.objects.get(code="LEL").pk, "value": "1", "unit": "ppm"}
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    assert not GasTest.objects.filter(permit=permit, readings__unit="ppm").exists()


def test_a_gas_test_is_not_edited(api_client, world):
    permit = ready_permit(world.enterprises["inside"])
    test = GasTest.objects.get(permit=permit)
    manager = _as(api_client, world, "enterprise_manager")
    url = reverse("gastest-detail", args=[test.pk])
    assert manager.patch(url, {"note": "改"}, format="json").status_code in (403, 405)
    assert manager.delete(url).status_code in (403, 405)
    admin = _as(api_client, world, "admin")
    assert admin.patch(url, {"note": "改"}, format="json").status_code in (403, 405)
    test.refresh_from_db()
    assert test.note == ""


def test_thresholds_are_read_by_all_and_written_by_administrators(api_client, world):
    h2s = GasThreshold.objects.get(code="H2S")
    url = reverse("gasthreshold-detail", args=[h2s.pk])
    for persona in ("enterprise_manager", "subdistrict_officer", "grid_worker"):
        client = _as(api_client, world, persona)
        assert client.get(url).status_code == 200
        assert client.patch(url, {"maximum": "5"}, format="json").status_code == 403
    admin = _as(api_client, world, "admin")
    assert admin.patch(url, {"maximum": "8"}, format="json").status_code == 200
    h2s.refresh_from_db()
    assert h2s.maximum == 8


def test_the_sub_district_cannot_approve_or_start(api_client, world):
    permit = ready_permit(world.enterprises["inside"])
    officer = _as(api_client, world, "subdistrict_officer")
    assert _move(officer, permit, "start").status_code == 403
    assert (
        _move(
            officer, permit, "approve", approver=permit.enterprise.principal_person_id
        ).status_code
        == 403
    )


def test_equipment_from_another_enterprises_register_is_refused(api_client, world):
    permit = _draft(world)
    other = detector_for(world.enterprises["outside"])
    admin = _as(api_client, world, "admin")
    response = admin.patch(_url(permit), {"protective_equipment": [other.pk]}, format="json")
    assert response.status_code == 400
    assert "protective_equipment" in response.json()


def test_bad_input_is_a_400_or_409_never_a_500(api_client, world):
    permit = ready_permit(world.enterprises["inside"])
    manager = _as(api_client, world, "enterprise_manager")
    assert _move(manager, permit, "approve", approver="abc").status_code == 400
    assert _move(manager, permit, "fly").status_code == 400
    officer = _as(api_client, world, "subdistrict_officer")
    Permit.objects.filter(pk=permit.pk).update(status=PermitStatus.FILED)
    bare = _move(officer, permit, "acknowledge")
    assert bare.status_code == 409
    assert len(bare.json()["reasons"]) >= 4  # times, two topics, attendees, who gave it
    manager = _as(api_client, world, "enterprise_manager")
    base = {
        "permit": permit.pk,
        "tested_at": timezone.now().isoformat(),
        "tester": permit.people.get(duty=PermitDuty.LEADER).person_id,
        "detector": detector_for(permit.enterprise).pk,
    }
    o2 = GasThreshold.objects.get(code="O2").pk
    for readings in ([], [{"gas": o2, "value": "abc", "unit": "pct_vol"}], "x"):
        response = manager.post(
            reverse("gastest-list"), {**base, "readings": readings}, format="json"
        )
        assert response.status_code == 400, readings
    line = {"permit": permit.pk, "direction": "in"}
    assert manager.post(reverse("entrylogentry-list"), line, format="json").status_code == 400
    assert manager.get("/api/permits/permits/abc/readiness/").status_code == 404
