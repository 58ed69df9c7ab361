"""Organisations per region, rolled up to every enclosing region and the country.

A county-level code ``330602`` counts for itself, its prefecture ``330600``, its province
``330000`` and the country (the empty code), the same roll-up as ``regions.prefix_bounds``.
"""

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F

from ..models import Organization, RegionTally

COUNTRY = ""


def enclosing_codes(code: str | None) -> list[str]:
    """``code`` and the codes of the regions that contain it, down to the country (``""``)."""
    if not code:
        return []
    codes = [code, code[:4] + "00", code[:2] + "0000", COUNTRY]
    return list(dict.fromkeys(codes))


def rolled_up(counts: Iterable[tuple[str | None, int]]) -> Counter[str]:
    """Per-code counts (exact codes) → totals for every enclosing region as well."""
    totals: Counter[str] = Counter()
    for code, n in counts:
        for enclosing in enclosing_codes(code):
            totals[enclosing] += n
    return totals


def adjust(region_codes: Iterable[str | None], delta: int) -> None:
    """Add ``delta`` to the tallies of each region in ``region_codes`` (and of what encloses
    it), one row update per enclosing region, in the caller's transaction."""
    totals = rolled_up((code, delta) for code in region_codes)
    for code, change in sorted(totals.items()):  # a fixed order: no deadlock between writers
        if change == 0:
            continue
        RegionTally.objects.get_or_create(region_code=code)
        RegionTally.objects.filter(region_code=code).update(
            organizations=F("organizations") + change
        )


def organizations_in(*codes: str) -> dict[str, int]:
    """Registered organisations in each region code given (``""``: the country), one query."""
    found = dict(
        RegionTally.objects.filter(region_code__in=codes).values_list(
            "region_code", "organizations"
        )
    )
    return {code: found.get(code, 0) for code in codes}


@transaction.atomic
def refresh_tallies() -> int:
    """Rebuild every tally from the registry (after a bulk load). Returns the rows written."""
    counts = (
        Organization.objects.exclude(region__isnull=True)
        .values("region_id").annotate(n=Count("id")).values_list("region_id", "n")
    )  # fmt: skip
    totals = rolled_up(counts)
    RegionTally.objects.all().delete()
    RegionTally.objects.bulk_create(
        [RegionTally(region_code=code, organizations=n) for code, n in totals.items()],
        batch_size=5000,
    )
    return len(totals)
