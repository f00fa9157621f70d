"""The closed loop: every transition allowed and forbidden (with its reasons), tiered
verification per level, overdue, a major criterion → escalation once, follow-up reopening."""

import datetime

import pytest
from django.utils import timezone

from anjian.core.models import TransitionLog
from anjian.core.workflow import TransitionRefused
from anjian.enterprises.models import Enterprise
from anjian.hazards import rules, services
from anjian.hazards.models import Hazard, HazardVerification, VerificationTier
from anjian.hazards.testing import make_hazard, png_file

pytestmark = pytest.mark.django_db


def _reported(world, people, **kwargs):
    return services.report_hazard(
        world.enterprises["inside"],
        actor=people["village"],
        description=kwargs.pop("description", "隔离门高度不足，可跨越进入"),
        source="inspection",
        **kwargs,
    )


def _planned(world, people, **kwargs):
    return _reported(
        world,
        people,
        measures="加高隔离门并上锁",
        responsible_name="李四",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        **kwargs,
    )


def _submitted(world, people, **kwargs):
    hazard = _planned(world, people, **kwargs)
    services.transition(hazard, "start", actor=people["enterprise"])
    services.submit_fix(
        hazard, actor=people["enterprise"], note="已加高至1.8米", photos=[png_file()]
    )
    hazard.refresh_from_db()
    return hazard


def _reasons(call):
    with pytest.raises(TransitionRefused) as refused:
        call()
    return refused.value.reasons


def test_start_needs_a_plan_and_says_what_is_missing(world, people, english):
    hazard = _reported(world, people)
    reasons = _reasons(lambda: services.transition(hazard, "start", actor=people["enterprise"]))
    assert reasons == [
        "Write the rectification measures.",
        "Name the person responsible for the rectification.",
        "Set a rectification deadline.",
    ]
    hazard.refresh_from_db()
    assert hazard.status == "reported"
    planned = _planned(world, people, description="另一隐患")
    services.transition(planned, "start", actor=people["enterprise"])
    assert planned.status == "rectifying"


def test_submit_needs_what_was_done_and_a_photo_after(world, people, english):
    hazard = _planned(world, people)
    services.transition(hazard, "start", actor=people["enterprise"])
    reasons = _reasons(lambda: services.transition(hazard, "submit", actor=people["enterprise"]))
    assert "Describe what was done to fix the hazard." in reasons
    assert "Add at least one photo taken after the rectification." in reasons
    services.submit_fix(hazard, actor=people["enterprise"], note="已整改", photos=[png_file()])
    hazard.refresh_from_db()
    assert hazard.status == "submitted" and hazard.verification_round == 1
    assert hazard.submitted_at is not None


def test_forbidden_moves_from_each_state(world, people, english):
    hazard = _reported(world, people)
    for name in ("submit", "verify", "close", "send_back", "resume", "reopen"):
        reasons = _reasons(
            lambda name=name: services.transition(
                hazard, name, actor=people["subdistrict"], reason="x"
            )
        )
        assert any("not possible while the record is" in r for r in reasons), name
    closed = _submitted(world, people, description="已关闭的")
    services.transition(closed, "verify", actor=people["village"])
    services.transition(closed, "close", actor=people["subdistrict"])
    for name in ("start", "submit", "send_back", "resume", "verify", "close"):
        with pytest.raises(TransitionRefused):
            services.transition(closed, name, actor=people["subdistrict"], reason="x")


def test_the_enterprise_cannot_verify_send_back_or_reopen(world, people, english):
    hazard = _submitted(world, people)
    for name in ("verify", "close", "send_back"):
        reasons = _reasons(
            lambda name=name: services.transition(
                hazard, name, actor=people["enterprise"], reason="x"
            )
        )
        assert "You do not have permission to do this." in reasons
    # a leader reads only
    with pytest.raises(TransitionRefused):
        services.transition(hazard, "send_back", actor=people["leader"], reason="x")


def test_general_hazard_village_then_subdistrict_closes(world, people, english):
    hazard = _submitted(world, people)
    # the sub-district may not sign before the village
    reasons = _reasons(lambda: services.sign_off(hazard, actor=people["subdistrict"]))
    assert reasons == ["The next sign-off is by the Village or grid."]
    services.sign_off(hazard, actor=people["village"], note="现场核查属实")
    hazard.refresh_from_db()
    assert hazard.status == "submitted"
    # the village cannot sign twice
    reasons = _reasons(lambda: services.sign_off(hazard, actor=people["village"]))
    assert reasons == ["The next sign-off is by the Sub-district."]
    services.sign_off(hazard, actor=people["subdistrict"])
    hazard.refresh_from_db()
    assert hazard.status == "closed" and hazard.closed_at is not None
    rows = list(HazardVerification.objects.filter(hazard=hazard))
    assert [(r.tier_order, r.signer_level, r.closed) for r in rows] == [
        (1, "village", False),
        (2, "subdistrict", True),
    ]
    assert rows[0].note == "现场核查属实" and rows[0].by == people["village"]
    logs = TransitionLog.objects.filter(object_id=hazard.pk).order_by("id")
    assert [log.transition for log in logs] == ["start", "submit", "verify", "close"]


