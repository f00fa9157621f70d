"""Rules of confined-space work: what a filing needs, the briefing, who may approve, gas readings
against the thresholds, the entry log, and the gate before work starts (the seven prohibitions).

Every rule lives here once; the pages, the API, the documents and the services call these.
Numbers are settings (``ANJIAN_PERMIT_*``), never constants here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.permits.choices import (
    EDITABLE_STATES,
    GATE_DUTIES,
    REQUIRED_BRIEFING_TOPICS,
    SITE_STATES,
    BriefingTopic,
    ConditionCode,
    Direction,
    GasUnit,
    ImplementingUnit,
    PermitDuty,
    PermitStatus,
)

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


# --- numbers and the late flag --------------------------------------------------------------------
def next_permit_number(year: int | None = None) -> str:
    """``YX-2026-0001``: 有限 (YX), the year, a serial within the year."""
    from anjian.permits.models import Permit

    year = year or timezone.localdate().year
    prefix = f"YX-{year}-"
    last = (
        Permit._base_manager.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{serial:04d}"


def is_late(planned_start, filed_at) -> bool:
    """Filed later than ``PERMIT_FILING_LEAD_DAYS`` days before the planned start (exactly the
    lead time is on time)."""
    if planned_start is None or filed_at is None:
        return False
    return planned_start - filed_at < datetime.timedelta(days=lead_days())


# --- the permit's own consistency (model clean: page, API, import) --------------------------------
PLAN_FIELDS = (
    "enterprise_id",
    "space_id",
    "work_content",
    "planned_start",
    "planned_end",
    "implementing_unit",
    "contractor_id",
    "contractor_uscc",
    "contractor_name",
    "contractor_agreement_id",
    "hazards",
    "ventilation",
    "isolation_points",
    "communication",
    "explosion_proof_measures",
    "rescue_plan",
    "rescue_team",
    "rescue_call",
)
SITE_FIELDS = ("ventilated", "protective_equipment_confirmed", "electrical_compliant")


def check_permit(permit) -> None:
    from anjian.enterprises.rules import compact_uscc, validate_uscc

    errors: dict[str, list] = {}

    def add(name, message):
        errors.setdefault(name, []).append(message)

    if (
        permit.space_id
        and permit.enterprise_id
        and permit.space.enterprise_id != permit.enterprise_id
    ):
        add("space", _("The confined space must be one of the enterprise's own."))
    if permit.planned_start and permit.planned_end and permit.planned_end <= permit.planned_start:
        add("planned_end", _("The planned end must come after the planned start."))
    if permit.implementing_unit == ImplementingUnit.CONTRACTOR:
        registered = bool(permit.contractor_id)
        named = bool(
            (permit.contractor_uscc or "").strip() or (permit.contractor_name or "").strip()
        )
        if registered and named:
            add(
                "contractor",
                _("Choose a contractor on file or give a contractor's code and name, not both."),
            )
        elif not registered and not named:
            add("contractor", _("Name the contractor: one on file, or its code and name."))
        if registered and permit.contractor_id == permit.enterprise_id:
            add("contractor", _("The enterprise cannot be its own contractor."))
        if named and not registered:
            if permit.contractor_uscc:
                permit.contractor_uscc = compact_uscc(permit.contractor_uscc)
                try:
                    validate_uscc(permit.contractor_uscc)
                except ValidationError as error:
                    errors.setdefault("contractor_uscc", []).extend(error.messages)
            else:
                add("contractor_uscc", _("Give the contractor's unified social credit code."))
            if not (permit.contractor_name or "").strip():
                add("contractor_name", _("Give the contractor's name."))
        if permit.contractor_agreement_id:
            agreement = permit.contractor_agreement
            if not registered:
                add(
                    "contractor_agreement",
                    _("An agreement on file belongs to a contractor on file; upload the scan."),
                )
            elif (
                agreement.tenant_id != permit.contractor_id
                or agreement.landlord_id != permit.enterprise_id
            ):
                add(
                    "contractor_agreement",
                    _("The agreement must be between this enterprise and this contractor."),
                )
    else:
        if permit.contractor_id or permit.contractor_agreement_id:
            add("contractor", _("Work by the enterprise itself names no contractor."))
        permit.contractor_uscc = ""
        permit.contractor_name = ""
    if permit.pk:
        errors_locked = locked_changes(permit)
        if errors_locked:
            add("__all__", errors_locked)
    if errors:
        raise ValidationError(errors)


def locked_changes(permit) -> str | None:
    """A sentence when a stored permit's plan (or, once work is over, its on-site confirmations)
    is being changed in a state that no longer allows it."""
    from anjian.permits.models import Permit

    before = Permit._base_manager.filter(pk=permit.pk).values(*PLAN_FIELDS, *SITE_FIELDS).first()
    if before is None:
        return None
    status = permit.status
    changed_plan = [f for f in PLAN_FIELDS if before[f] != getattr(permit, f)]
    changed_site = [f for f in SITE_FIELDS if before[f] != getattr(permit, f)]
    if changed_plan and status not in EDITABLE_STATES:
        return _("The plan of a permit that is “%(status)s” cannot be changed.") % {
            "status": permit.get_status_display()
        }
    if changed_site and status not in SITE_STATES:
        return _("The on-site checks of a permit that is “%(status)s” cannot be changed.") % {
            "status": permit.get_status_display()
        }
    return None


def check_permit_person(row) -> None:
    from anjian.permits.models import PermitPerson

    if not (row.permit_id and row.person_id and row.duty):
        return
    permit = row.permit
    errors = []
    if permit.status not in EDITABLE_STATES:
        errors.append(
            _("The people of a permit that is “%(status)s” cannot be changed.")
            % {"status": permit.get_status_display()}
        )
    employer = row.person.employer_id
    allowed = {permit.enterprise_id, permit.contractor_id} - {None}
    if employer is not None and employer not in allowed:
        errors.append(
            _("%(person)s works for neither the enterprise nor its contractor.")
            % {"person": row.person.name}
        )
    pair = {PermitDuty.ENTRANT: PermitDuty.ATTENDANT, PermitDuty.ATTENDANT: PermitDuty.ENTRANT}
    other = pair.get(row.duty)
    if other:
        clash = PermitPerson._base_manager.filter(
            permit_id=row.permit_id, person_id=row.person_id, duty=other
        ).exclude(pk=row.pk)
        if clash.exists():
            errors.append(_("An attendant is never also an entrant on the same permit."))
    if errors:
        raise ValidationError(errors)


def check_attachment(attachment) -> None:
    if attachment.kind_id and attachment.kind.generated:
        raise ValidationError(
            {"kind": _("This document is generated from the permit; nothing to upload.")}
        )
    if attachment.permit_id and attachment.permit.status not in EDITABLE_STATES:
        raise ValidationError(
            _("The filing of a permit that is “%(status)s” cannot be changed.")
            % {"status": attachment.permit.get_status_display()}
        )


# --- filing ---------------------------------------------------------------------------------------
def filing_refusals(permit) -> list[str]:
    """Everything a filing still lacks ("两表一方案": plan, people, measures, rescue readiness)."""
    from anjian.permits.models import AttachmentKind

    reasons = []
    required_text = [
        ("work_content", _("Describe the work.")),
        ("hazards", _("Identify the hazards.")),
        ("ventilation", _("Describe the ventilation.")),
        ("isolation_points", _("Name the isolation and lock-out points.")),
        ("communication", _("Say how the people inside and outside keep in contact.")),
        ("rescue_plan", _("Give the rescue plan.")),
        ("rescue_team", _("Name the rescue team.")),
        ("rescue_call", _("Say how the rescue team is called.")),
    ]
    for name, message in required_text:
        if not (getattr(permit, name) or "").strip():
            reasons.append(message)
    space = permit.space
    if space.explosion_risk and not permit.explosion_proof_measures.strip():
        reasons.append(
            _("The space has an explosion risk: name the explosion-proof equipment used.")
        )
    if getattr(space, "status", "in_use") != "in_use":
        reasons.append(_("The confined space is not in use."))
    if not permit.protective_equipment.exists():
        reasons.append(_("Choose the protective equipment from the register."))
    if not permit.rescue_equipment.exists():
        reasons.append(_("Choose the rescue equipment on site from the register."))
    duties = set(permit.people.values_list("duty", flat=True))
    if PermitDuty.LEADER not in duties:
        reasons.append(_("Name the work leader."))
    if PermitDuty.ENTRANT not in duties:
        reasons.append(_("Name at least one entrant."))
    if PermitDuty.ATTENDANT not in duties:
        reasons.append(_("Name at least one attendant."))
    if permit.implementing_unit == ImplementingUnit.CONTRACTOR:
        reasons.extend(_contract_refusals(permit))
    uploaded = set(permit.attachments.values_list("kind_id", flat=True))
    for kind in AttachmentKind._base_manager.filter(active=True, required=True, generated=False):
        if kind.pk not in uploaded:
            reasons.append(_("Attach the %(kind)s.") % {"kind": kind.name})
    return reasons


def _contract_refusals(permit) -> list[str]:
    if permit.contractor_id:
        agreement = permit.contractor_agreement
        if agreement is None:
            return [_("Choose the safety agreement with the contractor.")]
        if agreement.kind != "contracting":
            return [_("The safety agreement with the contractor must be a contracting one.")]
        if agreement.expires_on and agreement.expires_on < _day(permit.planned_end):
            return [
                _(
                    "The safety agreement with the contractor expires on %(date)s, before the work ends."
                )
                % {"date": agreement.expires_on.isoformat()}
            ]
        return []
    if not permit.agreement_document:
        return [_("Upload the safety agreement signed with the contractor.")]
    return []


def guard_filing(permit, actor, context):
    return filing_refusals(permit) or None


# --- the on-site briefing ------------------------------------------------------------------------
def validate_topics(value) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Topics must be a list."), code="type")
    unknown = [v for v in value if v not in BriefingTopic.values]
    if unknown:
        raise ValidationError(
            _("Unknown topics: %(topics)s.") % {"topics": "、".join(map(str, unknown))},
            code="unknown",
        )


def briefing_minutes(briefing) -> int:
    if not (briefing.started_at and briefing.ended_at):
        return 0
    return int((briefing.ended_at - briefing.started_at).total_seconds() // 60)


def briefing_refusals(briefing, attendee_count: int | None = None) -> list[str]:
    """Why a briefing does not count: too short, a required topic missing, nobody attending."""
    reasons = []
    if briefing.started_at and briefing.ended_at:
        if briefing.ended_at <= briefing.started_at:
            reasons.append(_("The briefing must end after it starts."))
        elif (briefing.ended_at - briefing.started_at) < datetime.timedelta(
            minutes=briefing_min_minutes()
        ):
            reasons.append(
                _("The briefing lasted %(minutes)s minutes; at least %(min)s are required.")
                % {"minutes": briefing_minutes(briefing), "min": briefing_min_minutes()}
            )
        if briefing.started_at > timezone.now() + datetime.timedelta(minutes=5):
            reasons.append(_("A briefing is recorded after it was given, not before."))
    else:
        reasons.append(_("Give the start and end of the briefing."))
    labels = dict(BriefingTopic.choices)
    for topic in REQUIRED_BRIEFING_TOPICS:
        if topic not in (briefing.topics or []):
            reasons.append(_("The briefing must cover: %(topic)s.") % {"topic": labels[topic]})
    if attendee_count is None and briefing.pk:
        attendee_count = briefing.attendees.count()
    if not (attendee_count or (briefing.attendee_names or "").strip()):
        reasons.append(_("Record who attended the briefing."))
    if not (briefing.given_by_name or "").strip():
        reasons.append(_("Name who gave the briefing."))
    return reasons


def guard_briefing(permit, actor, context):
    from anjian.permits.models import Briefing

    briefing = Briefing._base_manager.filter(permit=permit).first()
    if briefing is None:
        return _("Record the on-site briefing before acknowledging.")
    return briefing_refusals(briefing) or None


# --- approval -------------------------------------------------------------------------------------
def find_delegation(permit, approver, day):
    """A delegation of the enterprise to ``approver`` valid on ``day``, if any."""
    from anjian.permits.models import Delegation

    return (
        Delegation._base_manager.filter(
            enterprise_id=permit.enterprise_id,
            delegate=approver,
            valid_from__lte=day,
            valid_until__gte=day,
        )
        .order_by("-valid_until")
        .first()
    )


def approval_refusals(permit, approver, delegation=None, on=None) -> list[str]:
    """Whether ``approver`` may approve ``permit`` on the day of ``on``.

    The principal always may; so may a delegate holding the principal's written delegation valid
    that day. In a space with toxic risk, nobody else (regulations.md). In a space without toxic
    risk the enterprise may also let someone else approve: a person employed by the enterprise
    holding a certificate valid that day for the training duty "approver" (13号令: approvers are
    trained) — a decision of this project, since the regulation names no one for that case.
    """
    from anjian.training.rules import valid_certificate

    if approver is None:
        return [_("Name the person who approves.")]
    day = _day(_as_moment(on))
    enterprise = permit.enterprise
    if enterprise.is_principal(approver):
        return []
    if delegation is not None:
        reasons = []
        if (
            delegation.enterprise_id != permit.enterprise_id
            or delegation.delegate_id != approver.pk
        ):
            reasons.append(_("The delegation is not one to this approver by this enterprise."))
        elif not enterprise.is_principal(delegation.principal):
            reasons.append(_("The delegation was not given by the enterprise's current principal."))
        if not delegation.valid_on(day):
            reasons.append(
                _("The delegation is valid %(start)s to %(end)s, not on %(day)s.")
                % {
                    "start": delegation.valid_from.isoformat(),
                    "end": delegation.valid_until.isoformat(),
                    "day": day.isoformat(),
                }
            )
        if not reasons:
            return []
        if permit.space.has_toxic_risk:
            return reasons
    if permit.space.has_toxic_risk:
        return [
            _(
                "Work in a space with toxic risk is approved by the principal or a delegate "
                "holding a valid written delegation; %(person)s is neither."
            )
            % {"person": approver.name}
        ]
    if approver.employer_id != permit.enterprise_id:
        return [_("%(person)s is not employed by the enterprise.") % {"person": approver.name}]
    ok, why = valid_certificate(approver, "approver", day)
    if not ok:
        return [
            _("%(person)s is neither the principal nor a delegate, and may not approve: %(why)s")
            % {"person": approver.name, "why": why}
        ]
    return []


def guard_approval(permit, actor, context):
    return (
        approval_refusals(
            permit, context.get("approver"), context.get("delegation"), context.get("now")
        )
        or None
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
    """Work in progress whose last gas test is older than ``PERMIT_READING_INTERVAL_MINUTES``."""
    if permit.status != PermitStatus.IN_PROGRESS:
        return False
    now = _as_moment(on)
    last = last if last is not None else latest_test(permit)
    since = last.tested_at if last else permit.started_at
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


# --- the gate: the seven prohibitions --------------------------------------------------------------
@dataclass
class Condition:
    """One of the seven prohibitions as it stands: ``ok`` with its ``evidence``, or the
    ``reasons`` it fails."""

    code: str
    label: str
    ok: bool
    reasons: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "label": str(self.label),
            "ok": self.ok,
            "reasons": [str(r) for r in self.reasons],
            "evidence": [str(e) for e in self.evidence],
        }


def _condition(code, reasons, evidence) -> Condition:
    return Condition(
        code=code,
        label=str(dict(ConditionCode.choices)[code]),
        ok=not reasons,
        reasons=[str(r) for r in reasons],
        evidence=[str(e) for e in evidence],
    )


@dataclass
class GateData:
    """What the gate reads, loaded in a fixed number of queries whatever the number of people."""

    permit: object
    now: datetime.datetime
    people: list
    equipment: list
    latest_test: object
    certificates: dict
    special: dict


def load_gate(permit, on=None) -> GateData:
    """Load everything the seven conditions need: 7 queries, however many people (tested)."""
    from anjian.permits.models import GasTest, Permit
    from anjian.training.choices import KIND_DEFAULT_DUTIES
    from anjian.training.models import Certificate, SpecialCertificate, TrainingValidity

    now = _as_moment(on)
    fresh = Permit._base_manager.select_related(
        "space", "enterprise", "approver", "delegation"
    ).get(pk=permit.pk)
    people = list(fresh.people.select_related("person").order_by("duty", "person__name", "id"))
    ids = {row.person_id for row in people}
    validities = {v.kind: v for v in TrainingValidity._base_manager.all()}
    certificates: dict[int, list] = {i: [] for i in ids}
    for certificate in Certificate._base_manager.filter(person_id__in=ids, voided_on__isnull=True):
        rule = validities.get(certificate.kind)
        if rule is None:  # the kind's defaults, as TrainingValidity.for_kind gives them
            rule = TrainingValidity(
                kind=certificate.kind,
                qualifies_for=list(KIND_DEFAULT_DUTIES.get(certificate.kind, [])),
            )
        certificate._kind_rule = rule
        certificates[certificate.person_id].append(certificate)
    special: dict[int, list] = {i: [] for i in ids}
    for certificate in SpecialCertificate._base_manager.filter(person_id__in=ids):
        special[certificate.person_id].append(certificate)
    equipment = list(fresh.protective_equipment.all())
    test = (
        GasTest._base_manager.filter(permit=fresh)
        .select_related("detector")
        .order_by("-tested_at", "-id")
        .first()
    )
    return GateData(fresh, now, people, equipment, test, certificates, special)


def condition_hazards(data: GateData) -> Condition:
    permit = data.permit
    text = (permit.hazards or "").strip()
    if not text:
        return _condition(ConditionCode.HAZARDS, [_("No hazards have been identified.")], [])
    evidence = [_("Hazards identified: %(text)s") % {"text": text[:200]}]
    if permit.space.hazard_factors:
        evidence.append(
            _("The space's ledger names: %(text)s") % {"text": permit.space.hazard_factors[:200]}
        )
    return _condition(ConditionCode.HAZARDS, [], evidence)


def condition_ventilation(data: GateData) -> Condition:
    permit = data.permit
    reasons, evidence = [], []
    if permit.ventilated:
        evidence.append(_("Ventilation confirmed: %(how)s") % {"how": permit.ventilation or "—"})
    else:
        reasons.append(_("Ventilation has not been confirmed."))
    after = permit.suspended_at if permit.status == PermitStatus.SUSPENDED else None
    reasons.extend(test_counts(data.latest_test, data.now, after=after))
    test = data.latest_test
    if test is not None:
        evidence.append(
            _("Gas test %(when)s by %(detector)s: %(result)s")
            % {
                "when": timezone.localtime(test.tested_at).strftime("%Y-%m-%d %H:%M:%S"),
                "detector": test.detector,
                "result": test.result_label,
            }
        )
    return _condition(ConditionCode.VENTILATION, reasons, evidence)


def condition_protective_equipment(data: GateData) -> Condition:
    permit = data.permit
    day = _day(data.now)
    reasons, evidence = [], []
    if not data.equipment:
        reasons.append(_("No protective equipment has been chosen."))
    for item in data.equipment:
        if item.in_date(day):
            evidence.append(_("%(item)s in date") % {"item": item})
        else:
            reasons.append(
                _("%(item)s is not in date or not in service on %(day)s.")
                % {"item": item, "day": day.isoformat()}
            )
    if not permit.protective_equipment_confirmed:
        reasons.append(_("The protective equipment has not been checked on site."))
    return _condition(ConditionCode.PROTECTIVE_EQUIPMENT, reasons, evidence)


def condition_attendant(data: GateData) -> Condition:
    attendants = [row.person for row in data.people if row.duty == PermitDuty.ATTENDANT]
    if not attendants:
        return _condition(ConditionCode.ATTENDANT, [_("No attendant is named.")], [])
    return _condition(
        ConditionCode.ATTENDANT,
        [],
        [_("Attendant: %(names)s") % {"names": "、".join(p.name for p in attendants)}],
    )


def condition_electrical(data: GateData) -> Condition:
    permit = data.permit
    reasons, evidence = [], []
    if permit.electrical_compliant:
        evidence.append(
            _("Electrical equipment confirmed compliant: %(note)s")
            % {"note": permit.electrical_note or "—"}
        )
    else:
        reasons.append(_("The electrical equipment has not been confirmed compliant."))
    if permit.space.explosion_risk:
        if permit.explosion_proof_measures.strip():
            evidence.append(
                _("Explosion-proof equipment: %(text)s") % {"text": permit.explosion_proof_measures}
            )
        else:
            reasons.append(
                _("The space has an explosion risk and no explosion-proof equipment is named.")
            )
    return _condition(ConditionCode.ELECTRICAL, reasons, evidence)


def condition_approval(data: GateData) -> Condition:
    permit = data.permit
    approved = permit.approved_at is not None and permit.approver_id is not None
    if not approved or permit.status not in (
        PermitStatus.APPROVED,
        PermitStatus.IN_PROGRESS,
        PermitStatus.SUSPENDED,
    ):
        return _condition(ConditionCode.APPROVAL, [_("The work has not been approved.")], [])
    evidence = _("Approved by %(person)s at %(when)s") % {
        "person": permit.approver.name,
        "when": timezone.localtime(permit.approved_at).strftime("%Y-%m-%d %H:%M"),
    }
    if permit.delegation_id:
        evidence += _(" under the delegation valid until %(date)s") % {
            "date": permit.delegation.valid_until.isoformat()
        }
    return _condition(ConditionCode.APPROVAL, [], [evidence])


def condition_training(data: GateData) -> Condition:
    from anjian.training.rules import valid_certificate, valid_special_certificate

    day = _day(data.now)
    reasons, evidence = [], []
    duties = {row.duty for row in data.people}
    if PermitDuty.LEADER not in duties:
        reasons.append(_("No work leader is named."))
    if PermitDuty.ENTRANT not in duties:
        reasons.append(_("No entrant is named."))
    labels = dict(PermitDuty.choices)
    for row in data.people:
        person = row.person
        training_duty = GATE_DUTIES.get(row.duty)
        if training_duty is not None:
            ok, why = valid_certificate(
                person, training_duty, day, certificates=data.certificates.get(person.pk, [])
            )
            line = f"{person.name}（{labels[row.duty]}）: {why}"
            (evidence if ok else reasons).append(line)
        if row.special_category:
            ok, why = valid_special_certificate(
                person,
                row.special_category,
                row.special_operation or None,
                day,
                held=data.special.get(person.pk, []),
            )
            (evidence if ok else reasons).append(f"{person.name}: {why}")
    return _condition(ConditionCode.TRAINING, reasons, evidence)


CONDITIONS = (
    condition_hazards,
    condition_ventilation,
    condition_protective_equipment,
    condition_attendant,
    condition_electrical,
    condition_approval,
    condition_training,
)


def readiness(permit, on=None) -> list[Condition]:
    """The seven prohibitions for ``permit`` at ``on`` (default now), in order, each with its
    evidence and reasons; used by ``start``, the permit page and the API ``readiness`` action."""
    data = load_gate(permit, on)
    return [condition(data) for condition in CONDITIONS]


def readiness_refusals(permit, on=None) -> list[str]:
    return [reason for c in readiness(permit, on) for reason in c.reasons]


def guard_readiness(permit, actor, context):
    return readiness_refusals(permit, context.get("now")) or None
