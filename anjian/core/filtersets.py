import copy
from collections import OrderedDict
from pathlib import Path

import django
import django_filters
from django import forms
from django.db.models import QuerySet
from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _
from django_filters import ModelMultipleChoiceFilter
from django_filters.filters import FilterMethod

from anjian.core.forms import style_fields
from anjian.core.models import AuditEvent
from anjian.core.scoping import ScopedQuerySet

_WIDGETS = "django/forms/widgets/"
# Django's widget templates that are nothing but ``{% include "…/input.html" %}``.
_INPUT_TEMPLATES = frozenset(
    f"{_WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "date",
        "datetime",
        "time",
        "email",
        "tel",
        "url",
        "password",
        "hidden",
        "search",
        "color",
        "checkbox",
    )
)
_SELECT, _OPTION = f"{_WIDGETS}select.html", f"{_WIDGETS}select_option.html"
_STOCK = Path(django.__file__).parent / "forms" / "templates"
_PLAIN = Context(autoescape=True)


def _text(value):
    """``{{ value }}`` in a template: local time, localised, escaped."""
    return render_value_in_context(value, _PLAIN)


def _formatted(value):
    """``{{ value|stringformat:'s' }}``."""
    text = stringformat(value, "s")
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)


def _attrs(attrs):
    """``django/forms/widgets/attrs.html``."""
    out = []
    for name, value in attrs.items():
        if value is not False:
            out.append(" " + _text(name))
            if value is not True:
                out.append('="' + _formatted(value) + '"')
    return "".join(out)


class WidgetRenderer(DjangoTemplates):
    """The form renderer of the filter forms: Django's text, number, date and select widgets
    written in Python (the same HTML as their templates, ``tests/test_table_rendering.py``), so a
    list page's filter form costs no template render per widget, attribute list and option (~50
    on the enterprise list). Any other widget, or a template a project or app overrides, is
    rendered by its template as before."""

    @cached_property
    def stock(self):
        """The handled template names that resolve to Django's own files here."""
        names = {*_INPUT_TEMPLATES, _SELECT, _OPTION}
        return frozenset(
            name
            for name in names
            if Path(self.get_template(name).origin.name).is_relative_to(_STOCK)
        )

    def render(self, template_name, context, request=None):
        stock = self.stock
        if template_name in stock:
            widget = context["widget"]
            if template_name in _INPUT_TEMPLATES:
                return self._input(widget)
            if template_name == _SELECT and _OPTION in stock:
                html = self._select(widget)
                if html is not None:
                    return html
        return super().render(template_name, context, request)

    @staticmethod
    def _input(widget):
        value = widget.get("value")
        return (
            '<input type="'
            + _text(widget.get("type"))
            + '" name="'
            + _text(widget.get("name"))
            + '"'
            + ("" if value == None else ' value="' + _formatted(value) + '"')  # noqa: E711 (as the template)
            + _attrs(widget["attrs"])
            + ">"
        )

    @staticmethod
    def _select(widget):
        out = ['<select name="', _text(widget.get("name")), '"', _attrs(widget["attrs"]), ">"]
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                out += ['\n  <optgroup label="', _text(group_name), '">']
            for option in group_choices:
                if option.get("template_name") != _OPTION:
                    return None  # an option template of its own: the templates render it all
                out += [
                    '\n  <option value="',
                    _formatted(option.get("value")),
                    '"',
                    _attrs(option["attrs"]),
                    ">",
                    _text(option.get("label")),
                    "</option>\n",  # the option template's own last line break
                ]
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return "".join(out).strip()


WIDGET_RENDERER = WidgetRenderer()


# The largest integer both databases hold (a signed 64-bit column).
NUMBER_FILTER_LIMIT = 2**63 - 1


class _OwnFields(dict):
    """The ``base_fields`` of the form class django-filter makes for one filter set: the fields
    its own filters built for it are new objects no other form shares, so the form takes them as
    they are instead of deep-copying each (widget, choices, queryset) as ``BaseForm.__init__``
    does; any other field (declared on a base form) is deep-copied as before."""

    def __init__(self, fields, own):
        super().__init__(fields)
        self.own = own

    def __deepcopy__(self, memo):
        return {
            name: field if name in self.own else copy.deepcopy(field, memo)
            for name, field in self.items()
        }


