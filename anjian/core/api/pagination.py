from rest_framework.pagination import PageNumberPagination

from anjian.core.pagination import CappedPaginator


class CappedPageNumberPagination(PageNumberPagination):
    """Page-number pagination whose count stops at LIST_COUNT_CAP (see core.pagination)."""

    django_paginator_class = CappedPaginator
    page_size_query_param = "page_size"
    max_page_size = 200
