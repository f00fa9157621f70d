"""The evaluation's pages do what they do through the services, so the page and the API share the
rules: a new evaluation is opened by ``open_evaluation`` (the committee office of the
investigating government as organiser, the opening audited), a finding handed to an enterprise by
``hand_over_finding`` (one hazard, found on the evaluation's day, the hand-over audited), and a
spot check of a similar enterprise is planned from the evaluation by ``plan_spot_check``."""

import datetime

import pytest
from django.urls import reverse

from anjian.core.models import AuditEvent
from anjian.evaluations.models import Evaluation, Finding, SpotCheck
from anjian.evaluations.testing import evaluation_in, make_accident

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 5, 21)


def test_the_page_opens_an_evaluation_through_the_service(world, login):
    accident = make_accident(world.enterprise_for(world.regions["village"]))
    client = login(world.users["committee"])
    page = client.get(reverse("evaluations:evaluation_add"))
    assert page.status_code == 200
    response = client.post(
        reverse("evaluations:evaluation_add"),
        {
            "accident": accident.pk,
            "members": [world.organizations["bureau"].pk],
            "started_on": DAY.isoformat(),
            "method_briefings": "on",
            "method_briefings_text": "听取汇报",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    evaluation = Evaluation.objects.get(accident=accident)
    assert evaluation.organizer == world.organizations["committee"]  # 区安委办, filled
    assert list(evaluation.members.all()) == [world.organizations["bureau"]]
    assert evaluation.methods == [{"code": "briefings", "text": "听取汇报"}]
    opened = AuditEvent.objects.get(action="evaluations.evaluation.opened")
    assert opened.object_id == str(evaluation.pk) and opened.actor == world.users["committee"]


def test_a_region_without_committee_office_is_refused_on_the_form(world, login):
    from anjian.accounts.models import Organization

    accident = make_accident(world.enterprise_for(world.regions["village"]))
    Organization._base_manager.filter(kind="committee").update(kind="department")
    response = login(world.users["committee"]).post(
        reverse("evaluations:evaluation_add"), {"accident": accident.pk}
    )
    assert response.status_code == 200
    assert not Evaluation.objects.filter(accident=accident).exists()
    assert response.context["form"].errors  # the service's reason, not a 500


def test_a_finding_handed_to_an_enterprise_is_one_hazard_found_on_the_evaluation_day(world, login):
    from anjian.hazards.models import Hazard

    region = world.regions["village"]
    enterprise = world.enterprise_for(region)
    evaluation = evaluation_in(world, region, started_on=DAY, ended_on=DAY)
    before = Hazard.objects.count()
    response = login(world.users["committee"]).post(
        reverse("evaluations:finding_add"),
        {
            "evaluation": evaluation.pk,
            "problem": "隔离门高度不足",
            "handed_to_enterprise": enterprise.pk,
            "deadline": "2024-06-30",
            "order": 1,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    finding = Finding.objects.get(evaluation=evaluation)
    assert Hazard.objects.count() == before + 1
    assert finding.hazard.found_on == DAY and finding.hazard.source == "evaluation"
    assert finding.hazard.enterprise == enterprise
    assert AuditEvent.objects.filter(action="evaluations.finding.handed_over").count() == 1


def test_a_spot_check_is_planned_from_the_evaluation(world, login):
    from anjian.inspections.testing import template

    region = world.regions["village"]
    evaluation = evaluation_in(world, region)
    similar = world.enterprise_for(region)
    regulator = world.users["regulator"]
    client = login(regulator)
    detail = client.get(reverse("evaluations:evaluation_detail", args=[evaluation.pk]))
    assert 'id="plan-spot-check"' in detail.content.decode()
    url = reverse("evaluations:evaluation_plan_spot_check", args=[evaluation.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "enterprise": similar.pk,
            "planned_on": DAY.isoformat(),
            "template": template().pk,
            "inspectors": [regulator.pk],
            "inspector_names": "王明、李强",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    link = SpotCheck.objects.select_related("inspection").get(evaluation=evaluation)
    inspection = link.inspection
    assert inspection.kind == "evaluation_spot_check" and inspection.enterprise == similar
    assert inspection.planned_on == DAY and list(inspection.inspectors.all()) == [regulator]
    assert inspection.items.exists()  # walked through the inspections service


def test_planning_a_spot_check_is_refused_with_its_reason(world, login):
    from anjian.inspections.testing import template

    region = world.regions["village"]
    evaluation = evaluation_in(world, region)
    client = login(world.users["regulator"])
    url = reverse("evaluations:evaluation_plan_spot_check", args=[evaluation.pk])
    # A bad input answers the form's errors, nothing planned.
    response = client.post(url, {"enterprise": world.enterprise_for(region).pk})
    assert response.status_code == 200 and response.context["form"].errors
    # The committee office reads inspections but plans none: no link, and 403.
    office = login(world.users["committee"])
    detail = office.get(reverse("evaluations:evaluation_detail", args=[evaluation.pk]))
    assert 'id="plan-spot-check"' not in detail.content.decode()
    assert office.get(url).status_code == 403
    # Published: refused with the reason on the evaluation's page.
    Evaluation.objects.filter(pk=evaluation.pk).update(status="published")
    client = login(world.users["regulator"])
    response = client.post(
        url,
        {
            "enterprise": world.enterprise_for(region).pk,
            "planned_on": DAY.isoformat(),
            "template": template().pk,
        },
        follow=True,
    )
    assert "只读" in response.content.decode()
    assert not SpotCheck.objects.filter(evaluation=evaluation).exists()


def test_the_organiser_must_be_the_investigating_governments_committee_office(world, login):
    """A bureau, or another government's committee office, does not organise the evaluation: the
    form names the reason and nothing is saved; the API answers 400 with it."""
    accident = make_accident(world.enterprise_for(world.regions["village"]))
    client = login(world.users["committee"])
    data = {
        "accident": accident.pk,
        "organizer": world.organizations["bureau"].pk,
        "started_on": DAY.isoformat(),
        "method_briefings": "on",
        "method_briefings_text": "听取汇报",
    }
    response = client.post(reverse("evaluations:evaluation_add"), data)
    assert response.status_code == 200
    assert "安委办" in str(response.context["form"].errors["organizer"])
    assert not Evaluation.objects.filter(accident=accident).exists()

    api = client.post(
        "/api/evaluations/evaluations/",
        {"accident": accident.pk, "organizer": world.organizations["bureau"].pk},
        content_type="application/json",
    )
    assert api.status_code == 400, api.content
    assert "organizer" in api.json()
    assert not Evaluation.objects.filter(accident=accident).exists()
