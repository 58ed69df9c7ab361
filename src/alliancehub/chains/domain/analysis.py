"""The chain map, gap analysis, risk list, investment-attraction candidates and partners.

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
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    When,
    Window,
)
from django.db.models import Value as V
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...alliances.domain.membership import in_force_on
from ...alliances.models import Alliance, Membership
from ...organizations.domain import tallies
from ...organizations.domain.regions import prefix_bounds
from ...organizations.domain.tallies import COUNTRY
from ...organizations.enums import OrganizationSize
from ...organizations.models import Organization, Region
from ..enums import LinkStatus, PositionStatus
from ..models import Chain, Link, LinkRegionCount, Position, SupplyEdge
from .names import localized
from .templates import effective_feeds

DEFAULT_WEAK_SHARE = 0.25
#: The Yangtze River Delta: Shanghai, Jiangsu, Zhejiang, Anhui (GB/T 2260 province prefixes).
YANGTZE_RIVER_DELTA = ("31", "32", "33", "34")
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


@dataclass
class Risk:
    link: Link
    kind: str  # "concentrated" | "external_supply"
    detail: str
    organizations: list[Organization] = field(default_factory=list)


@dataclass
class Candidate:
    organization: Organization
    link: Link
    score: float
    reasons: list[str]


@dataclass
class Partners:
    upstream: list[tuple[Link, list[Organization]]]
    downstream: list[tuple[Link, list[Organization]]]


def _in_region(region: Region | None, field_name: str) -> Q:
    if region is None:
        return Q()
    low, high = prefix_bounds(region.prefix)
    return Q(**{f"{field_name}__gte": low, f"{field_name}__lt": high})


def _member_today(alliance: Alliance | None, organization_path: str) -> Exists:
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
            _in_region(region, "region_code"), _member_today(alliance, "organization_id"),
            link_id__in=[link.pk for link in links], status=PositionStatus.CONFIRMED,
        )
        .values("link_id").annotate(n=Count("id")).values_list("link_id", "n")
    )  # fmt: skip
    return {link_id: int(n) for link_id, n in rows}


def _local_and_national(
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
            _in_region(region, "region_id"), _member_today(alliance, "pk"), region__isnull=False
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


def _links(chain: Chain) -> list[Link]:
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
    counts, national = _local_and_national(links, region, alliance)
    figures = _figures(links, counts, national, _population(region, alliance), weak_share)
    return ChainMap(chain, region, alliance, figures, edges)


def gaps(
    chain: Chain, region: Region, *, weak_share: float = DEFAULT_WEAK_SHARE
) -> list[LinkFigure]:
    """Each link's status in ``region`` with the numbers behind it (all organisations)."""
    return chain_map(chain, region=region, weak_share=weak_share).links


def _descendants(links: list[Link]) -> dict[int, set[int]]:
    """Link id → its own id and the ids of every link below it."""
    children = _children(links)
    below: dict[int, set[int]] = {}
    for link in reversed(links):
        below[link.pk] = {link.pk}.union(*(below[c.pk] for c in children[link.pk]))
    return below


def _nearest_first(region: Region, field_name: str) -> Case:
    """0 in ``region``'s prefecture, 1 in its province, 2 elsewhere."""
    return Case(
        When(**{f"{field_name}__startswith": region.code[:4]}, then=V(0)),
        When(**{f"{field_name}__startswith": region.code[:2]}, then=V(1)),
        default=V(2), output_field=IntegerField(),
    )  # fmt: skip


