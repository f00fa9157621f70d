"""Calendar periods as people and regulations count them.

"One year" is the same date next year and "three months" the same day three months on; when that
day does not exist in the target month (29 February, 31 April) the period ends on the month's last
day: 2024-02-29 + 1 year → 2025-02-28, 2026-01-31 + 1 month → 2026-02-28. Every validity,
inspection interval and due date in the code goes through these helpers, never through a number
of days.
"""

from __future__ import annotations

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by ``months`` calendar months (negative goes back), clamped to the month's end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def add_years(day: datetime.date, years: int) -> datetime.date:
    """``day`` moved by ``years`` calendar years; 29 February becomes 28 February in other years."""
    return add_months(day, 12 * years)


def earliest_start(target: datetime.date, months: int) -> datetime.date:
    """The first day whose ``add_months(day, months)`` falls on or after ``target``.

    The inverse that turns "due date before today" into one date filter on the start:
    ``add_months(last, m) < today`` exactly when ``last < earliest_start(today, m)``. Clamping
    makes several starts share one due date (31 and 30 January + 1 month are both 28 February),
    so the inverse is not simply ``add_months(target, -months)``.
    """
    start = add_months(target, -months)
    if add_months(start, months) >= target:
        return start
    # ``start`` was clamped to its month's end and every day of that month falls short: the next
    # month's first day is the first start that reaches the target.
    return add_months(start.replace(day=1), 1)
