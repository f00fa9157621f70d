"""Gas readings against the thresholds (with the ppm ↔ mg/m³ conversion), the entry log, and the
rules of work in progress: the retest after an interruption, completion, acceptance."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.permits.choices import Direction, GasUnit, PermitDuty, PermitStatus
from anjian.permits.rules._common import (
    MOLAR_VOLUME,
    PLACES,
    PPM_PER_PCT,
    _as_moment,
    reading_interval,
    test_window,
)


# --- gas readings ---------------------------------------------------------------------------------
class ConversionError(ValueError):
    pass


def _q(value: Decimal) -> Decimal:
    return value.quantize(PLACES, rounding=ROUND_HALF_UP)


def _fmt(value) -> str:
    text = format(Decimal(value).normalize(), "f")
    return text


def _unit_label(unit) -> str:
    return str(dict(GasUnit.choices).get(unit, unit))


def convert(value, unit: str, threshold) -> tuple[Decimal, str]:
    """``value`` in ``unit`` expressed in the threshold's unit, and the conversion in words
    (empty when none was needed). mg/m³ = ppm × M / 24.04 (20 °C); 1 % vol = 10,000 ppm."""
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError):
        raise ConversionError(_("The reading is not a number.")) from None
    target = threshold.unit
    if unit == target:
        return _q(value), ""
    if GasUnit.PCT_LEL in (unit, target):
        raise ConversionError(
            _("%(gas)s is limited in %(target)s; a reading in %(unit)s cannot be converted.")
            % {"gas": threshold.code, "target": _unit_label(target), "unit": _unit_label(unit)}
        )
    mass = threshold.molar_mass
    needs_mass = GasUnit.MG_M3 in (unit, target)
    if needs_mass and not mass:
        raise ConversionError(
            _("No molar mass is recorded for %(gas)s: read it in %(target)s.")
            % {"gas": threshold.code, "target": _unit_label(target)}
        )
    steps = []
    ppm = value
    if unit == GasUnit.PCT_VOL:
        ppm = value * PPM_PER_PCT
        steps.append(f"{_fmt(value)} % vol × 10000")
    elif unit == GasUnit.MG_M3:
        ppm = value * MOLAR_VOLUME / mass
        steps.append(f"{_fmt(value)} mg/m³ × 24.04 ÷ {_fmt(mass)}")
    else:
        steps.append(f"{_fmt(value)} ppm")
    if target == GasUnit.PPM:
        result = ppm
    elif target == GasUnit.PCT_VOL:
        result = ppm / PPM_PER_PCT
        steps.append("÷ 10000")
    else:  # mg/m³
        result = ppm * mass / MOLAR_VOLUME
        steps.append(
            f"× {_fmt(mass)} ÷ 24.04"
            if unit == GasUnit.PPM
            else f"= {_fmt(_q(ppm))} ppm × {_fmt(mass)} ÷ 24.04"
        )
    result = _q(result)
    text = " ".join(steps) + f" = {_fmt(result)} {_unit_label(target)}"
    return result, text


def judge_value(threshold, value: Decimal) -> tuple[bool, bool]:
    """(passed, warning) of a value in the threshold's unit."""
    passed = True
    if threshold.minimum is not None and value < threshold.minimum:
        passed = False
    if threshold.maximum is not None:
        if threshold.maximum_inclusive:
            passed = passed and value <= threshold.maximum
        else:
            passed = passed and value < threshold.maximum
    warning = passed and threshold.warn is not None and value > threshold.warn
    return passed, warning


def judge_reading(reading) -> None:
    """Set a reading's converted value, conversion text and verdict (raises ConversionError)."""
    converted, text = convert(reading.value, reading.unit, reading.gas)
    reading.converted_value = converted
    reading.conversion = text
    reading.passed, reading.warning = judge_value(reading.gas, converted)


def limit_text(threshold) -> str:
    unit = _unit_label(threshold.unit)
    low, high = threshold.minimum, threshold.maximum
    below = "≤" if threshold.maximum_inclusive else "<"
    if low is not None and high is not None:
        return f"{_fmt(low)} ≤ {threshold.code} {below} {_fmt(high)} {unit}"
    if high is not None:
        return f"{threshold.code} {below} {_fmt(high)} {unit}"
    return f"{threshold.code} ≥ {_fmt(low)} {unit}"


