"""Word documents generated from records (python-docx), and the view that hands them out.

A document is written from the record, never typed a second time: an app writes a builder function
``build(obj, *, user) -> WordDocument`` that lays the record's facts out with the few blocks every
official form here is made of — a title, headings, key–value tables (label | value | label |
value), item tables (a header row repeated on every page), numbered lists, notes and signature
lines — on A4 with Chinese fonts (宋体 for the text, 黑体 for titles and headings, set as the
East Asian font of every style, so Word and WPS do not fall back to a Latin font for 汉字).

The builder decides what the user may read: protected values go through ``core.masking`` exactly
as on the detail page (the builder gets the user for that).

``DocumentView`` serves one record's documents by kind (``…/<pk>/document/<kind>/``): the record
is found through ``restrict(user, "view")`` (404 outside the user's reach, audited by the base
view), an unknown kind is a 404, the download is audited as ``<app>.<model>.document_downloaded``
with the kind and the file name, and the answer is an attachment with the Word content type and
``Cache-Control: no-store``. ``document_response`` is the same answer for a view that finds its
record in another way.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from anjian.core import audit
from anjian.core.views import ScopedViewMixin

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# (Latin font, East Asian font). Both are on every Chinese Windows and in WPS.
BODY_FONT = ("Times New Roman", "宋体")
HEADING_FONT = ("Times New Roman", "黑体")
BODY_SIZE = Pt(11)
SMALL_SIZE = Pt(9)
TITLE_SIZE = Pt(18)
HEADING_SIZES = {1: Pt(14), 2: Pt(12), 3: Pt(11)}
LABEL_SHADING = "F2F2F2"
# GB/T 9704 (official documents): 仿宋_GB2312 三号 body, 楷体_GB2312 second-level headings.
OFFICIAL_BODY_FONT = ("Times New Roman", "仿宋_GB2312")
OFFICIAL_KAI_FONT = ("Times New Roman", "楷体_GB2312")
OFFICIAL_TITLE_FONT = ("Times New Roman", "方正小标宋简体")
OFFICIAL_BODY_SIZE = Pt(16)
OFFICIAL_TITLE_SIZE = Pt(22)
EMPTY = "—"


def text_of(value: Any) -> str:
    """A cell's text: ``None`` and "" read as a dash, lists one item a line, the rest ``str``."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, list | tuple):
        return "\n".join(text_of(item) for item in value) if value else EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def set_fonts(element, fonts: tuple[str, str]) -> None:
    """Put the Latin and East Asian fonts on a style's or run's ``<w:rPr>`` (and drop any theme
    font, which would otherwise win over the named one)."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)
    latin, east_asian = fonts
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.append(shading)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _no_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


class WordDocument:
    """One A4 document under construction. Blocks are appended in order; ``to_bytes()`` saves it.

    ``filename`` is what the download is called (the builder sets it, ``.docx`` added when
    missing)."""

    def __init__(self, title: str, *, filename: str = "", landscape: bool = False, author=""):
        self.document = Document()
        self.filename = filename or title
        self._page_setup(landscape)
        self._styles()
        properties = self.document.core_properties
        properties.title = str(title)
        properties.author = str(author or _("Work Safety Supervision"))
        properties.language = "zh-CN"

    # --- set-up ------------------------------------------------------------------------------
    def _page_setup(self, landscape: bool) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21)
        section.top_margin = section.bottom_margin = Cm(2.2)
        section.left_margin = section.right_margin = Cm(2.0)

    def _styles(self) -> None:
        styles = self.document.styles
        normal = styles["Normal"]
        set_fonts(normal.element, BODY_FONT)
        normal.font.size = BODY_SIZE
        normal.paragraph_format.space_after = Pt(3)
        normal.paragraph_format.line_spacing = 1.15
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
            style = styles[name]
            set_fonts(style.element, HEADING_FONT if name != "Table Grid" else BODY_FONT)
            if name == "Table Grid":
                continue
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.bold = name != "Title"
        for level, size in HEADING_SIZES.items():
            heading = styles[f"Heading {level}"]
            heading.font.size = size
            heading.font.italic = False
            heading.paragraph_format.space_before = Pt(10 if level == 1 else 6)
            heading.paragraph_format.space_after = Pt(4)
            heading.paragraph_format.keep_with_next = True

    def official_style(self) -> None:
        """The habits of a Party and government document (GB/T 9704): margins 3.7/3.5/2.8/2.6 cm,
        the body in 仿宋_GB2312 三号 (16 pt) with a two-character first-line indent, first-level
        headings (一、) in 黑体, second-level (（一）) in 楷体_GB2312, third-level (1.) in bold 仿宋,
        the title in 小标宋 二号 (22 pt), and the page number in the footer (``page_numbers``)."""
        section = self.document.sections[0]
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        styles = self.document.styles
        normal = styles["Normal"]
        set_fonts(normal.element, OFFICIAL_BODY_FONT)
        normal.font.size = OFFICIAL_BODY_SIZE
        normal.paragraph_format.line_spacing = Pt(28)
        normal.paragraph_format.space_after = Pt(0)
        fonts = {1: HEADING_FONT, 2: OFFICIAL_KAI_FONT, 3: OFFICIAL_BODY_FONT}
        for level, fonts_of_level in fonts.items():
            heading = styles[f"Heading {level}"]
            set_fonts(heading.element, fonts_of_level)
            heading.font.size = OFFICIAL_BODY_SIZE
            heading.font.bold = level == 3
            heading.paragraph_format.first_line_indent = Pt(32)
            heading.paragraph_format.space_before = Pt(0)
            heading.paragraph_format.space_after = Pt(0)
        set_fonts(styles["Title"].element, OFFICIAL_TITLE_FONT)
        self._official = True
        self.page_numbers()

    def page_numbers(self) -> None:
        """The page number centred in the footer, as a PAGE field ("— 1 —")."""
        paragraph = self.document.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("— ")
        run = paragraph.add_run()
        for tag, attrs in (
            ("w:fldChar", {"w:fldCharType": "begin"}),
            ("w:instrText", {}),
            ("w:fldChar", {"w:fldCharType": "separate"}),
            ("w:t", {}),
            ("w:fldChar", {"w:fldCharType": "end"}),
        ):
            element = OxmlElement(tag)
            for key, value in attrs.items():
                element.set(qn(key), value)
            if tag == "w:instrText":
                element.set(qn("xml:space"), "preserve")
                element.text = " PAGE "
            if tag == "w:t":
                element.text = "1"
            run._r.append(element)
        paragraph.add_run(" —")

    @property
    def usable_width(self):
        section = self.document.sections[0]
        return Emu(section.page_width - section.left_margin - section.right_margin)

    # --- blocks ------------------------------------------------------------------------------
    def title(self, text: str, *, subtitle: str = "") -> None:
        """The document's title, centred; an optional line under it (a number, a date)."""
        paragraph = self.document.add_paragraph(style="Title")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(str(text))
        official = getattr(self, "_official", False)
        run.font.size = OFFICIAL_TITLE_SIZE if official else TITLE_SIZE
        run.bold = not official
        # The Title style of the default template draws a rule under itself: not on a form.
        ppr = paragraph._p.get_or_add_pPr()
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)
        if subtitle:
            line = self.document.add_paragraph()
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            line.add_run(str(subtitle)).font.size = SMALL_SIZE

    def heading(self, text: str, level: int = 1) -> None:
        self.document.add_heading(str(text), level=level)

    def paragraph(
        self,
        text: str,
        *,
        bold: bool = False,
        align: str = "",
        small: bool = False,
        indent: bool = False,
    ) -> None:
        """A paragraph; ``align`` is "center" or "right"; line breaks in ``text`` are kept;
        ``indent`` indents the first line by two characters (the body text of an official
        document)."""
        paragraph = self.document.add_paragraph()
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(
                32 if getattr(self, "_official", False) else 22
            )
        if align:
            paragraph.alignment = {
                "center": WD_ALIGN_PARAGRAPH.CENTER,
                "right": WD_ALIGN_PARAGRAPH.RIGHT,
            }[align]
        self._write(paragraph, str(text), bold=bold, small=small)

    def note(self, text: str) -> None:
        """A small-print remark (where a figure comes from, how a value was converted)."""
        self.paragraph(text, small=True)

    def numbered(self, items: Iterable[Any]) -> None:
        """ "1. …", "2. …": written out, so the numbers survive any template and copy-paste."""
        for number, item in enumerate(items, start=1):
            self.paragraph(f"{number}. {text_of(item)}")

    def key_values(self, rows: Sequence[tuple[Any, Any]], *, columns: int = 2) -> None:
        """A form-like table: shaded labels, each followed by its value; ``columns`` pairs a row.
        A row whose label is given alone as ``(label, value, "wide")`` spans the whole width."""
        pairs = 2 * columns
        table = self.document.add_table(rows=0, cols=pairs)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        label_width = Cm(3.2)
        value_width = Emu((self.usable_width - columns * label_width) // columns)
        widths = [label_width if index % 2 == 0 else value_width for index in range(pairs)]
        pending: list[tuple[Any, Any]] = []

        def new_row():
            # Widths before merging: a merged cell's width is the sum of the cells it took in.
            row = table.add_row()
            _no_split(row)
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
            return row.cells

        def flush():
            if not pending:
                return
            cells = new_row()
            for index, (label, value) in enumerate(pending):
                self._label_cell(cells[2 * index], label)
                self._write_cell(cells[2 * index + 1], value)
            if len(pending) < columns:  # the last value takes the rest of the row
                last = 2 * len(pending) - 1
                cells[last].merge(cells[pairs - 1])
            pending.clear()

        for row in rows:
            label, value, *wide = row
            if wide:
                flush()
                cells = new_row()
                self._label_cell(cells[0], label)
                merged = cells[1].merge(cells[pairs - 1])
                self._write_cell(merged, value)
                continue
            pending.append((label, value))
            if len(pending) == columns:
                flush()
        flush()
        self._gap()

    def items(
        self,
        headers: Sequence[Any],
        rows: Iterable[Sequence[Any]],
        *,
        widths: Sequence[float] | None = None,
        empty: str = "",
    ) -> None:
        """A table of items: a bold, shaded header row repeated on every page, then one row per
        item. ``widths`` in centimetres; ``empty`` is written as one row when there are none."""
        rows = list(rows)
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        _repeat_header(header)
        for cell, text in zip(header.cells, headers, strict=True):
            self._label_cell(cell, text, center=True)
        cm = [Cm(width) for width in widths] if widths else None

        def new_row():
            row = table.add_row()
            _no_split(row)
            if cm:
                for cell, width in zip(row.cells, cm, strict=False):
                    cell.width = width
            return row.cells

        if cm:
            for cell, width in zip(header.cells, cm, strict=False):
                cell.width = width
        for values in rows:
            for cell, value in zip(new_row(), values, strict=True):
                self._write_cell(cell, value, small=True)
        if not rows:
            cells = new_row()
            merged = cells[0].merge(cells[-1])
            self._write_cell(merged, empty or EMPTY, small=True)
        self._gap()

    def signatures(self, lines: Sequence[tuple[Any, Any, Any]]) -> None:
        """Signature lines: (who signs, the name recorded or "", the time recorded or "").
        A recorded name and time are printed; otherwise a blank to sign and date by hand."""
        table = self.document.add_table(rows=0, cols=4)
        blank = "＿" * 8
        for label, name, when in lines:
            cells = table.add_row().cells
            self._write(cells[0].paragraphs[0], f"{label}{pgettext('colon', ': ')}", bold=True)
            self._write(cells[1].paragraphs[0], str(name) if name else blank)
            self._write(cells[2].paragraphs[0], f"{_('Date')}{pgettext('colon', ': ')}", bold=True)
            self._write(cells[3].paragraphs[0], str(when) if when else _("____/__/__"))
        widths = (Cm(4.5), Cm(5.5), Cm(2.0), Cm(5.0))
        for row in table.rows:
            _no_split(row)
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        self._gap()

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- output ------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    @property
    def download_name(self) -> str:
        name = "".join(c for c in str(self.filename) if c not in '\\/:*?"<>|\r\n\t').strip()
        name = name or "document"
        return name if name.lower().endswith(".docx") else f"{name}.docx"

    # --- helpers -----------------------------------------------------------------------------
    def _write(self, paragraph, text: str, *, bold=False, small=False) -> None:
        lines = str(text).split("\n")
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.bold = bold or None
            if small:
                run.font.size = SMALL_SIZE
            if index < len(lines) - 1:
                run.add_break()

    def _write_cell(self, cell, value, *, small=False) -> None:
        self._write(cell.paragraphs[0], text_of(value), small=small)

    def _label_cell(self, cell, text, *, center=False) -> None:
        paragraph = cell.paragraphs[0]
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._write(paragraph, str(text), bold=True, small=center)
        _shade(cell, LABEL_SHADING)

    def _gap(self) -> None:
        spacer = self.document.add_paragraph()
        spacer.paragraph_format.space_after = Pt(2)


def document_response(document: WordDocument) -> HttpResponse:
    """The document as a download: an attachment (never inline), Word's content type, no-store."""
    response = HttpResponse(document.to_bytes(), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=document.download_name
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def audit_download(request, obj, kind: str, document: WordDocument) -> None:
    opts = obj._meta
    audit.record(
        f"{opts.app_label}.{opts.model_name}.document_downloaded",
        actor=request.user,
        obj=obj,
        request=request,
        detail={"kind": kind, "name": document.download_name},
    )


Builder = Callable[..., WordDocument]


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document a record gives: its URL name (``kind``), its title, its builder."""

    kind: str
    label: Any
    build: Builder


class DocumentView(ScopedViewMixin, View):
    """``…/<pk>/document/<kind>/``: one of the record's generated Word documents.

    Subclasses name ``model`` and ``kinds`` (a sequence of ``DocumentKind``). The record comes
    through ``restrict(user, "view")`` — 404 outside the user's reach, audited — and the builder
    receives the user, so what it prints is masked for them as the detail page is."""

    kinds: Sequence[DocumentKind] = ()

    def get_kind(self) -> DocumentKind:
        wanted = self.kwargs.get("kind")
        for kind in self.kinds:
            if kind.kind == wanted:
                return kind
        raise Http404(_("No such document."))

    def get(self, request, *args, **kwargs):
        kind = self.get_kind()
        obj = self.get_object()
        document = kind.build(obj, user=request.user)
        audit_download(request, obj, kind.kind, document)
        return document_response(document)
