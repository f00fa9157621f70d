"""The synthetic city's confined spaces: a fraction of the enterprises, regions copied as save()
would, codes unique per enterprise, random label tokens, levels agreeing with the assessments."""

import pytest
from django.db.models import Count, F

from anjian.core import citygen
from anjian.enterprises.models import Enterprise
from anjian.spaces.models import ConfinedSpace, SafetyEquipment, SpaceRiskAssessment


@pytest.fixture
def city(db):
    return citygen.generate(scale=0.004, seed=3, out=None, batch_size=300)


def test_the_city_has_spaces_that_pass_the_models_rules(city):
    spaces = ConfinedSpace.objects.all()
    owners = spaces.values("enterprise").distinct().count()
    assert 0.1 * Enterprise.objects.count() <= owners <= 0.35 * Enterprise.objects.count()
    assert not spaces.exclude(region=F("enterprise__region")).exists()
    assert not SafetyEquipment.objects.exclude(region=F("enterprise__region")).exists()
    assert not SpaceRiskAssessment.objects.exclude(region=F("space__region")).exists()
    per_enterprise = spaces.values("enterprise").annotate(n=Count("id"))
    assert max(row["n"] for row in per_enterprise) <= 4
    assert spaces.values("label_token").distinct().count() == spaces.count()
    for space in spaces.order_by("pk")[:25]:
        space.full_clean()
    for assessment in SpaceRiskAssessment.objects.select_related("space")[:25]:
        assessment.full_clean()
        assert assessment.space.risk_level == assessment.level
    assert SafetyEquipment.objects.filter(kind="gas_detector").exists()
    assert citygen.generators()  # the spaces generator is found by itself
    assert "spaces" in [g.name for g in citygen.generators()]
