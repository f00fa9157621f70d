"""What every part of the rules shares: the settings read as numbers and moments in time."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

# Litres per mole of an ideal gas at 20 °C and 101.325 kPa: mg/m³ = ppm × M / 24.04.
MOLAR_VOLUME = Decimal("24.04")
PPM_PER_PCT = Decimal(10000)
PLACES = Decimal("0.0001")


def lead_days() -> int:
    return settings.ANJIAN_PERMIT_FILING_LEAD_DAYS


def briefing_min_minutes() -> int:
    return settings.ANJIAN_PERMIT_BRIEFING_MIN_MINUTES


def test_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.ANJIAN_PERMIT_GAS_TEST_WINDOW_MINUTES)


def reading_interval() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.ANJIAN_PERMIT_READING_INTERVAL_MINUTES)


def _as_moment(on) -> datetime.datetime:
    """``on`` as an aware datetime: now when None; a date is that day at the current time."""
    if on is None:
        return timezone.now()
    if isinstance(on, datetime.datetime):
        return on if timezone.is_aware(on) else timezone.make_aware(on)
    return timezone.make_aware(datetime.datetime.combine(on, timezone.localtime().time()))


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)
