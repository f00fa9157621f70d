"""The working-day calendar: weekends off unless a make-up working day, holidays off; the seeded
2026 arrangement; the publication deadline (7 working days) across a weekend, a holiday week and a
make-up working day."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from anjian.enforcement import calendar
from anjian.enforcement.models import CalendarDay

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_2026_arrangement_is_seeded():
    days = dict(CalendarDay.objects.filter(date__year=2026).values_list("date", "kind"))
    # 国庆: 10-01 … 10-07 off; 9-20 (Sunday) and 10-10 (Saturday) worked.
    assert all(days[D(2026, 10, d)] == "holiday" for d in range(1, 8))
    assert days[D(2026, 9, 20)] == "workday"
    assert days[D(2026, 10, 10)] == "workday"
    # 春节: 2-15 … 2-23 off, 2-14 and 2-28 (Saturdays) worked.
    assert days[D(2026, 2, 23)] == "holiday"
    assert days[D(2026, 2, 14)] == "workday" and days[D(2026, 2, 28)] == "workday"
    assert days[D(2026, 1, 4)] == "workday"  # 元旦's make-up Sunday
    assert sum(1 for k in days.values() if k == "holiday") == 33
    assert sum(1 for k in days.values() if k == "workday") == 6
    # 2027 not yet published: the statutory days only, marked provisional.
    provisional = CalendarDay.objects.filter(date__year=2027)
    assert provisional.exists() and not provisional.filter(provisional=False).exists()


def test_working_days():
    assert calendar.is_working_day(D(2026, 3, 6))  # a Friday
    assert not calendar.is_working_day(D(2026, 3, 7))  # a Saturday
    assert not calendar.is_working_day(D(2026, 10, 5))  # a Monday in 国庆
    assert calendar.is_working_day(D(2026, 10, 10))  # a make-up Saturday
    assert not calendar.is_working_day(D(2026, 10, 11))  # the Sunday after it


def test_publication_due_across_a_weekend(settings):
    settings.ANJIAN_CASE_PUBLICATION_WORKING_DAYS = 7
    # Friday 2026-03-06: 9, 10, 11, 12, 13, 16, 17 March.
    assert calendar.publication_due(D(2026, 3, 6)) == D(2026, 3, 17)


def test_publication_due_across_the_national_day_holiday():
    # Wednesday 2026-09-30: 10-01…07 off; 8, 9, 10 (make-up Saturday), 12, 13, 14, 15.
    assert calendar.add_working_days(D(2026, 9, 30), 7) == D(2026, 10, 15)


def test_publication_due_across_a_make_up_working_day_and_mid_autumn():
    # Friday 2026-09-18: 20 (make-up Sunday), 21, 22, 23, 24; 25-27 中秋 off; 28, 29.
    assert calendar.add_working_days(D(2026, 9, 18), 7) == D(2026, 9, 29)


def test_publication_due_across_the_spring_festival():
    # Friday 2026-02-13: 14 (make-up Saturday); 15-23 off; 24, 25, 26, 27, 28 (make-up), 3-02.
    assert calendar.add_working_days(D(2026, 2, 13), 7) == D(2026, 3, 2)


def test_an_administrator_edit_changes_the_deadline():
    # A day off added by the administrator (e.g. a local arrangement) moves the deadline.
    before = calendar.add_working_days(D(2026, 3, 6), 7)
    CalendarDay.objects.create(date=D(2026, 3, 10), kind="holiday", name="测试")
    assert calendar.add_working_days(D(2026, 3, 6), 7) == before + datetime.timedelta(days=1)


def test_the_setting_sets_the_number_of_days(settings):
    settings.ANJIAN_CASE_PUBLICATION_WORKING_DAYS = 1
    assert calendar.publication_due(D(2026, 9, 30)) == D(2026, 10, 8)
    assert calendar.publication_due(None) is None


def test_a_make_up_working_day_on_a_weekday_is_refused():
    day = CalendarDay(date=D(2026, 3, 11), kind="workday", name="错")
    with pytest.raises(ValidationError):
        day.full_clean()
