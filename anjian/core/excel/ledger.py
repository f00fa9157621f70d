"""``Ledger`` and ``Column``: a model's columns named once for export, template and import."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from anjian.core import masking
from anjian.core.excel.cells import (
    CLEAR_MARKER,
    EXAMPLE_FONT,
    HEADER_FILL,
    HEADER_FONT,
    _chunks,
    safe_cell,
    write_rows,
)
from anjian.core.excel.checking import CheckingMixin
from anjian.core.excel.reading import ReadingMixin
from anjian.core.excel.writing import WritingMixin

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


@dataclass(frozen=True)
class Column:
    field: str
    header: str | None = None  # defaults to the field's verbose name
    lookup: str | None = None  # for a foreign key: the related field written and read, e.g. "code"
    alternate_lookups: tuple[str, ...] = ()  # further fields an import may match, e.g. ("name",)
    width: int | None = None


class Ledger(ReadingMixin, WritingMixin, CheckingMixin):
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
