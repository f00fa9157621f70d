"""Seed the working-day calendar with the State Council's holiday arrangements.

2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04). 2027: not yet published when this
was written — the statutory holidays of 全国年节及纪念日放假办法 (as amended 2024) only, marked
provisional, without make-up working days; administrators replace them when the arrangement is
out. Rows already there are left as they are.
"""

import datetime

from django.db import migrations


def _span(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


D = datetime.date

# (first day off, last day off, name, [make-up working days])
ARRANGEMENTS_2026 = [
    (D(2026, 1, 1), D(2026, 1, 3), "元旦", [D(2026, 1, 4)]),
    (D(2026, 2, 15), D(2026, 2, 23), "春节", [D(2026, 2, 14), D(2026, 2, 28)]),
    (D(2026, 4, 4), D(2026, 4, 6), "清明节", []),
    (D(2026, 5, 1), D(2026, 5, 5), "劳动节", [D(2026, 5, 9)]),
    (D(2026, 6, 19), D(2026, 6, 21), "端午节", []),
    (D(2026, 9, 25), D(2026, 9, 27), "中秋节", []),
    (D(2026, 10, 1), D(2026, 10, 7), "国庆节", [D(2026, 9, 20), D(2026, 10, 10)]),
]

# The statutory days of 2027 (lunar dates: 春节 2027-02-06, 端午 2027-06-09, 中秋 2027-09-15).
PROVISIONAL_2027 = [
    (D(2027, 1, 1), D(2027, 1, 1), "元旦", []),
    (D(2027, 2, 5), D(2027, 2, 8), "春节", []),
    (D(2027, 4, 5), D(2027, 4, 5), "清明节", []),
    (D(2027, 5, 1), D(2027, 5, 2), "劳动节", []),
    (D(2027, 6, 9), D(2027, 6, 9), "端午节", []),
    (D(2027, 9, 15), D(2027, 9, 15), "中秋节", []),
    (D(2027, 10, 1), D(2027, 10, 3), "国庆节", []),
]


def rows():
    for arrangements, provisional in ((ARRANGEMENTS_2026, False), (PROVISIONAL_2027, True)):
        for first, last, name, workdays in arrangements:
            for day in _span(first, last):
                yield day, "holiday", name, provisional
            for day in workdays:
                yield day, "workday", f"{name}调休上班", provisional


# Filled again when a flush emptied them (anjian.core.seeding).
RESEED_WHEN_EMPTY = ("CalendarDay",)


def seed(apps, schema_editor):
    CalendarDay = apps.get_model("enforcement", "CalendarDay")
    existing = set(CalendarDay.objects.values_list("date", flat=True))
    CalendarDay.objects.bulk_create(
        CalendarDay(date=day, kind=kind, name=name, provisional=provisional)
        for day, kind, name, provisional in rows()
        if day not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
