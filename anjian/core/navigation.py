"""The left navigation and the home-page counters; apps register theirs in AppConfig.ready()."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.core.pagination import capped_count
from anjian.core.scoping import permission_name

# The groups of the left navigation, in the order users see them (ui.md).
GROUPS = [
    ("supervision", _("Supervised entities")),
    ("spaces", _("Confined spaces")),
    ("hazards", _("Hazards")),
    ("enforcement", _("Inspection and enforcement")),
    ("accidents", _("Accidents and evaluation")),
    ("statistics", _("Statistics")),
    ("system", _("System administration")),
]


@dataclass(frozen=True)
class NavItem:
    group: str
    label: str
    url_name: str
    permission: str
    icon: str = "circle"
    # Optional: a URL answering the item's count as a small badge; the menu loads it after the
    # page (htmx), so no page pays for the count in its own queries.
    badge_url_name: str = ""


@dataclass(frozen=True)
class Counter:
    label: str
    model: type
    url_name: str
    icon: str = "circle"
    # Optional: count only the rows matching these lookups (e.g. {"status": "filed"}) and link to
    # the list with this query string (e.g. "status=filed").
    lookups: tuple = ()
    query: str = ""


_items: list[NavItem] = []
_counters: list[Counter] = []


def register_item(
    group, label, url_name, *, model=None, permission=None, icon="circle", badge_url_name=""
):
    perm = permission or permission_name(model, "view")
    item = NavItem(group, label, url_name, perm, icon, badge_url_name)
    if item not in _items:
        _items.append(item)


def register_counter(label, model, url_name, icon="circle", *, lookups=None, query=""):
    counter = Counter(label, model, url_name, icon, tuple(sorted((lookups or {}).items())), query)
    if counter not in _counters:
        _counters.append(counter)


def menu_for(user, current_path: str = ""):
    """[(group label, [(item, url, active, badge url)])] holding only what ``user`` may open."""
    if not user.is_authenticated:
        return []
    menu = []
    for code, label in GROUPS:
        entries = []
        for item in _items:
            if item.group == code and user.has_perm(item.permission):
                url = reverse(item.url_name)
                item_badge = reverse(item.badge_url_name) if item.badge_url_name else ""
                entries.append((item, url, current_path.startswith(url), item_badge))
        if entries:
            menu.append((label, entries))
    return menu


class CappedCount(int):
    """A count that stopped at the cap: ``capped`` says there are more (the page shows "N+")."""

    capped = False

    @classmethod
    def of(cls, queryset):
        count, capped = capped_count(queryset)
        value = cls(count)
        value.capped = capped
        return value

    @property
    def text(self) -> str:
        """The count as shown: "N", or "N+" when it stopped at the cap."""
        return f"{int(self)}+" if self.capped else str(int(self))


def count_visible(user, model, **lookups) -> CappedCount:
    """The rows of ``model`` that ``user`` may view, matching ``lookups``, counted up to the cap
    (``LIST_COUNT_CAP``): the one count behind the home counters and the menu's badges."""
    rows = model._default_manager.restrict(user, "view")
    if lookups:
        rows = rows.filter(**lookups)
    return CappedCount.of(rows)


def counters_for(user):
    """[(counter, count, url)] — each count runs through the user's scope and stops at the cap
    (``LIST_COUNT_CAP``), so the home page never counts a whole big table."""
    result = []
    for counter in _counters:
        if user.has_perm(permission_name(counter.model, "view")):
            count = count_visible(user, counter.model, **dict(counter.lookups))
            url = reverse(counter.url_name)
            result.append((counter, count, f"{url}?{counter.query}" if counter.query else url))
    return result
