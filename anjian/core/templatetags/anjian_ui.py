"""Small display helpers for templates: numbers without a useless ".0", audit details in words."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()


def plain_number(value):
    """16.0 → "16", 1.50 → "1.5"; anything that is not a Decimal or float is returned unchanged."""
    if isinstance(value, bool) or not isinstance(value, Decimal | float):
        return value
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


register.filter("plain_number", plain_number)


@register.filter
def status_colour(value):
    """The colour of a status code, from the one table ``core.tables.STATUS_COLOURS``."""
    from anjian.core.tables import status_colour as colour_of

    return colour_of(value)


# The words for the keys that audit events carry in their details.
DETAIL_LABELS = {
    "path": _("Page"),
    "permission": _("Permission"),
    "action": _("Action"),
    "transition": _("Action"),
    "reason": _("Reason"),
    "reasons": _("Reasons"),
    "username": _("Username"),
    "rows": _("Rows"),
    "count": _("Count"),
    "created": _("Created"),
    "updated": _("Updated"),
    "errors": _("Errors"),
    "filters": _("Filters"),
    "query": _("Filters"),
    "file": _("File"),
    "filename": _("File"),
    "from": _("From"),
    "to": _("To"),
    "source": _("From"),
    "target": _("To"),
    "fields": _("Fields"),
    "changes": _("Changes"),
    "method": _("Method"),
    "status": _("Status"),
    "user_agent": _("Browser"),
}


def _words(value):
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return "、".join(str(_words(v)) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{DETAIL_LABELS.get(k, k)}：{_words(v)}" for k, v in value.items())
    if value in (None, ""):
        return "—"
    return value


@register.filter
def detail_items(detail):
    """An audit event's details as (label, value in words) pairs, for a definition list."""
    if not isinstance(detail, dict):
        return [] if detail in (None, "", []) else [("", _words(detail))]
    return [(DETAIL_LABELS.get(key, key.replace("_", " ")), _words(v)) for key, v in detail.items()]


@register.simple_tag(takes_context=True)
def list_table(context, table):
    """``{% render_table table %}`` of django-tables2 for the list pages: a house table
    (``BaseTable`` with ``templates/core/table.html``) is built in Python (``page_html``, the same
    markup) instead of rendering its template with a fresh request context; any other table, or
    one given another template, is rendered by its template as ``render_table`` does."""
    from django.template.loader import get_template, select_template

    from anjian.core.tables import BaseTable

    request = context.get("request")
    try:
        table.context = context  # as render_table: a TemplateColumn renders in the page's context
        table.before_render(request)
        template_name = table.template_name
        if isinstance(table, BaseTable) and template_name == table.python_template:
            return table.page_html(request)
        if isinstance(template_name, str):
            template = get_template(template_name)
        else:
            template = select_template(template_name)
        return template.render(context={"table": table}, request=request)
    finally:
        del table.context


@register.simple_tag(takes_context=True)
def page_shell(context):
    """The sidebar and top bar of ``base.html`` (``includes/shell.html``), rendered once per user,
    language and active menu item and kept: ``core.context_processors.shell_html``."""
    from anjian.core.context_processors import shell_html

    return shell_html(context)
