"""Excel ledgers in and out.

A ``Ledger`` names a model's columns once; the same spec writes the export, the blank template and
reads the import, so an exported file imports back unchanged. An import validates every row through
the model's own form (the rules the page uses), saves it inside one transaction so later rows may
refer to earlier ones, re-checks each saved row against the user's jurisdiction, and rolls the whole
transaction back unless every row is good and the user confirmed — all or nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

from anjian.core.scoping import is_visible

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 20000


class ImportFileError(Exception):
    """The file as a whole cannot be read (not Excel, too large, wrong header, empty)."""


@dataclass(frozen=True)
class Column:
    field: str
    header: str | None = None  # defaults to the field's verbose name
    lookup: str | None = None  # for a foreign key: the related field written and read, e.g. "code"
    alternate_lookups: tuple[str, ...] = ()  # further fields an import may match, e.g. ("name",)


@dataclass
class RowResult:
    number: int  # the row number as Excel shows it
    values: dict
    errors: list[str] = field(default_factory=list)
    is_new: bool = True


@dataclass
class ImportResult:
    rows: list[RowResult]
    committed: bool = False

    @property
    def bad_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.bad_rows

    @property
    def created(self) -> int:
        return sum(1 for r in self.rows if r.is_new and not r.errors)

    @property
    def updated(self) -> int:
        return sum(1 for r in self.rows if not r.is_new and not r.errors)


class Ledger:
    """The Excel ledger of one model. Subclasses set model, columns, form_class and key."""

    model: type[models.Model]
    columns: list[Column]
    form_class: type[forms.ModelForm]
    key: str  # natural key that finds the existing row to update, e.g. "code"
    sheet_title = gettext_lazy("Ledger")

    def __init__(self, user=None):
        # The reader or writer, for ledgers whose cells depend on who asks (masked personal data).
        self.user = user

    # --- shape -----------------------------------------------------------------------------
    def model_field(self, column: Column):
        return self.model._meta.get_field(column.field)

    def header(self, column: Column) -> str:
        if column.header:
            return str(column.header)
        return str(self.model_field(column).verbose_name)

    def headers(self) -> list[str]:
        return [self.header(c) for c in self.columns]

    def header_translations(self, column: Column) -> list[str]:
        """The column's header in the active language first, then in every other language."""
        names = [self.header(column)]
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                name = self.header(column)
            if name not in names:
                names.append(name)
        return names

    # --- export -----------------------------------------------------------------------------
    def cell_value(self, obj, column: Column):
        model_field = self.model_field(column)
        value = getattr(obj, column.field)
        if value is None:
            return ""
        if isinstance(model_field, models.ForeignKey):
            return getattr(value, column.lookup or "pk")
        if model_field.choices:
            return str(getattr(obj, f"get_{column.field}_display")())
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if hasattr(value, "tzinfo") and value.tzinfo is not None:
            return value.replace(tzinfo=None)
        return value

    def export(self, queryset) -> bytes:
        related = [
            c.field for c in self.columns if isinstance(self.model_field(c), models.ForeignKey)
        ]
        if related:
            queryset = queryset.select_related(*related)
        rows = ([self.cell_value(obj, c) for c in self.columns] for obj in queryset.iterator())
        return write_workbook(str(self.sheet_title), self.headers(), rows)

    def template(self) -> bytes:
        return write_workbook(str(self.sheet_title), self.headers(), [])

    # --- import -----------------------------------------------------------------------------
    def read(self, upload) -> list[tuple[int, dict]]:
        size = getattr(upload, "size", None)
        if size is not None and size > settings.ANJIAN_MAX_UPLOAD_BYTES:
            raise ImportFileError(
                _("The file is larger than %(limit)s MB.")
                % {"limit": settings.ANJIAN_MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        try:
            workbook = load_workbook(upload, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds (zip, XML, key errors) on bad files
            raise ImportFileError(_("This is not an Excel (.xlsx) file that can be read.")) from exc
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
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
        parsed = []
        for number, row in enumerate(rows, start=2):
            if row is None or all(v is None or str(v).strip() == "" for v in row):
                continue
            if len(parsed) >= MAX_ROWS:
                raise ImportFileError(
                    _("The file has more than %(count)s rows; split it.") % {"count": MAX_ROWS}
                )
            values = {}
            for column in self.columns:
                i = index[column.field]
                values[column.field] = row[i] if i < len(row) else None
            parsed.append((number, values))
        workbook.close()
        if not parsed:
            raise ImportFileError(_("The file has no data rows."))
        return parsed

    def form_data(self, values: dict, row: RowResult) -> dict:
        """Cell values → form data: foreign keys by code or name, choices by label, yes/no."""
        data = {}
        for column in self.columns:
            model_field = self.model_field(column)
            raw = values.get(column.field)
            if isinstance(raw, str):
                raw = raw.strip()
            if raw is None or raw == "":
                data[column.field] = ""
                continue
            if isinstance(model_field, models.ForeignKey):
                data[column.field] = self.resolve_related(column, model_field, raw, row)
            elif model_field.choices:
                data[column.field] = self.choice_labels(model_field).get(str(raw), raw)
            elif isinstance(model_field, models.BooleanField):
                data[column.field] = str(raw) in {"1", "True", "true", str(_("Yes")), "是"}
            elif isinstance(raw, float) and raw.is_integer():
                data[column.field] = str(int(raw))
            else:
                data[column.field] = raw
        return data

    def choice_labels(self, model_field) -> dict:
        """Choice label (in any language) → stored value."""
        labels = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                labels.update({str(label): value for value, label in model_field.flatchoices})
        return labels

    def resolve_related(self, column: Column, model_field, raw, row: RowResult):
        related = model_field.related_model
        text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
        for lookup in (column.lookup or "pk", *column.alternate_lookups):
            matches = list(related._default_manager.filter(**{lookup: text})[:2])
            if len(matches) == 1:
                return matches[0].pk
            if len(matches) > 1:
                row.errors.append(
                    _("%(column)s: “%(value)s” matches more than one record; use its code.")
                    % {"column": self.header(column), "value": text}
                )
                return ""
        row.errors.append(
            _("%(column)s: “%(value)s” was not found.")
            % {"column": self.header(column), "value": text}
        )
        return ""

    def existing(self, values: dict, user):
        key_value = values.get(self.key)
        if key_value in (None, ""):
            return None
        if isinstance(key_value, float) and key_value.is_integer():
            key_value = int(key_value)
        return self.model._default_manager.filter(**{self.key: str(key_value).strip()}).first()

    def run(self, upload, user, *, commit: bool) -> ImportResult:
        """Validate (and, with ``commit`` and no bad row, write) every row of ``upload``."""
        parsed = self.read(upload)
        result = ImportResult(rows=[])
        seen_keys: dict[str, int] = {}
        with transaction.atomic():
            for number, values in parsed:
                row = RowResult(number=number, values=values)
                result.rows.append(row)
                key_value = str(values.get(self.key) or "").strip()
                if key_value and key_value in seen_keys:
                    row.errors.append(
                        _("%(column)s “%(value)s” already appears in row %(row)s.")
                        % {
                            "column": self.header(self._key_column()),
                            "value": key_value,
                            "row": seen_keys[key_value],
                        }
                    )
                    continue
                if key_value:
                    seen_keys[key_value] = number
                self.import_row(row, user)
            result.committed = commit and result.ok
            if not result.committed:
                transaction.set_rollback(True)
        return result

    def _key_column(self) -> Column:
        return next(c for c in self.columns if c.field == self.key)

    def import_row(self, row: RowResult, user):
        instance = self.existing(row.values, user)
        if instance is not None:
            row.is_new = False
            if not is_visible(instance, user, "change"):
                row.errors.append(
                    _("%(column)s “%(value)s” is already in use by a record you cannot change.")
                    % {"column": self.header(self._key_column()), "value": row.values[self.key]}
                )
                return
        data = self.form_data(row.values, row)
        if row.errors:
            return
        form = self.form_class(data=data, instance=instance, user=user)
        if not form.is_valid():
            for name, errors in form.errors.items():
                label = str(form.fields[name].label) if name in form.fields else _("Row")
                row.errors.extend(f"{label}: {e}" for e in errors)
            return
        if instance is not None and not form.has_changed():
            # Re-importing an export leaves its rows untouched: no save, no history row.
            return
        sid = transaction.savepoint()
        try:
            obj = form.save()
        except ValidationError as exc:
            transaction.savepoint_rollback(sid)
            row.errors.extend(exc.messages)
            return
        if not is_visible(obj, user, "view"):
            transaction.savepoint_rollback(sid)
            row.errors.append(_("This row lies outside your jurisdiction."))
            return
        transaction.savepoint_commit(sid)


def write_workbook(title: str, headers: list[str], rows) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31] or "Sheet1"
    sheet.append(headers)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F3")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
    for row in rows:
        sheet.append(list(row))
    for index, header in enumerate(headers, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, min(40, len(str(header)) * 2 + 4))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
