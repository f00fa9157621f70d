"""The documents a permit gives, written from the permit so the enterprise never types them twice.

The filing's "two forms and one plan" (两表一方案, the seed's §(三)): the approval form
(有限空间作业审批表), the gas-test record (气体检测记录表) and the work plan (有限空间作业方案); and
the printable permit — every field, person, reading, log line and signature line — as Word and as
the print page (``templates/permits/print.html``).

``permit_facts(permit, user)`` gathers what they all print, once: rows of (label, value) already in
words, ID numbers masked for ``user`` (``core.masking``: whole only for holders of the reveal
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
from django.utils.translation import gettext_lazy

from anjian.core import masking
from anjian.core.documents import DocumentKind, WordDocument
from anjian.core.views import labelled_timeline
from anjian.permits import rules
from anjian.permits.choices import ImplementingUnit, PermitDuty, PermitStatus

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
    rank = {duty: index for index, duty in enumerate(DUTY_ORDER)}
    rows.sort(key=lambda r: (rank.get(r.duty, 99), r.person.name, r.pk))
    on = timezone.localtime(permit.planned_start).date() if permit.planned_start else None
    result = []
    for row in rows:
        person = row.person
        training_duty = TRAINING_DUTY.get(row.duty)
        if training_duty:
            ok, text = valid_certificate(person, training_duty, on)
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
            test.readings.all(), key=lambda r: (r.gas.order, r.gas.code, r.depth)
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
                f"{item} ({_('valid until')} {when(item.valid_until) or '—'})"
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


# --- Word ----------------------------------------------------------------------------------------

PEOPLE_HEADERS = [
    gettext_lazy("Duty"),
    gettext_lazy("Name"),
    gettext_lazy("ID number"),
    gettext_lazy("Phone"),
    gettext_lazy("Employer"),
    gettext_lazy("Training certificate on the planned day"),
]
EQUIPMENT_HEADERS = [
    gettext_lazy("Kind"),
    gettext_lazy("Equipment"),
    gettext_lazy("Model"),
    gettext_lazy("Quantity"),
    gettext_lazy("Kept at"),
    gettext_lazy("Valid until"),
    gettext_lazy("On the planned day"),
]
READING_HEADERS = [
    gettext_lazy("Gas"),
    gettext_lazy("Depth"),
    gettext_lazy("Reading"),
    gettext_lazy("In the limit's unit"),
    gettext_lazy("Conversion"),
    gettext_lazy("Test result"),
]
THRESHOLD_HEADERS = [
    gettext_lazy("Gas"),
    gettext_lazy("Passes when"),
    gettext_lazy("Unit"),
    gettext_lazy("Molar mass (g/mol)"),
    gettext_lazy("Source of the figure"),
]
ENTRY_HEADERS = [
    gettext_lazy("Time"),
    gettext_lazy("Person"),
    gettext_lazy("Tool"),
    gettext_lazy("In / out"),
    gettext_lazy("Recorded by"),
]
TIMELINE_HEADERS = [
    gettext_lazy("Time"),
    gettext_lazy("Action"),
    gettext_lazy("Status"),
    gettext_lazy("By"),
    gettext_lazy("Reason"),
]


def person_cells(row: PersonRow) -> list[str]:
    duty = f"{row.duty}\n{row.special}" if row.special else row.duty
    certificate = row.certificate
    if row.certified is False:
        certificate = f"{_('Not qualified')}: {certificate}"
    return [duty, row.name, row.id_number, row.phone, row.employer, certificate]


def reading_cells(row: ReadingRow) -> list[str]:
    return [row.gas, row.depth, row.value, row.converted, row.conversion, row.verdict]


def _document(facts: PermitFacts, title: str) -> WordDocument:
    permit = facts.permit
    document = WordDocument(title, filename=f"{title}-{permit.number}")
    document.title(title, subtitle=facts.title_line)
    if facts.late:
        document.paragraph(
            _("This work was filed late: less than %(days)s days before its planned start.")
            % {"days": rules.lead_days()},
            bold=True,
        )
    return document


def _people_section(document: WordDocument, facts: PermitFacts, heading: str) -> None:
    document.heading(heading)
    document.items(
        PEOPLE_HEADERS,
        [person_cells(p) for p in facts.people],
        widths=[2.2, 2.0, 3.6, 2.6, 3.0, 3.6],
        empty=_("No one named yet."),
    )


def _tests_section(document: WordDocument, facts: PermitFacts, level: int = 2) -> None:
    if not facts.tests:
        document.paragraph(_("No gas test recorded yet."))
        return
    for test in facts.tests:
        document.heading(test.heading, level=level)
        document.key_values(test.rows)
        document.items(
            READING_HEADERS,
            [reading_cells(r) for r in test.readings],
            widths=[2.6, 1.4, 2.4, 2.4, 5.2, 2.0],
            empty=_("No readings."),
        )


def _thresholds_section(document: WordDocument, facts: PermitFacts) -> None:
    document.items(
        THRESHOLD_HEADERS,
        facts.thresholds,
        widths=[3.0, 5.0, 1.8, 2.4, 4.8],
        empty=_("No gas read yet."),
    )
    document.note(
        _(
            "Thresholds as configured when this document was produced. Readings in another unit "
            "are converted: mg/m³ = ppm × molar mass / 24.04 (20 °C); 1 % vol = 10,000 ppm."
        )
    )


def build_approval_form(permit, *, user) -> WordDocument:
    """有限空间作业审批表: the work, the space and its risks, the people by duty, hazards, measures,
    rescue readiness, the gas tests in short, filing and approval, signature lines."""
    facts = permit_facts(permit, user)
    document = _document(facts, _("Confined-space work approval form"))
    document.heading(_("1. The work"))
    document.key_values(facts.overview)
    document.heading(_("2. The confined space and its risks"))
    document.key_values(facts.space)
    _people_section(document, facts, _("3. People by duty"))
    document.heading(_("4. Hazards identified"))
    document.key_values(facts.hazards, columns=1)
    document.heading(_("5. Safety measures"))
    document.key_values(facts.measures)
    document.items(EQUIPMENT_HEADERS, facts.equipment, empty=_("No protective equipment chosen."))
    document.heading(_("6. Rescue readiness"))
    document.key_values(facts.rescue)
    document.heading(_("7. Gas tests (summary)"))
    document.key_values(facts.gas_summary)
    document.heading(_("8. Filing and on-site briefing"))
    document.key_values(facts.filing)
    document.heading(_("9. Approval"))
    document.key_values(facts.approval)
    document.heading(_("Signatures"))
    document.signatures(facts.signatures)
    return document


def build_gas_test_record(permit, *, user) -> WordDocument:
    """气体检测记录表: each test (time, tester, detector and its calibration validity), each reading
    per gas and depth with its unit, the conversion and the verdict, and the thresholds used."""
    facts = permit_facts(permit, user)
    document = _document(facts, _("Gas test record"))
    document.key_values(
        [
            (_("Permit number"), facts.permit.number),
            (_("Enterprise"), facts.permit.enterprise.name),
            (_("Confined space"), str(facts.permit.space)),
            (_("Toxic gases"), facts.permit.space.toxic_gas_labels or _("None recorded")),
            (_("Work content"), facts.permit.work_content, "wide"),
        ]
    )
    document.heading(_("Thresholds used"))
    _thresholds_section(document, facts)
    document.heading(_("Tests"))
    document.key_values(facts.gas_summary)
    _tests_section(document, facts)
    document.heading(_("Signatures"))
    document.signatures(
        [(_("Tester (signature)"), t.tester, t.tested_at) for t in facts.tests]
        or [(_("Tester (signature)"), "", "")]
    )
    return document


def build_work_plan(permit, *, user) -> WordDocument:
    """有限空间作业方案: the work, hazards, controls, staffing and rescue."""
    facts = permit_facts(permit, user)
    document = _document(facts, _("Confined-space work plan"))
    document.heading(_("1. The work"))
    document.key_values(facts.overview)
    document.heading(_("2. Hazard identification"))
    document.key_values(facts.space)
    document.key_values(facts.hazards, columns=1)
    document.heading(_("3. Controls"))
    document.numbered(
        [
            _("Ventilate, then test, then enter: no entry before a passing test."),
            _(
                "Test oxygen, then flammable gas, then toxic gases, at the top, middle and bottom "
                "of a deep space, no earlier than %(minutes)s minutes before entry."
            )
            % {"minutes": settings.ANJIAN_PERMIT_GAS_TEST_WINDOW_MINUTES},
            _(
                "Keep ventilating and testing during work, every %(minutes)s minutes; any "
                "interruption means ventilating and testing again before anyone re-enters."
            )
            % {"minutes": settings.ANJIAN_PERMIT_READING_INTERVAL_MINUTES},
            _(
                "The attendant stays at the entrance, counts people and tools in and out, never enters."
            ),
            _("A failing reading stops the work at once; everyone leaves the space."),
        ]
    )
    document.key_values(facts.measures)
    document.items(EQUIPMENT_HEADERS, facts.equipment, empty=_("No protective equipment chosen."))
    _people_section(document, facts, _("4. Staffing"))
    document.heading(_("5. Rescue"))
    document.key_values(facts.rescue)
    document.paragraph(
        _("No blind rescue: rescuers enter only with breathing apparatus and a lifeline."),
        bold=True,
    )
    document.heading(_("Signatures"))
    document.signatures(
        [
            (_("Prepared by the work leader (signature)"), facts.signatures[0][1], ""),
            facts.signatures[3],
        ]
    )
    return document


def build_permit(permit, *, user) -> WordDocument:
    """The printable permit: every field, person, reading, log line and signature line."""
    facts = permit_facts(permit, user)
    document = _document(facts, _("Confined-space work permit"))
    document.heading(_("1. The work"))
    document.key_values(facts.overview)
    document.heading(_("2. The confined space and its risks"))
    document.key_values(facts.space)
    _people_section(document, facts, _("3. People by duty"))
    document.heading(_("4. Hazards identified"))
    document.key_values(facts.hazards, columns=1)
    document.heading(_("5. Safety measures"))
    document.key_values(facts.measures)
    document.items(EQUIPMENT_HEADERS, facts.equipment, empty=_("No protective equipment chosen."))
    document.heading(_("6. Rescue readiness"))
    document.key_values(facts.rescue)
    document.heading(_("7. Filing and on-site briefing"))
    document.key_values(facts.filing)
    document.heading(_("8. Approval"))
    document.key_values(facts.approval)
    if facts.readiness:
        document.heading(
            _("9. The seven prohibitions (checked at %(at)s)") % {"at": facts.readiness_checked_at}
        )
        document.items(
            [_("Condition"), _("Met"), _("Reasons and evidence")],
            [
                [
                    f"{index}. {c.label}",
                    yes_no(c.ok),
                    "\n".join([*map(str, c.reasons), *map(str, c.evidence)]),
                ]
                for index, c in enumerate(facts.readiness, start=1)
            ],
            widths=[5.0, 1.5, 10.5],
        )
    document.heading(_("10. Gas tests"))
    _thresholds_section(document, facts)
    document.key_values(facts.gas_summary)
    _tests_section(document, facts, level=3)
    document.heading(_("11. Entry log"))
    document.items(ENTRY_HEADERS, facts.entries, empty=_("No entries."))
    document.heading(_("12. Completion and acceptance"))
    document.key_values(facts.closing)
    document.heading(_("13. History"))
    document.items(
        TIMELINE_HEADERS,
        facts.timeline,
        widths=[3.0, 3.0, 4.0, 2.5, 4.5],
        empty=_("No actions yet."),
    )
    document.heading(_("Signatures"))
    document.signatures(facts.signatures)
    return document


KINDS = [
    DocumentKind("approval_form", gettext_lazy("Approval form"), build_approval_form),
    DocumentKind("gas_test_record", gettext_lazy("Gas test record"), build_gas_test_record),
    DocumentKind("work_plan", gettext_lazy("Work plan"), build_work_plan),
    DocumentKind("permit", gettext_lazy("Printable permit"), build_permit),
]
