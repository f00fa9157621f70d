"""An approved or published evaluation on its pages: the detail offers no edit, verdict, finding or
spot check (only the report and the follow-up), and a form opened anyway is refused with the
reason — a message on the evaluation's page, or the form's error when submitted — never a 500.
An organisation's finding is still closed. The detail page's queries do not grow with its rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anjian.evaluations.models import Evaluation, Finding, ItemVerdict
from anjian.evaluations.testing import add_item, busy_evaluation_in

pytestmark = pytest.mark.django_db

REASON = "只读"


def _published(world):
    evaluation = busy_evaluation_in(world)
    Evaluation.objects.filter(pk=evaluation.pk).update(status="published")
    evaluation.refresh_from_db()
    return evaluation


def test_the_detail_of_a_published_evaluation_offers_no_change(world, login):
    evaluation = _published(world)
    html = (
        login(world.users["committee"])
        .get(reverse("evaluations:evaluation_detail", args=[evaluation.pk]))
        .content.decode()
    )
    assert 'id="evaluation-read-only"' in html and REASON in html
    for url in (
        reverse("evaluations:evaluation_edit", args=[evaluation.pk]),
        reverse("evaluations:evaluation_delete", args=[evaluation.pk]),
        reverse("evaluations:itemverdict_add"),
        reverse("evaluations:recommendationverdict_add"),
        reverse("evaluations:finding_add"),
        reverse("evaluations:evaluation_plan_spot_check", args=[evaluation.pk]),
        reverse("evaluations:itemverdict_edit", args=[evaluation.item_verdicts.get().pk]),
    ):
        assert url not in html, url
    assert 'id="report-download"' in html or "report" in html


def test_an_open_evaluation_offers_them(world, login):
    evaluation = busy_evaluation_in(world)
    html = (
        login(world.users["committee"])
        .get(reverse("evaluations:evaluation_detail", args=[evaluation.pk]))
        .content.decode()
    )
    assert 'id="evaluation-read-only"' not in html
    assert reverse("evaluations:evaluation_edit", args=[evaluation.pk]) in html
    assert reverse("evaluations:itemverdict_add") in html
    assert reverse("evaluations:finding_add") in html


def test_forms_opened_anyway_answer_the_reason(world, login):
    evaluation = _published(world)
    client = login(world.users["committee"])
    detail = reverse("evaluations:evaluation_detail", args=[evaluation.pk])
    verdict = ItemVerdict.objects.get(evaluation=evaluation)
    enterprise_finding = Finding.objects.get(
        evaluation=evaluation, handed_to_enterprise__isnull=False
    )
    for url in (
        reverse("evaluations:evaluation_edit", args=[evaluation.pk]),
        reverse("evaluations:evaluation_delete", args=[evaluation.pk]),
        reverse("evaluations:itemverdict_edit", args=[verdict.pk]),
        reverse("evaluations:itemverdict_add") + f"?evaluation={evaluation.pk}",
        reverse("evaluations:recommendationverdict_add") + f"?evaluation={evaluation.pk}",
        reverse("evaluations:finding_add") + f"?evaluation={evaluation.pk}",
        reverse("evaluations:finding_edit", args=[enterprise_finding.pk]),
        reverse("evaluations:finding_delete", args=[enterprise_finding.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == detail, url
        shown = client.get(detail).content.decode()
        assert REASON in shown, url
    # Submitted anyway: the form's error (the models' rule), nothing saved, nothing deleted.
    response = client.post(
        reverse("evaluations:itemverdict_add"),
        {
            "evaluation": evaluation.pk,
            "item": add_item(evaluation.accident).pk,
            "verdict": "implemented",
        },
    )
    assert response.status_code == 200 and REASON in response.content.decode()
    assert ItemVerdict.objects.filter(evaluation=evaluation).count() == 1
    response = client.post(
        reverse("evaluations:finding_add"),
        {
            "evaluation": evaluation.pk,
            "problem": "新问题",
            "handed_to_organization": world.organizations["bureau"].pk,
        },
    )
    assert response.status_code == 200 and REASON in response.content.decode()
    client.post(reverse("evaluations:evaluation_delete", args=[evaluation.pk]))
    assert Evaluation.objects.filter(pk=evaluation.pk).exists()


def test_an_organisations_finding_is_still_closed(world, login):
    evaluation = _published(world)
    finding = Finding.objects.get(evaluation=evaluation, handed_to_organization__isnull=False)
    client = login(world.users["committee"])
    url = reverse("evaluations:finding_edit", args=[finding.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert [name for name, field in form.fields.items() if not field.disabled] == ["closed_on"]
    response = client.post(url, {"closed_on": "2024-07-01", "problem": "改写"})
    assert response.status_code == 302, response.content.decode()[:3000]
    finding.refresh_from_db()
    assert str(finding.closed_on) == "2024-07-01" and finding.problem == "部门"


def test_detail_queries_do_not_grow_with_unit_items(world, login):
    from anjian.evaluations.models import ItemVerdict as Verdict

    evaluation = busy_evaluation_in(world)
    client = login(world.users["committee"])
    url = reverse("evaluations:evaluation_detail", args=[evaluation.pk])
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for name in ("bureau", "committee", "police"):
        organization = world.organizations.get(name) or world.organizations["bureau"]
        Verdict.objects.create(
            evaluation=evaluation,
            item=add_item(
                evaluation.accident,
                subject_kind="organization",
                person_name="",
                organization=organization,
                track="accountability_measure",
            ),
            verdict="implemented",
        )
    assert count() == before


def test_spot_checks_link_for_whoever_reads_inspections(world, login):
    evaluation = busy_evaluation_in(world)
    inspection = evaluation.spot_checks.get().inspection
    html = (
        login(world.users["committee"])  # reads inspections, changes none
        .get(reverse("evaluations:evaluation_detail", args=[evaluation.pk]))
        .content.decode()
    )
    assert reverse("inspections:inspection_detail", args=[inspection.pk]) in html


def test_the_working_group_of_a_published_evaluation_is_not_changed_by_the_form(world, login):
    evaluation = _published(world)
    members = set(evaluation.members.values_list("pk", flat=True))
    from anjian.evaluations.forms import EvaluationForm
    from anjian.evaluations.tests.test_pages_methods import unchanged_post

    data = unchanged_post(EvaluationForm(instance=evaluation, user=world.users["committee"]))
    data["members"] = [world.organizations["committee"].pk]
    response = login(world.users["committee"]).post(
        reverse("evaluations:evaluation_edit", args=[evaluation.pk]), data
    )
    assert response.status_code == 200 and REASON in response.content.decode()
    assert set(evaluation.members.values_list("pk", flat=True)) == members
