"""Pagination whose cost does not grow with the number of matches."""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet


class CappedCountPaginator(Paginator):
    """Counts matches only up to ``count_cap``; beyond that, ``count_capped`` is true.

    An exact ``COUNT(*)`` of a common word among a million organisations costs more than
    the page itself; nobody pages through more than ten thousand results, so the count
    stops there (``SELECT COUNT(*) FROM (… LIMIT cap + 1)``).
    """

    count_cap = 10_000

    @cached_property
    def _bounded_count(self) -> int:
        # django-tables2 hands over its rows wrapper; the queryset is inside it.
        queryset = getattr(getattr(self.object_list, "data", None), "data", self.object_list)
        if isinstance(queryset, QuerySet):
            # Without the ordering, the database may count the matches in any order it likes.
            return queryset.order_by()[: self.count_cap + 1].count()
        return len(self.object_list)

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.count_cap)

    @cached_property
    def count_capped(self) -> bool:
        return self._bounded_count > self.count_cap