def copy_filter(filter_):
    """A filter set's own copy of a declared filter, for ``FilterSet.__init__``'s
    ``copy.deepcopy(base_filters)`` at a tenth of its cost (~0.15 ms of the enterprise list's
    ~0.16): the filter object and each dict or list it holds (``extra``: the field's keyword
    arguments, which ``BaseFilterSet`` and ``YearFilter`` change per filter set) are copied one
    level deep, a queryset is cloned (``.all()``: never evaluated and kept by the class), its field
    is left to be built again, and its ``method`` is bound to the copy. The rest — strings, lazy
    labels, choices, widgets — is shared read-only: a form field copies its widget
    (``Field.__init__`` deep-copies it) and its choices."""
    new = copy.copy(filter_)
    state = new.__dict__
    state.pop("_field", None)
    state.pop("parent", None)
    for name, value in state.items():
        if isinstance(value, dict | list):
            value = value.copy()
            if isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(item, QuerySet):
                        value[key] = item.all()
            state[name] = value
        elif isinstance(value, QuerySet):
            state[name] = value.all()
    if isinstance(state.get("filter"), FilterMethod):
        new.filter = FilterMethod(new)
    return new


class _Filters(OrderedDict):
    """A filter set class's ``base_filters``: deep-copied per filter set with ``copy_filter``."""

    def __deepcopy__(self, memo):
        return OrderedDict((name, copy_filter(filter_)) for name, filter_ in self.items())


class BaseFilterSet(django_filters.FilterSet):
    """Shared by the list page and the API of a model.

    Every model-choice filter accepts only rows the requesting user may view (the same rule as
    form choices, ``core.forms.restrict_form_fields``), so a filter can neither list nor probe
    records outside the jurisdiction.
    """

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None:
            for f in self.filters.values():
                queryset = getattr(f, "queryset", None)
                if isinstance(f, django_filters.ModelChoiceFilter | ModelMultipleChoiceFilter) and (
                    isinstance(queryset, ScopedQuerySet)
                ):
                    f.queryset = queryset.restrict(user, "view")
        for f in self.filters.values():
            if isinstance(f, django_filters.NumberFilter) and not isinstance(f, YearFilter):
                # A number no database column holds (?hazard=-1e270) is an invalid filter (an
                # empty page, a 400 in the API), never an integer overflow in the database.
                f.extra.setdefault("min_value", -NUMBER_FILTER_LIMIT)
                f.extra.setdefault("max_value", NUMBER_FILTER_LIMIT)
        for f in self.form.fields.values():
            if hasattr(f, "empty_label") and f.empty_label == "---------":
                f.empty_label = _("All")
        style_fields(self.form.fields, small=True)
        self.form.renderer = WIDGET_RENDERER

    @classmethod
    def get_filters(cls):
        return _Filters(super().get_filters())

    def get_form_class(self):
        form_class = super().get_form_class()
        own = {
            name
            for name, filter_ in self.filters.items()
            if form_class.base_fields.get(name) is getattr(filter_, "_field", None)
        }
        form_class.base_fields = _OwnFields(form_class.base_fields, own)
        return form_class

    @property
    def qs(self):
        # Querysets arrive already restricted by the view or viewset; a filter never widens them.
        return super().qs


class YearFilter(django_filters.NumberFilter):
    """A calendar year of a date field, within the years a record may hold
    (``DATE_EARLIEST_YEAR`` … ``DATE_YEARS_AHEAD`` from now): ``?year=0`` or ``?year=1e9`` is an
    invalid filter (an empty page, a 400 in the API), never a date that cannot exist."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("label", _("year"))
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        from django.conf import settings
        from django.utils import timezone

        if not hasattr(self, "_field"):  # each filterset holds its own copy: bounds of today
            self.extra["min_value"] = settings.ANJIAN_DATE_EARLIEST_YEAR
            self.extra["max_value"] = timezone.localdate().year + settings.ANJIAN_DATE_YEARS_AHEAD
        return super().field


class AuditEventFilterSet(BaseFilterSet):
    action = django_filters.CharFilter(label=_("action"), lookup_expr="startswith")
    actor_username = django_filters.CharFilter(label=_("username"), lookup_expr="iexact")
    since = django_filters.DateFilter(
        label=_("from date"),
        field_name="at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("to date"),
        field_name="at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields = ["action", "actor_username", "since", "until"]
