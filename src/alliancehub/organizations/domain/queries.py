"""Read-only figures about the registry, shared by pages and the API."""

from typing import Any

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import Substr

from ..models import Organization, Region

FIGURES_CACHE_SECONDS = 300


def _counts() -> dict[str, Any]:
    per_province = (
        Organization.objects.exclude(region=None)
        .annotate(province=Substr("region_id", 1, 2))
        .values("province")
        .annotate(total=Count("id"))
        .order_by("-total")
    )
    return {
        "organizations": Organization.objects.count(),
        "regions": Organization.objects.exclude(region=None).values("region_id").distinct().count(),
        "provinces": [(row["province"] + "0000", row["total"]) for row in per_province],
    }


def registry_figures() -> dict[str, Any]:
    """Counts for the home page: organisations, regions covered, organisations per province.

    They are cached for a few minutes: on a large registry they scan every row, and a
    slightly stale figure is fine on a landing page.
    """
    counts: dict[str, Any] = (
        cache.get_or_set("organizations:figures", _counts, FIGURES_CACHE_SECONDS) or _counts()
    )
    names = Region.objects.in_bulk([code for code, _total in counts["provinces"]])
    return {
        "organization_count": counts["organizations"],
        "region_count": counts["regions"],
        "per_province": [
            {"name": names[code].localized_name, "value": total}
            for code, total in counts["provinces"]
            if code in names
        ],
    }
