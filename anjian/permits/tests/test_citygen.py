"""The synthetic city's confined-space work: permits in varied states on the enterprises' own
spaces, in their region, with people, a briefing once acknowledged and a gas test of every gas."""

import pytest
from django.db.models import F

from anjian.core import citygen
from anjian.permits.choices import PermitDuty, PermitStatus
from anjian.permits.models import Briefing, GasReading, GasTest, GasThreshold, Permit, PermitPerson

SCALE = 0.004


@pytest.fixture
def city(db):
    return citygen.generate(scale=SCALE, seed=5, out=None, batch_size=300)


def test_permits_in_varied_states_with_people_and_tests(city):
    permits = Permit.objects.all()
    assert permits.exists()
    states = set(permits.values_list("status", flat=True))
    assert {PermitStatus.ACCEPTED, PermitStatus.DRAFT, PermitStatus.FILED} <= states
    assert len(states) >= 5
    assert not permits.exclude(region=F("enterprise__region")).exists()
    assert not permits.exclude(space__enterprise=F("enterprise")).exists()
    assert permits.filter(filed_late=True).exists()
    for permit in permits.order_by("pk")[:25]:
        permit.full_clean()
        duties = set(PermitPerson.objects.filter(permit=permit).values_list("duty", flat=True))
        assert {PermitDuty.LEADER, PermitDuty.ENTRANT, PermitDuty.ATTENDANT} <= duties
    acknowledged = permits.filter(acknowledged_at__isnull=False)
    assert Briefing.objects.count() == acknowledged.count()
    for briefing in Briefing.objects.order_by("pk")[:10]:
        assert briefing.minutes >= 30
    gases = GasThreshold.objects.filter(active=True).count()
    for test in GasTest.objects.order_by("pk")[:10]:
        assert GasReading.objects.filter(test=test).count() == gases
        assert test.passed == (test.permit.status != PermitStatus.SUSPENDED)
    numbers = list(permits.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
