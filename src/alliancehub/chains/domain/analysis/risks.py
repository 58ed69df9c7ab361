"""Where a region's supply is fragile: links held by one or two organisations, and links
it has nothing on that feed its strong ones."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ....organizations.models import Organization, Region
from ...enums import LinkStatus, PositionStatus
from ...models import Chain, Link, Position
from ..names import localized
from ..templates import effective_feeds
from .figures import chain_map, descendants, in_region, local_and_national, nearest_first


@dataclass
class Risk:
    link: Link
    kind: str  # "concentrated" | "external_supply"
    detail: str
    organizations: list[Organization] = field(default_factory=list)


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
    below = descendants(links)
    local, national = local_and_national(links, region, None)
    found: list[Risk] = []
    concentrated = {f.link.pk: f for f in figures if f.count in (1, 2)}
    holders: dict[int, list[Organization]] = defaultdict(list)
    for position in (
        Position.objects.filter(
            in_region(region, "region_code"), link_id__in=list(concentrated),
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
            ).annotate(nearness=nearest_first(region, "region__code"))
            .order_by("nearness", "name", "id")[:5]
        )  # fmt: skip
        found.append(Risk(link, "external_supply", detail, list(suppliers)))
    found.sort(key=lambda risk: (risk.link.order, risk.kind))
    return found
