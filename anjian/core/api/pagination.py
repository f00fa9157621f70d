from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from anjian.core.pagination import CappedPaginator


class CappedPageNumberPagination(PageNumberPagination):
    """Page-number pagination whose count stops at LIST_COUNT_CAP (see core.pagination).

    ``count`` is exact up to the cap; past it ``count_capped`` is true and ``count`` is the cap.
    ``next`` keeps working past the cap until the last row, so a client that follows ``next``
    receives every row.
    """

    django_paginator_class = CappedPaginator
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "count_capped": self.page.paginator.count_capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "True when there are more rows than `count` (the count's cap); "
            "follow `next` to reach them.",
        }
        return response
