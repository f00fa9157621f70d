"""The course of a case: every transition allowed and forbidden (with every reason), the fine
range and its confirmed reason, the party kinds (a person need not be a trained worker), a
decided case's party and decision fixed, escalation once per case, the repeat-offender flag at
its boundaries."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from anjian.core.workflow import TransitionRefused
from anjian.enforcement import rules, services
from anjian.enforcement.models import CasePenalty, EnforcementCase
from anjian.enforcement.testing import decidable, legal_basis, make_case
from anjian.enterprises.models import GradeChange

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _reasons(call):
    with pytest.raises(TransitionRefused) as refused:
        call()
    return refused.value.reasons


def _inside(world):
    return world.enterprises["inside"]


# --- transitions ----------------------------------------------------------------------------------
def test_investigate_needs_the_facts(world, regulator, english):
    case = make_case(_inside(world), facts="")
    assert _reasons(lambda: services.transition(case, "investigate", actor=regulator)) == [
        "Write the facts found by the investigation."
    ]
    case.facts = "未审批进入污水池"
    case.save()
    services.transition(case, "investigate", actor=regulator)
    assert case.status == "investigated"


def test_decide_lists_every_missing_thing(world, regulator, english):
    case = make_case(_inside(world))
    services.transition(case, "investigate", actor=regulator)
    reasons = _reasons(lambda: services.transition(case, "decide", actor=regulator))
    assert reasons == [
        "Write the decision number.",
        "Set the decision date.",
        "Add at least one legal basis with its penalty.",
    ]
    assert EnforcementCase.objects.get(pk=case.pk).status == "investigated"


def test_decide_execute_close(world, regulator, english):
    case = decidable(make_case(_inside(world)))
    services.transition(case, "decide", actor=regulator)
    assert case.status == "decided"
    assert _reasons(lambda: services.transition(case, "execute", actor=regulator)) == [
        "Set the date the penalty was fulfilled."
    ]
    case.fulfilled_on = TODAY
    case.save()
    services.transition(case, "execute", actor=regulator)
    assert _reasons(lambda: services.transition(case, "close", actor=regulator)) == [
        "Record the publication of the decision (date and where).",
        "Write where the decision was published.",
    ]
    case.published_on = TODAY
    case.publication_place = "区政府门户网站"
    case.save()
    services.transition(case, "close", actor=regulator)
    assert EnforcementCase.objects.get(pk=case.pk).status == "closed"


@pytest.mark.parametrize(
    "status,forbidden",
    [
        ("opened", ["decide", "execute", "close", "reopen_investigation"]),
        ("investigated", ["investigate", "execute", "close"]),
        ("decided", ["investigate", "decide", "close", "reopen_investigation"]),
        ("executed", ["investigate", "decide", "execute", "reopen_investigation"]),
        ("closed", ["investigate", "decide", "execute", "close", "reopen_investigation"]),
    ],
)
def test_moves_from_the_wrong_state_are_refused(world, regulator, english, status, forbidden):
    case = make_case(_inside(world))
    EnforcementCase._base_manager.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    for name in forbidden:
        reasons = _reasons(lambda name=name: services.transition(case, name, actor=regulator))
        assert any("not possible while the record is" in r for r in reasons), (name, reasons)


def test_back_to_investigation_needs_a_reason(world, regulator, english):
    case = make_case(_inside(world))
    services.transition(case, "investigate", actor=regulator)
    assert _reasons(lambda: services.transition(case, "reopen_investigation", actor=regulator))
    services.transition(case, "reopen_investigation", actor=regulator, reason="证据不足，补充调查")
    assert case.status == "opened"


def test_only_the_bureau_decides(world, english):
    officer = world.users["subdistrict_officer"]
    case = decidable(make_case(_inside(world)))
    reasons = _reasons(lambda: services.transition(case, "decide", actor=officer))
    assert "You do not have permission to do this." in reasons


def test_a_decision_date_in_the_future_or_before_opening_is_refused(world, regulator, english):
    case = decidable(make_case(_inside(world)))
    EnforcementCase._base_manager.filter(pk=case.pk).update(
        decision_date=TODAY + datetime.timedelta(days=2)
    )
    case.refresh_from_db()
    assert "The decision date is in the future." in _reasons(
        lambda: services.transition(case, "decide", actor=regulator)
    )
    EnforcementCase._base_manager.filter(pk=case.pk).update(
        decision_date=case.opened_on - datetime.timedelta(days=1)
    )
    case.refresh_from_db()
    assert "The decision date is before the case was opened." in _reasons(
        lambda: services.transition(case, "decide", actor=regulator)
    )


# --- fine ranges ----------------------------------------------------------------------------------
def test_a_fine_outside_the_range_is_refused_without_a_confirmed_reason(world, english):
    case = make_case(_inside(world))
    basis = legal_basis()  # enterprise: up to 50,000
    penalty = CasePenalty(case=case, legal_basis=basis, kind="fine", amount=Decimal(60000))
    with pytest.raises(ValidationError) as error:
        penalty.full_clean()
    message = error.value.message_dict["outside_range_reason"][0]
    assert "60,000 yuan is outside the range" in message and "0–50,000 yuan" in message
    penalty.outside_range_reason = "逾期未改正，按第二档处罚"
    with pytest.raises(ValidationError):
        penalty.full_clean()  # a reason, not confirmed
    penalty.outside_range_confirmed = True
    penalty.full_clean()
    penalty.save()
    assert EnforcementCase.objects.get(pk=case.pk).total_fine == Decimal(60000)


def test_the_range_of_a_person_is_the_persons(world, english):
    case = make_case(
        None,
        party_kind="person",
        person_name="刘永臣",
        person_position="副总经理",
        region=world.regions["village"],
    )
    basis = legal_basis()  # persons: up to 10,000
    penalty = CasePenalty(case=case, legal_basis=basis, kind="fine", amount=Decimal(20000))
    with pytest.raises(ValidationError) as error:
        penalty.full_clean()
    assert "0–10,000 yuan" in error.value.message_dict["outside_range_reason"][0]
    penalty.amount = Decimal(10000)
    penalty.full_clean()


def test_a_decision_refuses_an_unconfirmed_amount_left_in_the_case(world, regulator, english):
    case = decidable(make_case(_inside(world)), amount=Decimal(90000))
    reasons = _reasons(lambda: services.transition(case, "decide", actor=regulator))
    assert any("90,000 yuan is outside the range" in r for r in reasons)


def test_a_warning_takes_no_amount_and_a_fine_needs_one(world, english):
    case = make_case(_inside(world))
    with pytest.raises(ValidationError):
        CasePenalty(case=case, legal_basis=legal_basis(), kind="warning", amount=1).full_clean()
    with pytest.raises(ValidationError):
        CasePenalty(case=case, legal_basis=legal_basis(), kind="fine", amount=None).full_clean()


# --- parties --------------------------------------------------------------------------------------
def test_a_person_party_needs_no_training_record(world, regulator, english):
    case = EnforcementCase(
        party_kind="person",
        person_name="陈庆芳",
        person_position="总经理",
        person_organization="江门市恒亦达电子有限公司",
        enterprise=_inside(world),
        facts="未履行安全生产管理职责",
        opened_on=TODAY - datetime.timedelta(days=5),
    )
    case.full_clean()
    case.save()
    assert case.region_id == _inside(world).region_id  # scoped through the employer
    decidable(case, amount=Decimal(8000))
    services.transition(case, "decide", actor=regulator)
    case.refresh_from_db()
    # A person's penalty raises no enterprise grade and sets no flag.
    assert case.escalated_at is None and not case.repeat_offender
    assert not GradeChange.objects.filter(enterprise=_inside(world)).exists()


def test_exactly_one_party_kind(world, english):
    with pytest.raises(ValidationError) as error:
        EnforcementCase(party_kind="enterprise", facts="x", person_name="张三").full_clean()
    assert "enterprise" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        EnforcementCase(party_kind="person", facts="x").full_clean()
    assert "person_name" in error.value.message_dict and "region" in error.value.message_dict
    with transaction.atomic(), pytest.raises(IntegrityError):
        EnforcementCase.objects.create(
            party_kind="enterprise", enterprise=_inside(world), person_name="张三"
        )


def test_a_decided_case_keeps_its_party_and_decision(world, regulator, english):
    case = decidable(make_case(_inside(world)))
    services.transition(case, "decide", actor=regulator)
    case.decision_number = "改号"
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert "decision_number" in error.value.message_dict
    penalty = case.penalties.first()
    penalty.amount = Decimal(1)
    with pytest.raises(ValidationError):
        penalty.full_clean()


# --- escalation -----------------------------------------------------------------------------------
def test_a_decided_penalty_raises_the_grade_once(world, regulator):
    enterprise = _inside(world)
    enterprise.risk_grade = "C"
    enterprise.save()
    case = decidable(make_case(enterprise))
    services.transition(case, "decide", actor=regulator)
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == "B"
    assert case.escalated_at is not None
    services.after_decision(case, actor=regulator)  # again: nothing more
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == "B"
    assert GradeChange.objects.filter(enterprise=enterprise).count() == 1
    # A second case is a second penalty: up one more.
    other = decidable(make_case(enterprise))
    services.transition(other, "decide", actor=regulator)
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == "A"


# --- repeat offenders -----------------------------------------------------------------------------
D0 = datetime.date(2025, 1, 10)


def _days(*offsets):
    return [D0 + datetime.timedelta(days=o) for o in offsets]


def test_three_within_180_days_is_flagged_and_three_within_181_is_not():
    assert rules.repeat_offence(_days(0, 90, 179), D0 + datetime.timedelta(days=179))
    assert not rules.repeat_offence(_days(0, 90, 180), D0 + datetime.timedelta(days=180))


def test_four_within_a_year_is_flagged_and_four_within_366_days_is_not():
    assert rules.repeat_offence(_days(0, 120, 240, 364), D0 + datetime.timedelta(days=364))
    assert not rules.repeat_offence(_days(0, 120, 240, 365), D0 + datetime.timedelta(days=365))
    # 29 February inside the year: still a count of days.
    leap = datetime.date(2024, 2, 29)
    dates = [leap, leap + datetime.timedelta(days=100), leap + datetime.timedelta(days=200)]
    dates.append(leap + datetime.timedelta(days=364))
    assert rules.repeat_offence(dates, dates[-1])


def test_the_windows_are_settings(settings):
    settings.ANJIAN_REPEAT_OFFENDER_SHORT_COUNT = 2
    assert rules.repeat_offence(_days(0, 100), D0 + datetime.timedelta(days=100))


def _decide_on(enterprise, regulator, day):
    case = make_case(enterprise, opened_on=day - datetime.timedelta(days=3))
    decidable(case, decision_date=day)
    services.transition(case, "decide", actor=regulator)
    case.refresh_from_db()
    return case


def test_the_flag_needs_a_major_hazard(world, regulator):
    from anjian.hazards.models import Hazard

    enterprise = _inside(world)
    base = TODAY - datetime.timedelta(days=200)
    first = _decide_on(enterprise, regulator, base)
    second = _decide_on(enterprise, regulator, base + datetime.timedelta(days=60))
    third = _decide_on(enterprise, regulator, base + datetime.timedelta(days=150))
    assert not (first.repeat_offender or second.repeat_offender or third.repeat_offender)
    assert not rules.repeat_offender(enterprise.pk, third.decision_date)
    Hazard.objects.create(
        enterprise=enterprise,
        description="有限空间未审批作业",
        source="inspection",
        found_on=base,
        level="major",
    )
    fourth = _decide_on(enterprise, regulator, base + datetime.timedelta(days=170))
    assert fourth.repeat_offender
    assert EnforcementCase.objects.filter(repeat_offender=True).count() == 1


def test_the_hazard_of_a_case_is_its_enterprises(world, english):
    from anjian.hazards.testing import make_hazard

    other = make_hazard(world.enterprises["outside"])
    case = EnforcementCase(
        party_kind="enterprise", enterprise=_inside(world), hazard=other, facts="x"
    )
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert error.value.message_dict["hazard"] == ["The hazard belongs to another enterprise."]
    case.hazard = make_hazard(_inside(world))
    case.full_clean()
