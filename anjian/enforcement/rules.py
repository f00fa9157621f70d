"""The rules of enforcement cases, each in one place for the page, the API and the Excel import:
the case number, the party (exactly one kind), the fine range of a legal basis and the confirmed
reason an amount outside it needs, the guards of the workflow, the publication deadline and the
repeat-offender flag (regulations.md: an enterprise with a major hazard penalised 3 times in 180
days or 4 times in a year is proposed for closure)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from anjian.enforcement.choices import AMOUNT_KINDS, DECIDED_STATUSES, PartyKind


# --- numbers --------------------------------------------------------------------------------------
def next_case_number(opened_on: datetime.date | None = None) -> str:
    """ZF-2026-0001: the year opened and the next free number of that year."""
    from anjian.enforcement.models import EnforcementCase

    year = (opened_on or timezone.localdate()).year
    prefix = f"ZF-{year}-"
    last = (
        EnforcementCase._base_manager.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:04d}"


# --- the party ------------------------------------------------------------------------------------
def party_errors(case) -> dict[str, str]:
    """Exactly one kind of party: an enterprise, or a person by name (with the enterprise they
    work for optional). The model's check constraint holds the same."""
    errors = {}
    if case.party_kind == PartyKind.ENTERPRISE:
        if not case.enterprise_id:
            errors["enterprise"] = _("Choose the enterprise penalised.")
        for name in ("person_name", "person_position", "person_organization"):
            if (getattr(case, name) or "").strip():
                errors[name] = _("A case against an enterprise names no person.")
    elif case.party_kind == PartyKind.PERSON:
        if not (case.person_name or "").strip():
            errors["person_name"] = _("Write the name of the person penalised.")
        if not case.enterprise_id and not case.region_id:
            errors["region"] = _(
                "Choose the region of a person who works for no enterprise on file."
            )
    return errors


# Fixed once the decision is recorded: the flag, the escalation and the publication deadline
# follow from them.
DECISION_FIELDS = (
    "party_kind",
    "enterprise_id",
    "person_name",
    "person_position",
    "person_organization",
    "decision_number",
    "decision_date",
)


def locked_changes(case) -> dict[str, str]:
    """A decided case's party and decision stay as decided (page, API and import alike)."""
    if not case.pk:
        return {}
    from anjian.enforcement.models import EnforcementCase

    stored = (
        EnforcementCase._base_manager.filter(pk=case.pk).values("status", *DECISION_FIELDS).first()
    )
    if not stored or stored["status"] not in DECIDED_STATUSES:
        return {}
    return {
        name.removesuffix("_id"): _("A decided case keeps its party and decision.")
        for name in DECISION_FIELDS
        if getattr(case, name) != stored[name]
    }


def origin_errors(case) -> dict[str, str]:
    """The inspection or hazard a case came from concerns the case's enterprise."""
    errors = {}
    if not case.enterprise_id:
        return errors
    if case.inspection_id and case.inspection.enterprise_id != case.enterprise_id:
        errors["inspection"] = _("The inspection concerns another enterprise.")
    if case.hazard_id and case.hazard.enterprise_id != case.enterprise_id:
        errors["hazard"] = _("The hazard belongs to another enterprise.")
    return errors


def party_name(case) -> str:
    if case.party_kind == PartyKind.PERSON:
        return case.person_name
    return case.enterprise.name if case.enterprise_id else ""


# --- fine ranges ----------------------------------------------------------------------------------
def fine_range(basis, party_kind: str) -> tuple[Decimal | None, Decimal | None]:
    """The fine range of a legal basis for the kind of party penalised."""
    if party_kind == PartyKind.PERSON:
        return basis.person_fine_min, basis.person_fine_max
    return basis.fine_min, basis.fine_max


def _yuan(value) -> str:
    return f"{Decimal(value):,.0f}"


def range_text(low, high) -> str:
    if low is None and high is None:
        return _g("no fine range")
    if high is None:
        return _g("at least %(min)s yuan") % {"min": _yuan(low)}
    return _g("%(min)s–%(max)s yuan") % {"min": _yuan(low or 0), "max": _yuan(high)}


def outside_range(amount, low, high) -> bool:
    if amount is None:
        return False
    return (low is not None and amount < low) or (high is not None and amount > high)


