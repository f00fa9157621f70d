"""Excel ledgers in and out.

A ``Ledger`` names a model's columns once; the same spec writes the export, the template and reads
the import, so an exported file imports back unchanged.

Export streams through openpyxl's write-only mode (flat memory at any size) into a file: names
beside codes ("C33 金属制品业"), real date cells, a frozen header and an auto-filter. Every text cell
is made safe to open: characters Excel cannot hold are dropped, and a text starting with ``= + - @``,
a tab or a carriage return gets a leading apostrophe so no spreadsheet runs it as a formula (the
import takes that apostrophe off again).

Import reads with hard caps (rows, columns, unpacked size) that never trust the file's declared
dimension, then validates every row through the model's own form — built with the lookups loaded
once for the whole file (related records, existing keys, what the user may change), outside any
transaction, so a preview holds no write lock. Every problem of every row is collected at once. A
blank cell leaves the stored value as it is; the clear marker (``CLEAR_MARKERS``) empties it. The
commit re-validates the same rows against the user's jurisdiction inside one short transaction and
writes all or nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from anjian.core import masking

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
_EXPORT_CHUNK = 2000  # rows an export fetches at a time
_TEXT_CACHE = 20000  # related texts an export keeps between chunks


class _RelatedText(str):
    """A related record's cell text, worked out before the row (Ledger.export_values)."""


class _LightRow(dict):
    """An export row from ``values_list``: the columns' fields as attributes, like an instance."""

    __slots__ = ()

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class ImportFileError(Exception):
    """The file as a whole cannot be read (not Excel, too large, wrong header, empty)."""


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
    return text in CLEAR_MARKERS or text == str(CLEAR_MARKER)


