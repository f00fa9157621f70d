"""The permit's generated documents: the printable permit page and the Word documents
(the filing's approval form, gas-test record and work plan, and the permit itself).

Both find the permit through ``restrict(user, "view")`` (404 outside the reader's reach, audited);
both print ``documents.permit_facts``, masked for the reader."""

from __future__ import annotations

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.generic import TemplateView

from anjian.core.documents import DocumentView, text_of
from anjian.core.urls_helpers import viewname
from anjian.core.views import ScopedViewMixin, safe_reverse
from anjian.permits import documents, rules
from anjian.permits.models import Permit


def document_links(permit) -> list[tuple[str, str, str]]:
    """(kind, label, url) of every Word document of ``permit``, for the pages that offer them."""
    return [
        (kind.kind, kind.label, reverse("permits:permit_document", args=[permit.pk, kind.kind]))
        for kind in documents.KINDS
    ]


class PermitDocumentView(DocumentView):
    """``permits/<pk>/document/<kind>/``: a Word document generated from the permit."""

    model = Permit
    kinds = documents.KINDS


class PermitPrintView(ScopedViewMixin, TemplateView):
    """``permits/<pk>/print/``: the printable permit (every field, person, reading, log line and
    signature line); the print style sheet drops the menu, the top bar and the buttons."""

    model = Permit
    template_name = "permits/print.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        facts = documents.permit_facts(self.object, self.request.user)
        context.update(
            object=facts.permit,
            facts=facts,
            documents=document_links(self.object),
            detail_url=safe_reverse(viewname(Permit, "detail"), self.object.pk),
            list_url=safe_reverse(viewname(Permit, "list")),
            overview=kv_grid(facts.overview, 2),
            space=kv_grid(facts.space, 2),
            hazards=kv_grid(facts.hazards, 1),
            measures=kv_grid(facts.measures, 2),
            rescue=kv_grid(facts.rescue, 2),
            filing=kv_grid(facts.filing, 2),
            approval=kv_grid(facts.approval, 2),
            gas_summary=kv_grid(facts.gas_summary, 2),
            tests=[(test, kv_grid(test.rows, 2)) for test in facts.tests],
            closing=kv_grid(facts.closing, 2),
            lead_days=rules.lead_days(),
        )
        return context


def kv_grid(rows, columns: int = 2):
    """Key–value rows as an HTML table (shaded labels, each followed by its value): ``columns``
    pairs a row, a row marked "wide" on its own across the width — as the Word table does.
    Built in Python (values escaped by ``format_html``), like the list rows (core.tables)."""
    width = 2 * columns
    grid: list[list[tuple[str, str, int]]] = []
    pending: list[tuple[str, str]] = []

    def flush():
        if pending:
            cells = [(str(label), text_of(value), 1) for label, value in pending]
            used = 2 * len(cells)
            if used < width:
                label, text, _span = cells[-1]
                cells[-1] = (label, text, 1 + width - used)
            grid.append(cells)
            pending.clear()

    for label, value, *wide in rows:
        if wide:
            flush()
            grid.append([(str(label), text_of(value), width - 1)])
            continue
        pending.append((label, value))
        if len(pending) == columns:
            flush()
    flush()
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        (
            (
                format_html_join(
                    "",
                    '<th scope="row">{}</th><td{}>{}</td>',
                    (
                        (
                            label,
                            format_html(' colspan="{}"', span) if span > 1 else "",
                            linebreaksbr(text),
                        )
                        for label, text, span in cells
                    ),
                ),
            )
            for cells in grid
        ),
    )
    return format_html('<table class="permit-print-table permit-print-kv">{}</table>', body)