def test_major_hazard_needs_the_district(world, people, english):
    hazard = _submitted(world, people, criteria=["13-2"])
    assert hazard.level == "major"
    services.sign_off(hazard, actor=people["village"])
    services.sign_off(hazard, actor=people["subdistrict"])
    hazard.refresh_from_db()
    assert hazard.status == "submitted"
    reasons = _reasons(lambda: services.transition(hazard, "close", actor=people["subdistrict"]))
    assert "The next sign-off is by the District bureau." in reasons
    services.sign_off(hazard, actor=people["district"])
    hazard.refresh_from_db()
    assert hazard.status == "closed"


def test_tiers_are_configurable(world, people):
    VerificationTier.objects.filter(level="general").delete()
    VerificationTier.objects.create(level="general", order=1, signer_level="subdistrict")
    hazard = _submitted(world, people)
    services.sign_off(hazard, actor=people["subdistrict"])
    hazard.refresh_from_db()
    assert hazard.status == "closed"


def test_send_back_needs_reasons_and_restarts_the_round(world, people, english):
    hazard = _submitted(world, people)
    services.sign_off(hazard, actor=people["village"])
    reasons = _reasons(
        lambda: services.transition(hazard, "send_back", actor=people["subdistrict"])
    )
    assert reasons == ["Give a reason for this action."]
    services.transition(hazard, "send_back", actor=people["subdistrict"], reason="照片看不清门高")
    hazard.refresh_from_db()
    assert hazard.status == "sent_back"
    services.transition(hazard, "resume", actor=people["enterprise"])
    hazard.refresh_from_db()
    services.transition(hazard, "submit", actor=people["enterprise"])
    hazard.refresh_from_db()
    assert hazard.verification_round == 2
    # the village's sign-off of round 1 does not count in round 2
    assert rules.pending_tier(hazard)[1] == "village"


def test_follow_up_check_reopens_a_closed_hazard_with_a_reason(world, people, english):
    hazard = _submitted(world, people)
    services.sign_off(hazard, actor=people["village"])
    services.sign_off(hazard, actor=people["subdistrict"])
    hazard.refresh_from_db()
    reasons = _reasons(lambda: services.transition(hazard, "reopen", actor=people["subdistrict"]))
    assert reasons == ["Give a reason for this action."]
    services.transition(hazard, "reopen", actor=people["subdistrict"], reason="回头看：门又被卸下")
    hazard.refresh_from_db()
    assert hazard.status == "rectifying" and hazard.closed_at is None


def test_overdue_is_derived_from_the_deadline(world):
    enterprise = world.enterprises["inside"]
    today = datetime.date(2024, 3, 1)
    late = make_hazard(
        enterprise,
        deadline=datetime.date(2024, 2, 29),
        found_on=datetime.date(2024, 2, 1),
        status="rectifying",
    )
    due_today = make_hazard(
        enterprise, deadline=today, found_on=datetime.date(2024, 2, 1), status="rectifying"
    )
    closed_late = make_hazard(
        enterprise,
        deadline=datetime.date(2024, 1, 1),
        found_on=datetime.date(2023, 12, 1),
        status="closed",
    )
    no_deadline = make_hazard(enterprise, found_on=datetime.date(2024, 2, 1))
    overdue = set(Hazard.objects.overdue(today).values_list("pk", flat=True))
    assert overdue == {late.pk}
    assert late.overdue_on(today) and not due_today.overdue_on(today)
    assert not closed_late.overdue_on(today) and not no_deadline.overdue_on(today)
    annotated = dict(Hazard.objects.with_overdue(today).values_list("pk", "is_overdue"))
    assert annotated[late.pk] is True and annotated[due_today.pk] is False


def test_major_criterion_escalates_the_grade_once(world, people):
    enterprise = world.enterprises["inside"]
    Enterprise.objects.filter(pk=enterprise.pk).update(risk_grade="C")
    hazard = _reported(world, people, criteria=["13-1"])
    enterprise.refresh_from_db()
    assert hazard.level == "major" and hazard.escalated_at is not None
    assert enterprise.risk_grade == "B"
    # ticking another criterion, or ticking again, does not raise it twice
    services.set_criteria(hazard, ["13-1", "13-2"], actor=people["village"])
    services.set_criteria(hazard, ["13-2"], actor=people["village"])
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == "B"
    grade_moves = TransitionLog.objects.filter(
        object_id=enterprise.pk, transition__startswith="grade_"
    )
    assert grade_moves.count() == 1
    # a general hazard marked major later escalates (once) too
    later = _reported(world, people, description="后来认定为重大")
    assert later.level == "general"
    services.set_criteria(later, ["14"], actor=people["subdistrict"])
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == "A"
    # an inactive criterion does not make a hazard major
    from anjian.hazards.models import MajorHazardCriterion

    MajorHazardCriterion.objects.filter(code="3-1").update(active=False)
    general = _reported(world, people, description="停用标准", criteria=["3-1"])
    assert general.level == "general"


def test_permit_records_propose_13_2(world):
    from anjian.permits.models import Permit
    from anjian.permits.testing import PermitFactory

    enterprise = world.enterprises["inside"]
    permit = PermitFactory(enterprise=enterprise)
    assert rules.proposed_criteria_for_permit(permit) == []  # work has not started
    Permit._base_manager.filter(pk=permit.pk).update(
        status="in_progress", started_at=timezone.now() - datetime.timedelta(hours=1)
    )
    permit.refresh_from_db()
    proposed = rules.proposed_criteria_for_permit(permit)
    assert [c.code for c, _ in proposed] == ["13-2"]
    assert proposed[0][1]  # with the reasons (no approval, no test, no attendant)
