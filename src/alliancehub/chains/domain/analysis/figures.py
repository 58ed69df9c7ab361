"""A chain's links in a region: how many organisations sit on each, and its status.

Counting. ``LinkRegionCount`` holds, per link, the organisations with a confirmed position in
each region *including its sub-regions* (a county's organisations count for its prefecture,
its province and the country), so a region's count on every link of a chain is one indexed
read of one row per link, however many positions there are. With an ``alliance`` the count
is of confirmed positions held by organisations that are members of the alliance today (one
grouped query over positions). A link's count is its **own** positions: an organisation on
``fuelcell.mea`` counts for ``fuelcell.mea``, not for its parent ``fuelcell``.

Status. ``expected`` = the national median of the per-link counts × the region's share of the
organisations registered nationally (``RegionTally``; with an alliance: the share of its
members today in the region). The median runs over the chain's non-retired links whose status
is their own, i.e. leaves and parents with own positions somewhere; parents without any would
only pull it to zero. A link is *missing* with a count of 0, *weak* when
``count < weak_share × expected``, *strong* otherwise. A parent with no own positions in the
region takes the best status of its children (strong > weak > missing), so a stage heading
is green when something under it is. Every figure is read fresh: a position added or an
organisation registered shows on the next map.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from statistics import median
from typing import Any

from django.core.cache import cache
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, When
from django.db.models import Value as V
from django.utils import timezone

from ....alliances.domain.membership import in_force_on
from ....alliances.models import Alliance, Membership
from ....organizations.domain import tallies
from ....organizations.domain.regions import prefix_bounds
from ....organizations.domain.tallies import COUNTRY
from ....organizations.models import Organization, Region
from ...enums import LinkStatus, PositionStatus
from ...models import Chain, Link, LinkRegionCount, Position, SupplyEdge

DEFAULT_WEAK_SHARE = 0.25
RANK: dict[str, int] = {LinkStatus.MISSING: 0, LinkStatus.WEAK: 1, LinkStatus.STRONG: 2}


@dataclass
class LinkFigure:
    """One link of a chain for a region, with the numbers behind its status."""

    link: Link
    count: int  # organisations with a confirmed position on the link itself, in the region
    expected: float  # the national per-link median scaled to the region's size
    status: str  # LinkStatus
    share: float | None  # count / expected when expected > 0


@dataclass
class ChainMap:
    chain: Chain
    region: Region | None
    alliance: Alliance | None
    links: list[LinkFigure]  # in template order
    edges: list[tuple[Link, Link]]  # the template's feeds: (supplier, supplied)


def in_region(region: Region | None, field_name: str) -> Q:
    if region is None:
        return Q()
    low, high = prefix_bounds(region.prefix)
    return Q(**{f"{field_name}__gte": low, f"{field_name}__lt": high})


def member_today(alliance: Alliance | None, organization_path: str) -> Exists:
    """Exists: the organisation at ``organization_path`` is a member (of ``alliance``, or of any
    alliance when None) today."""
    periods = Membership.objects.filter(
        in_force_on(timezone.localdate()), organization=OuterRef(organization_path)
    )
    if alliance is not None:
        periods = periods.filter(alliance=alliance)
    return Exists(periods)


def _link_counts(links: list[Link], *codes: str) -> dict[str, dict[int, int]]:
    """Region code (``""``: the country) → link id → organisations there, one query."""
    found: dict[str, dict[int, int]] = {code: {} for code in codes}
    rows = LinkRegionCount.objects.filter(
        link_id__in=[link.pk for link in links], region_code__in=codes
    ).values_list("region_code", "link_id", "count")
    for code, link_id, count in rows:
        found[code][link_id] = count
    return found


def _member_counts(links: list[Link], region: Region | None, alliance: Alliance) -> dict[int, int]:
    """Link id → the alliance's members today with a confirmed position there, in ``region``."""
    rows = (
        Position.objects.filter(
            in_region(region, "region_code"), member_today(alliance, "organization_id"),
            link_id__in=[link.pk for link in links], status=PositionStatus.CONFIRMED,
        )
        .values("link_id").annotate(n=Count("id")).values_list("link_id", "n")
    )  # fmt: skip
    return {link_id: int(n) for link_id, n in rows}


def local_and_national(
    links: list[Link], region: Region | None, alliance: Alliance | None
) -> tuple[dict[int, int], dict[int, int]]:
    """(counts in the region — of the alliance's members when given —, national counts)."""
    code = region.code if region is not None else COUNTRY
    if alliance is not None:
        return _member_counts(links, region, alliance), _link_counts(links, COUNTRY)[COUNTRY]
    both = _link_counts(links, code, COUNTRY)
    return both[code], both[COUNTRY]


