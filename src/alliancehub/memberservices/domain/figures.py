"""The secretariat's figures by service kind: volumes, median first-response and resolution
times, overdue counts and average ratings.

Medians are taken in Python over one query's timestamps: portable (SQLite has no median)
and cheap for the few thousand requests an alliance sees in a year.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.utils import timezone
from django.utils.translation import gettext as _

from ...alliances.models import Alliance
from ..enums import OPEN_STATUSES, ServiceKind
from ..models import ServiceRequest


@dataclass
class KindFigures:
    kind: str
    label: str
    requests: int = 0
    open: int = 0
    overdue: int = 0
    median_first_response: timedelta | None = None
    median_resolution: timedelta | None = None
    average_rating: Decimal | None = None
    ratings: int = 0

    @staticmethod
    def hours(value: timedelta | None) -> Decimal | None:
        if value is None:
            return None
        return Decimal(value.total_seconds() / 3600).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def first_response_hours(self) -> Decimal | None:
        return self.hours(self.median_first_response)

    @property
    def resolution_hours(self) -> Decimal | None:
        return self.hours(self.median_resolution)


def _median(values: list[timedelta]) -> timedelta | None:
    if not values:
        return None
    return timedelta(seconds=median(value.total_seconds() for value in values))


def figures(alliance: Alliance, now: datetime | None = None) -> list[KindFigures]:
    """One row per service kind that has requests, in the order of ``ServiceKind``, then a
    total row (kind ``""``)."""
    now = now or timezone.now()
    rows = ServiceRequest.objects.for_alliance(alliance).values_list(
        "service__kind", "status", "submitted_at", "first_response_at", "resolved_at", "due_at",
        "rating",
    )  # fmt: skip
    by_kind: dict[str, list[tuple]] = {}
    for row in rows:
        by_kind.setdefault(row[0], []).append(row)
    result = [
        _summarise(kind, str(label), by_kind[kind], now)
        for kind, label in ServiceKind.choices
        if kind in by_kind
    ]
    everything = [row for kind_rows in by_kind.values() for row in kind_rows]
    if everything:
        result.append(_summarise("", _("All kinds"), everything, now))
    return result


def _summarise(kind: str, label: str, rows: list[tuple], now: datetime) -> KindFigures:
    found = KindFigures(kind=kind, label=label, requests=len(rows))
    first, resolution, ratings = [], [], []
    for _kind, status, submitted, responded, resolved, due, rating in rows:
        if status in OPEN_STATUSES:
            found.open += 1
            found.overdue += due < now
        if responded is not None:
            first.append(responded - submitted)
        if resolved is not None:
            resolution.append(resolved - submitted)
        if rating is not None:
            ratings.append(rating)
    found.median_first_response = _median(first)
    found.median_resolution = _median(resolution)
    if ratings:
        found.ratings = len(ratings)
        found.average_rating = (Decimal(sum(ratings)) / len(ratings)).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
    return found
