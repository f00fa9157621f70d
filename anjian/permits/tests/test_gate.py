"""The gate before work starts: each of the seven prohibitions failing alone, all at once, the
test window's boundary, a warning-education certificate, and a query count that does not grow with
the number of people."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anjian.core.workflow import TransitionRefused
from anjian.permits import rules, services
from anjian.permits.choices import ConditionCode, PermitDuty, PermitStatus
from anjian.permits.models import GasTest, Permit, PermitPerson
from anjian.permits.testing import add_person, gas_test, ready_permit
from anjian.training.choices import TrainingKind
from anjian.training.models import Certificate
from anjian.training.testing import CertificateFactory, PersonFactory, SpecialCertificateFactory

pytestmark = pytest.mark.django_db

CODES = [c.value for c in ConditionCode]


@pytest.fixture
def permit(world):
    return ready_permit(world.enterprises["inside"])


def _failing(permit, on=None):
    return [c.code for c in rules.readiness(permit, on) if not c.ok]


def _update(permit, **fields):
    Permit._base_manager.filter(pk=permit.pk).update(**fields)
    permit.refresh_from_db()


def test_a_ready_permit_passes_all_seven_with_evidence(permit):
    conditions = rules.readiness(permit)
    assert [c.code for c in conditions] == CODES
    assert all(c.ok for c in conditions), [c.reasons for c in conditions]
    assert all(c.evidence for c in conditions)


def test_start_goes_ahead_when_all_seven_hold(world, permit):
    services.start_permit(permit, actor=world.users["enterprise_manager"])
    permit.refresh_from_db()
    assert permit.status == PermitStatus.IN_PROGRESS
    assert permit.started_at is not None


def _break_hazards(permit):
    _update(permit, hazards=" ")


def _break_ventilation(permit):
    _update(permit, ventilated=False)


def _break_equipment(permit):
    item = permit.protective_equipment.get()
    type(item)._base_manager.filter(pk=item.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )


def _break_attendant(permit):
    PermitPerson.objects.filter(permit=permit, duty=PermitDuty.ATTENDANT).delete()


def _break_electrical(permit):
    _update(permit, electrical_compliant=False)


def _break_approval(permit):
    _update(permit, approver=None, approved_at=None)


def _break_training(permit):
    entrant = permit.people.get(duty=PermitDuty.ENTRANT).person
    Certificate.objects.filter(person=entrant).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1),
        issued_on=timezone.localdate() - datetime.timedelta(days=400),
    )


BREAKERS = {
    ConditionCode.HAZARDS: _break_hazards,
    ConditionCode.VENTILATION: _break_ventilation,
    ConditionCode.PROTECTIVE_EQUIPMENT: _break_equipment,
    ConditionCode.ATTENDANT: _break_attendant,
    ConditionCode.ELECTRICAL: _break_electrical,
    ConditionCode.APPROVAL: _break_approval,
    ConditionCode.TRAINING: _break_training,
}


@pytest.mark.parametrize("code", CODES)
def test_each_condition_failing_alone_refuses_the_start(world, permit, code):
    BREAKERS[code](permit)
    assert _failing(permit) == [code]
    with pytest.raises(TransitionRefused) as refused:
        services.start_permit(permit, actor=world.users["enterprise_manager"])
    failing = next(c for c in rules.readiness(permit) if c.code == code)
    assert set(failing.reasons) <= set(refused.value.reasons)
    permit.refresh_from_db()
    assert permit.status == PermitStatus.APPROVED


def test_all_seven_failing_give_seven_reasons_at_once(world, permit):
    for breaker in BREAKERS.values():
        breaker(permit)
    conditions = rules.readiness(permit)
    assert [c.code for c in conditions if not c.ok] == CODES
    with pytest.raises(TransitionRefused) as refused:
        services.start_permit(permit, actor=world.users["enterprise_manager"])
    for condition in conditions:
        assert condition.reasons[0] in refused.value.reasons


def test_the_test_window_boundary(world, permit):
    test = GasTest.objects.get(permit=permit)
    window = datetime.timedelta(minutes=30)
    assert _failing(permit, test.tested_at + window) == []
    assert _failing(permit, test.tested_at + window + datetime.timedelta(seconds=1)) == [
        ConditionCode.VENTILATION
    ]


def test_the_window_is_a_setting(settings, permit):
    settings.ANJIAN_PERMIT_GAS_TEST_WINDOW_MINUTES = 10
    test = GasTest.objects.get(permit=permit)
    assert _failing(permit, test.tested_at + datetime.timedelta(minutes=11)) == ["ventilation"]


def test_a_failed_latest_test_or_an_out_of_date_detector_fails_ventilation(permit):
    gas_test(permit, passed=False)
    assert _failing(permit) == [ConditionCode.VENTILATION]
    GasTest.objects.filter(permit=permit).delete()
    test = gas_test(permit)
    GasTest.objects.filter(pk=test.pk).update(detector_in_date=False)
    assert _failing(permit) == [ConditionCode.VENTILATION]


def test_a_warning_education_certificate_does_not_qualify_an_entrant(world, permit):
    row = permit.people.get(duty=PermitDuty.ENTRANT)
    person = PersonFactory(employer=permit.enterprise, name="只有警示教育")
    CertificateFactory(person=person, kind=TrainingKind.WARNING_EDUCATION, duties=[])
    PermitPerson.objects.filter(pk=row.pk).update(person=person)
    failing = [c for c in rules.readiness(permit) if not c.ok]
    assert [c.code for c in failing] == [ConditionCode.TRAINING]
    assert any("只有警示教育" in reason for reason in failing[0].reasons)
    with pytest.raises(TransitionRefused):
        services.start_permit(permit, actor=world.users["enterprise_manager"])


def test_a_special_operation_needs_its_certificate(permit):
    row = permit.people.get(duty=PermitDuty.ENTRANT)
    PermitPerson.objects.filter(pk=row.pk).update(
        special_category="welding", special_operation="熔化焊接与热切割作业"
    )
    assert _failing(permit) == [ConditionCode.TRAINING]
    SpecialCertificateFactory(
        person=row.person, category="welding", operation="熔化焊接与热切割作业"
    )
    assert _failing(permit) == []


def test_an_explosion_risk_needs_explosion_proof_equipment(permit):
    type(permit.space)._base_manager.filter(pk=permit.space_id).update(explosion_risk=True)
    assert _failing(permit) == [ConditionCode.ELECTRICAL]
    _update(permit, explosion_proof_measures="防爆轴流风机、防爆手电")
    assert _failing(permit) == []


def test_certificates_are_judged_on_the_day_asked(permit):
    entrant = permit.people.get(duty=PermitDuty.ENTRANT).person
    expiry = Certificate.objects.get(person=entrant).expires_on
    test = GasTest.objects.get(permit=permit)
    day_after = timezone.make_aware(
        datetime.datetime.combine(expiry + datetime.timedelta(days=1), datetime.time(9))
    )
    GasTest.objects.filter(pk=test.pk).update(tested_at=day_after - datetime.timedelta(minutes=5))
    assert ConditionCode.TRAINING in _failing(permit, day_after)


def _queries(permit):
    with CaptureQueriesContext(connection) as captured:
        rules.readiness(permit)
    return len(captured.captured_queries)


def test_the_gates_query_count_does_not_grow_with_the_people(world):
    small = ready_permit(world.enterprises["inside"], entrants=1, attendants=1)
    large = ready_permit(world.enterprises["outside"], entrants=6, attendants=5)
    for row in large.people.filter(duty=PermitDuty.ENTRANT)[:3]:
        PermitPerson.objects.filter(pk=row.pk).update(special_category="electrician")
    assert small.people.count() == 3
    assert large.people.count() == 12
    assert _queries(small) == _queries(large) == 7
    assert all(c.ok for c in rules.readiness(small))


def test_someone_listed_twice_is_judged_for_each_duty(permit):
    leader = permit.people.get(duty=PermitDuty.LEADER).person
    add_person(permit, PermitDuty.RESCUER, person=leader)
    assert _failing(permit) == []
