import copy
import inspect
import json
from collections import OrderedDict
from datetime import date as date_type
from functools import partialmethod
from html import escape as html_escape
from types import FunctionType, MethodType

import django_tables2 as tables
from django.conf import settings
from django.db import models
from django.db.models import Model
from django.template import Context
from django.template.base import render_value_in_context
from django.template.loader import render_to_string
from django.utils import dateformat
from django.utils.encoding import force_str
from django.utils.formats import date_format, localize
from django.utils.functional import Promise
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape, escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django_tables2 import utils as tables_utils
from django_tables2.columns.base import LinkTransform, library
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.columns.manytomanycolumn import ManyToManyColumn
from django_tables2.rows import BoundRow
from django_tables2.utils import A, AttributeDict

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
# The colour of every status code of every model with a ``status`` field (ui.md: red overdue /
# refused / major, orange due soon / late, blue in progress, green done / valid, grey draft /
# cancelled); ``tests/test_table_rendering.py`` enumerates the models' choices and fails on a code
# missing here. A code not listed (a badge's own word) reads grey.
STATUS_COLOURS = {
    "green": (
        "active",
        "valid",
        "done",
        "closed",
        "verified",
        "accepted",
        "completed",
        "operating",
        "in_use",
        "in_service",
        "assessed",
        "executed",
        "published",
    ),
    "red": (
        "suspended",
        "refused",
        "overdue",
        "returned",
        "major",
        "rejected",
        "expired",
        "revoked",
        "sent_back",
        "failed",
    ),
    "orange": ("due", "late", "warning", "due_soon", "under_repair", "pending"),
    "blue": (
        "in_progress",
        "filed",
        "acknowledged",
        "approved",
        "rectifying",
        "submitted",
        "registered",
        "reported",
        "received",
        "planned",
        "opened",
        "investigated",
        "decided",
        "running",
        "checked",
        "queued",
        "drafted",
    ),
    "grey": ("draft", "cancelled", "out_of_use", "removed", "scrapped", "dismissed"),
}
_COLOUR_OF = {code: colour for colour, codes in STATUS_COLOURS.items() for code in codes}


def status_colour(value):
    """The badge colour of a status code (``grey`` for a code not in ``STATUS_COLOURS``)."""
    return _COLOUR_OF.get(value, "grey")


def escape_cell(value):
    """``conditional_escape`` without its lazy-argument wrapper (a list page calls it for every
    cell and badge): the text of a safe value as it is, anything else escaped (same output)."""
    kind = type(value)
    if kind is str:
        return html_escape(value)
    if kind is SafeString:
        return value
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html_escape(str(value))


# Texts of dates in a language and format (``date_format``): a list formats the same few hundred
# days again and again; a date's text depends on nothing else (plain dates only — an aware
# datetime's text depends on the active time zone too, and equal instants compare equal).
_DATE_TEXTS: dict = {}
DATE_TEXTS_SIZE = 4096


def format_date(value, format_name="SHORT_DATE_FORMAT"):
    """``date_format(value, format_name)`` of a ``datetime.date``, remembered per language."""
    if type(value) is not date_type:
        return date_format(value, format_name)
    key = (get_language(), format_name, value)
    try:
        return _DATE_TEXTS[key]
    except KeyError:
        pass
    text = date_format(value, format_name)
    if len(_DATE_TEXTS) >= DATE_TEXTS_SIZE:
        _DATE_TEXTS.clear()
    _DATE_TEXTS[key] = text
    return text


