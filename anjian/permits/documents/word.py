"""The permit's Word documents: the filing's approval form, gas-test record and work plan, and the
printable permit, each laid out from ``facts.permit_facts`` with ``core.documents.WordDocument``."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from anjian.core.documents import DocumentKind, WordDocument
from anjian.permits import rules
from anjian.permits.documents.facts import PermitFacts, PersonRow, ReadingRow, permit_facts, yes_no

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
        certificate = f"{_('Not qualified')}{pgettext('colon', ': ')}{certificate}"
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
