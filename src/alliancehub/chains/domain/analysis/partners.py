"""An organisation's partners along its chains: who supplies its links and whom they supply."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.db.models import Value as V

from ....organizations.models import Organization
from ...enums import PositionStatus
from ...models import Chain, Link, Position
from ..templates import effective_feeds
from .figures import descendants, live_links, nearest_first


@dataclass
class Partners:
    upstream: list[tuple[Link, list[Organization]]]
    downstream: list[tuple[Link, list[Organization]]]


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
        chain_links = live_links(chain)
        links.update({link.pk: link for link in chain_links})
        below.update(descendants(chain_links))
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
    nearness = nearest_first(organization.region, "region__code") if organization.region else V(2)
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
