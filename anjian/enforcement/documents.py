"""The penalty decision (行政处罚决定书) as a Word document, written from the case record through
``core.documents`` (served scoped and audited by ``views.CaseDocumentView``)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.core.documents import DocumentKind, WordDocument, text_of
from anjian.enforcement.choices import PartyKind


def _date(value) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


def _amount(value) -> str:
    return f"{value:,.2f}" if value is not None else ""


def decision(case, *, user) -> WordDocument:
    """行政处罚决定书: the party, the facts, each legal basis with its penalty, the total, how to
    pay and how to appeal, the deciding body and date."""
    title = _("Administrative penalty decision")
    doc = WordDocument(title, filename=f"{title} {case.decision_number or case.number}")
    doc.title(title, subtitle=case.decision_number or _("(no decision number yet)"))
    if case.party_kind == PartyKind.ENTERPRISE:
        enterprise = case.enterprise
        doc.key_values(
            [
                (_("party"), enterprise.name, "wide"),
                (_("unified social credit code"), enterprise.uscc),
                (_("address"), getattr(enterprise, "address", "")),
                (_("principal"), getattr(enterprise, "principal_name", "")),
                (_("case number"), case.number),
            ]
        )
    else:
        doc.key_values(
            [
                (_("party"), case.person_name, "wide"),
                (_("position"), case.person_position),
                (_("organisation"), case.person_organization or text_of(case.enterprise)),
                (_("case number"), case.number),
            ]
        )
    doc.heading(_("Facts of the violation"))
    doc.paragraph(case.facts or "")
    doc.heading(_("Legal bases and penalties"))
    penalties = list(case.penalties.select_related("legal_basis"))
    doc.items(
        [_("legal basis"), _("summary"), _("penalty"), _("amount (yuan)")],
        [
            (
                str(p.legal_basis),
                p.legal_basis.summary,
                p.get_kind_display(),
                _amount(p.amount),
            )
            for p in penalties
        ],
        widths=[4.5, 6.5, 3, 3],
        empty=_("No legal basis recorded."),
    )
    doc.paragraph(_("Total fine: %(amount)s yuan.") % {"amount": _amount(case.total_fine)})
    doc.paragraph(
        _(
            "The fine is to be paid within 15 days of receiving this decision; late payment "
            "incurs an additional three per cent of the fine a day. If you do not accept this decision, you "
            "may apply for administrative reconsideration within 60 days of receiving it, or bring "
            "an administrative lawsuit before a people's court within 6 months."
        )
    )
    deciding_body = ""
    if case.opened_by_id and getattr(case.opened_by, "organization_id", None):
        deciding_body = str(case.opened_by.organization)
    doc.signatures([(_("Deciding authority (seal)"), deciding_body, _date(case.decision_date))])
    return doc


KINDS = [DocumentKind("decision", gettext_lazy("Administrative penalty decision"), decision)]
