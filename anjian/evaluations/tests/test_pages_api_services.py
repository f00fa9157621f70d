"""The API creates what the pages create through the same services: an evaluation opened by
``open_evaluation`` (the committee office as organiser when none is given, the opening audited)
and a finding handed to an enterprise by ``hand_over_finding`` (one hazard, found on the
evaluation's day, the hand-over audited); a service's refusal answers 400 with its reason."""

import datetime

import pytest

from anjian.core.models import AuditEvent
from anjian.evaluations.models import Evaluation, Finding
from anjian.evaluations.testing import evaluation_in, make_accident

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 5, 21)


def test_the_api_opens_an_evaluation_through_the_service(world, api_client):
    accident = make_accident(world.enterprise_for(world.regions["village"]))
    api_client.force_authenticate(world.users["committee"])
    answer = api_client.post(
        "/api/evaluations/evaluations/",
        {"accident": accident.pk, "members": [world.organizations["bureau"].pk]},
        format="json",
    )
    assert answer.status_code == 201, answer.data
    evaluation = Evaluation.objects.get(pk=answer.data["id"])
    assert evaluation.organizer == world.organizations["committee"]
    assert list(evaluation.members.all()) == [world.organizations["bureau"]]
    opened = AuditEvent.objects.get(action="evaluations.evaluation.opened")
    assert opened.object_id == str(evaluation.pk)


def test_the_api_answers_the_services_refusal_with_400(world, api_client):
    from anjian.accounts.models import Organization

    accident = make_accident(world.enterprise_for(world.regions["village"]))
    Organization._base_manager.filter(kind="committee").update(kind="department")
    api_client.force_authenticate(world.users["committee"])
    answer = api_client.post(
        "/api/evaluations/evaluations/", {"accident": accident.pk}, format="json"
    )
    assert answer.status_code == 400 and "organizer" in answer.data, answer.data
    assert not Evaluation.objects.filter(accident=accident).exists()


def test_the_api_hands_a_finding_over_through_the_service(world, api_client):
    from anjian.hazards.models import Hazard

    region = world.regions["village"]
    enterprise = world.enterprise_for(region)
    evaluation = evaluation_in(world, region, started_on=DAY, ended_on=DAY)
    before = Hazard.objects.count()
    api_client.force_authenticate(world.users["committee"])
    answer = api_client.post(
        "/api/evaluations/findings/",
        {
            "evaluation": evaluation.pk,
            "problem": "隔离门高度不足",
            "handed_to_enterprise": enterprise.pk,
        },
        format="json",
    )
    assert answer.status_code == 201, answer.data
    finding = Finding.objects.get(pk=answer.data["id"])
    assert Hazard.objects.count() == before + 1 and answer.data["hazard"] == finding.hazard_id
    assert finding.hazard.found_on == DAY and finding.hazard.source == "evaluation"
    assert AuditEvent.objects.filter(action="evaluations.finding.handed_over").count() == 1
