"""The seed's accident in the demo world: level, investigation, every accountability item with
its dates and document numbers, the three penalties read from their paid enforcement cases, the
six recommendations with their bodies and progress; loading twice changes nothing."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from anjian.accidents.models import (
    Accident,
    AccountabilityItem,
    CriminalStep,
    ImplementationProgress,
    Recommendation,
    RecommendationAssignment,
)

pytestmark = pytest.mark.django_db
MODELS = [
    Accident,
    AccountabilityItem,
    CriminalStep,
    Recommendation,
    RecommendationAssignment,
    ImplementationProgress,
]


def _snapshot():
    return {
        model.__name__: sorted(
            tuple(str(v) for v in row) for row in model._base_manager.values_list()
        )
        for model in MODELS
    }


def test_demo_accident():
    from anjian.demo import world

    world.load()
    accident = Accident.objects.get(name__contains="“4·5”一般中毒事故")
    assert accident.level == "ordinary"
    assert (accident.deaths, accident.injuries, accident.direct_loss) == (1, 1, Decimal(2425000))
    assert accident.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M") == "2023-04-05 14:45"
    assert accident.investigating_region.name == "江海区"
    assert accident.space.name == "好氧池"
    assert accident.investigation.approved_on is not None
    items = accident.accountability_items.all()
    assert items.count() == 15
    steps = CriminalStep.objects.filter(item__accident=accident, step="compulsory_measure")
    assert set(steps.values_list("item__person_name", "document_number")) == {
        ("陈庆芳", "江公江海（刑警）取保字〔2023〕316095号"),
        ("刘永臣", "江公江海（刑警）取保字〔2023〕316096号"),
    }
    assert {str(s.on) for s in steps} == {"2023-11-07"}
    units = items.filter(subject_kind="organization", track="accountability_measure")
    assert sorted(str(i.outcome_on) for i in units) == ["2023-04-07", "2023-06-15", "2023-08-22"]
    penalties = items.filter(track="administrative_penalty")
    assert sorted(i.penalty_amount for i in penalties) == [25200, 31200, 400000]
    assert all(i.fulfilled_on for i in penalties)
    assert items.get(person_name="麦炳权").outcome_on.isoformat() == "2023-09-19"
    recommendations = Recommendation.objects.filter(accident=accident)
    assert list(recommendations.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert (
        RecommendationAssignment.objects.get(
            recommendation__number=2, recommendation__accident=accident
        ).enterprise
        == accident.enterprise
    )
    for recommendation in recommendations:
        assert ImplementationProgress.objects.filter(
            assignment__recommendation=recommendation
        ).exists()
    before = _snapshot()
    world.load()
    assert _snapshot() == before


def test_demo_items_have_their_executing_organisations_and_the_discipline_body_reads_its_own():
    """The seed's items are given to the bodies of the demo world that execute them; the
    discipline body's department user (jw_lin) reads its items and their accident, and nothing
    else of the accident's accountability; the report still words the body as the seed does."""
    from anjian.demo import world

    world.load()
    accident = Accident.objects.get(name__contains="“4·5”一般中毒事故")
    items = accident.accountability_items.select_related("executing_organization")
    executors = {(i.subject_name, i.track): i.executing_organization for i in items}
    assert executors["陈庆芳", "criminal"].name == "江门市公安局江海分局"
    assert executors["东南村民委员会", "accountability_measure"].name == "外海街道办事处"
    # 江海区委、区政府 is no organisation on file: the text alone.
    assert executors["江海区应急管理局", "accountability_measure"] is None
    assert executors["苏锦荣", "accountability_measure"].short_name == "区纪委"
    assert executors["潘宗文", "party_discipline"].short_name == "区纪委"
    assert all(
        i.executing_organization.short_name == "区应急管理局"
        for i in items.filter(track="administrative_penalty")
    )
    # The text the report prints is the seed's wording, not the organisation's full name.
    assert items.get(person_name="苏锦荣").executor_name == "区纪委干部监督室"

    discipline = get_user_model().objects.get(username="jw_lin")
    mine = AccountabilityItem.objects.restrict(discipline)
    assert set(mine.values_list("person_name", flat=True)) == {
        "陈悦铨",
        "潘宗文",
        "麦炳权",
        "苏锦荣",
        "许卫平",
        "何涛",
        "魏定华",
    }
    assert list(Accident.objects.restrict(discipline)) == [accident]
    assert AccountabilityItem.objects.restrict(discipline, "change").count() == 7
    assert not Recommendation.objects.restrict(discipline).exists()