def test_refusals(readings, thresholds) -> list[str]:
    """Why a set of readings is not a complete test: every active gas read at least once."""
    read = {r.gas_id for r in readings}
    missing = [t.code for t in thresholds if t.active and t.pk not in read]
    if not readings:
        return [_("A gas test needs its readings.")]
    if missing:
        return [_("Readings missing for: %(gases)s.") % {"gases": "、".join(missing)}]
    return []


def check_gas_test(test) -> None:
    errors = {}
    if test.permit_id:
        permit = test.permit
        if permit.status not in (
            PermitStatus.ACKNOWLEDGED,
            PermitStatus.APPROVED,
            PermitStatus.IN_PROGRESS,
            PermitStatus.SUSPENDED,
        ):
            errors["permit"] = _(
                "Gas tests are recorded once the filing is acknowledged and until the work ends."
            )
        if test.detector_id:
            detector = test.detector
            if detector.kind != "gas_detector":
                errors["detector"] = _("Choose a gas detector.")
            elif detector.enterprise_id not in {permit.enterprise_id, permit.contractor_id}:
                errors["detector"] = _(
                    "The detector must be in the register of the enterprise or its contractor."
                )
    if test.tested_at and test.tested_at > timezone.now() + datetime.timedelta(minutes=5):
        errors["tested_at"] = _("A gas test is recorded after it was taken, not before.")
    if errors:
        raise ValidationError(errors)


# --- the entry log --------------------------------------------------------------------------------
def people_inside(permit, entries=None) -> list:
    """The people whose last entry-log line is "in" (the Person objects)."""
    if entries is None:
        entries = permit.entries.select_related("person").order_by("at", "id")
    last = {}
    for entry in entries:
        if entry.person_id:
            last[entry.person_id] = entry
    return [e.person for e in last.values() if e.direction == Direction.IN]


def tools_unaccounted(permit, entries=None) -> dict[str, int]:
    """Tools taken in and not yet brought out: name → how many (the same name counts)."""
    if entries is None:
        entries = permit.entries.order_by("at", "id")
    count: dict[str, int] = {}
    for entry in entries:
        if entry.person_id:
            continue
        key = entry.tool.strip()
        count[key] = count.get(key, 0) + (1 if entry.direction == Direction.IN else -1)
    return {tool: n for tool, n in count.items() if n > 0}


def check_entry(entry) -> None:
    """Nobody enters unless work is in progress and they are an entrant on the permit; nobody
    leaves who is not inside; a tool goes out only as often as it went in."""
    if not entry.permit_id or not entry.direction:
        return
    permit = entry.permit
    errors = []
    if entry.person_id and entry.tool.strip():
        errors.append(_("Record either a person or a tool."))
    if not entry.person_id and not entry.tool.strip():
        errors.append(_("Record either a person or a tool."))
    if permit.status not in (PermitStatus.IN_PROGRESS, PermitStatus.SUSPENDED):
        errors.append(_("The entry log is kept while work is in progress."))
    elif entry.direction == Direction.IN and permit.status == PermitStatus.SUSPENDED:
        errors.append(_("Work is suspended: nobody enters until it resumes."))
    if entry.at and entry.at > timezone.now() + datetime.timedelta(minutes=5):
        errors.append(_("An entry is recorded when it happens, not before."))
    if errors:
        raise ValidationError(errors)
    previous = permit.entries.exclude(pk=entry.pk).select_related("person").order_by("at", "id")
    if entry.person_id:
        inside = {p.pk for p in people_inside(permit, previous)}
        if entry.direction == Direction.IN:
            if entry.person_id in inside:
                errors.append(_("%(person)s is already inside.") % {"person": entry.person.name})
            entrants = permit.people.filter(duty=PermitDuty.ENTRANT).values_list(
                "person_id", flat=True
            )
            if entry.person_id not in set(entrants):
                errors.append(
                    _("%(person)s is not an entrant on this permit.")
                    % {"person": entry.person.name}
                )
        elif entry.person_id not in inside:
            errors.append(_("%(person)s is not inside.") % {"person": entry.person.name})
    elif entry.direction == Direction.OUT:
        if tools_unaccounted(permit, previous).get(entry.tool.strip(), 0) <= 0:
            errors.append(_("The tool “%(tool)s” was not taken in.") % {"tool": entry.tool.strip()})
    if errors:
        raise ValidationError(errors)


