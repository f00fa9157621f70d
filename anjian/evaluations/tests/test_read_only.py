"""An approved or published evaluation is read-only (rules.check_open): its page edit, its
verdicts, findings and spot checks are refused with the reason — on the page (form error) and the
API (400) alike; only the workflow moves it on and an organisation's finding is still closed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from anjian.evaluations import services
from anjian.evaluations.models import Evaluation, Finding, ItemVerdict
from anjian.evaluations.testing import busy_evaluation_in

pytestmark = pytest.mark.django_db

REASON = "只读"


def _published(world):
    evaluation = busy_evaluation_in(world)
    Evaluation.objects.filter(pk=evaluation.pk).update(status="published")
    evaluation.refresh_from_db()
    return evaluation


def test_models_and_services_refuse_a_published_evaluation(world):
    evaluation = _published(world)
    evaluation.full_clean()  # stored and unchanged: valid
    evaluation.conclusion = "改"
    with pytest.raises(ValidationError):
        evaluation.full_clean()
    verdict = ItemVerdict.objects.get(evaluation=evaluation)
    verdict.comment = "改"
    with pytest.raises(ValidationError):
        verdict.full_clean()
    with pytest.raises(ValidationError):
        services.record_verdict(evaluation, verdict.item, verdict="not_implemented")
    with pytest.raises(ValidationError):
        services.hand_over_finding(
            evaluation,
            actor=world.users["committee"],
            problem="新问题",
            organization=world.organizations["bureau"],
        )
    # An organisation's finding is still closed by its report; nothing else of it changes.
    finding = Finding.objects.get(evaluation=evaluation, handed_to_organization__isnull=False)
    finding.closed_on = evaluation.accident.investigation.approved_on
    finding.full_clean()
    finding.problem = "改写"
    with pytest.raises(ValidationError):
        finding.full_clean()


def test_the_api_refuses_with_400_and_the_reason(world, api_client):
    evaluation = _published(world)
    api_client.force_authenticate(world.users["committee"])
    answer = api_client.patch(
        f"/api/evaluations/evaluations/{evaluation.pk}/", {"conclusion": "改"}, format="json"
    )
    assert answer.status_code == 400, answer.data
    assert REASON in str(answer.data)
    answer = api_client.post(
        "/api/evaluations/findings/",
        {
            "evaluation": evaluation.pk,
            "problem": "新隐患",
            "handed_to_organization": world.organizations["bureau"].pk,
        },
        format="json",
    )
    assert answer.status_code == 400 and REASON in str(answer.data)
    verdict = ItemVerdict.objects.get(evaluation=evaluation)
    answer = api_client.patch(
        f"/api/evaluations/item-verdicts/{verdict.pk}/", {"comment": "改"}, format="json"
    )
    assert answer.status_code == 400 and REASON in str(answer.data)
    answer = api_client.delete(f"/api/evaluations/item-verdicts/{verdict.pk}/")
    assert answer.status_code == 400 and REASON in str(answer.data)
    answer = api_client.patch(
        f"/api/evaluations/evaluations/{evaluation.pk}/",
        {"members": [world.organizations["union"].pk]},
        format="json",
    )
    assert answer.status_code == 400 and REASON in str(answer.data)
    assert Evaluation.objects.get(pk=evaluation.pk).conclusion != "改"
    assert not Finding.objects.filter(problem="新隐患").exists()


def test_the_pages_refuse_with_the_reason(world, login):
    evaluation = _published(world)
    client = login(world.users["committee"])
    verdict = ItemVerdict.objects.get(evaluation=evaluation)
    response = client.post(
        reverse("evaluations:itemverdict_edit", args=[verdict.pk]),
        {
            "evaluation": evaluation.pk,
            "item": verdict.item_id,
            "verdict": "not_implemented",
            "comment": "改",
        },
    )
    assert response.status_code == 200 and REASON in response.content.decode()
    verdict.refresh_from_db()
    assert verdict.verdict == "implemented"
    response = client.post(
        reverse("evaluations:evaluation_edit", args=[evaluation.pk]),
        {
            "accident": evaluation.accident_id,
            "organizer": evaluation.organizer_id,
            "conclusion": "改",
        },
    )
    assert response.status_code == 200 and REASON in response.content.decode()


def test_the_workflow_still_publishes_an_approved_evaluation(world):
    evaluation = busy_evaluation_in(world)
    Evaluation.objects.filter(pk=evaluation.pk).update(status="approved")
    evaluation.refresh_from_db()
    services.publish_evaluation(evaluation, actor=world.users["committee"])
    assert Evaluation.objects.get(pk=evaluation.pk).status == "published"
