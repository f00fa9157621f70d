"""The permit's workflow: every allowed and forbidden move, filing (the late flag), the briefing,
approval and delegation, suspension by a failing reading and the retest before resuming,
completion with the entry log, acceptance, return and cancel."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from anjian.core.models import TransitionLog
from anjian.core.workflow import TransitionRefused, perform
from anjian.permits import rules, services
from anjian.permits.choices import (
    BriefingTopic,
    Direction,
    PermitDuty,
    PermitStatus,
)
from anjian.permits.models import Briefing, GasTest, Permit, PermitPerson
from anjian.permits.testing import (
    add_person,
    delegation_for,
    detector_for,
    entry,
    passing_readings,
    ready_permit,
    trained_person,
)
from anjian.training.choices import Duty
from anjian.training.testing import PersonFactory

pytestmark = pytest.mark.django_db
S = PermitStatus
NOW = timezone.now


def _draft(world, **kwargs):
    """A complete plan in draft: what ``ready_permit`` builds, before filing."""
    permit = ready_permit(world.enterprises["inside"], **kwargs)
    GasTest.objects.filter(permit=permit).delete()
    Briefing.objects.filter(permit=permit).delete()
    Permit._base_manager.filter(pk=permit.pk).update(
        status=S.DRAFT,
        approver=None,
        approved_at=None,
        filed_at=None,
        acknowledged_at=None,
        ventilated=False,
        protective_equipment_confirmed=False,
        electrical_compliant=False,
    )
    permit.refresh_from_db()
    return permit


def _set(permit, status, **fields):
    Permit._base_manager.filter(pk=permit.pk).update(status=status, **fields)
    permit.refresh_from_db()
    return permit


def _brief(permit, officer, minutes=30, topics=None, **kwargs):
    end = NOW() - datetime.timedelta(minutes=5)
    return services.acknowledge_permit(
        permit,
        actor=officer,
        started_at=end - datetime.timedelta(minutes=minutes),
        ended_at=end,
        topics=topics
        if topics is not None
        else [BriefingTopic.SEVEN_PROHIBITIONS, BriefingTopic.PROCEDURE],
        given_by_name="外海街道 李明",
        attendee_names="作业负责人、监护人、作业人员",
        **kwargs,
    )


@pytest.fixture
def manager(world):
    return world.users["enterprise_manager"]


@pytest.fixture
def officer(world):
    return world.users["subdistrict_officer"]


# --- the table of moves ---------------------------------------------------------------------------
MOVES = {name: t.source for name, t in Permit.workflow.transitions.items()}


@pytest.mark.parametrize("name", sorted(MOVES))
@pytest.mark.parametrize("status", S.values)
def test_a_move_from_a_state_outside_its_sources_is_refused(world, name, status):
    if status in MOVES[name]:
        pytest.skip("allowed source: covered by the tests of the move")
    permit = _set(ready_permit(world.enterprises["inside"]), status)
    with pytest.raises(TransitionRefused) as refused:
        perform(permit, name, actor=world.users["admin"], reason="测试")
    assert any("不能" in r or "not possible" in r for r in refused.value.reasons)
    permit.refresh_from_db()
    assert permit.status == status


def test_the_workflow_is_the_one_of_the_issue():
    assert MOVES == {
        "file": (S.DRAFT,),
        "acknowledge": (S.FILED,),
        "return": (S.FILED,),
        "revise": (S.RETURNED,),
        "approve": (S.ACKNOWLEDGED,),
        "start": (S.APPROVED,),
        "suspend": (S.IN_PROGRESS,),
        "resume": (S.SUSPENDED,),
        "complete": (S.IN_PROGRESS, S.SUSPENDED),
        "accept": (S.COMPLETED,),
        "cancel": (S.DRAFT, S.FILED, S.RETURNED, S.ACKNOWLEDGED, S.APPROVED),
    }


# --- the whole way, as the services take it -----------------------------------------------------
def test_from_plan_to_acceptance(world, manager, officer):
    permit = _draft(world)
    services.file_permit(permit, actor=manager)
    assert (permit.status, permit.filed_late) == (S.FILED, False)
    _brief(permit, officer)
    assert permit.status == S.ACKNOWLEDGED
    principal = permit.enterprise.principal_person
    services.approve_permit(permit, actor=manager, approver=principal)
    assert (permit.status, permit.approver, permit.delegation) == (S.APPROVED, principal, None)
    Permit.objects.filter(pk=permit.pk).update(
        ventilated=True, protective_equipment_confirmed=True, electrical_compliant=True
    )
    permit.refresh_from_db()
    tester = permit.people.get(duty=PermitDuty.LEADER).person
    detector = detector_for(permit.enterprise)
    test = services.record_gas_test(
        permit,
        actor=manager,
        tested_at=NOW() - datetime.timedelta(minutes=2),
        tester=tester,
        detector=detector,
        readings=passing_readings(),
    )
    assert test.passed and test.kind == "pre_entry" and test.detector_in_date
    services.start_permit(permit, actor=manager)
    assert permit.status == S.IN_PROGRESS
    entrant = permit.people.get(duty=PermitDuty.ENTRANT).person
    services.record_entry(permit, actor=manager, direction=Direction.IN, person=entrant)
    services.record_entry(permit, actor=manager, direction=Direction.IN, tool="潜水泵")
    with pytest.raises(TransitionRefused) as refused:
        services.complete_permit(permit, actor=manager, isolation_restored=True)
    assert any(entrant.name in r for r in refused.value.reasons)
    assert any("潜水泵" in r for r in refused.value.reasons)
    services.everyone_out(permit, actor=manager)
    assert rules.people_inside(permit) == [] and rules.tools_unaccounted(permit) == {}
    with pytest.raises(TransitionRefused):
        services.complete_permit(permit, actor=manager, isolation_restored=False)
    services.complete_permit(permit, actor=manager, isolation_restored=True)
    assert permit.status == S.COMPLETED and permit.isolation_restored
    with pytest.raises(TransitionRefused):
        services.accept_permit(permit, actor=manager, leader=entrant)
    services.accept_permit(permit, actor=manager, leader=tester, note="现场已清理")
    permit.refresh_from_db()
    assert permit.status == S.ACCEPTED
    assert (permit.accepted_by_leader, permit.accepted_by) == (tester, manager)
    moves = list(
        TransitionLog.objects.filter(object_id=permit.pk)
        .order_by("id")
        .values_list("transition", flat=True)
    )
    assert moves == ["file", "acknowledge", "approve", "start", "complete", "accept"]


# --- filing ---------------------------------------------------------------------------------------
def test_filing_lists_everything_missing(world, manager, english):
    permit = _draft(world)
    Permit.objects.filter(pk=permit.pk).update(hazards="", rescue_plan="")
    PermitPerson.objects.filter(permit=permit, duty=PermitDuty.ATTENDANT).delete()
    permit.refresh_from_db()
    with pytest.raises(TransitionRefused) as refused:
        services.file_permit(permit, actor=manager)
    reasons = refused.value.reasons
    assert "Identify the hazards." in reasons
    assert "Give the rescue plan." in reasons
    assert "Name at least one attendant." in reasons


@pytest.mark.parametrize(
    ("days", "late"), [(5, False), (3, False), (2.99, True), (1, True), (-1, True)]
)
def test_a_filing_later_than_the_lead_time_goes_ahead_flagged_late(world, manager, days, late):
    permit = _draft(world)
    now = NOW()
    start = now + datetime.timedelta(days=days)
    Permit.objects.filter(pk=permit.pk).update(
        planned_start=start, planned_end=start + datetime.timedelta(hours=4)
    )
    permit.refresh_from_db()
    services.file_permit(permit, actor=manager, now=now)
    permit.refresh_from_db()
    assert permit.status == S.FILED
    assert permit.filed_late is late


def test_the_lead_time_is_a_setting(settings):
    settings.ANJIAN_PERMIT_FILING_LEAD_DAYS = 7
    now = NOW()
    assert rules.is_late(now + datetime.timedelta(days=5), now)
    assert not rules.is_late(now + datetime.timedelta(days=7), now)


def test_a_contractor_needs_its_agreement(world, manager, english):
    permit = _draft(world)
    Permit.objects.filter(pk=permit.pk).update(
        implementing_unit="contractor",
        contractor_uscc="91440704MA00000100",
        contractor_name="江门某清洁服务有限公司",
    )
    permit.refresh_from_db()
    with pytest.raises(TransitionRefused) as refused:
        services.file_permit(permit, actor=manager)
    assert "Upload the safety agreement signed with the contractor." in refused.value.reasons


def test_an_unregistered_contractors_code_is_checked(world, english):
    permit = _draft(world)
    permit.implementing_unit = "contractor"
    permit.contractor_uscc = "91440704MA0000010X"
    permit.contractor_name = "某公司"
    with pytest.raises(ValidationError) as error:
        permit.full_clean()
    assert "contractor_uscc" in error.value.message_dict


def test_the_plan_is_locked_once_filed(world, manager, english):
    permit = _draft(world)
    services.file_permit(permit, actor=manager)
    permit.work_content = "另一项作业"
    with pytest.raises(ValidationError):
        permit.full_clean()
    permit.refresh_from_db()
    permit.ventilated = True  # an on-site check may still be ticked
    permit.full_clean()


# --- people ---------------------------------------------------------------------------------------
def test_an_attendant_is_never_also_an_entrant(world, english):
    permit = _draft(world)
    entrant = permit.people.get(duty=PermitDuty.ENTRANT).person
    row = PermitPerson(permit=permit, person=entrant, duty=PermitDuty.ATTENDANT)
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "never also an entrant" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        PermitPerson.objects.create(permit=permit, person=entrant, duty=PermitDuty.ATTENDANT)


def test_the_leader_may_also_be_an_entrant(world):
    permit = _draft(world)
    leader = permit.people.get(duty=PermitDuty.LEADER).person
    PermitPerson(permit=permit, person=leader, duty=PermitDuty.ENTRANT).full_clean()


# --- the briefing ---------------------------------------------------------------------------------
def test_a_briefing_of_29_minutes_is_refused_and_nothing_is_written(world, manager, officer):
    permit = _draft(world)
    services.file_permit(permit, actor=manager)
    with pytest.raises(TransitionRefused) as refused:
        _brief(permit, officer, minutes=29)
    assert any("29" in r for r in refused.value.reasons)
    assert not Briefing.objects.filter(permit=permit).exists()
    permit.refresh_from_db()
    assert permit.status == S.FILED


def test_a_briefing_must_cover_the_seven_prohibitions_and_the_procedure(world, manager, officer):
    permit = _draft(world)
    services.file_permit(permit, actor=manager)
    with pytest.raises(TransitionRefused) as refused:
        _brief(permit, officer, topics=[BriefingTopic.HAZARDS])
    assert len(refused.value.reasons) == 2


def test_only_the_sub_district_acknowledges_and_returns(world, manager, officer):
    permit = _draft(world)
    services.file_permit(permit, actor=manager)
    with pytest.raises(TransitionRefused):
        _brief(permit, manager)
    with pytest.raises(TransitionRefused):
        services.return_permit(permit, actor=manager, reason="不全")
    with pytest.raises(TransitionRefused):
        services.return_permit(permit, actor=officer, reason=" ")
    services.return_permit(permit, actor=officer, reason="救援预案不具体")
    assert permit.status == S.RETURNED
    services.revise_permit(permit, actor=manager)
    assert permit.status == S.DRAFT
    services.file_permit(permit, actor=manager)
    _brief(permit, officer)
    assert permit.status == S.ACKNOWLEDGED


# --- approval -------------------------------------------------------------------------------------
def _acknowledged(world, toxic=True):
    permit = ready_permit(world.enterprises["inside"], toxic=toxic)
    return _set(permit, S.ACKNOWLEDGED, approver=None, approved_at=None)


def test_the_principal_approves_toxic_work(world, manager):
    permit = _acknowledged(world)
    services.approve_permit(permit, actor=manager, approver=permit.enterprise.principal_person)
    assert permit.status == S.APPROVED


def test_a_delegate_with_a_valid_delegation_approves_toxic_work(world, manager):
    permit = _acknowledged(world)
    delegate = PersonFactory(employer=permit.enterprise, name="生产副总")
    today = timezone.localdate()
    delegation = delegation_for(
        permit.enterprise,
        delegate,
        valid_from=today,
        valid_until=today + datetime.timedelta(days=90),
    )
    services.approve_permit(permit, actor=manager, approver=delegate)
    assert (permit.status, permit.delegation) == (S.APPROVED, delegation)


def test_an_expired_delegation_is_refused(world, manager):
    permit = _acknowledged(world)
    delegate = PersonFactory(employer=permit.enterprise, name="生产副总")
    today = timezone.localdate()
    delegation = delegation_for(
        permit.enterprise,
        delegate,
        valid_from=today - datetime.timedelta(days=90),
        valid_until=today - datetime.timedelta(days=1),
    )
    with pytest.raises(TransitionRefused) as refused:
        services.approve_permit(permit, actor=manager, approver=delegate, delegation=delegation)
    assert any(str(today - datetime.timedelta(days=1)) in r for r in refused.value.reasons)
    with pytest.raises(TransitionRefused):
        services.approve_permit(permit, actor=manager, approver=delegate)
    permit.refresh_from_db()
    assert permit.status == S.ACKNOWLEDGED


def test_the_safety_officer_may_not_approve_toxic_work(world, manager):
    permit = _acknowledged(world)
    officer = trained_person(permit.enterprise, duties=[Duty.APPROVER], name="安全主任")
    with pytest.raises(TransitionRefused) as refused:
        services.approve_permit(permit, actor=manager, approver=officer)
    assert any("安全主任" in r for r in refused.value.reasons)


def test_a_trained_approver_may_approve_work_without_toxic_risk(world, manager):
    permit = _acknowledged(world, toxic=False)
    untrained = PersonFactory(employer=permit.enterprise, name="未培训")
    with pytest.raises(TransitionRefused):
        services.approve_permit(permit, actor=manager, approver=untrained)
    officer = trained_person(permit.enterprise, duties=[Duty.APPROVER], name="安全主任")
    services.approve_permit(permit, actor=manager, approver=officer)
    assert permit.status == S.APPROVED


def test_a_delegation_is_given_by_the_principal(world, english):
    enterprise = world.enterprises["inside"]
    permit = ready_permit(enterprise)
    someone = PersonFactory(employer=enterprise)
    delegation = delegation_for(
        enterprise, someone, valid_from=timezone.localdate(), valid_until=timezone.localdate()
    )
    delegation.principal = PersonFactory(employer=enterprise)
    with pytest.raises(ValidationError):
        delegation.full_clean()
    assert permit.enterprise.is_principal(permit.enterprise.principal_person)


# --- during work: a failing reading, the retest ---------------------------------------------------
def _started(world, manager):
    permit = ready_permit(world.enterprises["inside"])
    services.start_permit(permit, actor=manager)
    return permit


def _test(permit, manager, at, h2s="1", unit="ppm"):
    readings = [r for r in passing_readings() if r["gas"] != "H2S"]
    readings.append({"gas": "H2S", "depth": "bottom", "value": Decimal(h2s), "unit": unit})
    return services.record_gas_test(
        permit,
        actor=manager,
        tested_at=at,
        tester=permit.people.get(duty=PermitDuty.LEADER).person,
        detector=detector_for(permit.enterprise),
        readings=readings,
    )


def test_a_failing_reading_suspends_at_once_and_resuming_needs_a_newer_passing_test(world, manager):
    permit = _started(world, manager)
    failing = _test(
        permit, manager, NOW() - datetime.timedelta(seconds=30), h2s="10.01", unit="mg_m3"
    )
    assert not failing.passed and failing.kind == "periodic"
    permit.refresh_from_db()
    assert permit.status == S.SUSPENDED and permit.suspended_at is not None
    log = TransitionLog.objects.filter(object_id=permit.pk, transition="suspend").get()
    assert "H2S" in log.reason
    with pytest.raises(TransitionRefused):
        services.resume_permit(permit, actor=manager)
    retest = _test(permit, manager, NOW())
    assert retest.passed and retest.kind == "retest"
    services.resume_permit(permit, actor=manager)
    assert permit.status == S.IN_PROGRESS


def test_a_pause_needs_a_new_test_even_after_a_recent_pass(world, manager):
    permit = _started(world, manager)
    services.suspend_permit(permit, actor=manager, reason="午休")
    with pytest.raises(TransitionRefused) as refused:
        services.resume_permit(permit, actor=manager)
    assert refused.value.reasons
    _test(permit, manager, NOW())
    services.resume_permit(permit, actor=manager)
    assert permit.status == S.IN_PROGRESS


def test_nobody_enters_while_suspended(world, manager):
    permit = _started(world, manager)
    services.suspend_permit(permit, actor=manager, reason="风机故障")
    entrant = permit.people.get(duty=PermitDuty.ENTRANT).person
    with pytest.raises(ValidationError):
        services.record_entry(permit, actor=manager, direction=Direction.IN, person=entrant)


def test_only_entrants_enter_and_only_who_is_inside_leaves(world, manager):
    permit = _started(world, manager)
    attendant = permit.people.get(duty=PermitDuty.ATTENDANT).person
    entrant = permit.people.get(duty=PermitDuty.ENTRANT).person
    with pytest.raises(ValidationError):
        services.record_entry(permit, actor=manager, direction=Direction.IN, person=attendant)
    with pytest.raises(ValidationError):
        services.record_entry(permit, actor=manager, direction=Direction.OUT, person=entrant)
    with pytest.raises(ValidationError):
        services.record_entry(permit, actor=manager, direction=Direction.OUT, tool="扳手")
    services.record_entry(permit, actor=manager, direction=Direction.IN, person=entrant)
    assert rules.people_inside(permit) == [entrant]


def test_completion_is_refused_with_someone_inside(world, manager):
    permit = _started(world, manager)
    entrant = permit.people.get(duty=PermitDuty.ENTRANT).person
    entry(permit, Direction.IN, person=entrant)
    with pytest.raises(TransitionRefused) as refused:
        services.complete_permit(permit, actor=manager, isolation_restored=True)
    assert refused.value.reasons == [rules.completion_refusals(permit, True)[0]]
    entry(permit, Direction.OUT, person=entrant)
    services.complete_permit(permit, actor=manager, isolation_restored=True)
    assert permit.status == S.COMPLETED


def test_a_missed_periodic_reading_is_flagged(world, manager, settings):
    permit = _started(world, manager)
    last = GasTest.objects.filter(permit=permit).latest("tested_at")
    assert not rules.reading_overdue(permit, last.tested_at + datetime.timedelta(minutes=30))
    assert rules.reading_overdue(permit, last.tested_at + datetime.timedelta(minutes=31))
    settings.ANJIAN_PERMIT_READING_INTERVAL_MINUTES = 60
    assert not rules.reading_overdue(permit, last.tested_at + datetime.timedelta(minutes=31))


# --- cancel ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [S.DRAFT, S.FILED, S.RETURNED, S.ACKNOWLEDGED, S.APPROVED])
def test_cancel_with_a_reason(world, manager, status):
    permit = _set(ready_permit(world.enterprises["inside"]), status)
    with pytest.raises(TransitionRefused):
        services.cancel_permit(permit, actor=manager, reason="")
    services.cancel_permit(permit, actor=manager, reason="工期调整")
    assert permit.status == S.CANCELLED


def test_the_sub_district_may_suspend_but_not_start(world, manager, officer):
    permit = ready_permit(world.enterprises["inside"])
    with pytest.raises(TransitionRefused):
        services.start_permit(permit, actor=officer)
    services.start_permit(permit, actor=manager)
    services.suspend_permit(permit, actor=officer, reason="现场检查发现未持续通风")
    assert permit.status == S.SUSPENDED


def test_add_person_helper_respects_the_constraint(world):
    permit = _draft(world)
    person = add_person(permit, PermitDuty.RESCUER).person
    assert person.employer == permit.enterprise