# --- during work ----------------------------------------------------------------------------------
def latest_test(permit, tests=None):
    if tests is None:
        from anjian.permits.models import GasTest

        return GasTest._base_manager.filter(permit=permit).order_by("-tested_at", "-id").first()
    return max(tests, key=lambda t: (t.tested_at, t.pk), default=None)


def reading_overdue(permit, on=None, last=None) -> bool:
    """Work in progress whose last gas test is older than ``PERMIT_READING_INTERVAL_MINUTES``.

    ``last``: the latest test when the caller has it; a list annotates ``last_tested_at``
    (``Max("gas_tests__tested_at")``) and pays no query per row."""
    if permit.status != PermitStatus.IN_PROGRESS:
        return False
    now = _as_moment(on)
    if last is not None:
        tested_at = last.tested_at
    elif hasattr(permit, "last_tested_at"):
        tested_at = permit.last_tested_at
    else:
        latest = latest_test(permit)
        tested_at = latest.tested_at if latest else None
    since = tested_at or permit.started_at
    return since is not None and now - since > reading_interval()


def test_counts(test, now, after=None) -> list[str]:
    """Why a gas test does not open the way in now: failed, too old, detector out of date, or
    taken before the latest interruption."""
    if test is None:
        return [_("No gas test has been recorded.")]
    reasons = []
    when = timezone.localtime(test.tested_at).strftime("%Y-%m-%d %H:%M:%S")
    if not test.passed:
        reasons.append(_("The latest gas test (%(when)s) failed.") % {"when": when})
    if test.tested_at > now:
        reasons.append(_("The latest gas test (%(when)s) lies in the future.") % {"when": when})
    elif now - test.tested_at > test_window():
        reasons.append(
            _("The latest gas test (%(when)s) is older than %(minutes)s minutes.")
            % {"when": when, "minutes": settings.ANJIAN_PERMIT_GAS_TEST_WINDOW_MINUTES}
        )
    if not test.detector_in_date:
        reasons.append(
            _("The detector %(detector)s was not in date when the test was taken.")
            % {"detector": test.detector}
        )
    if after is not None and test.tested_at <= after:
        reasons.append(
            _("Work was interrupted at %(when)s: a new passing test is needed.")
            % {"when": timezone.localtime(after).strftime("%Y-%m-%d %H:%M:%S")}
        )
    return reasons


def guard_resume(permit, actor, context):
    now = _as_moment(context.get("now"))
    reasons = []
    if not permit.ventilated:
        reasons.append(_("Confirm the space has been ventilated again."))
    reasons.extend(test_counts(latest_test(permit), now, after=permit.suspended_at))
    return reasons or None


def completion_refusals(permit, isolation_restored: bool) -> list[str]:
    entries = list(permit.entries.select_related("person").order_by("at", "id"))
    reasons = []
    inside = people_inside(permit, entries)
    if inside:
        reasons.append(
            _("Still inside according to the entry log: %(names)s.")
            % {"names": "、".join(p.name for p in inside)}
        )
    tools = tools_unaccounted(permit, entries)
    if tools:
        reasons.append(
            _("Tools not brought out: %(tools)s.")
            % {"tools": "、".join(f"{t} × {n}" for t, n in tools.items())}
        )
    if not isolation_restored:
        reasons.append(_("Confirm the isolation has been restored."))
    return reasons


def guard_completion(permit, actor, context):
    return completion_refusals(permit, bool(context.get("isolation_restored"))) or None


def guard_acceptance(permit, actor, context):
    leader = context.get("leader")
    if leader is None:
        return _("Name the work leader who accepts the work.")
    if not permit.people.filter(person=leader, duty=PermitDuty.LEADER).exists():
        return _("%(person)s is not the work leader of this permit.") % {"person": leader.name}
    return None
