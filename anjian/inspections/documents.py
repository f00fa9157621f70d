"""Word documents generated from an inspection (``core.documents``):

- 现场检查记录 (on-site inspection record): who, where, when, each item walked with its result;
- 责令限期整改指令书 (order to correct within a deadline): the failed items with their legal bases
  and the deadlines of the hazards they raised;
- 整改复查意见书 (follow-up review opinion): each hazard of the inspection followed up (or of this
  one) with its state at the follow-up.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from anjian.core.documents import DocumentKind, WordDocument
from anjian.inspections.choices import InspectionStatus, ItemResult


def _date(value) -> str:
    return value.isoformat() if value else ""


def _items(inspection):
    return list(
        inspection.items.select_related("checklist_item__legal_basis", "hazard").order_by(
            "order", "id"
        )
    )


def _head(inspection, title: str) -> WordDocument:
    enterprise = inspection.enterprise
    document = WordDocument(
        title,
        filename=f"{title}-{enterprise.name}-{_date(inspection.inspected_on or inspection.planned_on)}",
    )
    document.title(title, subtitle=enterprise.name)
    return document


def _enterprise_rows(inspection):
    enterprise = inspection.enterprise
    principal = enterprise.principal_name
    if enterprise.principal_phone:
        principal = f"{principal} {enterprise.principal_phone}".strip()
    return [
        (_("Inspected enterprise"), enterprise.name, "wide"),
        (_("Address"), enterprise.address, "wide"),
        (_("Principal"), principal),
        (_("Unified social credit code"), enterprise.uscc),
    ]


def build_record(inspection, *, user) -> WordDocument:
    """现场检查记录."""
    document = _head(inspection, _("On-site inspection record"))
    rows = [
        *_enterprise_rows(inspection),
        (_("Kind of inspection"), inspection.get_kind_display()),
        (_("Inspected on"), _date(inspection.inspected_on)),
        (_("Checklist"), str(inspection.template)),
        (_("Inspectors"), inspection.inspector_names),
        (_("Enterprise representative present"), inspection.present_name),
    ]
    if inspection.permit_id:
        rows.append((_("Permit checked"), str(inspection.permit), "wide"))
    if inspection.campaign_id:
        rows.append((_("Campaign"), inspection.campaign.name, "wide"))
    document.key_values(rows)
    document.heading(_("Items checked"))
    document.items(
        [_("No."), _("Item"), _("Result"), _("Note"), _("Hazard")],
        [
            (
                str(number),
                item.checklist_item.text,
                item.get_result_display(),
                item.note,
                item.hazard.number if item.hazard_id else "",
            )
            for number, item in enumerate(_items(inspection), start=1)
        ],
        widths=(1.2, 7.5, 2.2, 4.0, 2.1),
        empty=_("No items."),
    )
    document.heading(_("Findings"))
    document.paragraph(inspection.findings or _("None recorded."))
    document.heading(_("Signatures"))
    document.signatures(
        [
            (
                _("Inspectors (signature)"),
                inspection.inspector_names,
                _date(inspection.inspected_on),
            ),
            (_("Enterprise representative (signature)"), inspection.present_name, ""),
        ]
    )
    return document


def build_order(inspection, *, user) -> WordDocument:
    """责令限期整改指令书: the failed items, each with its legal basis and its hazard's deadline."""
    document = _head(inspection, _("Order to correct within a deadline"))
    failed = [i for i in _items(inspection) if i.result == ItemResult.NOT_OK]
    document.paragraph(
        _(
            "%(enterprise)s: on %(date)s, the inspectors found the following problems in your "
            "enterprise."
        )
        % {"enterprise": inspection.enterprise.name, "date": _date(inspection.inspected_on)}
    )
    rows = []
    for number, item in enumerate(failed, start=1):
        line = item.checklist_item
        basis = line.legal_basis
        legal = f"{basis}: {basis.summary}" if basis else ""
        if line.penalty_text:
            legal = f"{legal} {_('Penalty')}: {line.penalty_text}".strip()
        problem = line.text if not item.note else f"{item.note}（{line.text}）"
        hazard = item.hazard
        rows.append(
            (
                str(number),
                problem,
                legal,
                hazard.number if hazard else "",
                _date(hazard.deadline) if hazard else "",
            )
        )
    document.items(
        [_("No."), _("Problem found"), _("Legal basis"), _("Hazard"), _("Correct by")],
        rows,
        widths=(1.2, 5.5, 6.3, 2.0, 2.0),
        empty=_("No failed items."),
    )
    deadlines = [row[4] for row in rows if row[4]]
    if deadlines:
        document.paragraph(
            _(
                "You are ordered to correct the problems above by the dates given and to report "
                "the rectification in writing; the last deadline is %(date)s."
            )
            % {"date": max(deadlines)},
            bold=True,
        )
    document.heading(_("Signatures"))
    document.signatures(
        [
            (
                _("Inspectors (signature)"),
                inspection.inspector_names,
                _date(inspection.inspected_on),
            ),
            (_("Received by (signature)"), inspection.present_name, ""),
        ]
    )
    return document


