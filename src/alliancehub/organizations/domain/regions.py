"""The shipped reference tables (GB/T 2260 regions, GB/T 4754 industries) and region lookups."""

import csv
from functools import lru_cache
from pathlib import Path

from django.db import transaction
from django.db.models import Q, QuerySet

from ...common.text import fold
from ..enums import RegionLevel
from ..models import Industry, Organization, Region

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_reference_data(
    region_model: type[Region] = Region, industry_model: type[Industry] = Industry
) -> None:
    """Insert or update every region and industry class from ``data/`` (idempotent).

    Takes the model classes so data migrations can pass their historical models.
    """
    rows = _rows("regions.csv")
    # Parents first, so every foreign key points at a row that exists.
    region_fields = ("name", "name_zh_hant", "name_en", "level", "parent_id")
    for level in (RegionLevel.PROVINCE, RegionLevel.PREFECTURE, RegionLevel.COUNTY):
        region_model.objects.bulk_create(
            [
                region_model(
                    code=row["code"],
                    name=row["name"],
                    name_zh_hant=row["name_zh_hant"],
                    name_en=row["name_en"],
                    level=row["level"],
                    parent_id=row["parent"] or None,
                )
                for row in rows
                if row["level"] == level
            ],
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=list(region_fields),
        )
    industry_fields = ("section", "name", "name_zh_hant", "name_en")
    industry_model.objects.bulk_create(
        [
            industry_model(code=r["code"], **{f: r[f] for f in industry_fields})
            for r in _rows("industries.csv")
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=list(industry_fields),
    )


#: The Yangtze River Delta: Shanghai, Jiangsu, Zhejiang, Anhui (GB/T 2260 province prefixes).
YANGTZE_RIVER_DELTA = ("31", "32", "33", "34")


def prefix_bounds(prefix: str) -> tuple[str, str]:
    """``[low, high)`` covering every code that starts with ``prefix`` (a plain B-tree range)."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def within(queryset: QuerySet[Organization], region: Region) -> QuerySet[Organization]:
    """Organisations located in ``region`` or any of its sub-regions."""
    low, high = prefix_bounds(region.prefix)
    return queryset.filter(region_id__gte=low, region_id__lt=high)


def path(region: Region) -> list[Region]:
    """The region and its ancestors, province first."""
    chain = [region]
    while chain[0].parent is not None:
        chain.insert(0, chain[0].parent)
    return chain


@lru_cache(maxsize=1)
def _name_index() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for region in Region.objects.select_related("parent__parent"):
        names = {region.name, region.name_en, region.name_zh_hant}
        full = "".join(r.name for r in path(region))
        names.add(full)
        for name in names:
            index.setdefault(fold(name).replace(" ", ""), []).append(region.code)
    return index


#: Generic endings a person may leave off a region's name: 诸暨 for 诸暨市.
_SUFFIXES = ("", "市", "县", "区", "省", "自治区", "自治州", "自治县", "地区", "盟", "旗")


def resolve(value: str) -> list[str]:
    """The region codes ``value`` may mean: a code, a name, or a full name (浙江省绍兴市诸暨市).

    A name without its generic ending (诸暨, 绍兴) is tried with each ending.
    """
    value = (value or "").strip()
    if value.isdigit():
        return [value] if Region.objects.filter(code=value).exists() else []
    key = fold(value).replace(" ", "")
    index = _name_index()
    if key in index:
        return sorted(set(index[key]))
    # 朝阳 may be 朝阳市 or one of several 朝阳区: every match is returned, for the caller to ask.
    return sorted({code for suffix in _SUFFIXES[1:] for code in index.get(key + suffix, [])})


def suggest_regions(typed: str) -> QuerySet[Region]:
    """Regions whose code starts with, or whose name contains, what the user has typed so far;
    the provinces when nothing is typed."""
    typed = typed.strip()
    regions = Region.objects.select_related("parent__parent").order_by("code")
    if typed.isdigit():
        return regions.filter(code__startswith=typed)
    if typed:
        return regions.filter(
            Q(name__contains=typed) | Q(name_zh_hant__contains=typed) | Q(name_en__icontains=typed)
        )
    return regions.filter(level=RegionLevel.PROVINCE)
