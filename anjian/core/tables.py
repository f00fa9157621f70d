import json

import django_tables2 as tables
from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import dateformat
from django.utils.formats import date_format, localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _
from django_tables2 import utils as tables_utils
from django_tables2.columns.base import library

from anjian.core.models import AuditEvent
from anjian.core.templatetags.anjian_ui import plain_number

SECONDARY_CLASS = "d-none d-md-table-cell"


_SIGNATURES: dict = {}
_uncached_signature = tables_utils.signature


def _cached_signature(fn):
    """django-tables2 inspects the signature of a column's render function for every cell
    (``inspect.signature`` — a fifth of a list page's cell time at 25 rows × 9 columns). The
    signature of a function never changes: compute it once per function (a bound method's own
    signature, without ``self``, once per underlying function)."""
    func = getattr(fn, "__func__", None)
    key = (func, True) if func is not None else fn
    try:
        return _SIGNATURES[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable callable
        return _uncached_signature(fn)
    if len(_SIGNATURES) > 5000:  # callables made per table instance must not pile up
        _SIGNATURES.clear()
    result = _SIGNATURES[key] = _uncached_signature(fn)
    return result


tables_utils.signature = _cached_signature


# A status badge's colour means the same everywhere (ui.md): the codes of each colour. The
# template ``core/status_badge.html`` says the same for pages (tests/test_table_rendering.py holds
# the two to the same output for every code here).
STATUS_COLOURS = {
    "green": ("active", "valid", "done", "closed", "verified", "accepted", "completed"),
    "red": (
        "suspended",
        "refused",
        "overdue",
        "returned",
        "major",
        "rejected",
        "expired",
        "revoked",
    ),
    "orange": ("due", "late", "warning", "due_soon"),
    "blue": ("in_progress", "filed", "acknowledged", "approved", "rectifying", "submitted"),
}
_COLOUR_OF = {code: colour for colour, codes in STATUS_COLOURS.items() for code in codes}


def status_badge(value, label=None):
    """``core/status_badge.html`` without the template engine (one cell of a list)."""
    value = "" if value is None else value
    return format_html(
        '<span class="status-badge status-{}" data-status="{}">{}</span>',
        _COLOUR_OF.get(value, "grey"),
        value,
        label or value,
    )


class StatusColumn(tables.Column):
    """The record's ``status`` as its coloured badge (``core/status_badge.html`` in Python)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("verbose_name", _("status"))
        kwargs.setdefault("order_by", "status")
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)

    # django-tables2 hands a choice field's cell its label (get_status_display) as ``value``:
    # asking the model again costs a second rebuild of the choices dict (lazy labels hashed).
    def render(self, value, record):
        return status_badge(record.status, value)

    def value(self, value):
        return value


def render_cell(value, autoescape=True):
    """What ``{{ cell }}`` prints in a template: local time, localised, escaped."""
    value = localize(template_localtime(value, use_tz=settings.USE_TZ))
    return conditional_escape(value) if autoescape else str(value)


class BaseTable(tables.Table):
    # Columns hidden below the md breakpoint (a 390 px phone shows the key columns, e.g. name,
    # grade and due date, without sideways scrolling); the export keeps every column.
    secondary_columns: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = getattr(self._meta, "model", None)
        for name, label in getattr(model, "display_labels", {}).items():
            if name in self.columns:
                self.columns[name].column.verbose_name = label

    def tbody_html(self):
        """The rows of this page as HTML, built in Python: the same markup as django-tables2's
        Bootstrap 5 row block (``<tr class="even|odd"><td class=…>cell</td>…``), without the
        template engine's per-cell work (a ``{% for %}`` step, ``column.attrs`` recomputed with
        its class names, the localize branches) — the per-row cost of every list page.
        ``templates/core/table.html`` prints it."""
        columns = list(self.columns)
        static_td = {}
        for column in columns:
            spec = {**self.attrs, **column.column.attrs}
            td = spec.get("td", spec.get("cell", {}))
            if not any(callable(v) for v in td.values()):
                static_td[column.name] = column.attrs["td"].as_html()
        out = []
        for row in self.paginated_rows:
            out.append(format_html("<tr {}>", row.attrs.as_html()))
            for column, cell in row.items():
                td = static_td.get(column.name)
                if td is None:
                    td = column.attrs["td"].as_html()
                if column.localize is None:
                    text = render_cell(cell)
                elif column.localize:
                    text = conditional_escape(localize(cell, use_l10n=True))
                else:
                    text = conditional_escape(localize(cell, use_l10n=False))
                out.append(format_html("<td {}>{}</td>", td, text))
            out.append(mark_safe("</tr>"))
        return mark_safe("".join(out))

    def get_column_class_names(self, classes_set, bound_column):
        classes = super().get_column_class_names(classes_set, bound_column)
        if bound_column.name in self.secondary_columns:
            classes = set(classes) | set(SECONDARY_CLASS.split())
        return classes

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        template_name = "core/table.html"  # the pager that needs no full count


class JSONColumn(tables.Column):
    """JSON as readable text (Chinese kept as Chinese)."""

    def render(self, value):
        return json.dumps(value, ensure_ascii=False) if value else "—"

    def value(self, value):
        return json.dumps(value, ensure_ascii=False) if value else ""


@library.register
class NumberColumn(tables.Column):
    """Every DecimalField column: 学时 16.0 reads 16, 1.50 reads 1.5."""

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.DecimalField):
            return cls(**kwargs)
        return None

    def render(self, value):
        return plain_number(value)


@library.register
class DateColumn(tables.Column):
    """Every DateField column, formatted in Python: django-tables2's own ``DateColumn`` is a
    ``TemplateColumn`` (``{{ value|date:"SHORT_DATE_FORMAT" }}`` compiled and rendered with a
    full context for every cell). Same output, same ``format``/``short`` arguments."""

    short_format, long_format = "SHORT_DATE_FORMAT", "DATE_FORMAT"

    def __init__(self, format=None, short=True, *args, **kwargs):
        self.format = format or (self.short_format if short else self.long_format)
        super().__init__(*args, **kwargs)

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            return cls(**kwargs)
        return None

    def render(self, value):
        value = template_localtime(value, use_tz=settings.USE_TZ)  # as the ``date`` filter
        try:
            text = date_format(value, self.format)
        except AttributeError:
            try:
                text = dateformat.format(value, self.format)
            except AttributeError:
                text = ""
        return text or self.default

    def value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


@library.register
class DateTimeColumn(DateColumn):
    """Every DateTimeField column, in local time, without the template engine."""

    short_format, long_format = "SHORT_DATETIME_FORMAT", "DATETIME_FORMAT"

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.DateTimeField):
            return cls(**kwargs)
        return None

    def value(self, value):
        return value.isoformat(sep=" ") if hasattr(value, "isoformat") else value


class AuditDetailColumn(JSONColumn):
    """An event's details as a labelled list in words on the page; JSON in the export."""

    def render(self, value, record):
        return render_to_string("core/audit_detail.html", {"record": record})


class AuditEventTable(BaseTable):
    at = DateTimeColumn(format="Y-m-d H:i:s")
    object_repr = tables.Column(verbose_name=_("object"))
    detail = AuditDetailColumn()

    class Meta(BaseTable.Meta):
        model = AuditEvent
        fields = ["at", "action", "actor_username", "ip_address", "object_repr", "detail"]
