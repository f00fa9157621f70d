"""What people do with a permit, one verb each. The page, the API and the demo call these; every
move goes through ``core.workflow.perform`` (permission, guards, every reason, history, audit).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core import audit
from anjian.core.workflow import TransitionRefused, perform
from anjian.permits import rules
from anjian.permits.choices import Direction, GasTestKind, PermitStatus
from anjian.permits.models import Briefing, EntryLogEntry, GasReading, GasTest, GasThreshold


def _refuse(permit, name, actor, reasons, request=None):
    """A refusal found before ``perform`` (bad input of the move), recorded like the others."""
    opts = permit._meta
    audit.record(
        f"{opts.app_label}.{opts.model_name}.transition_refused",
        actor=actor,
        obj=permit,
        request=request,
        detail={"transition": name, "from": permit.status, "reasons": [str(r) for r in reasons]},
    )
    raise TransitionRefused(reasons)


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [str(m) for messages in error.message_dict.values() for m in messages]
    return [str(m) for m in error.messages]


def file_permit(permit, *, actor, request=None, now=None):
    """Draft → filed. Refused with everything the filing lacks; a filing later than the lead time
    goes ahead and is flagged late (``filed_late``)."""
    return perform(permit, "file", actor=actor, request=request, context={"now": now})


def acknowledge_permit(
    permit,
    *,
    actor,
    started_at,
    ended_at,
    topics,
    given_by_name,
    attendees=(),
    attendee_names="",
    location="",
    request=None,
):
    """Filed → acknowledged, recording the on-site briefing (one per permit: a second call
    replaces the unsaved-for details of a refused attempt). Refused with every reason the
    briefing does not count, and nothing is written then."""
    briefing = Briefing._base_manager.filter(permit=permit).first() or Briefing(permit=permit)
    briefing.started_at = started_at
    briefing.ended_at = ended_at
    briefing.topics = list(topics or [])
    briefing.given_by_name = given_by_name or ""
    briefing.attendee_names = attendee_names or ""
    briefing.location = location or ""
    briefing.given_by = actor if getattr(actor, "pk", None) else None
    attendees = list(attendees or [])
    reasons = rules.briefing_refusals(briefing, attendee_count=len(attendees))
    workflow = type(permit).workflow
    reasons = workflow.refusals(permit, workflow.get("acknowledge"), actor, "", {}) + reasons
    # The guard would say "record the briefing"; this call records it.
    not_recorded = _("Record the on-site briefing before acknowledging.")
    reasons = [r for r in dict.fromkeys(reasons) if r != not_recorded]
    if reasons:
        _refuse(permit, "acknowledge", actor, reasons, request)
    with transaction.atomic():
        briefing.save()
        briefing.attendees.set(attendees)
        perform(permit, "acknowledge", actor=actor, request=request)
    return permit


def return_permit(permit, *, actor, reason, request=None):
    """Filed → returned to the enterprise, with the reasons (required)."""
    return perform(permit, "return", actor=actor, reason=reason, request=request)


def revise_permit(permit, *, actor, request=None):
    """Returned → draft, to be corrected and filed again."""
    return perform(permit, "revise", actor=actor, request=request)


def approve_permit(permit, *, actor, approver, delegation=None, reason="", request=None, now=None):
    """Acknowledged → approved by ``approver`` (a training.Person): the principal, a delegate (the
    delegation valid that day is found when not given) or — only for a space without toxic risk —
    a trained approver of the enterprise (``rules.approval_refusals``)."""
    now = now or timezone.now()
    if delegation is None and approver is not None and not permit.enterprise.is_principal(approver):
        delegation = rules.find_delegation(permit, approver, timezone.localdate(now))
    context = {"approver": approver, "delegation": delegation, "now": now}
    return perform(permit, "approve", actor=actor, reason=reason, request=request, context=context)


def start_permit(permit, *, actor, request=None, now=None):
    """Approved → in progress: refused unless all seven conditions hold (every failing reason)."""
    return perform(permit, "start", actor=actor, request=request, context={"now": now})


def suspend_permit(permit, *, actor, reason, request=None, source=None):
    """In progress → suspended (a failing reading, a stop-work order, a break). Resuming needs a
    new passing test taken after this moment."""
    return perform(permit, "suspend", actor=actor, reason=reason, request=request, source=source)


def resume_permit(permit, *, actor, request=None, now=None):
    """Suspended → in progress, once a passing test newer than the suspension is recorded."""
    return perform(permit, "resume", actor=actor, request=request, context={"now": now})


def complete_permit(permit, *, actor, isolation_restored: bool, request=None, now=None):
    """In progress (or suspended) → completed: refused while the entry log shows anyone inside
    or a tool unaccounted for, or the isolation is not confirmed restored."""
    context = {"isolation_restored": isolation_restored, "now": now}
    return perform(permit, "complete", actor=actor, request=request, context=context)


def accept_permit(permit, *, actor, leader, note="", request=None, now=None):
    """Completed → accepted by the work leader (``leader``, a Person who leads this permit) and
    the enterprise (``actor``, its account)."""
    context = {"leader": leader, "actor": actor, "note": note or "", "now": now}
    return perform(permit, "accept", actor=actor, request=request, context=context)


def cancel_permit(permit, *, actor, reason, request=None):
    return perform(permit, "cancel", actor=actor, reason=reason, request=request)


TRANSITION_SERVICES = {
    "file": file_permit,
    "acknowledge": acknowledge_permit,
    "return": return_permit,
    "revise": revise_permit,
    "approve": approve_permit,
    "start": start_permit,
    "suspend": suspend_permit,
    "resume": resume_permit,
    "complete": complete_permit,
    "accept": accept_permit,
    "cancel": cancel_permit,
}


# --- gas tests ------------------------------------------------------------------------------------
def record_gas_test(
    permit,
    *,
    actor,
    tested_at,
    tester,
    detector,
    readings,
    kind=None,
    note="",
    request=None,
) -> GasTest:
    """Record a gas test with its readings (``readings``: dicts with ``gas`` (a GasThreshold or
    its code), ``depth``, ``value``, ``unit``), judged against the thresholds; the test passes when
    every reading does and every active gas was read. The detector's calibration validity on the
    test day is recorded. A failing test during work suspends the permit at once.

    Raises ValidationError (with every problem) when the input is not a test; nothing is written.
    """
    if kind is None:
        kind = (
            GasTestKind.RETEST
            if permit.status == PermitStatus.SUSPENDED
            else GasTestKind.PERIODIC
            if permit.status == PermitStatus.IN_PROGRESS
            else GasTestKind.PRE_ENTRY
        )
    test = GasTest(
        permit=permit,
        kind=kind,
        tested_at=tested_at,
        tester=tester,
        detector=detector,
        note=note or "",
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    errors = []
    try:
        test.full_clean(exclude=["recorded_by"])
    except ValidationError as error:
        errors.extend(_messages(error))
    thresholds = list(GasThreshold._base_manager.all())
    by_code = {t.code.upper(): t for t in thresholds}
    rows = []
    seen = set()
    for n, data in enumerate(readings or [], start=1):
        gas = data.get("gas")
        if not isinstance(gas, GasThreshold):
            gas = by_code.get(str(gas or "").upper())
        if gas is None:
            errors.append(
                _("Reading %(n)s: unknown gas “%(gas)s”.") % {"n": n, "gas": data.get("gas")}
            )
            continue
        reading = GasReading(
            gas=gas,
            depth=data.get("depth") or "middle",
            value=data.get("value"),
            unit=data.get("unit"),
        )
        key = (gas.pk, reading.depth)
        if key in seen:
            errors.append(
                _("Reading %(n)s: %(gas)s at this depth is read twice.") % {"n": n, "gas": gas.code}
            )
            continue
        seen.add(key)
        try:
            reading.full_clean(exclude=["test"])
        except ValidationError as error:
            errors.extend(
                _("Reading %(n)s (%(gas)s): %(problem)s") % {"n": n, "gas": gas.code, "problem": m}
                for m in _messages(error)
            )
            continue
        rows.append(reading)
    errors.extend(rules.test_refusals(rows, thresholds) if not errors else [])
    if errors:
        raise ValidationError(errors)
    day = timezone.localdate(tested_at)
    test.detector_in_date = detector.in_date(day)
    test.passed = test.detector_in_date and all(r.passed for r in rows)
    with transaction.atomic():
        test.save()
        for reading in rows:
            reading.test = test
            reading.save()
        audit.record(
            "permits.gastest.recorded",
            actor=actor,
            obj=permit,
            request=request,
            detail={"test": test.pk, "passed": test.passed, "kind": test.kind},
        )
        if not test.passed and permit.status == PermitStatus.IN_PROGRESS:
            failing = [
                f"{r.gas.code} {r.get_depth_display()} {r.value} {r.get_unit_display()}"
                for r in rows
                if not r.passed
            ]
            reason = _("Gas test failed: %(readings)s") % {
                "readings": "、".join(failing) or _("detector out of date")
            }
            _suspend_for_gas(permit, actor, reason, request, test)
    return test


def _suspend_for_gas(permit, actor, reason, request, test):
    # Whoever records the reading, a failing one stops the work: the move is the system's (no
    # permission asked), its reason names the readings and its source is the test.
    perform(permit, "suspend", actor=None, reason=reason, request=request, source=test)


# --- the entry log --------------------------------------------------------------------------------
def record_entry(permit, *, actor, direction, person=None, tool="", at=None, request=None):
    """One line of the entry log: ``person`` or ``tool`` going ``direction`` (in/out) at ``at``
    (default now). Refused (ValidationError) when it contradicts the log or the permit's state."""
    entry = EntryLogEntry(
        permit=permit,
        person=person,
        tool=(tool or "").strip(),
        direction=direction,
        at=at or timezone.now(),
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    entry.full_clean(exclude=["recorded_by"])
    entry.save()
    return entry


def everyone_out(permit, *, actor, at=None, request=None) -> list[EntryLogEntry]:
    """Log out everyone inside and every tool taken in (the attendant's count at the end)."""
    at = at or timezone.now()
    made = []
    with transaction.atomic():
        for person in rules.people_inside(permit):
            made.append(
                record_entry(permit, actor=actor, direction=Direction.OUT, person=person, at=at)
            )
        for tool, count in rules.tools_unaccounted(permit).items():
            for _n in range(count):
                made.append(
                    record_entry(permit, actor=actor, direction=Direction.OUT, tool=tool, at=at)
                )
    return made
