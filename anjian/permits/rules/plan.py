"""The plan: permit numbers and the late flag, the permit's consistency, filing, the on-site
briefing, approval and delegations."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.permits.choices import (
    EDITABLE_STATES,
    REQUIRED_BRIEFING_TOPICS,
    SITE_STATES,
    BriefingTopic,
    ImplementingUnit,
    PermitDuty,
)
from anjian.permits.rules._common import _as_moment, _day, briefing_min_minutes, lead_days


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


def briefing_refusals(
    briefing, attendee_count: int | None = None, *, check_attendees: bool = True
) -> list[str]:
    """Why a briefing does not count: too short, a required topic missing, nobody attending.
    ``attendee_count``: the attendees on file about to be set (a saved briefing counts its own);
    the model's ``clean`` leaves the attendees (a many-to-many) to the form and the API."""
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
    if check_attendees and not (attendee_count or (briefing.attendee_names or "").strip()):
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
        if not delegation.document:
            reasons.append(_("The delegation's signed document is not on file."))
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


def check_delegation(delegation) -> None:
    """A delegation is given by the enterprise's principal (a person on file) to someone else."""
    errors = {}
    if delegation.enterprise_id and delegation.principal_id:
        if not delegation.enterprise.is_principal(delegation.principal):
            errors["principal"] = _(
                "Only the enterprise's principal (the person on file) delegates approval."
            )
    if delegation.principal_id and delegation.principal_id == delegation.delegate_id:
        errors["delegate"] = _("The principal cannot delegate to themselves.")
    if (
        delegation.valid_from
        and delegation.valid_until
        and delegation.valid_until < delegation.valid_from
    ):
        errors["valid_until"] = _("A delegation cannot end before it begins.")
    if errors:
        raise ValidationError(errors)


def check_permit_equipment(permit, protective=None, rescue=None) -> dict:
    """Equipment of a permit comes from the register of its enterprise (or its contractor on
    file), and is chosen while the plan may change. Returns field → message (empty when fine)."""
    errors = {}
    owners = {permit.enterprise_id, permit.contractor_id} - {None}
    for name, items in (("protective_equipment", protective), ("rescue_equipment", rescue)):
        if items is None:
            continue
        if permit.pk and permit.status not in EDITABLE_STATES:
            errors[name] = _("The plan of a permit that is “%(status)s” cannot be changed.") % {
                "status": permit.get_status_display()
            }
            continue
        foreign = [str(item) for item in items if item.enterprise_id not in owners]
        if foreign:
            errors[name] = _(
                "Not in the register of the enterprise or its contractor: %(items)s."
            ) % {"items": "、".join(foreign)}
    return errors
