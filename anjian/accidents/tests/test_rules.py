"""The level at every statutory threshold (the highest any one measure reaches), the government
that investigates, the investigation's due day and its single extension, and the grade raised
once per accident."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from anjian.accidents import rules, services
from anjian.accidents.models import AccidentLevelThreshold, Investigation
from anjian.accidents.testing import accident_values, at

pytestmark = pytest.mark.django_db
MILLION = Decimal(1_000_000)


@pytest.mark.parametrize(
    ("deaths", "serious", "loss", "level"),
    [
        (0, 0, 0, "ordinary"),
        (2, 9, 10 * MILLION - Decimal("0.01"), "ordinary"),
        (3, 0, 0, "larger"),
        (0, 10, 0, "larger"),
        (0, 0, 10 * MILLION, "larger"),
        (9, 49, 50 * MILLION - 1, "larger"),
        (10, 0, 0, "major"),
        (0, 50, 0, "major"),
        (0, 0, 50 * MILLION, "major"),
        (29, 99, 100 * MILLION - 1, "major"),
        (30, 0, 0, "extraordinary"),
        (0, 100, 0, "extraordinary"),
        (0, 0, 100 * MILLION, "extraordinary"),
        # the highest any one measure reaches
        (1, 60, 0, "major"),
        (2, 0, 120 * MILLION, "extraordinary"),
    ],
)
def test_level_at_every_threshold(deaths, serious, loss, level):
    assert rules.accident_level(deaths, serious, loss) == level


def test_levels_follow_the_edited_table():
    AccidentLevelThreshold.objects.filter(level="larger").update(min_deaths=2)
    assert rules.accident_level(2, 0, 0) == "larger"


def test_seed_accident_is_ordinary_and_investigated_by_the_district(world):
    enterprise = world.enterprises["inside"]
    accident = services.record_accident(
        actor=world.users["regulator"], enterprise=enterprise, **accident_values()
    )
    assert accident.level == "ordinary"
    assert accident.investigating_region == world.regions["district"]
    assert accident.region == enterprise.region


def test_larger_accident_is_investigated_by_the_city(world):
    accident = services.record_accident(
        actor=world.users["regulator"],
        enterprise=world.enterprises["inside"],
        **accident_values(deaths=3),
    )
    assert accident.level == "larger"
    assert accident.investigating_region == world.regions["city"]
    assert not accident.investigated_outside


def test_major_accident_is_investigated_outside_the_system(world):
    accident = services.record_accident(
        actor=world.users["regulator"],
        enterprise=world.enterprises["inside"],
        **accident_values(serious_injuries=50),
    )
    assert accident.level == "major"
    assert accident.investigating_region == world.regions["city"]
    assert accident.investigated_outside


def test_recording_escalates_the_grade_once(world, monkeypatch):
    from anjian.enterprises import services as enterprise_services

    calls = []
    real = enterprise_services.escalate_grade
    monkeypatch.setattr(
        enterprise_services,
        "escalate_grade",
        lambda *a, **k: calls.append(k["source"]) or real(*a, **k),
    )
    enterprise = world.enterprises["inside"]
    accident = services.record_accident(
        actor=world.users["committee"], enterprise=enterprise, **accident_values()
    )
    enterprise.refresh_from_db()
    assert enterprise.risk_grade == "A"
    assert calls == [accident]
    accident.summary = "补充"
    accident.save()
    services.after_recording(accident, actor=world.users["regulator"])
    assert calls == [accident]
    assert accident.escalated_at is not None


def test_due_date_sixty_days_and_one_extension(world):
    accident = services.record_accident(
        actor=world.users["regulator"],
        enterprise=world.enterprises["inside"],
        **accident_values(occurred_at=at(datetime.date(2024, 1, 1))),
    )
    investigation = Investigation.objects.get(accident=accident)
    assert investigation.due_on == datetime.date(2024, 3, 1)  # 2024 is a leap year
    with pytest.raises(ValidationError) as refused:
        services.extend_investigation(investigation, until=datetime.date(2024, 4, 1), reason="")
    assert "extension_reason" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.extend_investigation(
            investigation, until=datetime.date(2024, 5, 1), reason="伤残鉴定未完成"
        )  # more than 60 days
    investigation.refresh_from_db()
    services.extend_investigation(
        investigation, until=datetime.date(2024, 4, 30), reason="伤残鉴定未完成"
    )
    assert investigation.effective_due_on == datetime.date(2024, 4, 30)
    investigation.refresh_from_db()
    with pytest.raises(ValidationError) as twice:
        services.extend_investigation(
            investigation, until=datetime.date(2024, 4, 29), reason="再次延期"
        )
    assert "extended_due_on" in twice.value.message_dict


def test_due_date_counts_from_the_local_day_of_an_early_morning_accident(world):
    """07:30 in Beijing is the day before in UTC, as the database gives it back: the due date
    stays 60 days after the local day when the investigation is saved again later."""
    accident = services.record_accident(
        actor=world.users["regulator"],
        enterprise=world.enterprises["inside"],
        **accident_values(occurred_at=at(datetime.date(2024, 2, 29), hour=7, minute=30)),
    )
    investigation = Investigation.objects.get(accident=accident)
    assert investigation.due_on == datetime.date(2024, 4, 29)
    investigation = Investigation.objects.select_related("accident").get(pk=investigation.pk)
    investigation.approved_on = datetime.date(2024, 2, 29)
    investigation.full_clean()
    investigation.save()
    assert investigation.due_on == datetime.date(2024, 4, 29)


def test_an_extension_is_not_withdrawn_and_given_again(world):
    accident = services.record_accident(
        actor=world.users["regulator"],
        enterprise=world.enterprises["inside"],
        **accident_values(occurred_at=at(datetime.date(2024, 1, 1))),
    )
    investigation = Investigation.objects.get(accident=accident)
    services.extend_investigation(
        investigation, until=datetime.date(2024, 4, 30), reason="伤残鉴定未完成"
    )
    investigation.refresh_from_db()
    investigation.extended_due_on = None
    investigation.extension_reason = ""
    with pytest.raises(ValidationError) as withdrawn:
        investigation.full_clean()
    assert "extended_due_on" in withdrawn.value.message_dict
    investigation.refresh_from_db()
    assert investigation.effective_due_on == datetime.date(2024, 4, 30)


def test_overdue_is_one_definition_for_the_counter_and_the_filter(world):
    """Not approved and past its due day — the extended one when there is one: an expired
    extension is overdue for the home counter (lookups) exactly as for the list's filter (Q)."""
    from anjian.accidents.filtersets import investigation_overdue_lookups, investigation_overdue_q
    from anjian.accidents.models import Accident

    today = datetime.date.today()

    def accident(days_ago, *, extend_by=None, approved=False):
        recorded = services.record_accident(
            actor=world.users["regulator"],
            enterprise=world.enterprises["inside"],
            **accident_values(occurred_at=at(today - datetime.timedelta(days=days_ago))),
        )
        investigation = Investigation.objects.get(accident=recorded)
        if extend_by is not None:
            services.extend_investigation(
                investigation,
                until=investigation.due_on + datetime.timedelta(days=extend_by),
                reason="技术鉴定",
            )
        if approved:
            investigation.approved_on = today
            investigation.save()
        return recorded

    late = accident(100)
    expired_extension = accident(100, extend_by=20)
    extended_in_time = accident(100, extend_by=59)
    in_time = accident(10)
    approved = accident(100, approved=True)
    by_lookups = set(Accident.objects.filter(**investigation_overdue_lookups()))
    by_q = set(Accident.objects.filter(investigation_overdue_q()))
    assert by_lookups == by_q
    assert {late, expired_extension} <= by_lookups
    assert not {extended_in_time, in_time, approved} & by_lookups
