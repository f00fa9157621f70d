"""The synthetic city's hazards: in every state, in their enterprise's region, some major with a
criterion, some self-reported, some overdue; each record passes its own validation."""

import pytest
from django.db.models import F

from anjian.core import citygen
from anjian.hazards.models import Hazard

SCALE = 0.004


@pytest.fixture
def city(db):
    return citygen.generate(scale=SCALE, seed=5, out=None, batch_size=300)


def test_hazards_of_the_city(city):
    hazards = Hazard.objects.all()
    assert hazards.exists()
    assert {"reported", "rectifying", "submitted", "closed"} <= set(
        hazards.values_list("status", flat=True)
    )
    assert not hazards.exclude(region=F("enterprise__region")).exists()
    assert hazards.filter(self_reported=True).exists()
    assert hazards.overdue().exists()
    for hazard in hazards.filter(level="major")[:5]:
        assert hazard.criteria.exists()
    for hazard in hazards.order_by("pk")[:20]:
        hazard.full_clean()
