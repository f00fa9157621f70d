"""Cells of the Excel ledgers: safe text both ways, the clear marker, values as JSON, streamed writing.

Every text cell is made safe to open: characters Excel cannot hold are dropped, and a text starting
with ``= + - @``, a tab or a carriage return gets a leading apostrophe so no spreadsheet runs it as a
formula (the import takes that apostrophe off again).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A text starting with one of these is a formula (or becomes one) in some spreadsheet program.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The cell text that empties a field on import (a blank cell leaves it as it is). Both spellings
# are accepted whatever the language; the template and the page show the active language's one.
CLEAR_MARKER = gettext_lazy("(clear)")
CLEAR_MARKERS = frozenset({"(clear)", "<清空>", "（清空）", "<clear>"})
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
EXAMPLE_FONT = Font(italic=True, color="808080")
_IN_CHUNK = 500  # values per ``__in`` query (SQLite's variable limit)


def safe_text(value: str) -> str:
    """A text cell that opens as text: no characters Excel cannot hold, no formula."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unsafe_text(value: str) -> str:
    """The inverse of ``safe_text`` for the apostrophe it adds (the import reads exports back)."""
    if value.startswith("'") and value[1:2] and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def safe_cell(value):
    if isinstance(value, str):
        # A blank is no cell at all: it reads back the same (None) and costs nothing to write.
        return safe_text(value) if value else None
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    if value is None or isinstance(value, int | float | Decimal | dt.date | dt.time):
        return value
    return safe_text(str(value))


def is_clear_marker(value) -> bool:
    if not isinstance(value, str):
        return False
    text = value.strip()
    return text in CLEAR_MARKERS or text == _clear_marker_text(translation.get_language())


@functools.lru_cache(maxsize=16)
def _clear_marker_text(language) -> str:
    """The clear marker in ``language`` (worked out once: an import asks for every cell)."""
    with translation.override(language):
        return str(CLEAR_MARKER)


def _chunks(values, size=_IN_CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _json_value(value):
    """A cell value as stored between preview and commit (JSON): text, number, ISO date."""
    if isinstance(value, str):
        value = unsafe_text(value.strip())
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if value is None:
        return None
    return str(value)


def _cell_text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def write_rows(target, title: str, headers: list[str], rows, *, widths=None, progress=None) -> int:
    """Stream ``rows`` into an .xlsx at ``target`` (write-only: memory stays flat at any size)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31] or "Sheet1")
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        width = widths[index - 1] if widths and index <= len(widths) else None
        width = width or max(12, min(40, len(str(header)) * 2 + 4))
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=safe_text(str(header)))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
        count += 1
        if progress is not None and count % 1000 == 0:
            progress(count)
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(headers), 1))}{count + 1}"
    workbook.save(target)
    return count


def write_workbook(title: str, headers: list[str], rows) -> bytes:
    buffer = io.BytesIO()
    write_rows(buffer, title, headers, rows)
    return buffer.getvalue()
