"""The demo world's evaluation of the seed accident: published, its working group and methods, a
verdict on every item and recommendation, the 一诠科技 unannounced check linked (not duplicated) with
its two hazards as findings, the finding handed to the bureau; loading twice changes nothing."""

import datetime

import pytest

from anjian.evaluations.models import Evaluation, Finding, SpotCheck

pytestmark = pytest.mark.django_db


def test_demo_evaluation():
    from anjian.demo import world
    from anjian.inspections.models import Inspection

    world.load()
    evaluation = Evaluation.objects.get(accident__name__contains="4·5")
    assert evaluation.status == "published"
    assert evaluation.started_on == datetime.date(2024, 5, 21)
    assert {m["code"] for m in evaluation.methods} == {
        "briefings",
        "files",
        "interviews",
        "spot_checks",
    }
    names = set(evaluation.members.values_list("name", flat=True))
    assert {"江门市公安局江海分局", "江海区总工会", "外海街道办事处"} <= names
    accident = evaluation.accident
    assert evaluation.item_verdicts.count() == accident.accountability_items.count() > 0
    assert evaluation.recommendation_verdicts.count() == accident.recommendations.count() == 6
    check = SpotCheck.objects.get(evaluation=evaluation)
    assert check.inspection.enterprise.name == "一诠科技（中国）有限公司"
    assert (
        Inspection.objects.filter(enterprise=check.inspection.enterprise)
        .filter(planned_on=datetime.date(2024, 5, 21))
        .count()
        == 1
    )
    hazards = Finding.objects.filter(evaluation=evaluation, hazard__isnull=False)
    assert hazards.count() == 2
    assert any("隔离门" in f.problem for f in hazards)
    assert Finding.objects.filter(
        evaluation=evaluation, handed_to_organization__isnull=False
    ).exists()
    before = (Finding.objects.count(), SpotCheck.objects.count(), Evaluation.objects.count())
    world.load()
    assert before == (
        Finding.objects.count(),
        SpotCheck.objects.count(),
        Evaluation.objects.count(),
    )
