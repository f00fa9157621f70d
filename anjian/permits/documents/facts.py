"""What every document of a permit prints, gathered once.

``permit_facts(permit, user)``: rows of (label, value) already in words, ID numbers masked for ``user`` (``core.masking``: whole only for holders of the reveal
permission), phones as the person page shows them. The Word builders and the print page both
render these facts, so the page and the file cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core import masking
from anjian.core.views import labelled_timeline
from anjian.permits import rules
from anjian.permits.choices import Depth, ImplementingUnit, PermitDuty, PermitStatus

# The order duties are listed in, and the training duty each one's certificate is asked for.
DUTY_ORDER = [
    PermitDuty.LEADER,
    PermitDuty.ENTRANT,
    PermitDuty.ATTENDANT,
    PermitDuty.RESCUER,
    PermitDuty.GAS_TESTER,
]
TRAINING_DUTY = {
    PermitDuty.LEADER: "work_leader",
    PermitDuty.ENTRANT: "entrant",
    PermitDuty.ATTENDANT: "attendant",
    PermitDuty.RESCUER: "rescuer",
}
# Readings of one gas from the top down, as they are taken.
DEPTH_ORDER = {Depth.TOP: 0, Depth.MIDDLE: 1, Depth.BOTTOM: 2}
# The gate (七不准) is shown while it matters: before and during work.
READINESS_STATES = (PermitStatus.APPROVED, PermitStatus.IN_PROGRESS, PermitStatus.SUSPENDED)


def when(value) -> str:
    """A moment in local time, ``2026-12-01 09:30``; "" when there is none."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


