import json

import django_tables2 as tables
from django.db import models
from django.template.loader import render_to_string
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


class AuditDetailColumn(JSONColumn):
    """An event's details as a labelled list in words on the page; JSON in the export."""

    def render(self, value, record):
        return render_to_string("core/audit_detail.html", {"record": record})


class AuditEventTable(BaseTable):
    at = tables.DateTimeColumn(format="Y-m-d H:i:s")
    object_repr = tables.Column(verbose_name=_("object"))
    detail = AuditDetailColumn()

    class Meta(BaseTable.Meta):
        model = AuditEvent
        fields = ["at", "action", "actor_username", "ip_address", "object_repr", "detail"]