def _chunks(values, size=_IN_CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass(frozen=True)
class Column:
    field: str
    header: str | None = None  # defaults to the field's verbose name
    lookup: str | None = None  # for a foreign key: the related field written and read, e.g. "code"
    alternate_lookups: tuple[str, ...] = ()  # further fields an import may match, e.g. ("name",)
    width: int | None = None


@dataclass
class RowResult:
    number: int  # the row number as Excel shows it
    values: dict
    errors: list[str] = field(default_factory=list)
    is_new: bool = True
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (header, before, after)

    @property
    def changed(self) -> bool:
        return self.is_new or bool(self.changes)


@dataclass
class ImportResult:
    rows: list[RowResult]
    committed: bool = False
    file_errors: list[str] = field(default_factory=list)  # problems of the whole commit

    @property
    def bad_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.bad_rows and not self.file_errors

    @property
    def created(self) -> int:
        return sum(1 for r in self.rows if r.is_new and not r.errors)

    @property
    def updated(self) -> int:
        return sum(1 for r in self.rows if not r.is_new and r.changes and not r.errors)

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.rows if not r.is_new and not r.changes and not r.errors)

    @property
    def changed_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.changed and not r.errors]

    def summary(self) -> dict:
        return {
            "rows": len(self.rows),
            "bad": len(self.bad_rows),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


_AMBIGUOUS = object()


class ImportContext:
    """What an import loads once for the whole file: related records, existing rows, rights."""

    def __init__(self, ledger: Ledger, user, *, commit: bool):
        self.ledger = ledger
        self.user = user
        self.commit = commit
        self.lookups: dict[str, dict[str, list[dict]]] = {}  # field → lookup → text → [objs]
        self.allowed: dict[str, dict[str, models.Model]] = {}  # form field → str(pk) → obj
        self.existing: dict[str, models.Model] = {}  # normalised key → instance
        self.changeable: set = set()
        self.pending: dict[str, dict[str, models.Model]] = {}  # field → text → earlier row's obj
        self.tokens: dict[str, models.Model] = {}  # "pending:N" → unsaved obj (preview only)
        self.saved: list = []  # (row, obj) written by the commit
        self.forms: dict = {}  # "new"/"existing" → the form bound again for each row
        self.instance = None  # the row being validated


class Ledger:
    """The Excel ledger of one model. Subclasses set model, columns, form_class and key."""

    model: type[models.Model]
    columns: list[Column]
    form_class: type[forms.ModelForm]
    key: str  # natural key that finds the existing row to update, e.g. "code"
    sheet_title = gettext_lazy("Ledger")
    example: dict = {}  # the template's example row, by field

    def __init__(self, user=None):
        # The reader or writer, for ledgers whose cells depend on who asks (masked personal data).
        self.user = user

    @classmethod
    def label(cls) -> str:
        return f"{cls.__module__}.{cls.__qualname__}"

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

    def _key_column(self) -> Column:
        return next(c for c in self.columns if c.field == self.key)

    def is_relation(self, column: Column) -> bool:
        return isinstance(self.model_field(column), models.ForeignKey)

    # --- export -----------------------------------------------------------------------------
    def related_text(self, column: Column, obj) -> str:
        """A related record as people read it: "code name" when it has both, else its lookup."""
        if obj is None:
            return ""
        lookup = column.lookup or "pk"
        # A protected lookup (a holder's ID number) as this user may see it (core.masking).
        value = str(masking.mask_for(self.user, type(obj), lookup, getattr(obj, lookup)))
        if "name" in column.alternate_lookups and lookup != "name":
            name = getattr(obj, "name", "")
            if name and name != value:
                return f"{value} {name}"
        return value

    def _column_info(self, column: Column):
        """(is a foreign key, {choice value: label as text} or None, shown whole to this ledger's
        user), worked out once a column."""
        cache = self.__dict__.setdefault("_column_infos", {})
        info = cache.get((column.field, self.user))
        if info is None:
            model_field = self.model_field(column)
            choices = None
            if model_field.choices:
                choices = {value: str(label) for value, label in model_field.flatchoices}
            whole = masking.may_reveal(self.user, self.model, column.field)
            info = (isinstance(model_field, models.ForeignKey), choices, whole)
            cache[(column.field, self.user)] = info
        return info

    def cell_value(self, obj, column: Column):
        is_relation, choices, whole = self._column_info(column)
        if is_relation:
            related = getattr(obj, column.field)
            if isinstance(related, _RelatedText):  # worked out in advance (export_values)
                return str(related)
            return self.related_text(column, related)
        value = getattr(obj, column.field)
        if value is None:
            return ""
        if choices is not None:
            return choices.get(value, str(value))
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return timezone.localtime(value).replace(tzinfo=None)
        if whole:
            return value
        # A protected field whole only for a holder of its reveal permission (core.masking).
        return masking.mask_for(self.user, self.model, column.field, value)

    def text(self, obj, column: Column) -> str:
        """A cell as text, for the preview's before → after."""
        value = self.cell_value(obj, column)
        if isinstance(value, dt.datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, dt.date):
            return value.isoformat()
        return "" if value is None else str(value)

    def export_headers(self) -> list[str]:
        return self.headers()

    def export_queryset(self, queryset):
        related = [c.field for c in self.columns if self.is_relation(c)]
        return queryset.select_related(*related) if related else queryset

    # Build export rows from ``values_list`` and related texts fetched once per chunk and related
    # model, not from model instances (issue 9: export time). Opt in when the ledger's
    # ``cell_value`` overrides read only the columns' own fields.
    export_values = False

    def export_objects(self, queryset):
        """What an export reads row by row: model instances, or light rows (``export_values``)."""
        if not self.export_values:
            yield from self.export_queryset(queryset).iterator(chunk_size=_EXPORT_CHUNK)
            return
        relations = [c for c in self.columns if self.is_relation(c)]
        plain = [c.field for c in self.columns if not self.is_relation(c)]
        names = plain + [self.model_field(c).attname for c in relations]
        texts: dict[str, dict] = {c.field: {} for c in relations}
        chunk = []
        for values in queryset.values_list(*names).iterator(chunk_size=_EXPORT_CHUNK):
            chunk.append(values)
            if len(chunk) == _EXPORT_CHUNK:
                yield from self._light_rows(chunk, plain, relations, texts)
                chunk = []
        yield from self._light_rows(chunk, plain, relations, texts)

    def _light_rows(self, chunk, plain, relations, texts):
        """One query per related model for the chunk's ids not seen yet, then the rows."""
        width = len(plain)
        by_model: dict = {}
        for offset, column in enumerate(relations, start=width):
            known = texts[column.field]
            if len(known) > _TEXT_CACHE:
                known.clear()  # memory stays flat whatever the number of related records
            ids = {values[offset] for values in chunk} - known.keys() - {None}
            if ids:
                related = self.model_field(column).related_model
                by_model.setdefault(related, (set(), []))[0].update(ids)
                by_model[related][1].append(column)
        for related, (ids, columns) in by_model.items():
            for part in _chunks(sorted(ids)):
                for obj in related._default_manager.filter(pk__in=part):
                    for column in columns:
                        texts[column.field][obj.pk] = _RelatedText(self.related_text(column, obj))
        empty = _RelatedText("")
        for values in chunk:
            row = _LightRow(zip(plain, values[:width], strict=True))
            for offset, column in enumerate(relations, start=width):
                pk = values[offset]
                row[column.field] = empty if pk is None else texts[column.field].get(pk, empty)
            yield row

    def export_rows(self, queryset):
        for obj in self.export_objects(queryset):
            yield [self.cell_value(obj, c) for c in self.columns]

    def column_widths(self) -> list[int]:
        return [c.width or max(12, min(40, len(self.header(c)) * 2 + 4)) for c in self.columns] + [
            14
        ] * (len(self.export_headers()) - len(self.columns))

    def export_to(self, target, queryset, progress=None) -> int:
        """Write the export into ``target`` (a path or a binary file); returns the row count."""
        return write_rows(
            target,
            str(self.sheet_title),
            self.export_headers(),
            self.export_rows(queryset),
            widths=self.column_widths(),
            progress=progress,
        )

    def export(self, queryset) -> bytes:
        buffer = io.BytesIO()
        self.export_to(buffer, queryset)
        return buffer.getvalue()

    # --- template ---------------------------------------------------------------------------
    def example_row(self) -> list:
        return [self.example.get(c.field, "") for c in self.columns]

    def choice_options(self, column: Column) -> list[str] | None:
        """The values a drop-down offers for ``column`` (None: free text)."""
        model_field = self.model_field(column)
        if isinstance(model_field, models.ForeignKey):
            return None
        if model_field.choices:
            return [str(label) for _value, label in model_field.flatchoices if _value != ""]
        if isinstance(model_field, models.BooleanField):
            return [str(_("Yes")), str(_("No"))]
        return None

    def template(self) -> bytes:
        """Headers, one example row (skipped on import while unchanged), drop-down lists."""
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(self.sheet_title)[:31] or "Sheet1"
        lists = workbook.create_sheet("Lists")
        lists.sheet_state = "hidden"
        sheet.append(self.headers())
        for cell in sheet[1]:
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
        sheet.append([safe_cell(v) for v in self.example_row()])
        for cell in sheet[2]:
            cell.font = EXAMPLE_FONT
        last = settings.IMPORT_MAX_ROWS + 1
        list_column = 0
        for index, column in enumerate(self.columns, start=1):
            options = self.choice_options(column)
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = self.column_widths()[index - 1]
            if not options:
                continue
            list_column += 1
            list_letter = get_column_letter(list_column)
            for row, option in enumerate([*options, str(CLEAR_MARKER)], start=1):
                lists.cell(row=row, column=list_column, value=option)
            validation = DataValidation(
                type="list",
                formula1=f"=Lists!${list_letter}$1:${list_letter}${len(options) + 1}",
                allow_blank=True,
                errorStyle="warning",  # the other language's labels are accepted too
                showErrorMessage=True,
            )
            validation.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    # --- reading ----------------------------------------------------------------------------
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

    # --- validation and writing -------------------------------------------------------------
    def normalize_key(self, value) -> str:
        if value is None:
            return ""
        return str(value).strip()

    def run(self, upload, user, *, commit: bool, progress=None) -> ImportResult:
        """Read ``upload``, then check it (``commit=False``) or check and write it."""
        parsed = self.read(upload)
        return self.commit(parsed, user, progress) if commit else self.check(parsed, user, progress)

    def check(self, parsed, user, progress=None) -> ImportResult:
        """Validate every row; writes nothing and opens no transaction (no write lock held)."""
        return self._process(parsed, ImportContext(self, user, commit=False), progress)

    def commit(self, parsed, user, progress=None) -> ImportResult:
        """Re-validate and write every row in one transaction: all or nothing."""
        with transaction.atomic():
            ctx = ImportContext(self, user, commit=True)
            result = self._process(parsed, ctx, progress)
            if result.ok and ctx.saved:
                # One query re-checks that every written row lies within the user's reach.
                pks = [obj.pk for _row, obj in ctx.saved]
                visible = set()
                for chunk in _chunks(pks):
                    visible.update(
                        self.model._default_manager.restrict(user, "view")
                        .filter(pk__in=chunk)
                        .values_list("pk", flat=True)
                    )
                for row, obj in ctx.saved:
                    if obj.pk not in visible:
                        row.errors.append(_("This row lies outside your jurisdiction."))
            result.committed = result.ok
            if not result.committed:
                transaction.set_rollback(True)
        return result

    def _process(self, parsed, ctx: ImportContext, progress=None) -> ImportResult:
        self.prepare(parsed, ctx)
        result = ImportResult(rows=[])
        seen_keys: dict[str, int] = {}
        key_header = self.header(self._key_column())
        for done, (number, values) in enumerate(parsed, start=1):
            row = RowResult(number=number, values=values)
            result.rows.append(row)
            key_value = self.normalize_key(values.get(self.key))
            if key_value and key_value in seen_keys:
                row.errors.append(
                    _("%(column)s “%(value)s” already appears in row %(row)s.")
                    % {"column": key_header, "value": key_value, "row": seen_keys[key_value]}
                )
            else:
                if key_value:
                    seen_keys[key_value] = number
                try:
                    self.import_row(row, ctx)
                except IntegrityError as exc:
                    # Only a commit writes; the transaction is spent (and rolled back): stop here.
                    row.errors.append(
                        _(
                            "The database refused this row: %(reason)s. Nothing was written; "
                            "the rows after it were not checked."
                        )
                        % {"reason": exc}
                    )
                    break
            if progress is not None and (done % 200 == 0 or done == len(parsed)):
                progress(done, len(parsed))
        return result

    def prepare(self, parsed, ctx: ImportContext) -> None:
        """Load, once for the whole file, what the rows refer to."""
        # Existing rows by key, with the related records the rules read.
        keys = {self.normalize_key(v.get(self.key)) for _n, v in parsed} - {""}
        form_fk = [
            f.name
            for f in self.model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.name in self.form_field_names()
        ]
        for chunk in _chunks(keys):
            queryset = self.model._default_manager.filter(**{f"{self.key}__in": chunk})
            for obj in queryset.select_related(*form_fk):
                ctx.existing[self.normalize_key(getattr(obj, self.key))] = obj
        pks = [obj.pk for obj in ctx.existing.values()]
        for chunk in _chunks(pks):
            ctx.changeable.update(
                self.model._default_manager.restrict(ctx.user, "change")
                .filter(pk__in=chunk)
                .values_list("pk", flat=True)
            )
        # Related records named in the file, by every lookup the column accepts.
        candidates: dict[str, set] = {}
        for column in self.columns:
            if not self.is_relation(column):
                continue
            texts = set()
            for _n, values in parsed:
                text = _cell_text(values.get(column.field))
                if text and not is_clear_marker(text):
                    texts.add(text)
                    texts.update(text.split(None, 1))  # "C33 金属制品业" → "C33", "金属制品业"
            related = self.model_field(column).related_model
            maps = {lookup: {} for lookup in (column.lookup or "pk", *column.alternate_lookups)}
            for lookup in maps:
                for chunk in _chunks(texts):
                    try:
                        found = list(related._default_manager.filter(**{f"{lookup}__in": chunk}))
                    except (ValueError, ValidationError):  # e.g. text for an integer pk
                        found = []
                    for obj in found:
                        maps[lookup].setdefault(str(getattr(obj, lookup)), []).append(obj)
                        candidates.setdefault(column.field, set()).add(obj.pk)
            ctx.lookups[column.field] = maps
        # The choices each form field accepts, for every record the file or the rows refer to.
        prototype = self.form_class(user=ctx.user)
        for name, form_field in prototype.fields.items():
            if not isinstance(form_field, forms.ModelChoiceField) or isinstance(
                form_field, forms.ModelMultipleChoiceField
            ):
                continue
            wanted = set(candidates.get(name, set()))
            attname = self.model._meta.get_field(name).attname
            wanted.update(
                getattr(obj, attname)
                for obj in ctx.existing.values()
                if getattr(obj, attname) is not None
            )
            allowed = {}
            for chunk in _chunks(wanted):
                allowed.update({str(o.pk): o for o in form_field.queryset.filter(pk__in=chunk)})
            ctx.allowed[name] = allowed

    def form_field_names(self) -> list[str]:
        return list(self.form_class._meta.fields or [])

    def resolve(self, column: Column, text: str, row: RowResult, ctx: ImportContext):
        """A related record named by ``text`` (code, name or "code name"), or None with an error."""
        maps = ctx.lookups.get(column.field, {})
        for found in maps.values():
            matches = found.get(text, [])
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                row.errors.append(
                    _("%(column)s: “%(value)s” matches more than one record; use its code.")
                    % {"column": self.header(column), "value": text}
                )
                return None
        parts = text.split(None, 1)
        if len(parts) == 2:  # "C33 金属制品业": the code decides, the name must agree
            code, name = parts
            matches = maps.get(column.lookup or "pk", {}).get(code, [])
            if len(matches) == 1 and str(getattr(matches[0], "name", name)) == name:
                return matches[0]
        pending = ctx.pending.get(column.field, {}).get(text)
        if pending is not None:
            return pending
        row.errors.append(
            _("%(column)s: “%(value)s” was not found.")
            % {"column": self.header(column), "value": text}
        )
        return None

    def form_data(self, row: RowResult, instance, ctx: ImportContext, unresolved=None) -> dict:
        """Cell values → form data. A blank cell keeps the stored value; the clear marker empties."""
        names = self.form_field_names()
        if instance is not None:
            data = {k: v for k, v in model_to_dict(instance, fields=names).items() if k in names}
            for key, value in list(data.items()):
                if isinstance(value, models.Model):
                    data[key] = value.pk
        else:
            data = {}
        for column in self.columns:
            if column.field not in names:
                continue
            model_field = self.model_field(column)
            raw = row.values.get(column.field)
            if isinstance(raw, str):
                raw = raw.strip()
            if raw is None or raw == "":
                if instance is None:
                    data[column.field] = ""
                continue  # blank: leave it as it is
            if is_clear_marker(raw):
                data[column.field] = ""
                continue
            if isinstance(model_field, models.ForeignKey):
                obj = self.resolve(column, _cell_text(raw), row, ctx)
                if obj is None:
                    data[column.field] = ""
                    if unresolved is not None:
                        unresolved.add(column.field)
                elif obj.pk is None:
                    token = f"pending:{id(obj)}"
                    ctx.tokens[token] = obj
                    data[column.field] = token
                else:
                    data[column.field] = str(obj.pk)
            elif model_field.choices:
                data[column.field] = self.choice_labels(model_field).get(str(raw), raw)
            elif isinstance(model_field, models.BooleanField):
                data[column.field] = str(raw) in {"1", "True", "true", str(_("Yes")), "是"}
            else:
                data[column.field] = raw
        return data

    def choice_labels(self, model_field) -> dict:
        """Choice label (in any language) → stored value."""
        cache = self.__dict__.setdefault("_choice_labels", {})
        if model_field.name not in cache:
            labels = {}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    labels.update({str(label): value for value, label in model_field.flatchoices})
            cache[model_field.name] = labels
        return cache[model_field.name]

    def build_form(self, data, instance, ctx: ImportContext):
        """The form of one row. Built once per kind of row (new / existing) and bound again for
        each row: a ModelForm's construction (deep copies, limit_choices_to, the jurisdiction's
        querysets) costs far more than validating a row."""
        kind = "new" if instance is None else "existing"
        form = ctx.forms.get(kind)
        if form is None:
            form = self.form_class(data=data, instance=instance, user=ctx.user)
            form.user = ctx.user
            for name, form_field in form.fields.items():
                if isinstance(form_field, forms.ModelChoiceField) and not isinstance(
                    form_field, forms.ModelMultipleChoiceField
                ):
                    form_field.to_python = _preloaded_choice(form_field, name, ctx)
            if not ctx.commit or self.key_is_the_only_unique():
                # The key is checked once for the file (in the file and against stored rows);
                # other uniqueness is left to the commit, which runs every check.
                form.validate_unique = lambda: None
            ctx.forms[kind] = form
        _rebind(form, data, instance)
        ctx.instance = instance
        checked = [
            name
            for name, f in form.fields.items()
            if isinstance(f, forms.ModelChoiceField)
            and not isinstance(f, forms.ModelMultipleChoiceField)
        ]
        # The form field checked each related record against the preloaded, restricted choices
        # (limit_choices_to included); the model need not query each one again.
        target = form.instance
        clean_fields = target.clean_fields

        def clean_fields_but_relations(exclude=None):
            return clean_fields(exclude={*(exclude or ()), *checked})

        target.clean_fields = clean_fields_but_relations
        if not ctx.commit:
            target.validate_constraints = lambda *args, **kwargs: None
        elif self.key_is_the_only_unique():
            # The key's uniqueness was checked once for the file; the commit still runs the
            # model's check constraints (each one query), not a uniqueness query per row.
            get_constraints = target.get_constraints

            def check_constraints_only():
                return [
                    (model, [c for c in constraints if isinstance(c, models.CheckConstraint)])
                    for model, constraints in get_constraints()
                ]

            target.get_constraints = check_constraints_only
        return form

    def key_is_the_only_unique(self) -> bool:
        """True when the model's only uniqueness rule (and constraint) is its key: the file's
        check of the key is then the whole uniqueness check, and the database backs it."""
        meta = self.model._meta
        uniques = {f.name for f in meta.concrete_fields if f.unique and not f.primary_key}
        for constraint in meta.constraints:
            if isinstance(constraint, models.CheckConstraint):
                continue  # not a uniqueness rule (the commit validates it)
            if not isinstance(constraint, models.UniqueConstraint) or constraint.condition:
                return False
            uniques.add(
                tuple(constraint.fields) if len(constraint.fields) != 1 else constraint.fields[0]
            )
        return uniques <= {self.key} and not meta.unique_together

    def import_row(self, row: RowResult, ctx: ImportContext):
        key_value = self.normalize_key(row.values.get(self.key))
        instance = ctx.existing.get(key_value) if key_value else None
        if instance is not None:
            row.is_new = False
            if instance.pk not in ctx.changeable:
                row.errors.append(
                    _("%(column)s “%(value)s” is already in use by a record you cannot change.")
                    % {"column": self.header(self._key_column()), "value": key_value}
                )
                return
            before = {c.field: self.text(instance, c) for c in self.columns}
        unresolved: set[str] = set()
        data = self.form_data(row, instance, ctx, unresolved)
        form = self.build_form(data, instance, ctx)
        if not form.is_valid():
            # Every problem of the row at once, but a cell already named is not named twice.
            for name, errors in form.errors.items():
                if name in unresolved:
                    continue
                label = str(form.fields[name].label) if name in form.fields else _("Row")
                row.errors.extend(f"{label}: {e}" for e in errors)
        if row.errors:
            return
        if instance is not None:
            if not form.has_changed():
                # Re-importing an export leaves its rows untouched: no save, no history row.
                return
            for column in self.columns:
                after = self.text(form.instance, column)
                if after != before[column.field]:
                    row.changes.append((self.header(column), before[column.field], after))
            if not row.changes:
                return
        obj = form.instance
        if ctx.commit:
            try:
                obj = form.save()
            except ValidationError as exc:
                row.errors.extend(exc.messages)
                return
            ctx.saved.append((row, obj))
        self.after_row(row, obj, ctx)
        if not row.errors:
            self.remember(obj, ctx)

    def after_row(self, row: RowResult, obj, ctx: ImportContext) -> None:
        """A hook for ledger-specific steps after a good row (saved when committing)."""

    def remember(self, obj, ctx: ImportContext) -> None:
        """Let later rows of the file refer to this one (a landlord, a parent region)."""
        for column in self.columns:
            if not self.is_relation(column) or self.model_field(column).related_model is not type(
                obj
            ):
                continue
            names = ctx.pending.setdefault(column.field, {})
            for lookup in (column.lookup or "pk", *column.alternate_lookups):
                value = getattr(obj, lookup, None)
                if value not in (None, ""):
                    names[str(value)] = obj
            names[self.related_text(column, obj)] = obj
            if obj.pk is not None:
                ctx.allowed.setdefault(column.field, {})[str(obj.pk)] = obj


def _preloaded_choice(form_field, name, ctx: ImportContext):
    """A ModelChoiceField.to_python that looks in the preloaded records instead of querying."""

    def to_python(value):
        if value in form_field.empty_values:
            return None
        key = str(value.pk if isinstance(value, models.Model) else value)
        if key.startswith("pending:") and key in ctx.tokens:
            return ctx.tokens[key]
        obj = ctx.allowed.get(name, {}).get(key)
        if obj is not None:
            return obj
        instance = ctx.instance
        if instance is not None:
            attname = instance._meta.get_field(name).attname
            if str(getattr(instance, attname)) == key:
                return getattr(instance, name)  # a saved record keeps its current choice
        raise ValidationError(form_field.error_messages["invalid_choice"], code="invalid_choice")

    return to_python


def _rebind(form, data, instance) -> None:
    """Bind an existing ModelForm to another row's data and instance, as a new form would be."""
    opts = form._meta
    if instance is None:
        instance = opts.model()
        initial = {}
    else:
        initial = model_to_dict(instance, opts.fields, opts.exclude)
    form.instance = instance
    form.initial = initial
    form.data = data
    form.files = {}
    form.is_bound = True
    form._errors = None
    form._validate_unique = False
    form._bound_fields_cache = {}
    form.__dict__.pop("cleaned_data", None)
    form.__dict__.pop("changed_data", None)


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
