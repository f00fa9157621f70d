import secrets

from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from anjian.core import navigation
from anjian.core.scoping import jurisdiction_for

# The menu of a set of permissions, and its HTML with the items a path makes active, per process:
# the same for every user holding the same permissions (a role), in a language, under a URL conf.
_MENUS: dict = {}
_MENU_HTML: dict = {}
MENU_CACHE_SIZE = 512


def shell(request):
    """What the page shell needs on every page: the menu and the user's jurisdiction.

    Computed once per request: template columns of a table render their cells with a
    RequestContext, which runs the context processors again for every cell.
    """
    cached = getattr(request, "_anjian_shell", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        cached = {}
    else:
        menu = menu_with_active(user, request.path)
        cached = {
            "nav_menu": menu,
            "nav_menu_html": menu_html(menu),
            "user_jurisdiction": jurisdiction_for(user),
        }
    request._anjian_shell = cached
    return cached


def _bounded(cache: dict) -> dict:
    if len(cache) >= MENU_CACHE_SIZE:
        cache.clear()
    return cache


def menu_with_active(user, path: str):
    """``navigation.menu_for(user, path)``, the same list, without a ``reverse()`` and a
    permission check per item on every page: the menu of the user's permissions is built once
    per process (per language and URL conf), only the active items are worked out per path."""
    key = (
        user.is_active,
        user.is_superuser,
        frozenset(user.get_all_permissions()),
        get_language(),
        get_script_prefix(),
        get_urlconf(),
        len(navigation._items),
    )
    base = _MENUS.get(key)
    if base is None:
        base = _bounded(_MENUS)[key] = (key, navigation.menu_for(user, ""))
    key, menu = base
    return _Menu(
        [
            (label, [(item, url, path.startswith(url), badge) for item, url, _a, badge in entries])
            for label, entries in menu
        ],
        key,
    )


class _Menu(list):
    """The menu's list, carrying the cache key of the permissions it was built for."""

    def __init__(self, entries, key):
        super().__init__(entries)
        self.key = key


def menu_html(menu) -> str:
    """The menu's groups as ``templates/base.html`` drew them with a ``{% for %}`` loop per
    group and item (same markup, ``tests`` compare the two), cached per permissions, language
    and active items."""
    active = tuple(url for _label, entries in menu for _i, url, on, _b in entries if on)
    key = (getattr(menu, "key", None), active)
    html = _MENU_HTML.get(key) if key[0] is not None else None
    if html is not None:
        return html
    out = []
    for label, entries in menu:
        label = escape(label)
        out.append(
            '<div class="app-nav-group" role="group" aria-label="'
            + label
            + '"><div class="app-nav-group-label" aria-hidden="true">'
            + label
            + "</div>"
        )
        for item, url, on, badge_url in entries:
            out.append(
                '<a class="app-nav-link'
                + (' active" href="' if on else '" href="')
                + escape(url)
                + ('" aria-current="page">' if on else '">')
                + '<i class="bi bi-'
                + escape(item.icon)
                + '" aria-hidden="true"></i>'
                + escape(item.label)
            )
            if badge_url:
                out.append(
                    '<span class="nav-badge" hx-get="'
                    + escape(badge_url)
                    + '" hx-trigger="load" hx-swap="outerHTML"></span>'
                )
            out.append("</a>")
        out.append("</div>")
    html = mark_safe("".join(out))
    if key[0] is not None:
        _bounded(_MENU_HTML)[key] = html
    return html


# The sidebar and top bar of a page (``templates/includes/shell.html``) per user, language and
# active menu item, with stand-ins for the two bits that differ per request: the CSRF token of the
# sign-out and language forms, and the language form's ``next`` (the page's own path).
_SHELL_HTML: dict = {}
SHELL_CACHE_SIZE = 1024
SHELL_TEMPLATE = "includes/shell.html"
# Letters and digits only: escaping leaves them as they are, no page text holds them.
_CSRF_MARK = "anjianshellcsrf" + secrets.token_hex(12)
_NEXT_MARK = "anjianshellnext" + secrets.token_hex(12)


class _ShellRequest:
    """The request as the shell template sees it while it is rendered for the cache: the same,
    except that its path is the stand-in that each request's own path replaces."""

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return getattr(self._request, name)

    def get_full_path(self):
        return _NEXT_MARK


def shell_key(context):
    """Everything ``includes/shell.html`` shows, apart from the CSRF token and the page's path —
    the user's names, roles and jurisdiction, the menu of their permissions with its active items,
    whether this is the home page, the language, the URL conf — or None when the page is not for
    a signed-in user (then the shell is rendered as a template every time)."""
    request = context.get("request")
    user = context.get("user")
    if request is None or user is None or not getattr(user, "is_authenticated", False):
        return None
    if context.get("user") is not getattr(request, "user", None):
        return None
    menu_html = context.get("nav_menu_html")
    jurisdiction = context.get("user_jurisdiction")
    token = context.get("csrf_token")
    if menu_html is None or jurisdiction is None or not token or token == "NOTPROVIDED":
        return None
    region = user.home_region
    match = getattr(request, "resolver_match", None)
    return (
        user.pk,
        user.username,
        user.full_name,
        tuple(user.role_labels),
        bool(jurisdiction.unrestricted),
        None if region is None else region.name,
        menu_html,
        getattr(match, "view_name", None) == "core:home",
        get_language(),
        context.get("LANGUAGE_CODE"),
        get_script_prefix(),
        get_urlconf(),
    )


def shell_html(context):
    """``{% include "includes/shell.html" %}``, the same HTML, rendered once per ``shell_key`` and
    kept (per process, bounded); per request only the CSRF token and the page's path are put in
    (escaped as the template escapes them). ``anjian/core/tests`` compares it with the include for
    personas, languages and pages, and checks that a changed name, role or region shows at once."""
    template = context.template.engine.get_template(SHELL_TEMPLATE)
    key = shell_key(context)
    if key is None:
        return template.render(context)
    html = _SHELL_HTML.get(key)
    if html is None:
        with context.push(csrf_token=_CSRF_MARK, request=_ShellRequest(context["request"])):
            html = template.render(context)
        if len(_SHELL_HTML) >= SHELL_CACHE_SIZE:
            _SHELL_HTML.clear()
        _SHELL_HTML[key] = html
    request = context["request"]
    return mark_safe(
        html.replace(_CSRF_MARK, escape(str(context["csrf_token"]))).replace(
            _NEXT_MARK, escape(request.get_full_path())
        )
    )
