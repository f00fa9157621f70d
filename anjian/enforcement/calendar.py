"""Working days on the administrators' calendar (``CalendarDay``): Saturdays and Sundays are off
unless listed as make-up working days (调休上班); listed holidays are off whatever the weekday.

``add_working_days`` is the one function the page, the API, the Excel import and the demo use for
the publication deadline of a penalty decision (7 working days by default,
``ANJIAN_CASE_PUBLICATION_WORKING_DAYS``).
"""

from __future__ import annotations

import datetime

from django.conf import settings

# How far ahead one query of the calendar reads before reading again (a long run of holidays is
# at most ~10 days; 7 working days never span more than a few weeks).
_CHUNK_DAYS = 60


def _special_days(start: datetime.date, end: datetime.date) -> dict[datetime.date, str]:
    from anjian.enforcement.models import CalendarDay

    return dict(
        CalendarDay.objects.filter(date__gte=start, date__lte=end).values_list("date", "kind")
    )


def _is_working(day: datetime.date, special: dict) -> bool:
    from anjian.enforcement.choices import CalendarDayKind

    kind = special.get(day)
    if kind == CalendarDayKind.HOLIDAY:
        return False
    if kind == CalendarDayKind.WORKDAY:
        return True
    return day.weekday() < 5


def is_working_day(day: datetime.date) -> bool:
    """Whether ``day`` is a working day on the calendar (one query)."""
    return _is_working(day, _special_days(day, day))


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The ``n``-th working day after ``start`` (``start`` itself does not count, as a deadline
    "within 7 working days of the decision" is read). ``n = 0`` gives ``start``."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    remaining = n
    while remaining:
        chunk_end = day + datetime.timedelta(days=_CHUNK_DAYS)
        special = _special_days(day + datetime.timedelta(days=1), chunk_end)
        while remaining and day < chunk_end:
            day += datetime.timedelta(days=1)
            if _is_working(day, special):
                remaining -= 1
    return day


def publication_due(decision_date: datetime.date | None) -> datetime.date | None:
    """When a penalty decision must be published: ``CASE_PUBLICATION_WORKING_DAYS`` working days
    after the decision date."""
    if decision_date is None:
        return None
    return add_working_days(decision_date, settings.ANJIAN_CASE_PUBLICATION_WORKING_DAYS)