def number(value) -> str:
    """``3.5000`` → ``3.5``, ``100.0000`` → ``100``."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


@dataclass
class PersonRow:
    duty: str
    name: str
    id_number: str
    phone: str
    employer: str
    certificate: str
    certified: bool | None  # None: the duty needs no certificate
    special: str


@dataclass
class ReadingRow:
    gas: str
    depth: str
    value: str
    converted: str
    conversion: str
    verdict: str
    passed: bool
    warning: bool


@dataclass
class TestFacts:
    index: int
    heading: str
    rows: list[tuple[Any, Any]]
    readings: list[ReadingRow]
    passed: bool
    tester: str
    tested_at: str


@dataclass
class PermitFacts:
    """What every document of one permit prints, in words, masked for one reader."""

    permit: Any
    title_line: str
    late: bool
    overview: list[tuple[Any, Any]]
    space: list[tuple[Any, Any]]
    people: list[PersonRow]
    hazards: list[tuple[Any, Any]]
    measures: list[tuple[Any, Any]]
    equipment: list[list[str]]
    rescue: list[tuple[Any, Any]]
    filing: list[tuple[Any, Any]]
    approval: list[tuple[Any, Any]]
    thresholds: list[list[str]]
    tests: list[TestFacts]
    gas_summary: list[tuple[Any, Any]]
    entries: list[list[str]]
    closing: list[tuple[Any, Any]]
    timeline: list[list[str]]
    readiness: list = field(default_factory=list)
    readiness_checked_at: str = ""
    signatures: list[tuple[Any, Any, Any]] = field(default_factory=list)


def _people(permit, user) -> list[PersonRow]:
    from anjian.training.models import Person
    from anjian.training.rules import valid_certificate

    rows = list(permit.people.select_related("person__employer"))
    held = _certificates({row.person_id for row in rows})
    rank = {duty: index for index, duty in enumerate(DUTY_ORDER)}
    rows.sort(key=lambda r: (rank.get(r.duty, 99), r.person.name, r.pk))
    on = timezone.localtime(permit.planned_start).date() if permit.planned_start else None
    result = []
    for row in rows:
        person = row.person
        training_duty = TRAINING_DUTY.get(row.duty)
        if training_duty:
            ok, text = valid_certificate(
                person, training_duty, on, certificates=held.get(person.pk, [])
            )
            if not ok and held.get(person.pk):
                text = f"{text} {_held_text(held[person.pk])}"
        else:
            ok, text = None, ""
        special = ""
        if row.special_category:
            special = " ".join(
                part for part in (row.get_special_category_display(), row.special_operation) if part
            )
        result.append(
            PersonRow(
                duty=row.get_duty_display(),
                name=person.name,
                id_number=masking.mask_for(user, Person, "id_number", person.id_number),
                phone=person.phone,
                employer=str(person.employer) if person.employer_id else person.contractor_unit,
                certificate=str(text),
                certified=ok,
                special=special,
            )
        )
    return result


def _held_text(certificates) -> str:
    """The certificates a person holds, named: why one that does not qualify is not enough."""
    return _("Holds: %(list)s.") % {
        "list": "；".join(
            _("%(number)s (%(kind)s, %(start)s – %(end)s)")
            % {
                "number": c.number,
                "kind": c.get_kind_display(),
                "start": when(c.issued_on),
                "end": when(c.expires_on),
            }
            for c in sorted(certificates, key=lambda c: c.issued_on, reverse=True)
        )
    }


def _certificates(person_ids) -> dict[int, list]:
    """The people's certificates with their kinds' rules, in two queries however many people
    (as the gate loads them), for ``valid_certificate(..., certificates=...)``."""
    from anjian.training.choices import KIND_DEFAULT_DUTIES
    from anjian.training.models import Certificate, TrainingValidity

    if not person_ids:
        return {}
    validities = {v.kind: v for v in TrainingValidity._base_manager.all()}
    held: dict[int, list] = {}
    for certificate in Certificate._base_manager.filter(
        person_id__in=person_ids, voided_on__isnull=True
    ):
        rule = validities.get(certificate.kind) or TrainingValidity(
            kind=certificate.kind,
            qualifies_for=list(KIND_DEFAULT_DUTIES.get(certificate.kind, [])),
        )
        certificate._kind_rule = rule
        held.setdefault(certificate.person_id, []).append(certificate)
    return held


def _space(space) -> list[tuple[Any, Any]]:
    from anjian.spaces.rules import gas_labels

    gases = gas_labels(space.toxic_gases) if space.toxic_gases else _("None recorded")
    return [
        (_("Confined space"), f"{space.code} {space.name}"),
        (_("Kind"), space.get_kind_display()),
        (_("Location"), space.location),
        (_("Size"), space.size),
        (_("Hazard factors"), space.hazard_factors, "wide"),
        (_("Possible accident types"), space.accident_types),
        (_("Toxic gases"), gases),
        (_("Oxygen deficiency risk"), yes_no(space.oxygen_deficiency_risk)),
        (_("Explosion risk"), yes_no(space.explosion_risk)),
        (_("Physical isolation"), space.get_isolation_display()),
        (_("Isolation really stops entry"), yes_no(space.isolation_effective)),
        (_("Risk level"), space.get_risk_level_display() if space.risk_level else ""),
    ]


def _contractor(permit) -> list[tuple[Any, Any]]:
    if permit.implementing_unit != ImplementingUnit.CONTRACTOR:
        return [
            (
                _("Implementing unit"),
                _("The enterprise itself (%(name)s)") % {"name": permit.enterprise.name},
            )
        ]
    uscc = permit.contractor.uscc if permit.contractor_id else permit.contractor_uscc
    if permit.contractor_agreement_id:
        agreement = permit.contractor_agreement
        agreement_text = _("%(agreement)s, valid until %(until)s") % {
            "agreement": agreement,
            "until": when(agreement.expires_on) or _("no end date"),
        }
    elif permit.agreement_document:
        agreement_text = _("Signed agreement uploaded with the filing")
    else:
        agreement_text = _("None recorded")
    return [
        (_("Implementing unit"), _("Contractor: %(name)s") % {"name": permit.contractor_display}),
        (_("Contractor's USCC"), uscc),
        (_("Contracting safety agreement"), agreement_text, "wide"),
    ]


def _equipment_rows(items, on) -> list[list[str]]:
    rows = []
    for item in items:
        rows.append(
            [
                item.get_kind_display(),
                str(item),
                item.model_number,
                str(item.quantity),
                item.location,
                when(item.valid_until) or _("no validity recorded"),
                _("In date") if item.in_date(on) else _("Out of date"),
            ]
        )
    return rows


def _tests(permit) -> tuple[list[TestFacts], list[list[str]]]:
    tests = list(
        permit.gas_tests.select_related("tester", "detector")
        .prefetch_related("readings__gas")
        .order_by("tested_at", "id")
    )
    facts = []
    used = {}
    for index, test in enumerate(tests, start=1):
        detector = test.detector
        validity = when(detector.valid_until) or _("no validity recorded")
        readings = []
        for reading in sorted(
            test.readings.all(),
            key=lambda r: (r.gas.order, r.gas.code, DEPTH_ORDER.get(r.depth, 9)),
        ):
            gas = reading.gas
            used[gas.pk] = gas
            converted = ""
            if reading.converted_value is not None and reading.unit != gas.unit:
                converted = f"{number(reading.converted_value)} {gas.get_unit_display()}"
            verdict = _("Pass") if reading.passed else _("Fail")
            if reading.passed and reading.warning:
                verdict = _("Pass (warning)")
            readings.append(
                ReadingRow(
                    gas=f"{gas.code} {gas.name}",
                    depth=reading.get_depth_display(),
                    value=f"{number(reading.value)} {reading.get_unit_display()}",
                    converted=converted,
                    conversion=reading.conversion,
                    verdict=verdict,
                    passed=reading.passed,
                    warning=reading.warning,
                )
            )
        tested_at = when(test.tested_at)
        facts.append(
            TestFacts(
                index=index,
                heading=_("Test %(index)s: %(at)s (%(kind)s)")
                % {"index": index, "at": tested_at, "kind": test.get_kind_display()},
                rows=[
                    (_("Tested at"), tested_at),
                    (_("Kind"), test.get_kind_display()),
                    (_("Tester"), test.tester.name),
                    (_("Test result"), _("Pass") if test.passed else _("Fail")),
                    (
                        _("Detector"),
                        " ".join(p for p in (str(detector), detector.model_number) if p),
                    ),
                    (
                        _("Calibration valid until"),
                        _("%(until)s (%(state)s on the day of the test)")
                        % {
                            "until": validity,
                            "state": _("in date") if test.detector_in_date else _("out of date"),
                        },
                    ),
                    (_("Note"), test.note, "wide"),
                ],
                readings=readings,
                passed=test.passed,
                tester=test.tester.name,
                tested_at=tested_at,
            )
        )
    thresholds = [
        [
            f"{gas.code} {gas.name}",
            gas.limit_text,
            gas.get_unit_display(),
            number(gas.molar_mass) if gas.molar_mass is not None else "",
            gas.source,
        ]
        for gas in sorted(used.values(), key=lambda g: (g.order, g.code))
    ]
    return facts, thresholds


def _gas_summary(permit, tests: list[TestFacts]) -> list[tuple[Any, Any]]:
    if not tests:
        return [(_("Gas tests"), _("No gas test recorded yet."), "wide")]
    passing = [t for t in tests if t.passed]
    failing = [t for t in tests if not t.passed]
    last = tests[-1]
    rows = [
        (_("Gas tests"), len(tests)),
        (_("Failed tests"), len(failing)),
        (
            _("Latest test"),
            _("%(at)s by %(tester)s: %(result)s")
            % {
                "at": last.tested_at,
                "tester": last.tester,
                "result": _("Pass") if last.passed else _("Fail"),
            },
            "wide",
        ),
    ]
    if passing:
        rows.append((_("Latest passing test"), passing[-1].tested_at))
    rows.append(
        (
            _("Test window before entry"),
            _("%(minutes)s minutes") % {"minutes": settings.ANJIAN_PERMIT_GAS_TEST_WINDOW_MINUTES},
        )
    )
    return rows


def _entries(permit) -> list[list[str]]:
    rows = []
    for entry in permit.entries.select_related("person", "recorded_by").order_by("at", "id"):
        rows.append(
            [
                when(entry.at),
                entry.person.name if entry.person_id else "",
                entry.tool,
                entry.get_direction_display(),
                getattr(entry.recorded_by, "full_name", "")
                or getattr(entry.recorded_by, "username", ""),
            ]
        )
    return rows


def _briefing_rows(briefing) -> list[tuple[Any, Any]]:
    if briefing is None:
        return [(_("On-site briefing"), _("Not yet given."), "wide")]
    attendees = [p.name for p in briefing.attendees.all()]
    if briefing.attendee_names.strip():
        attendees.append(briefing.attendee_names.strip())
    return [
        (
            _("On-site briefing"),
            _("%(start)s – %(end)s (%(minutes)s minutes)")
            % {
                "start": when(briefing.started_at),
                "end": timezone.localtime(briefing.ended_at).strftime("%H:%M"),
                "minutes": briefing.minutes,
            },
        ),
        (_("Briefing given by"), briefing.given_by_name),
        (_("Place"), briefing.location),
        (_("Topics"), briefing.topic_labels),
        (_("Attended by"), "、".join(attendees), "wide"),
    ]


def _approval_rows(permit) -> list[tuple[Any, Any]]:
    enterprise = permit.enterprise
    rows = [
        (
            _("Principal"),
            " ".join(p for p in (enterprise.principal_name, enterprise.principal_title) if p),
        ),
        (_("Approval needed from"), _approval_rule(permit)),
    ]
    if not permit.approver_id:
        rows.append((_("Approved by"), _("Not yet approved."), "wide"))
        return rows
    rows += [
        (_("Approved by"), permit.approver.name),
        (_("Approved at"), when(permit.approved_at)),
    ]
    if permit.delegation_id:
        delegation = permit.delegation
        rows.append(
            (
                _("Written delegation"),
                _(
                    "Delegated by %(principal)s to %(delegate)s, valid %(start)s – %(end)s; "
                    "the signed delegation is on file."
                )
                % {
                    "principal": delegation.principal.name,
                    "delegate": delegation.delegate.name,
                    "start": when(delegation.valid_from),
                    "end": when(delegation.valid_until),
                },
                "wide",
            )
        )
        if delegation.note:
            rows.append((_("Scope of the delegation"), delegation.note, "wide"))
    else:
        rows.append((_("Capacity"), _("Principal"), "wide"))
    return rows


def _approval_rule(permit) -> str:
    if permit.space.has_toxic_risk:
        return _(
            "The principal, or a delegate with a written delegation (the space has a toxic risk)"
        )
    return _("The enterprise (principal or delegate)")


def _filing_rows(permit, briefing) -> list[tuple[Any, Any]]:
    lead_days = rules.lead_days()
    if permit.filed_at:
        filed = when(permit.filed_at)
        if permit.filed_late:
            filed = _("%(at)s — LATE: less than %(days)s days before the planned start") % {
                "at": filed,
                "days": lead_days,
            }
    else:
        filed = _("Not yet filed.")
    return [
        (_("Filed with the sub-district"), filed, "wide"),
        (_("Acknowledged at"), when(permit.acknowledged_at)),
        (_("Status"), permit.get_status_display()),
        *_briefing_rows(briefing),
    ]


def _closing_rows(permit) -> list[tuple[Any, Any]]:
    rows = [
        (_("Started at"), when(permit.started_at)),
        (_("Latest suspension"), when(permit.suspended_at)),
        (_("Completed at"), when(permit.completed_at)),
        (
            _("Isolation restored"),
            yes_no(permit.isolation_restored) if permit.completed_at else "",
        ),
        (_("Accepted at"), when(permit.accepted_at)),
        (
            _("Accepted by the work leader"),
            permit.accepted_by_leader.name if permit.accepted_by_leader_id else "",
        ),
        (
            _("Accepted for the enterprise by"),
            (permit.accepted_by.full_name or permit.accepted_by.username)
            if permit.accepted_by_id
            else "",
        ),
        (_("Acceptance note"), permit.acceptance_note, "wide"),
    ]
    return rows


def _timeline(permit) -> list[list[str]]:
    rows = []
    for entry in labelled_timeline(permit, permit.workflow):
        actor = getattr(entry.actor, "full_name", "") or entry.actor_username
        rows.append(
            [
                when(entry.at),
                entry.label,
                f"{entry.from_label} → {entry.to_label}",
                actor,
                masking.scrub(entry.reason),
            ]
        )
    return rows


def _readiness(permit):
    if permit.status not in READINESS_STATES:
        return [], ""
    return rules.readiness(permit), when(timezone.now())


def _signatures(permit, people: list[PersonRow], briefing) -> list[tuple[Any, Any, Any]]:
    def names(duty):
        label = dict(PermitDuty.choices)[duty]
        return "、".join(p.name for p in people if p.duty == label)

    lines = [
        (_("Work leader (signature)"), names(PermitDuty.LEADER), ""),
        (_("Attendant (signature)"), names(PermitDuty.ATTENDANT), ""),
        (_("Gas tester (signature)"), names(PermitDuty.GAS_TESTER), ""),
        (
            _("Approver (signature)"),
            permit.approver.name if permit.approver_id else "",
            when(permit.approved_at),
        ),
    ]
    lines.append(
        (
            _("Sub-district officer (signature)"),
            briefing.given_by_name if briefing is not None else "",
            when(permit.acknowledged_at),
        )
    )
    lines.append(
        (
            _("Acceptance (signature)"),
            permit.accepted_by_leader.name if permit.accepted_by_leader_id else "",
            when(permit.accepted_at),
        )
    )
    return lines


def permit_facts(permit, user) -> PermitFacts:
    """Everything the documents print about ``permit``, in words, masked for ``user``."""
    from anjian.permits.models import Briefing

    permit = (
        type(permit)
        ._base_manager.select_related(
            "enterprise",
            "space",
            "contractor",
            "contractor_agreement",
            "approver",
            "delegation__principal",
            "delegation__delegate",
            "accepted_by_leader",
            "accepted_by",
        )
        .get(pk=permit.pk)
    )
    enterprise = permit.enterprise
    on = timezone.localtime(permit.planned_start).date()
    people = _people(permit, user)
    tests, thresholds = _tests(permit)
    briefing = Briefing._base_manager.filter(permit=permit).prefetch_related("attendees").first()
    late = bool(permit.filed_late)
    status = permit.get_status_display()
    title_line = _("No. %(number)s · %(status)s") % {"number": permit.number, "status": status}
    if late:
        title_line = f"{title_line} · {_('Filed late')}"
    overview = [
        (_("Permit number"), permit.number),
        (_("Status"), status),
        (_("Enterprise"), enterprise.name),
        (_("USCC"), enterprise.uscc),
        (_("Address"), enterprise.address, "wide"),
        (_("Work content"), permit.work_content, "wide"),
        (_("Planned start"), when(permit.planned_start)),
        (_("Planned end"), when(permit.planned_end)),
        *_contractor(permit),
    ]
    space = permit.space
    hazards = [
        (_("Hazards identified for this work"), permit.hazards, "wide"),
        (_("Hazard factors of the space (ledger)"), space.hazard_factors, "wide"),
    ]
    measures = [
        (_("Ventilation"), permit.ventilation, "wide"),
        (_("Isolation and lock-out points"), permit.isolation_points, "wide"),
        (_("Communication"), permit.communication, "wide"),
        (
            _("Explosion-proof equipment"),
            permit.explosion_proof_measures
            or (_("Required: the space has an explosion risk.") if space.explosion_risk else ""),
            "wide",
        ),
        (_("Electrical equipment"), permit.electrical_note, "wide"),
        (_("Ventilated"), yes_no(permit.ventilated)),
        (_("Protective equipment checked on site"), yes_no(permit.protective_equipment_confirmed)),
        (_("Electrical equipment compliant"), yes_no(permit.electrical_compliant)),
    ]
    equipment = _equipment_rows(permit.protective_equipment.all(), on)
    rescue = [
        (_("Rescue plan"), permit.rescue_plan, "wide"),
        (
            _("Rescue equipment on site"),
            [
                _("%(item)s (valid until %(until)s)")
                % {"item": item, "until": when(item.valid_until) or "—"}
                for item in permit.rescue_equipment.all()
            ],
            "wide",
        ),
        (_("Rescue team"), permit.rescue_team),
        (_("How the rescue team is called"), permit.rescue_call),
    ]
    readiness, checked_at = _readiness(permit)
    return PermitFacts(
        permit=permit,
        title_line=title_line,
        late=late,
        overview=overview,
        space=_space(space),
        people=people,
        hazards=hazards,
        measures=measures,
        equipment=equipment,
        rescue=rescue,
        filing=_filing_rows(permit, briefing),
        approval=_approval_rows(permit),
        thresholds=thresholds,
        tests=tests,
        gas_summary=_gas_summary(permit, tests),
        entries=_entries(permit),
        closing=_closing_rows(permit),
        timeline=_timeline(permit),
        readiness=readiness,
        readiness_checked_at=checked_at,
        signatures=_signatures(permit, people, briefing),
    )
