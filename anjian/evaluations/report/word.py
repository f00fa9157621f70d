"""The evaluation report as a Word document, laid out from ``ReportFacts`` (GB/T 9704 habits:
centred title, headings 一、/（一）, 仿宋 body, page numbers in the footer)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from anjian.core.documents import WordDocument

from . import text
from .facts import ReportFacts


def layout(facts: ReportFacts, *, author: str = "") -> WordDocument:
    title = text.title(facts)
    filename = title + (_(" (public version)") if facts.public else "")
    document = WordDocument(title, filename=filename, author=author or facts.work.organizer)
    document.official_style()
    for block in text.blocks(facts):
        if block.kind == "title":
            document.title(block.text)
        elif block.kind == "heading":
            document.heading(block.text, level=block.level)
        else:
            document.paragraph(block.text, indent=True)
    return document
