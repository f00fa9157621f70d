"""The synthetic city's enforcement cases: one in ~40 enterprises, region copied as save() would,
total fine equal to the penalty rows, publication due on a working day after the decision, every
row passing the model's rules."""

import pytest
from django.db.models import F, Sum

from anjian.core import citygen
from anjian.enforcement.models import CasePenalty, EnforcementCase


@pytest.fixture
def city(db):
    return citygen.generate(scale=0.004, seed=3, out=None, batch_size=300)


def test_the_city_has_cases_that_pass_the_models_rules(city):
    cases = EnforcementCase.objects.all()
    assert cases.exists() and "enforcement" in [g.name for g in citygen.generators()]
    assert not cases.exclude(region=F("enterprise__region")).exists()
    assert not CasePenalty.objects.exclude(region=F("case__region")).exists()
    for case in cases.order_by("pk")[:20]:
        case.full_clean()
        assert case.penalties.aggregate(s=Sum("amount"))["s"] == case.total_fine
        assert case.publication_due > case.decision_date
        assert case.publication_due.weekday() < 5
    assert cases.values("number").distinct().count() == cases.count()
