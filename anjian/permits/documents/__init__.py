"""The documents a permit gives, written from the permit so the enterprise never types them twice.

The filing's "two forms and one plan" (两表一方案, the seed's §(三)): the approval form
(有限空间作业审批表), the gas-test record (气体检测记录表) and the work plan (有限空间作业方案); and
the printable permit — every field, person, reading, log line and signature line — as Word
(``word``) and as the print page (``templates/permits/print.html``). Both print the same
``facts.permit_facts``, so the page and the file cannot disagree.

The filing's attachment kinds marked ``generated`` (``AttachmentKind``, codes seeded by the
permits migrations) are these documents: ``kind_for_attachment(code)`` gives the document kind of
such an attachment kind, for the pages that list the filing.
"""

from anjian.permits.documents.facts import PermitFacts, permit_facts
from anjian.permits.documents.word import (
    KINDS,
    build_approval_form,
    build_gas_test_record,
    build_permit,
    build_work_plan,
)

# AttachmentKind.code of a generated attachment → the document kind (URL ``…/document/<kind>/``).
ATTACHMENT_DOCUMENTS = {
    "approval_form": "approval_form",
    "gas_test_form": "gas_test_record",
    "gas_test_record": "gas_test_record",
    "work_plan": "work_plan",
}


def kind_for_attachment(code: str) -> str | None:
    """The document kind generated for a filing attachment kind, or None (an uploaded kind)."""
    return ATTACHMENT_DOCUMENTS.get(code)


__all__ = [
    "ATTACHMENT_DOCUMENTS",
    "KINDS",
    "PermitFacts",
    "build_approval_form",
    "build_gas_test_record",
    "build_permit",
    "build_work_plan",
    "kind_for_attachment",
    "permit_facts",
]