def _state_at(hazard, moment):
    """The hazard as it stood at ``moment`` (its history), else as it is now."""
    if moment is None:
        return hazard
    try:
        return hazard.history.as_of(moment)
    except hazard.DoesNotExist:
        return hazard


def build_review(inspection, *, user) -> WordDocument:
    """整改复查意见书: every hazard of the inspection followed up (or of this one), with its state
    at the follow-up (when it was completed; else today)."""
    document = _head(inspection, _("Follow-up review opinion"))
    source = inspection.follow_up_of or inspection
    moment = inspection.completed_at if inspection.status == InspectionStatus.COMPLETED else None
    today = timezone.localdate()
    review_day = timezone.localtime(moment).date() if moment else today
    document.key_values(
        [
            *_enterprise_rows(inspection),
            (
                _("Inspection followed up"),
                f"{source.get_kind_display()} {_date(source.inspected_on)}",
            ),
            (_("Reviewed on"), _date(inspection.inspected_on or review_day)),
            (_("Inspectors"), inspection.inspector_names),
        ]
    )
    rows = []
    hazards = [i.hazard for i in _items(source) if i.hazard_id]
    done = 0
    for number, hazard in enumerate(hazards, start=1):
        state = _state_at(hazard, moment)
        closed = state.status == "closed"
        done += closed
        late = not closed and state.deadline and state.deadline < review_day
        rows.append(
            (
                str(number),
                hazard.number,
                hazard.description,
                _date(state.deadline),
                state.get_status_display() + (f"（{_('Overdue')}）" if late else ""),
            )
        )
    document.items(
        [_("No."), _("Hazard"), _("Description"), _("Deadline"), _("State at the follow-up")],
        rows,
        widths=(1.2, 2.6, 7.2, 2.2, 3.8),
        empty=_("No hazards were recorded."),
    )
    document.heading(_("Opinion"))
    if hazards and done == len(hazards):
        document.paragraph(_("Every hazard has been rectified and verified."))
    else:
        document.paragraph(
            _("%(done)s of %(total)s hazards rectified and verified; the others remain ordered.")
            % {"done": done, "total": len(hazards)}
        )
    if inspection.findings:
        document.paragraph(inspection.findings)
    document.heading(_("Signatures"))
    document.signatures(
        [
            (
                _("Inspectors (signature)"),
                inspection.inspector_names,
                _date(inspection.inspected_on),
            ),
            (_("Enterprise representative (signature)"), inspection.present_name, ""),
        ]
    )
    return document


KINDS = (
    DocumentKind("record", _l("On-site inspection record"), build_record),
    DocumentKind("order", _l("Order to correct within a deadline"), build_order),
    DocumentKind("review", _l("Follow-up review opinion"), build_review),
)