def _population(region: Region | None, alliance: Alliance | None) -> float:
    """The region's share of the organisations registered nationally (1 for the country)."""
    if region is None and alliance is None:
        return 1.0
    code = region.code if region is not None else COUNTRY
    registered = tallies.organizations_in(code, COUNTRY)
    national = registered[COUNTRY]
    if not national:
        return 0.0
    if alliance is not None:  # members are few: counted live
        members = Organization.objects.filter(
            in_region(region, "region_id"), member_today(alliance, "pk"), region__isnull=False
        )
        return members.count() / national
    return registered[code] / national


#: A chain's links and edges change only when a template is loaded (its digest is part of the
#: key) or edited in the admin, so they are cached this long.
STRUCTURE_SECONDS = 300


def _cached(key: str, compute: Callable[[], Any]) -> Any:
    return cache.get_or_set(f"chains:structure:{key}", compute, STRUCTURE_SECONDS)


def _children(links: list[Link]) -> dict[int, list[Link]]:
    children: dict[int, list[Link]] = defaultdict(list)
    for link in links:
        if link.parent_id is not None:
            children[link.parent_id].append(link)
    return children


def _figures(
    links: list[Link], counts: dict[int, int], national: dict[int, int], scale: float,
    weak_share: float,
) -> list[LinkFigure]:  # fmt: skip
    children = _children(links)
    own = [
        national.get(link.pk, 0) for link in links if not children[link.pk] or national.get(link.pk)
    ]
    expected = float(median(own)) * scale if own else 0.0
    figures: dict[int, LinkFigure] = {}
    for link in reversed(links):  # children come after their parent in a template
        count = counts.get(link.pk, 0)
        if count == 0 and children[link.pk]:
            status = max(
                (figures[c.pk].status for c in children[link.pk]),
                key=RANK.__getitem__,
            )
        elif count == 0:
            status = LinkStatus.MISSING
        elif count < weak_share * expected:
            status = LinkStatus.WEAK
        else:
            status = LinkStatus.STRONG
        share = count / expected if expected > 0 else None
        figures[link.pk] = LinkFigure(link, count, expected, str(status), share)
    return [figures[link.pk] for link in links]


def _structure(chain: Chain) -> tuple[list[Link], list[tuple[Link, Link]]]:
    """The chain's live links in template order and its supply edges between them, cached
    (``STRUCTURE_SECONDS``) as one entry."""

    def read() -> tuple[list[Link], list[tuple[Link, Link]]]:
        links = list(
            Link.objects.filter(chain=chain, retired=False)
            .select_related("chain")
            .order_by("order")
        )
        by_id = {link.pk: link for link in links}
        edges = SupplyEdge.objects.filter(chain=chain).order_by("source__order", "target__order")
        return links, [
            (by_id[source], by_id[target])
            for source, target in edges.values_list("source_id", "target_id")
            if source in by_id and target in by_id
        ]

    return _cached(f"{chain.pk}:{chain.source_digest}", read)


def live_links(chain: Chain) -> list[Link]:
    return _structure(chain)[0]


def chain_map(
    chain: Chain,
    *,
    region: Region | None = None,
    alliance: Alliance | None = None,
    weak_share: float = DEFAULT_WEAK_SHARE,
) -> ChainMap:
    """Every non-retired link of ``chain`` with its count and status for ``region`` (the whole
    country when None), optionally counting only the members of ``alliance`` today; and the
    supply edges. A fixed number of queries, whatever the number of links or positions."""
    links, edges = _structure(chain)
    counts, national = local_and_national(links, region, alliance)
    figures = _figures(links, counts, national, _population(region, alliance), weak_share)
    return ChainMap(chain, region, alliance, figures, edges)


def gaps(
    chain: Chain, region: Region, *, weak_share: float = DEFAULT_WEAK_SHARE
) -> list[LinkFigure]:
    """Each link's status in ``region`` with the numbers behind it (all organisations)."""
    return chain_map(chain, region=region, weak_share=weak_share).links


def descendants(links: list[Link]) -> dict[int, set[int]]:
    """Link id → its own id and the ids of every link below it."""
    children = _children(links)
    below: dict[int, set[int]] = {}
    for link in reversed(links):
        below[link.pk] = {link.pk}.union(*(below[c.pk] for c in children[link.pk]))
    return below


def nearest_first(region: Region, field_name: str) -> Case:
    """0 in ``region``'s prefecture, 1 in its province, 2 elsewhere."""
    return Case(
        When(**{f"{field_name}__startswith": region.code[:4]}, then=V(0)),
        When(**{f"{field_name}__startswith": region.code[:2]}, then=V(1)),
        default=V(2), output_field=IntegerField(),
    )  # fmt: skip
