from typing import Any

from rest_framework import pagination
from rest_framework.response import Response

from ..pagination import CappedCountPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M`` with a bounded page size.

    ``count`` stops at 10,000; ``count_capped`` says whether there are more matches.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = CappedCountPaginator

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None  # paginate_queryset ran first
        paginator: Any = self.page.paginator
        return Response(
            {
                "count": paginator.count,
                "count_capped": paginator.count_capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "True when there are more matches than `count` (10,000).",
        }
        response["required"] = [*response.get("required", []), "count_capped"]
        return response
