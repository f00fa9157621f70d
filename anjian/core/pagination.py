"""Pagination that never counts a huge table in full.

The count runs on ``queryset[:cap + 1]`` (``SELECT COUNT(*) FROM (… LIMIT cap+1)``), so a list page
costs the same whether the table holds a hundred rows or ten million; past the cap the page says
"more than N".
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    def __init__(self, *args, cap: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cap = cap if cap is not None else settings.ANJIAN_COUNT_CAP

    @cached_property
    def count(self):
        object_list = self.object_list
        if hasattr(object_list, "query"):
            return object_list[: self.cap + 1].count()
        return len(object_list)

    @property
    def count_capped(self) -> bool:
        return self.count > self.cap
