"""Risk grade: every allowed and forbidden move, the escalation rules, the frequency table."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from anjian.core.models import AuditEvent
from anjian.core.workflow import TransitionRefused, timeline
from anjian.enterprises import rules, services
from anjian.enterprises.choices import EscalationCause, InspectionDue
from anjian.enterprises.models import Enterprise, GradeFrequency
from anjian.enterprises.testing import EnterpriseFactory

pytestmark = pytest.mark.django_db


def _graded(world, grade):
    enterprise = world.enterprises["inside"]
    Enterprise.objects.filter(pk=enterprise.pk).update(risk_grade=grade)
    enterprise.refresh_from_db()
    return enterprise


@pytest.mark.parametrize("start", ["", "A", "B", "C", "D"])
@pytest.mark.parametrize("target", ["A", "B", "C", "D"])
def test_a_supervisor_sets_any_other_grade_with_a_reason(world, start, target):
    enterprise = _graded(world, start)
    officer = world.users["subdistrict_officer"]
    if start == target:
        with pytest.raises(TransitionRefused):
            services.change_grade(enterprise, grade=target, reason="复核", actor=officer)
        return
    services.change_grade(enterprise, grade=target, reason="年度评定", actor=officer)
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == target
    row = timeline(enterprise).last()
    assert (row.from_state, row.to_state, row.reason, row.actor) == (
        start,
        target,
        "年度评定",
        officer,
    )
    assert AuditEvent.objects.filter(
        action=f"enterprises.enterprise.grade_{target.lower()}", object_id=str(enterprise.pk)
    ).exists()


def test_a_grade_change_without_a_reason_is_refused(world, english):
    enterprise = _graded(world, "C")
    with pytest.raises(TransitionRefused) as info:
        services.change_grade(enterprise, grade="B", reason=" ", actor=world.users["regulator"])
    assert "reason" in str(info.value)
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == "C"


@pytest.mark.parametrize("persona", ["grid_worker", "leader", "enterprise_manager", "committee"])
def test_who_may_not_grade_is_refused(world, persona):
    enterprise = _graded(world, "C")
    with pytest.raises(TransitionRefused):
        services.change_grade(enterprise, grade="D", reason="想降级", actor=world.users[persona])
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == "C"


@pytest.mark.parametrize(
    ("start", "cause", "expected"),
    [
        ("D", EscalationCause.ACCIDENT, "A"),
        ("C", EscalationCause.ACCIDENT, "A"),
        ("", EscalationCause.ACCIDENT, "A"),
        ("D", EscalationCause.MAJOR_HAZARD, "C"),
        ("C", EscalationCause.MAJOR_HAZARD, "B"),
        ("B", EscalationCause.PENALTY, "A"),
        ("A", EscalationCause.PENALTY, "A"),
        ("A", EscalationCause.MAJOR_HAZARD, "A"),
        ("", EscalationCause.PENALTY, "C"),
    ],
)
def test_escalation_rules(start, cause, expected):
    assert rules.escalated_grade(start, cause) == expected


def test_escalation_records_its_source(world):
    enterprise = _graded(world, "C")
    source = EnterpriseFactory(region=world.regions["village"], name="事故记录替身")
    services.escalate_grade(
        enterprise,
        reason="“4·5”中毒事故",
        source=source,
        actor=world.users["regulator"],
        cause=EscalationCause.ACCIDENT,
    )
    enterprise.refresh_from_db()
    row = timeline(enterprise).last()
    assert enterprise.risk_grade == "A"
    assert (row.source, row.source_repr) == (source, "事故记录替身")
    event = AuditEvent.objects.get(action="enterprises.enterprise.grade_a")
    assert event.detail["source"] == "事故记录替身"


def test_escalation_reads_the_cause_from_the_source(world):
    enterprise = _graded(world, "C")
    source = EnterpriseFactory(region=world.regions["village"])
    source.escalation_cause = EscalationCause.PENALTY
    services.escalate_grade(
        enterprise, reason="行政处罚", source=source, actor=world.users["regulator"]
    )
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == "B"


def test_grade_a_stays_a_and_writes_nothing(world):
    enterprise = _graded(world, "A")
    services.escalate_grade(
        enterprise,
        reason="重大隐患",
        source=None,
        actor=world.users["regulator"],
        cause=EscalationCause.MAJOR_HAZARD,
    )
    assert not timeline(enterprise).exists()


def test_default_frequencies_are_seeded():
    # Monthly, quarterly, half-yearly, yearly: calendar months, not 30/90/182/365 days.
    assert services.grade_intervals() == {"A": 1, "B": 3, "C": 6, "D": 12}


def test_due_dates_follow_the_frequency_table(world):
    today = date(2026, 6, 1)
    enterprise = _graded(world, "B")
    enterprise.last_inspected_on = date(2026, 2, 10)
    enterprise.save()
    assert services.next_inspection_due(enterprise, today=today) == date(2026, 5, 10)
    assert services.inspection_due_status(enterprise, today=today) == InspectionDue.OVERDUE
    GradeFrequency.objects.filter(grade="B").update(interval_months=5)
    assert services.inspection_due_status(enterprise, today=today) == InspectionDue.NOT_DUE
    GradeFrequency.objects.filter(grade="B").update(interval_months=4)  # due 2026-06-10
    assert services.inspection_due_status(enterprise, today=today) == InspectionDue.DUE_SOON


@pytest.mark.parametrize(
    "grade, last, due",
    [
        ("A", date(2026, 1, 31), date(2026, 2, 28)),  # monthly: end of January → end of February
        ("A", date(2024, 1, 30), date(2024, 2, 29)),  # a leap year's February
        ("B", date(2025, 11, 30), date(2026, 2, 28)),  # quarterly
        ("C", date(2026, 8, 31), date(2027, 2, 28)),  # half-yearly
        ("D", date(2024, 2, 29), date(2025, 2, 28)),  # yearly from 29 February
        ("D", date(2026, 3, 1), date(2027, 3, 1)),  # a yearly interval is not 365 days
    ],
)
def test_intervals_are_calendar_months(world, grade, last, due):
    enterprise = _graded(world, grade)
    enterprise.last_inspected_on = last
    assert services.next_inspection_due(enterprise, today=date(2026, 12, 1)) == due


def test_due_filter_agrees_with_the_rule_on_every_day_of_a_year(world):
    """The list's filter and the file's date are one rule, also where months are clamped."""
    village = world.regions["village"]
    today = date(2026, 3, 31)
    made = []
    for grade in ("A", "B", "C", "D"):
        for offset in range(0, 400, 3):
            e = EnterpriseFactory(region=village, last_inspected_on=today - timedelta(days=offset))
            Enterprise.objects.filter(pk=e.pk).update(risk_grade=grade)
            made.append(e.pk)
    intervals = services.grade_intervals()
    rows = list(Enterprise.objects.filter(pk__in=made))
    for status in InspectionDue.values:
        found = set(
            Enterprise.objects.filter(pk__in=made)
            .filter(services.inspection_due_q(status, today=today))
            .values_list("pk", flat=True)
        )
        expected = {
            e.pk
            for e in rows
            if services.inspection_due_status(e, intervals=intervals, today=today) == status
        }
        assert found == expected, status


def test_due_filter_matches_the_rule(world):
    today = date(2026, 6, 1)
    village = world.regions["village"]
    cases = {
        "never": ("A", None),
        "late": ("A", today - timedelta(days=31)),
        "soon": ("A", today - timedelta(days=20)),
        "fine": ("D", today - timedelta(days=10)),
        "ungraded": ("", None),
    }
    made = {}
    for key, (grade, last) in cases.items():
        e = EnterpriseFactory(region=village, last_inspected_on=last)
        Enterprise.objects.filter(pk=e.pk).update(risk_grade=grade)
        made[key] = e.pk
    for status in InspectionDue.values:
        found = set(
            Enterprise.objects.filter(pk__in=made.values())
            .filter(services.inspection_due_q(status, today=today))
            .values_list("pk", flat=True)
        )
        expected = set()
        for pk in made.values():
            e = Enterprise.objects.get(pk=pk)
            if services.inspection_due_status(e, today=today) == status:
                expected.add(pk)
        assert found == expected, status
    assert made["ungraded"] not in found


def test_the_page_changes_the_grade_and_shows_the_timeline(world, client):
    enterprise = _graded(world, "C")
    client.force_login(world.users["subdistrict_officer"])
    url = reverse("enterprises:enterprise_transition", args=[enterprise.pk, "grade_a"])
    assert client.post(url, {"reason": ""}).status_code == 409
    response = client.post(url, {"reason": "发生较大隐患后提级"})
    assert response.status_code == 302
    page = client.get(reverse("enterprises:enterprise_detail", args=[enterprise.pk]))
    assert "发生较大隐患后提级" in page.content.decode()


def test_the_api_changes_the_grade_and_lists_the_timeline(world, api_client):
    enterprise = _graded(world, "C")
    api_client.force_authenticate(world.users["regulator"])
    url = f"/api/enterprises/{enterprise.pk}/"
    refused = api_client.post(f"{url}transition/", {"transition": "grade_b"}, format="json")
    assert refused.status_code == 409 and refused.data["reasons"]
    done = api_client.post(
        f"{url}transition/", {"transition": "grade_b", "reason": "复评"}, format="json"
    )
    assert done.status_code == 200 and done.data["risk_grade"] == "B"
    rows = api_client.get(f"{url}grades/").data
    assert [(r["from_state"], r["to_state"], r["reason"]) for r in rows] == [("C", "B", "复评")]
    # risk_grade is read-only through the ordinary update
    api_client.patch(url, {"risk_grade": "D"}, format="json")
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == "B"