def risks(chain: Chain, region: Region) -> list[Risk]:
    """Where the region's supply is fragile, in template order.

    *concentrated*: the region has one or two organisations on the link (they are listed).
    *external_supply*: the link has no organisation in the region (counting its sub-links)
    but some elsewhere, and feeds a link that is strong here; up to five suppliers elsewhere
    are listed, those in the same province first. A parent is left out when a sub-link of it
    already carries the risk for the same links.
    """
    figures = chain_map(chain, region=region).links
    links = [f.link for f in figures]
    by_id = {link.pk: link for link in links}
    status = {f.link.pk: f.status for f in figures}
    below = _descendants(links)
    local, national = _local_and_national(links, region, None)
    found: list[Risk] = []
    concentrated = {f.link.pk: f for f in figures if f.count in (1, 2)}
    holders: dict[int, list[Organization]] = defaultdict(list)
    for position in (
        Position.objects.filter(
            _in_region(region, "region_code"), link_id__in=list(concentrated),
            status=PositionStatus.CONFIRMED,
        ).select_related("organization").order_by("organization__name", "organization_id")
    ):  # fmt: skip
        holders[position.link_id].append(position.organization)
    for link_id, figure in concentrated.items():
        detail = ngettext(
            "Only {count} organisation in {region} works on {link}.",
            "Only {count} organisations in {region} work on {link}.",
            figure.count,
        ).format(count=figure.count, region=region.localized_name, link=localized(figure.link))
        found.append(Risk(figure.link, "concentrated", detail, holders[link_id]))

    feeds = effective_feeds(chain)
    exposed: dict[int, set[int]] = {}
    for source, targets in feeds.items():
        if source not in by_id:
            continue
        here = sum(local.get(i, 0) for i in below[source])
        elsewhere = sum(national.get(i, 0) for i in below[source]) - here
        strong = {
            t for t in targets
            if t in by_id and status[t] == LinkStatus.STRONG and t not in below[source]
            and source not in below[t]
        }  # fmt: skip
        if here == 0 and elsewhere > 0 and strong:
            exposed[source] = strong
    for source, targets in list(exposed.items()):
        covered = set().union(*(exposed.get(d, set()) for d in below[source] - {source}))
        if targets <= covered:
            del exposed[source]
    for source in exposed:
        link = by_id[source]
        names = "、".join(
            localized(by_id[t]) for t in sorted(exposed[source], key=lambda t: by_id[t].order)
        )
        detail = _(
            "No organisation in {region} works on {link}, which supplies {targets} there: "
            "the supply comes from elsewhere."
        ).format(region=region.localized_name, link=localized(link), targets=names)
        suppliers = (
            Organization.objects.filter(
                Exists(Position.objects.filter(
                    organization=OuterRef("pk"), link_id__in=below[source],
                    status=PositionStatus.CONFIRMED,
                ))
            ).annotate(nearness=_nearest_first(region, "region__code"))
            .order_by("nearness", "name", "id")[:5]
        )  # fmt: skip
        found.append(Risk(link, "external_supply", detail, list(suppliers)))
    found.sort(key=lambda risk: (risk.link.order, risk.kind))
    return found


#: Candidate score, out of 120: size (large 40, medium 30, small 20, micro 10, unknown 0),
#: distance (the region's province 35, another Yangtze River Delta province 15, elsewhere 0),
#: member of any alliance today 25, recognised high-tech enterprise 20 (unknown counts 0).
SIZE_POINTS = {
    OrganizationSize.LARGE: 40, OrganizationSize.MEDIUM: 30, OrganizationSize.SMALL: 20,
    OrganizationSize.MICRO: 10,
}  # fmt: skip
SAME_PROVINCE_POINTS, DELTA_POINTS, MEMBER_POINTS, HIGH_TECH_POINTS = 35, 15, 25, 20


def _score(region: Region) -> tuple[Case, Case]:
    size = Case(
        *(When(organization__size=size, then=V(points)) for size, points in SIZE_POINTS.items()),
        default=V(0), output_field=IntegerField(),
    )  # fmt: skip
    delta = Q()
    for prefix in YANGTZE_RIVER_DELTA:
        delta |= Q(region_code__startswith=prefix)
    distance = Case(
        When(region_code__startswith=region.code[:2], then=V(SAME_PROVINCE_POINTS)),
        When(delta, then=V(DELTA_POINTS)),
        default=V(0), output_field=IntegerField(),
    )  # fmt: skip
    return size, distance


def _reasons(position: Position, region: Region, alliances: list[str]) -> list[str]:
    organization = position.organization
    reasons = []
    if organization.size:
        reasons.append(_("Size: {size}").format(size=OrganizationSize(organization.size).label))
    if organization.high_tech:
        reasons.append(_("High-tech enterprise"))
    if position.region_code.startswith(region.code[:2]):
        reasons.append(_("In the same province"))
    elif position.region_code[:2] in YANGTZE_RIVER_DELTA:
        reasons.append(_("In the Yangtze River Delta"))
    if alliances:
        reasons.append(_("Member of {alliances}").format(alliances="、".join(alliances)))
    return reasons