def status_badge(value, label=None):
    """``core/status_badge.html`` without the template engine (one cell of a list)."""
    value = "" if value is None else value
    return SafeString(
        '<span class="status-badge status-'
        + _COLOUR_OF.get(value, "grey")
        + '" data-status="'
        + escape_cell(value)
        + '">'
        + escape_cell(label or value)
        + "</span>"
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


_CHOICES_DISPLAY = Model._get_FIELD_display


def _django_display_field(model_class, name):
    """The field whose choices ``get_<name>_display`` of ``model_class`` shows, if it is
    Django's own (a ``partialmethod`` of ``Model._get_FIELD_display``); None if the model
    overrides it (then it is called as django-tables2 calls it)."""
    display = inspect.getattr_static(model_class, f"get_{name}_display", None)
    if isinstance(display, partialmethod) and display.func is _CHOICES_DISPLAY:
        return display.keywords.get("field")
    return None


class _CellPlan:
    """One column of ``BaseTable.tbody_html``: what django-tables2's ``BoundRow.get_cell`` works
    out again for every cell — the accessor's bits, the model field behind it and whether it has
    choices, the choices as a dict, the render method's arguments, the ``<td>`` attributes — worked
    out once, so that a cell costs its value, its render method and its escaping. Same result as
    ``get_cell`` (``tests/test_table_rendering.py`` compares the two for every kind of column);
    a column this plan does not model (link columns with a fixed text, many-to-many columns, rows
    that are dicts) goes through ``get_cell`` itself."""

    __slots__ = (
        "accessor",
        "bound",
        "choices",
        "column",
        "displays",
        "fields",
        "kinds",
        "last",
        "link",
        "link_attrs",
        "localize",
        "never",
        "own_url",
        "path",
        "render",
        "slow",
        "table",
        "takes_all",
        "td_static",
        "wanted",
    )

    def __init__(self, table, bound):
        column = bound.column
        self.table, self.bound, self.column = table, bound, column
        self.accessor = accessor = A(bound.accessor)
        bits = accessor.bits
        self.path, self.last = tuple(bits[:-1]), (bits[-1] if bits else "")
        self.fields = {}  # record class → the field of the accessor (Accessor.get_field)
        # (record class, class of the accessor's last object) → whether the cell shows the label
        # of a choice field (get_<last>_display)
        self.kinds = {}
        self.own_url = {}  # record class → whether the link is the record's get_absolute_url()
        self.choices = {}  # choices field → {value: label}
        self.displays = {}  # class → the field its get_<last>_display shows, None if its own
        self.render = bound.render
        args, kwargs_name = tables_utils.signature(self.render)
        self.takes_all = bool(kwargs_name)
        self.wanted = tuple(args)
        self.never = not self.takes_all and any(a not in _CELL_ARGUMENTS for a in args)
        self.link = link = bound.link
        # LinkTransform's <a> attributes without href, when none is computed per cell
        self.link_attrs = None
        if link is not None:
            attrs = link.attrs or {}
            if "href" not in attrs and not any(callable(v) for v in attrs.values()):
                self.link_attrs = AttributeDict(attrs).as_html()
                self.link_attrs += " " if self.link_attrs else ""
        spec = {**table.attrs, **column.attrs}
        td = spec.get("td", spec.get("cell", {}))
        self.td_static = (
            None if any(callable(v) for v in td.values()) else "<td " + bound.attrs["td"].as_html()
        )
        self.localize = column.localize
        self.slow = isinstance(column, BaseLinkColumn | ManyToManyColumn) or not bits

    def _field(self, record):
        cls = type(record)
        try:
            return self.fields[cls]
        except KeyError:
            field = self.fields[cls] = self.accessor.get_field(record)
            return field

    def _display(self, penultimate):
        """``penultimate.get_<last>_display()``, the choices dict built once per column."""
        cls = type(penultimate)
        try:
            field = self.displays[cls]
        except KeyError:
            field = self.displays[cls] = _django_display_field(cls, self.last)
        if field is None:
            return getattr(penultimate, f"get_{self.last}_display")()
        try:
            choices, labels = self.choices[field]
        except KeyError:
            choices, labels = self.choices[field] = (dict(make_hashable(field.flatchoices)), {})
        value = make_hashable(getattr(penultimate, field.attname))
        try:  # each label translated once per page, not once per cell
            return labels[value]
        except (KeyError, TypeError):
            label = force_str(choices.get(value, value), strings_only=True)
            try:
                labels[value] = label
            except TypeError:
                pass
            return label

    def value(self, record):
        """What ``BoundRow._get_and_render_with`` hands the render method: the label of a choice
        field, else the accessor resolved (None when it fails)."""
        current = record
        try:
            for bit in self.path:
                current = _step(current, bit)
                if current is None:
                    break
        except Exception:
            current = None
        penultimate = current
        last = self.last
        if isinstance(penultimate, Model):
            kinds = self.kinds
            key = (type(record), type(penultimate))
            try:
                kind = kinds[key]
            except KeyError:
                field = self._field(record)
                kind = kinds[key] = bool(
                    getattr(field, "choices", ()) and hasattr(penultimate, f"get_{last}_display")
                )
            if kind:
                return self._display(penultimate)
        if penultimate is None:  # the path stopped at None or failed: so does Accessor.resolve
            return None
        try:
            return _step(penultimate, last)
        except Exception:
            return None

    def _own_url(self, record):
        """Whether the link's URL is the record's own ``get_absolute_url()``: what
        ``LinkTransform.compose_url`` of ``linkify=True`` comes to when the column is a plain
        field of the record (the field's value has no ``get_absolute_url``, so the record's is
        used). Worked out once per record class."""
        cls = type(record)
        try:
            return self.own_url[cls]
        except KeyError:
            pass
        link, name = self.link, self.bound.name
        own = False
        if (
            type(link) is LinkTransform
            and not (link.url and callable(link.url))
            and link.reverse_args.get("viewname") is None
            and link.accessor is None
            and isinstance(record, Model)
            and hasattr(cls, "get_absolute_url")
        ):
            try:
                field = cls._meta.get_field(name)
            except Exception:
                field = None
            own = bool(
                field is not None
                and getattr(field, "concrete", False)
                and not field.is_relation
                and field.attname == name
            )
        self.own_url[cls] = own
        return own

    def cell(self, row):
        """The rendered content of this column's cell in ``row`` (``BoundRow.get_cell``)."""
        bound, column = self.bound, self.column
        record = row._record
        if self.slow or isinstance(record, dict):
            return row.get_cell(bound.name)
        value = self.value(record)
        if value in column.empty_values:
            return bound.default
        if self.never:
            content = None
        elif self.takes_all:
            content = self.render(
                value=value,
                record=record,
                column=column,
                bound_column=bound,
                bound_row=row,
                table=self.table,
            )
        else:
            wanted = self.wanted
            if wanted == ("value",):
                content = self.render(value=value)
            elif wanted == ("record",):
                content = self.render(record=record)
            else:
                available = {
                    "value": value,
                    "record": record,
                    "column": column,
                    "bound_column": bound,
                    "bound_row": row,
                    "table": self.table,
                }
                content = self.render(**{name: available[name] for name in wanted})
        if self.link:
            if self.link_attrs is not None and self._own_url(record):
                href = record.get_absolute_url()
            else:
                kwargs = {
                    "value": value,
                    "record": record,
                    "column": column,
                    "bound_column": bound,
                    "bound_row": row,
                    "table": self.table,
                }
                if self.link_attrs is None:  # callable <a> attributes: django-tables2 builds it
                    return self.link(content, **kwargs)
                href = self.link.compose_url(**kwargs)
            if href is None:
                return content
            return mark_safe(
                "<a "
                + self.link_attrs
                + 'href="'
                + escape_cell(href)
                + '">'
                + escape_cell(content)
                + "</a>"
            )
        return content

    def td(self, row):
        """``<td …>cell</td>``, localised and escaped as ``{{ cell }}`` in the row template."""
        bound = self.bound
        cell = self.cell(row)
        # as BoundRow.items(): callable td attributes (and the footer) may read these
        bound.current_value, bound.current_record = cell, row._record
        td = self.td_static
        if td is None:
            td = "<td " + bound.attrs["td"].as_html()
        kind = type(cell)
        if kind is SafeString:
            text = cell
        elif kind is str:
            text = html_escape(cell)
        elif isinstance(cell, str):  # a SafeString stays as it is, a str is escaped
            text = escape_cell(cell)
        elif self.localize is None:
            text = render_cell(cell)
        else:
            text = conditional_escape(localize(cell, use_l10n=bool(self.localize)))
        return td + ">" + text + "</td>"


_CELL_ARGUMENTS = frozenset(("value", "record", "column", "bound_column", "bound_row", "table"))


def _step(current, bit):
    """One step of ``Accessor.resolve``: a key, else an attribute, else a list index; a callable
    is called (never one that alters data)."""
    if isinstance(current, Model) and not hasattr(type(current), "__getitem__"):
        try:
            current = getattr(current, bit)
        except AttributeError:
            current = _lookup(current, bit)
    else:
        current = _lookup(current, bit)
    if callable(current):
        if getattr(current, "alters_data", False):
            raise ValueError(f"Refusing to call {current.__name__}()")
        if not getattr(current, "do_not_call_in_templates", False):
            current = current()
    return current


def _lookup(current, bit):
    try:
        return current[bit]
    except (TypeError, AttributeError, KeyError):
        try:
            return getattr(current, bit)
        except (TypeError, AttributeError):
            return current[int(bit)]


_PLAIN = Context(autoescape=True)


def _text(value):
    """``{{ value }}`` in a template: local time, localised, escaped."""
    return render_value_in_context(value, _PLAIN)


def _querystring(query, key, value):
    """``{% querystring_replace key=value %}`` of django-tables2 (``query``: ``dict(request.GET)``)."""
    params = dict(query)
    if key not in ("", None):
        params[key] = value
    return escape("?" + urlencode(params, doseq=True))


def _section_attrs(attrs):
    """``{{ table.attrs.<section>.as_html }}`` as the template resolves it ("" when the table's
    attributes name no such section, or name one that is a plain dict)."""

    def section(name):
        value = attrs.get(name) if hasattr(attrs, "get") else None
        as_html = getattr(value, "as_html", None)
        return str(as_html()) if callable(as_html) else ""

    return section


_SHARED = (str, int, float, bool, type(None), Promise, FunctionType, MethodType, type)


def _own_copy(value, memo):
    """``value`` as a table's own: dicts, lists, tuples and django-tables2's link transforms are
    copied all the way down, strings, numbers, lazy texts, functions and classes (which no table
    changes) are shared, anything else is deep-copied as before."""
    if isinstance(value, _SHARED):
        return value
    if type(value) is dict or isinstance(value, AttributeDict):
        return type(value)((key, _own_copy(item, memo)) for key, item in value.items())
    if type(value) is list:
        return [_own_copy(item, memo) for item in value]
    if type(value) is tuple or isinstance(value, tables_utils.OrderByTuple):
        return type(value)(_own_copy(item, memo) for item in value)
    if isinstance(value, LinkTransform | tables.Column):
        new = copy.copy(value)
        new.__dict__.update({k: _own_copy(v, memo) for k, v in value.__dict__.items()})
        return new
    return copy.deepcopy(value, memo)


class _Columns(OrderedDict):
    """A table class's ``base_columns``: ``Table.__init__`` deep-copies them for each table (so a
    table may change its columns, as ``BaseTable`` does with their labels); ``_own_copy`` gives
    the same independent copies at a fraction of the cost (~0.2 ms of the enterprise table's
    0.3, issue 9) by sharing what cannot change."""

    def __deepcopy__(self, memo):
        return OrderedDict((name, _own_copy(column, memo)) for name, column in self.items())


class BaseTable(tables.Table):
    # Columns hidden below the md breakpoint (a 390 px phone shows the key columns, e.g. name,
    # grade and due date, without sideways scrolling); the export keeps every column.
    secondary_columns: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.base_columns = _Columns(cls.base_columns)

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
        its class names, the localize branches) and without django-tables2's per-cell lookups
        (``BoundRow.get_cell``: the accessor split and resolved, ``_meta.get_field``, the
        signature of the render method, the choices dict of ``get_FOO_display`` rebuilt): those
        are worked out once per column (``_CellPlan``), a cell only reads its value and renders
        it. ``templates/core/table.html`` prints it."""
        plans = [_CellPlan(self, column) for column in self.columns]
        row_attrs_static = not self.row_attrs
        tr = {
            parity: format_html("<tr {}>", AttributeDict({"class": parity}).as_html())
            for parity in ("even", "odd")
        }
        out = []
        append = out.append
        for row in self.paginated_rows:
            if row_attrs_static and type(row) is BoundRow:
                append(tr["odd" if row.row_counter % 2 else "even"])
            else:
                append(format_html("<tr {}>", row.attrs.as_html()))
            for plan in plans:
                append(plan.td(row))
            append("</tr>")
        return mark_safe("".join(out))

    # The template whose markup ``page_html`` writes in Python; a table given another template
    # (``template_name=…``) is rendered by that template.
    python_template = "core/table.html"

    def page_html(self, request):
        """The whole table as ``templates/core/table.html`` draws it (django-tables2's Bootstrap 5
        responsive table, its header with the sort links, the rows of ``tbody_html``, the footer,
        the house pager), built in Python: the template engine's loops over the columns and pager
        links and the ``{% querystring_replace %}`` per sortable column and page link were a
        third of a list page's time once the rows were Python (issue 9). The markup is the
        template's (``tests/test_table_rendering.py`` compares the two for every list of the
        URL conf, sorted, paged and past the count's cap). ``{% list_table %}`` prints it."""
        query = dict(request.GET) if request is not None else {}
        out = ['<div class="table-container table-responsive">\n<table ']
        attrs = AttributeDict({"class": "table"})
        attrs.update(self.attrs)
        out.append(attrs.as_html() + ">")
        section = _section_attrs(self.attrs)
        columns = list(self.columns)
        if self.show_header:
            out.append("<thead " + section("thead") + "><tr>")
            order_key = self.prefixed_order_by_field
            for bound in columns:
                out.append("<th " + bound.attrs["th"].as_html() + ' scope="col">')
                header = _text(bound.header)
                if bound.orderable:
                    href = _querystring(query, order_key, bound.order_by_alias.next)
                    out.append('<a href="' + href + '">' + header + "</a>")
                else:
                    out.append(" " + header + " ")  # the template's line breaks, as one space
                out.append("</th>")
            out.append("</tr></thead>")
        out.append("<tbody " + section("tbody") + ">")
        rows = self.tbody_html()
        if rows:
            out.append(rows)
        elif self.empty_text:
            out.append(
                '<tr><td colspan="'
                + _text(len(columns))
                + '">'
                + _text(self.empty_text)
                + "</td></tr>"
            )
        out.append("</tbody>")
        if self.has_footer():
            out.append("<tfoot " + section("tfoot") + "><tr>")
            for bound in columns:
                out.append(
                    "<td " + bound.attrs["tf"].as_html() + ">" + _text(bound.footer) + "</td>"
                )
            out.append("</tr></tfoot>")
        out.append("</table>")
        out.append(self.pager_html(query))
        out.append("</div>")
        return mark_safe("".join(out))

    def pager_html(self, query):
        """The pager of ``templates/core/table.html``: the first page, the pages around this one,
        the last only when it is known, "previous" and "next"."""
        page = getattr(self, "page", None)
        if not page or not page.has_other_pages():
            return ""
        key = self.prefixed_page_field
        out = [
            '<nav aria-label="'
            + _text(gettext("Pages"))
            + '"><ul class="pagination pagination-sm justify-content-center">'
        ]
        if page.has_previous():
            out.append(
                '<li class="previous page-item"><a class="page-link" rel="prev" href="'
                + _querystring(query, key, page.previous_page_number())
                + '"><span aria-hidden="true">&laquo;</span> '
                + _text(gettext("previous"))
                + "</a></li>"
            )
        number = page.number
        for p in page.links:
            if p == "…":
                out.append('<li class="page-item disabled"><span class="page-link">…</span></li>')
            elif p == number:
                out.append(
                    '<li class="page-item active"><a class="page-link" href="'
                    + _querystring(query, key, p)
                    + '" aria-current="page">'
                    + _text(p)
                    + "</a></li>"
                )
            else:
                out.append(
                    '<li class="page-item"><a class="page-link" href="'
                    + _querystring(query, key, p)
                    + '">'
                    + _text(p)
                    + "</a></li>"
                )
        if page.has_next():
            out.append(
                '<li class="next page-item"><a class="page-link" rel="next" href="'
                + _querystring(query, key, page.next_page_number())
                + '">'
                + _text(gettext("next"))
                + ' <span aria-hidden="true">&raquo;</span></a></li>'
            )
        out.append("</ul></nav>")
        return "".join(out)

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
            text = format_date(value, self.format)
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
