"""Pagination that never counts a huge table in full, and still reaches every row.

The count runs on ``queryset[:cap + 1]`` (``SELECT COUNT(*) FROM (… LIMIT cap+1)``), so a list page
costs the same whether the table holds a hundred rows or ten million; past the cap the page says
"more than N". Pages beyond the cap stay reachable: a page fetches one row more than it shows, so
it knows whether a next page exists without any count, and the pager shows "next" (never a "last
page") until the rows run out. The same paginator serves the HTML lists (django-tables2) and the
API lists (``core.api.pagination``), so a client following ``next`` gets every row.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

GAP = "…"


def capped_count(queryset, cap: int | None = None) -> tuple[int, bool]:
    """(count, capped): the rows of ``queryset`` counted up to ``cap`` (``LIST_COUNT_CAP``);
    ``capped`` says there are more. The one way to count a list anywhere (pages, API, home)."""
    cap = settings.ANJIAN_COUNT_CAP if cap is None else cap
    count = queryset[: cap + 1].count()
    return min(count, cap), count > cap


class CappedPage(Page):
    """A page that knows whether more rows follow from the one extra row it fetched."""

    def __init__(self, object_list, number, paginator, has_more: bool | None = None):
        super().__init__(object_list, number, paginator)
        self._has_more = has_more

    def has_next(self):
        if self._has_more is not None:
            return self._has_more
        return super().has_next()

    def end_index(self):
        if self._has_more is not None:
            return (self.number - 1) * self.paginator.per_page + len(self.object_list)
        return super().end_index()

    @property
    def links(self) -> list:
        """Page numbers for the pager: the first, a window around this one and, only when the
        total is known, the last; ``GAP`` where numbers are left out."""
        return self.paginator.page_links(self)


class CappedPaginator(Paginator):
    def __init__(self, *args, cap: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cap = cap if cap is not None else settings.ANJIAN_COUNT_CAP
        self._beyond = None  # (number, has_more) of the last page served past the cap

    @cached_property
    def _counted(self) -> int:
        queryset = self._queryset()
        if queryset is not None:
            return queryset[: self.cap + 1].count()
        return len(self.object_list)

    def _queryset(self):
        """The queryset under ``object_list``: itself, or the (ordered) queryset under
        django-tables2's rows — whose ``len()`` would count the whole table."""
        object_list = self.object_list
        if hasattr(object_list, "query"):
            return object_list
        data = getattr(getattr(object_list, "data", None), "data", None)
        return data if hasattr(data, "query") else None

    @property
    def count(self):
        """The rows counted — at most ``cap`` when there are more (see ``count_capped``)."""
        return min(self._counted, self.cap) if self.count_capped else self._counted

    @property
    def count_capped(self) -> bool:
        return self._counted > self.cap

    @property
    def num_pages(self):
        if not self.count_capped:
            return super().num_pages
        # Unknown: the pages within the cap, or as far as the last page served has seen.
        known = math.ceil(self.cap / self.per_page)
        if self._beyond is not None:
            number, has_more = self._beyond
            known = max(known, number + (1 if has_more else 0))
        return known

    def validate_number(self, number):
        if not self.count_capped:
            return super().validate_number(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number):
        number = self.validate_number(number)
        if not self.count_capped:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        has_more = len(rows) > self.per_page
        rows = rows[: self.per_page]
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        self._beyond = (number, has_more)
        return CappedPage(rows, number, self, has_more)

    def _get_page(self, *args, **kwargs):
        return CappedPage(*args, **kwargs)

    def page_links(self, page, window: int = 2) -> list:
        current = page.number
        if not self.count_capped:
            last = self.num_pages
            numbers = {1, last, *range(current - window, current + window + 1)}
            numbers = sorted(n for n in numbers if 1 <= n <= last)
        else:
            end = current + 1 if page.has_next() else current  # only the next page is known
            numbers = sorted({1, *range(max(1, current - window), end + 1)})
        links: list = []
        for n in numbers:
            if links and n - links[-1] > 1:
                links.append(GAP)
            links.append(n)
        if self.count_capped and page.has_next():
            links.append(GAP)
        return links
