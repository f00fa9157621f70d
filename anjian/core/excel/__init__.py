"""Excel ledgers in and out.

A ``Ledger`` names a model's columns once; the same spec writes the export, the template and reads
the import, so an exported file imports back unchanged. The package:

* ``cells``: safe text both ways, ``CLEAR_MARKER``, cell values as JSON, ``write_rows`` (openpyxl
  write-only: flat memory at any size; names beside codes, real date cells, a frozen header and an
  auto-filter);
* ``reading``: the import file read with hard caps (rows, columns, unpacked size) that never trust
  the file's declared dimension;
* ``checking``: every row validated through the model's own form, built once with the lookups
  loaded once for the whole file, outside any transaction (a preview holds no write lock);
* ``writing``: the commit — the same checks inside one transaction, then the rows written in bulk
  with their history rows (per row only where a ledger needs it), all or nothing;
* ``ledger``: ``Ledger`` (shape, export, template) and ``Column``.

Every public name is importable from ``anjian.core.excel`` itself; apps define their ledgers with
``from anjian.core.excel import Column, Ledger``.
"""

from anjian.core.excel.cells import (
    CLEAR_MARKER,
    CLEAR_MARKERS,
    EXAMPLE_FONT,
    FORMULA_STARTS,
    HEADER_FILL,
    HEADER_FONT,
    XLSX_CONTENT_TYPE,
    is_clear_marker,
    safe_cell,
    safe_text,
    unsafe_text,
    write_rows,
    write_workbook,
)
from anjian.core.excel.checking import ImportContext, ImportResult, RowResult
from anjian.core.excel.ledger import Column, Ledger
from anjian.core.excel.reading import ImportFileError

__all__ = [
    "CLEAR_MARKER",
    "CLEAR_MARKERS",
    "EXAMPLE_FONT",
    "FORMULA_STARTS",
    "HEADER_FILL",
    "HEADER_FONT",
    "XLSX_CONTENT_TYPE",
    "Column",
    "ImportContext",
    "ImportFileError",
    "ImportResult",
    "Ledger",
    "RowResult",
    "is_clear_marker",
    "safe_cell",
    "safe_text",
    "unsafe_text",
    "write_rows",
    "write_workbook",
]
