"""The seed's accident in the demo world: level, investigation, every accountability item with
its dates and document numbers, the three penalties read from their paid enforcement cases, the
six recommendations with their bodies and progress; loading twice changes nothing."""

from decimal import Decimal

import pytest

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
