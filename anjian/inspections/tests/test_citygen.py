"""The synthetic city's inspections: regions copied as save() would, every item of the checklist,
completed ones with nothing left pending and their enterprise's last inspection date at least
their day."""

import pytest
from django.db.models import Count, F

from anjian.core import citygen
from anjian.inspections.models import Inspection, InspectionItem


@pytest.fixture
def city(db):
    return citygen.generate(scale=0.004, seed=3, out=None, batch_size=300)


def test_the_city_has_inspections_that_pass_the_models_rules(city):
    inspections = Inspection.objects.all()
    assert inspections.filter(status="completed").exists()
    assert inspections.filter(status="planned").exists()
    assert not inspections.exclude(region=F("enterprise__region")).exists()
    per = inspections.annotate(n=Count("items")).values_list("n", "template__items")
    assert all(n > 0 for n, _ in per)
    completed = inspections.filter(status="completed")
    assert not InspectionItem.objects.filter(inspection__in=completed, result="pending").exists()
    assert not completed.filter(enterprise__last_inspected_on__lt=F("inspected_on")).exists()
    for inspection in inspections.order_by("pk")[:10]:
        inspection.full_clean()
    assert "inspections" in [g.name for g in citygen.generators()]