def candidates(
    chain: Chain, region: Region, *, link: Link | None = None, limit: int = 50
) -> list[Candidate]:
    """Organisations outside ``region`` that sit (confirmed) on each of its missing or weak
    links (or on ``link`` only), to attract there.

    At most ``limit`` per link; links in template order, then by score (see ``SIZE_POINTS``),
    ties by name and id. Each candidate says why, in the active language.
    """
    if link is not None:
        targets = [link]
    else:
        weak = (LinkStatus.MISSING, LinkStatus.WEAK)
        targets = [f.link for f in gaps(chain, region) if f.status in weak]
    if not targets:
        return []
    size, distance = _score(region)
    high_tech = Case(
        When(organization__high_tech=True, then=V(HIGH_TECH_POINTS)),
        default=V(0), output_field=IntegerField(),
    )  # fmt: skip
    member = Case(
        When(_member_today(None, "organization_id"), then=V(MEMBER_POINTS)),
        default=V(0), output_field=IntegerField(),
    )  # fmt: skip
    positions = list(
        Position.objects.filter(link__in=targets, status=PositionStatus.CONFIRMED)
        .exclude(_in_region(region, "region_code"))
        .annotate(points=size + distance + member + high_tech)
        .annotate(rank=Window(
            RowNumber(), partition_by=F("link_id"),
            order_by=[F("points").desc(), F("organization__name").asc(), F("organization_id").asc()],
        ))
        .filter(rank__lte=limit)
        .select_related("organization__region", "link__chain")
    )  # fmt: skip
    names: dict[int, list[str]] = defaultdict(list)
    for organization_id, alliance in (
        Membership.objects.filter(
            in_force_on(timezone.localdate()),
            organization_id__in={p.organization_id for p in positions},
        ).select_related("alliance").order_by("alliance__name").values_list("organization_id", "alliance__name")
    ):  # fmt: skip
        if alliance not in names[organization_id]:
            names[organization_id].append(alliance)
    order = {target.pk: target.order for target in targets}
    positions.sort(key=lambda p: (order[p.link_id], p.rank))
    return [
        Candidate(
            p.organization, p.link, float(p.points), _reasons(p, region, names[p.organization_id])
        )
        for p in positions
    ]


def organizations_on(
    link: Link, *, region: Region | None = None, alliance: Alliance | None = None
) -> QuerySet[Organization]:
    """The organisations with a confirmed position on ``link`` itself (not its sub-links), in
    ``region`` and members of ``alliance`` today when given; by name."""
    positions = Position.objects.filter(
        _in_region(region, "region_code"), organization=OuterRef("pk"), link=link,
        status=PositionStatus.CONFIRMED,
    )  # fmt: skip
    organizations = Organization.objects.filter(Exists(positions))
    if alliance is not None:
        organizations = organizations.filter(_member_today(alliance, "pk"))
    return organizations.select_related("region").order_by("name", "id")


PARTNERS_PER_LINK = 10


def partners(organization: Organization, *, limit: int = PARTNERS_PER_LINK) -> Partners:
    """For every link the organisation sits on (confirmed): the links that supply it
    (upstream) and those it supplies (downstream), and up to ``limit`` organisations on each
    (on the link or below it), those in the same prefecture first, then the same province.

    Supplying a parent supplies its sub-links, and a sub-link supplies what its parent does.
    """
    own = list(
        Link.objects.filter(
            positions__organization=organization, positions__status=PositionStatus.CONFIRMED,
            retired=False,
        ).order_by("chain__slug", "order")
    )  # fmt: skip
    up: dict[int, None] = {}
    down: dict[int, None] = {}
    links: dict[int, Link] = {}
    below: dict[int, set[int]] = {}
    for chain_id in dict.fromkeys(link.chain_id for link in own):
        chain = Chain.objects.get(pk=chain_id)
        chain_links = _links(chain)
        links.update({link.pk: link for link in chain_links})
        below.update(_descendants(chain_links))
        feeds = effective_feeds(chain)
        for link in (link for link in own if link.chain_id == chain_id):
            lineage = _lineage(link, links)
            for source, targets in feeds.items():
                if targets & set(lineage) and source not in below[link.pk] | set(lineage):
                    up.setdefault(source)
            for ancestor in lineage:
                for target in feeds.get(ancestor, set()):
                    if target not in below[link.pk] | set(lineage):
                        down.setdefault(target)
    wanted = {*up, *down}
    if not wanted:
        return Partners([], [])
    nearness = _nearest_first(organization.region, "region__code") if organization.region else V(2)
    found: dict[int, list[Organization]] = {}
    for partner in wanted:
        on_partner = Position.objects.filter(
            organization=OuterRef("pk"), link_id__in=below[partner], status=PositionStatus.CONFIRMED
        )
        found[partner] = list(
            Organization.objects.filter(Exists(on_partner)).exclude(pk=organization.pk)
            .annotate(nearness=nearness).order_by("nearness", "name", "id")[:limit]
        )  # fmt: skip
    return Partners(
        [
            (links[i], found[i])
            for i in sorted(up, key=lambda i: (links[i].chain_id, links[i].order))
        ],
        [
            (links[i], found[i])
            for i in sorted(down, key=lambda i: (links[i].chain_id, links[i].order))
        ],
    )


def _lineage(link: Link, links: dict[int, Link]) -> list[int]:
    """The link's id and its ancestors' ids."""
    lineage = [link.pk]
    while links[lineage[-1]].parent_id is not None:
        lineage.append(links[lineage[-1]].parent_id)  # type: ignore[arg-type]
    return lineage
