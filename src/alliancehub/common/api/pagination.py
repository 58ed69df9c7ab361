from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M`` with a bounded page size."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
