"""The evaluation's page and API show the working group, verdicts, findings and spot checks; the
follow-up step creates the campaign from the page and the API; the due banner; the home counter."""

import datetime

import pytest
from django.urls import reverse

from anjian.evaluations.models import Evaluation
from anjian.evaluations.testing import busy_evaluation_in

pytestmark = pytest.mark.django_db


def test_detail_page_shows_the_whole_evaluation(world, login):
    evaluation = busy_evaluation_in(world)
    response = login(world.users["committee"]).get(
        reverse("evaluations:evaluation_detail", args=[evaluation.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    for anchor in (
        "working-group",
        "item-verdicts",
        "recommendation-verdicts",
        "findings",
        "spot-checks",
    ):
        assert f'id="{anchor}"' in html
    assert "区应急管理局" in html and "隐患" in html
    assert 'id="follow-up-campaign"' not in html  # the office reads inspections, plans none
    page = login(world.users["regulator"]).get(
        reverse("evaluations:evaluation_detail", args=[evaluation.pk])
    )
    assert 'id="follow-up-campaign"' in page.content.decode()


def test_api_detail_nests_verdicts_and_findings(world, api_client):
    evaluation = busy_evaluation_in(world)
    api_client.force_authenticate(world.users["committee"])
    data = api_client.get(f"/api/evaluations/evaluations/{evaluation.pk}/").data
    assert len(data["item_verdicts"]) == 1 and len(data["recommendation_verdicts"]) == 1
    assert {f["status"] for f in data["findings"]} == {"open"}
    assert len(data["spot_checks"]) == 1


def test_follow_up_from_page_and_api(world, login, api_client):
    evaluation = busy_evaluation_in(world)
    regulator = world.users["regulator"]
    response = login(regulator).post(
        reverse("evaluations:evaluation_follow_up", args=[evaluation.pk])
    )
    assert response.status_code == 302 and "/inspections/campaigns/" in response["Location"]
    api_client.force_authenticate(regulator)
    answer = api_client.post(f"/api/evaluations/evaluations/{evaluation.pk}/follow-up/")
    assert answer.status_code == 201
    api_client.force_authenticate(world.users["expert"])
    assert (
        api_client.post(f"/api/evaluations/evaluations/{evaluation.pk}/follow-up/").status_code
        == 403
    )


def test_due_banner_and_home_counter(world, login):
    evaluation = busy_evaluation_in(world)
    Evaluation.objects.filter(pk=evaluation.pk).update(
        reminder_from=datetime.date.today() - datetime.timedelta(days=1),
        due_on=datetime.date.today() + datetime.timedelta(days=30),
    )
    client = login(world.users["committee"])
    html = client.get(
        reverse("evaluations:evaluation_detail", args=[evaluation.pk])
    ).content.decode()
    assert 'id="evaluation-due-soon"' in html
    listed = client.get(reverse("evaluations:evaluation_list") + "?due=soon").content.decode()
    assert reverse("evaluations:evaluation_detail", args=[evaluation.pk]) in listed
    from anjian.core.navigation import counters_for

    counts = [n for _, n, url in counters_for(world.users["committee"]) if "due=soon" in url]
    assert counts == [1]


def test_transition_refused_lists_every_reason_on_the_api(world, api_client):
    evaluation = busy_evaluation_in(world)
    Evaluation.objects.filter(pk=evaluation.pk).update(status="in_progress")
    api_client.force_authenticate(world.users["committee"])
    answer = api_client.post(
        f"/api/evaluations/evaluations/{evaluation.pk}/transition/",
        {"transition": "draft"},
        format="json",
    )
    assert answer.status_code == 409
    assert len(answer.data["reasons"]) >= 2  # no methods, no conclusion