def penalty_errors(penalty, party_kind: str) -> dict[str, str]:
    """An amount outside the basis's range is refused unless a reason is written and confirmed;
    a fine or a confiscation needs an amount, other kinds take none."""
    errors = {}
    if penalty.kind in AMOUNT_KINDS:
        if penalty.amount is None:
            errors["amount"] = _("A fine or a confiscation needs an amount.")
    elif penalty.amount is not None:
        errors["amount"] = _("Only a fine or a confiscation has an amount.")
    basis = penalty.legal_basis if penalty.legal_basis_id else None
    if basis is None or penalty.kind != "fine" or penalty.amount is None:
        return errors
    low, high = fine_range(basis, party_kind)
    if outside_range(penalty.amount, low, high):
        if not (penalty.outside_range_reason or "").strip() or not penalty.outside_range_confirmed:
            errors["outside_range_reason"] = _g(
                "%(amount)s yuan is outside the range of %(basis)s (%(range)s): write the "
                "reason and confirm it."
            ) % {
                "amount": _yuan(penalty.amount),
                "basis": basis,
                "range": range_text(low, high),
            }
    return errors


# --- workflow guards ------------------------------------------------------------------------------
def guard_investigated(case, actor, context):
    if not (case.facts or "").strip():
        return [_("Write the facts found by the investigation.")]
    return None


def guard_decision(case, actor, context):
    reasons = []
    if not (case.decision_number or "").strip():
        reasons.append(_("Write the decision number."))
    if not case.decision_date:
        reasons.append(_("Set the decision date."))
    elif case.opened_on and case.decision_date < case.opened_on:
        reasons.append(_("The decision date is before the case was opened."))
    elif case.decision_date > timezone.localdate():
        reasons.append(_("The decision date is in the future."))
    penalties = list(case.penalties.select_related("legal_basis"))
    if not penalties:
        reasons.append(_("Add at least one legal basis with its penalty."))
    for penalty in penalties:
        for message in penalty_errors(penalty, case.party_kind).values():
            reasons.append(f"{penalty.legal_basis}: {message}")
    party = party_errors(case)
    reasons.extend(str(m) for m in party.values())
    return reasons


def guard_executed(case, actor, context):
    reasons = []
    if not case.fulfilled_on:
        reasons.append(_("Set the date the penalty was fulfilled."))
    elif case.decision_date and case.fulfilled_on < case.decision_date:
        reasons.append(_("The fulfilled date is before the decision date."))
    return reasons


def guard_closed(case, actor, context):
    reasons = []
    if not case.published_on:
        reasons.append(_("Record the publication of the decision (date and where)."))
    if not (case.publication_place or "").strip():
        reasons.append(_("Write where the decision was published."))
    return reasons


# --- publication ----------------------------------------------------------------------------------
def publication_overdue(case, today: datetime.date | None = None) -> bool:
    """Decided, not yet published, and the due day has passed."""
    if case.status not in DECIDED_STATUSES or case.published_on or not case.publication_due:
        return False
    return (today or timezone.localdate()) > case.publication_due


# --- repeat offenders -----------------------------------------------------------------------------
def repeat_offence(decision_dates: list[datetime.date], on: datetime.date) -> bool:
    """Whether the decisions up to ``on`` reach the closure proposal: at least
    ``REPEAT_OFFENDER_SHORT_COUNT`` (3) within ``REPEAT_OFFENDER_SHORT_DAYS`` (180) consecutive
    days, or ``REPEAT_OFFENDER_LONG_COUNT`` (4) within ``REPEAT_OFFENDER_LONG_DAYS`` (365), each
    window ending on ``on``."""
    windows = (
        (settings.ANJIAN_REPEAT_OFFENDER_SHORT_DAYS, settings.ANJIAN_REPEAT_OFFENDER_SHORT_COUNT),
        (settings.ANJIAN_REPEAT_OFFENDER_LONG_DAYS, settings.ANJIAN_REPEAT_OFFENDER_LONG_COUNT),
    )
    for days, count in windows:
        first = on - datetime.timedelta(days=days - 1)
        if sum(1 for d in decision_dates if first <= d <= on) >= count:
            return True
    return False


def enterprise_has_major_hazard(enterprise_id, on: datetime.date) -> bool:
    from anjian.hazards.choices import HazardLevel
    from anjian.hazards.models import Hazard

    return Hazard._base_manager.filter(
        enterprise_id=enterprise_id, level=HazardLevel.MAJOR, found_on__lte=on
    ).exists()


def decided_dates(enterprise_id) -> list[datetime.date]:
    from anjian.enforcement.models import EnforcementCase

    return list(
        EnforcementCase._base_manager.filter(
            enterprise_id=enterprise_id,
            party_kind=PartyKind.ENTERPRISE,
            status__in=DECIDED_STATUSES,
            decision_date__isnull=False,
        ).values_list("decision_date", flat=True)
    )


def repeat_offender(enterprise_id, on: datetime.date | None = None) -> bool:
    """The flag of an enterprise on a day (default today): a major hazard on file and the decided
    penalties reach a window."""
    on = on or timezone.localdate()
    if not enterprise_id:
        return False
    return repeat_offence(decided_dates(enterprise_id), on) and enterprise_has_major_hazard(
        enterprise_id, on
    )
