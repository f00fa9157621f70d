"""Reading an import file with hard caps that never trust the file's declared dimension."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from anjian.core.excel.cells import _json_value


class ImportFileError(Exception):
    """The file as a whole cannot be read (not Excel, too large, wrong header, empty)."""


class ReadingMixin:
    """``Ledger.read``: the data rows of an upload as (row number, {field: value})."""

    def read(self, upload) -> list[tuple[int, dict]]:
        """The data rows of ``upload`` as (row number, {field: value}), JSON-ready.

        Hard caps that do not trust the file: its size, its unpacked size, the columns read
        (``IMPORT_MAX_COLUMNS``), the data rows (``IMPORT_MAX_ROWS``) and the row positions scanned.
        """
        size = getattr(upload, "size", None)
        if size is not None and size > settings.ANJIAN_MAX_UPLOAD_BYTES:
            raise ImportFileError(
                _("The file is larger than %(limit)s MB.")
                % {"limit": settings.ANJIAN_MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        not_excel = _("This is not an Excel (.xlsx) file that can be read.")
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ImportFileError(not_excel) from exc
        if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
            raise ImportFileError(
                _("The file unpacks to more than %(limit)s MB; split it.")
                % {"limit": settings.IMPORT_MAX_UNPACKED_BYTES // (1024 * 1024)}
            )
        upload.seek(0)
        try:
            workbook = load_workbook(upload, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds (zip, XML, key errors) on bad files
            raise ImportFileError(not_excel) from exc
        try:
            return self._read_sheet(workbook.worksheets[0])
        except ImportFileError:
            raise
        except Exception as exc:  # a malformed sheet part
            raise ImportFileError(not_excel) from exc
        finally:
            workbook.close()

    def _read_sheet(self, sheet) -> list[tuple[int, dict]]:
        max_rows = settings.IMPORT_MAX_ROWS
        sheet.reset_dimensions()  # never trust <dimension>: read only the rows that exist
        rows = sheet.iter_rows(max_col=settings.IMPORT_MAX_COLUMNS, values_only=True)
        try:
            header_row = next(rows)
        except StopIteration:
            raise ImportFileError(_("The file is empty.")) from None
        headers = [str(h).strip() if h is not None else "" for h in header_row]
        index = {}
        missing = []
        for column in self.columns:
            # A file written in either language imports in either: match any translation.
            names = self.header_translations(column)
            found = next((headers.index(n) for n in names if n in headers), None)
            if found is None:
                missing.append(self.header(column))
            else:
                index[column.field] = found
        if missing:
            raise ImportFileError(
                _("The file lacks the columns: %(columns)s. Download the template for the layout.")
                % {"columns": "、".join(missing)}
            )
        example = [_json_value(v) or None for v in self.example_row()]
        scan_limit = 2 * max_rows + 1  # blank rows in between are allowed, but not without end
        parsed = []
        for number, row in enumerate(rows, start=2):
            if number > scan_limit:
                raise ImportFileError(
                    _("The file goes on beyond row %(row)s; remove the empty rows or split it.")
                    % {"row": scan_limit}
                )
            if not row or all(v is None or str(v).strip() == "" for v in row):
                continue
            values = {}
            for column in self.columns:
                i = index[column.field]
                values[column.field] = _json_value(row[i] if i < len(row) else None)
            if number == 2 and [values[c.field] or None for c in self.columns] == example:
                continue  # the template's example row, left as it is
            if len(parsed) >= max_rows:
                raise ImportFileError(
                    _("The file has more than %(count)s rows; split it.") % {"count": max_rows}
                )
            parsed.append((number, values))
        if not parsed:
            raise ImportFileError(_("The file has no data rows."))
        return parsed
