"""Rules of hazards, each once: overdue, the plan a rectification needs, who signs which
verification tier, the quarter of self-reporting, where a public report goes, and the criteria the
system proposes from a permit's records. Pages, the API, Excel and the services call these.

Numbers are settings (``ANJIAN_HAZARD_*``, ``ANJIAN_PUBLIC_REPORT*``), never constants here.
Models are imported inside functions: ``models`` imports this module.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.hazards.choices import OPEN_STATUSES, HazardLevel, HazardSource, SignerLevel

# Tracking codes: no 0/O, 1/I/L, so a code read out over the phone is not mistaken.
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_LENGTH = 10


# --- overdue -------------------------------------------------------------------------------------
def overdue_q(today: datetime.date | None = None) -> Q:
    """Open, with a deadline before ``today``: one filter the list, the counters and the API share."""
    today = today or timezone.localdate()
    return Q(status__in=OPEN_STATUSES, deadline__isnull=False, deadline__lt=today)


def is_overdue(hazard, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return bool(hazard.status in OPEN_STATUSES and hazard.deadline and hazard.deadline < today)


# --- the record ----------------------------------------------------------------------------------
def check_hazard(hazard) -> dict:
    """Field errors of a hazard as the page, the API and Excel see them."""
    errors: dict[str, list] = {}
    if (
        hazard.space_id
        and hazard.enterprise_id
        and hazard.space.enterprise_id != hazard.enterprise_id
    ):
        errors.setdefault("space", []).append(
            _("This confined space belongs to another enterprise.")
        )
    if (
        hazard.permit_id
        and hazard.enterprise_id
        and hazard.permit.enterprise_id != hazard.enterprise_id
    ):
        errors.setdefault("permit", []).append(_("This permit belongs to another enterprise."))
    person = hazard.responsible_person if hazard.responsible_person_id else None
    if person is not None and person.employer_id and person.employer_id != hazard.enterprise_id:
        errors.setdefault("responsible_person", []).append(
            _("The responsible person must work for this enterprise.")
        )
    if hazard.deadline and hazard.found_on and hazard.deadline < hazard.found_on:
        errors.setdefault("deadline", []).append(
            _("The deadline cannot be before the day the hazard was found.")
        )
    if not (hazard.description or "").strip():
        errors.setdefault("description", []).append(_("Describe the hazard."))
    return errors


def next_hazard_number(found_on: datetime.date | None = None) -> str:
    """YH-2026-00001: the year found and the next free number of that year."""
    from anjian.hazards.models import Hazard

    year = (found_on or timezone.localdate()).year
    prefix = f"YH-{year}-"
    last = (
        Hazard._base_manager.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:05d}"


def plan_refusals(hazard) -> list[str]:
    """What a rectification plan lacks: measures, a responsible person, a deadline."""
    reasons = []
    if not (hazard.measures or "").strip():
        reasons.append(_("Write the rectification measures."))
    if not (hazard.responsible_name or "").strip() and not hazard.responsible_person_id:
        reasons.append(_("Name the person responsible for the rectification."))
    if not hazard.deadline:
        reasons.append(_("Set a rectification deadline."))
    return reasons


def guard_plan(hazard, actor, context):
    return plan_refusals(hazard) or None


def submission_refusals(hazard) -> list[str]:
    """A fix is submitted with what was done and at least one photo after rectification."""
    from anjian.hazards.choices import PhotoStage

    reasons = plan_refusals(hazard)
    if not (hazard.rectification_note or "").strip():
        reasons.append(_("Describe what was done to fix the hazard."))
    if not hazard.photos.filter(stage=PhotoStage.RECTIFICATION).exists():
        reasons.append(_("Add at least one photo taken after the rectification."))
    return reasons


def guard_submission(hazard, actor, context):
    return submission_refusals(hazard) or None


# --- verification tiers --------------------------------------------------------------------------
# A signer's home region level → the tier level they sign.
_SIGNER_OF_REGION = {
    "grid": SignerLevel.VILLAGE,
    "village": SignerLevel.VILLAGE,
    "subdistrict": SignerLevel.SUBDISTRICT,
    "district": SignerLevel.DISTRICT,
    "city": SignerLevel.DISTRICT,
}

# The tiers used when the administrators' table holds none for a level.
DEFAULT_TIERS = {
    HazardLevel.GENERAL: [SignerLevel.VILLAGE, SignerLevel.SUBDISTRICT],
    HazardLevel.MAJOR: [SignerLevel.VILLAGE, SignerLevel.SUBDISTRICT, SignerLevel.DISTRICT],
}


def signer_level(user) -> str | None:
    """The tier a user signs: from the level of their home region (a grid signs as its village)."""
    if user is None:
        return None
    region = getattr(user, "home_region", None)
    if region is None:
        return None
    return _SIGNER_OF_REGION.get(region.level)


def tiers_for(level: str) -> list[tuple[int, str, object]]:
    """[(order, signer level, tier row or None)] for a hazard level, in order."""
    from anjian.hazards.models import VerificationTier

    rows = list(VerificationTier._base_manager.filter(level=level).order_by("order"))
    if rows:
        return [(row.order, row.signer_level, row) for row in rows]
    return [(i, signer, None) for i, signer in enumerate(DEFAULT_TIERS[level], start=1)]


def pending_tier(hazard):
    """The next tier to sign in the current round (None when every tier has signed)."""
    signed = set(
        hazard.verifications.filter(round=hazard.verification_round).values_list(
            "tier_order", flat=True
        )
    )
    for order, signer, row in tiers_for(hazard.level):
        if order not in signed:
            return order, signer, row
    return None


def is_last_tier(hazard, tier) -> bool:
    return tier is not None and tier[0] == tiers_for(hazard.level)[-1][0]


def signoff_refusals(hazard, actor, *, closing: bool) -> list[str]:
    """Why ``actor`` may not sign the hazard's pending tier now (``closing``: the last tier)."""
    from anjian.hazards.choices import SignerLevel as Levels

    tier = pending_tier(hazard)
    if tier is None:
        return [_("Every verification tier has signed already.")]
    last = is_last_tier(hazard, tier)
    labels = dict(Levels.choices)
    reasons = []
    if closing and not last:
        reasons.append(
            _("The next sign-off is by the %(level)s; the hazard closes at the last tier.")
            % {"level": labels[tier[1]]}
        )
    if not closing and last:
        reasons.append(_("This is the last tier: signing it closes the hazard."))
    mine = signer_level(actor)
    if actor is not None and mine != tier[1]:
        reasons.append(_("The next sign-off is by the %(level)s.") % {"level": labels[tier[1]]})
    return reasons


