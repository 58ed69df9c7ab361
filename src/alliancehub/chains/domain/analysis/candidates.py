"""Investment attraction: organisations elsewhere on the links a region is missing or weak
on, scored; and the organisations on a link."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, When, Window
from django.db.models import Value as V
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from ....alliances.domain.membership import in_force_on
from ....alliances.models import Alliance, Membership
from ....organizations.domain.regions import YANGTZE_RIVER_DELTA
from ....organizations.enums import OrganizationSize
from ....organizations.models import Organization, Region
from ...enums import LinkStatus, PositionStatus
from ...models import Chain, Link, Position
from .figures import gaps, in_region, member_today


@dataclass
class Candidate:
    organization: Organization
    link: Link
    score: float
    reasons: list[str]


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
        When(member_today(None, "organization_id"), then=V(MEMBER_POINTS)),
        default=V(0), output_field=IntegerField(),
    )  # fmt: skip
    positions = list(
        Position.objects.filter(link__in=targets, status=PositionStatus.CONFIRMED)
        .exclude(in_region(region, "region_code"))
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
        in_region(region, "region_code"), organization=OuterRef("pk"), link=link,
        status=PositionStatus.CONFIRMED,
    )  # fmt: skip
    organizations = Organization.objects.filter(Exists(positions))
    if alliance is not None:
        organizations = organizations.filter(member_today(alliance, "pk"))
    return organizations.select_related("region").order_by("name", "id")