def guard_signoff(hazard, actor, context):
    return signoff_refusals(hazard, actor, closing=False) or None


def guard_close(hazard, actor, context):
    return signoff_refusals(hazard, actor, closing=True) or None


# --- self-reporting ------------------------------------------------------------------------------
def quarter_bounds(day: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the calendar quarter holding ``day`` (default today)."""
    day = day or timezone.localdate()
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    end_month = first_month + 2
    next_start = (
        datetime.date(day.year + 1, 1, 1)
        if end_month == 12
        else datetime.date(day.year, end_month + 1, 1)
    )
    return start, next_start - datetime.timedelta(days=1)


def quarter_label(day: datetime.date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def self_report_minimum() -> int:
    return settings.ANJIAN_HAZARD_SELF_REPORT_MIN_PER_QUARTER


def is_self_report(source: str, actor) -> bool:
    """A self-check reported by a user acting for their own enterprise counts as self-reporting."""
    return bool(
        source == HazardSource.SELF_CHECK
        and actor is not None
        and actor.has_perm("enterprises.act_for_own_enterprise")
    )


# --- public reports ------------------------------------------------------------------------------
def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def normalize_tracking_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def client_key(address: str | None) -> str:
    """A keyed hash of the sender's address: enough to count an hour's reports, not to find them."""
    if not address:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def reports_per_hour() -> int:
    return settings.ANJIAN_PUBLIC_REPORTS_PER_HOUR


def throttle_refusal(key: str, now: datetime.datetime | None = None) -> str | None:
    """Refuse the sender who has already sent the hour's allowance."""
    from anjian.hazards.models import PublicReport

    if not key:
        return None
    now = now or timezone.now()
    since = now - datetime.timedelta(hours=1)
    sent = PublicReport._base_manager.filter(client_key=key, created_at__gte=since)[
        : reports_per_hour()
    ].count()
    if sent >= reports_per_hour():
        return _(
            "Too many reports from this address in the last hour (at most %(limit)s). "
            "Please try again later or call the hotline."
        ) % {"limit": reports_per_hour()}
    return None


def validate_public_photo_size(upload) -> None:
    limit = settings.ANJIAN_PUBLIC_REPORT_MAX_PHOTO_BYTES
    if upload and not getattr(upload, "_committed", False) and (upload.size or 0) > limit:
        raise ValidationError(
            _("The photo is %(size)s; at most %(limit)s may be sent.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def village_of(region):
    """The village a report about a place in ``region`` goes to: the region itself when it is a
    village or above, else (a grid) its village."""
    from anjian.regions.models import Region

    current = region
    while current is not None and current.level == "grid" and current.parent_id:
        current = Region._base_manager.get(pk=current.parent_id)
    return current


# --- criteria proposed from a permit -------------------------------------------------------------
# The gate conditions whose failure on work that took place is criterion 13-2.
_CRITERION_13_2_CONDITIONS = ("approval", "ventilation", "attendant")
CRITERION_13_2 = "13-2"


def proposed_criteria_for_permit(permit, on=None) -> list[tuple[object, list[str]]]:
    """[(criterion, reasons)] the system proposes from a permit's records: 13-2 when work in a
    space with a poisoning risk went ahead (or is under way) with no approval, without the
    ventilate-test-work sequence or without an attendant (regulations.md). Proposes nothing for
    work that has not started or a space without a toxic gas; nothing when 13-2 is inactive."""
    from anjian.hazards.models import MajorHazardCriterion
    from anjian.permits import rules as permit_rules

    if permit is None or not permit.started_at or not permit.space.has_toxic_risk:
        return []
    criterion = MajorHazardCriterion._base_manager.filter(code=CRITERION_13_2, active=True).first()
    if criterion is None:
        return []
    moment = on or permit.started_at
    reasons = [
        reason
        for condition in permit_rules.readiness(permit, moment)
        if condition.code in _CRITERION_13_2_CONDITIONS
        for reason in condition.reasons
    ]
    return [(criterion, reasons)] if reasons else []
