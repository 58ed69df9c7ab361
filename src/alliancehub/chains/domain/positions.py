"""Organisations' positions on chain links, and the per-region counts kept beside them.

Only confirmed positions count, in their county and every region enclosing it (prefecture,
province, country). Every function keeps ``LinkRegionCount`` in step in the same transaction,
``move_region`` follows an organisation that moves, and ``refresh_counts`` rebuilds the
counts from the positions (after a bulk load).
"""

from collections import defaultdict
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils.translation import gettext as _

from ...common.domain import audit
from ...organizations.domain import tallies
from ...organizations.models import Organization
from ..enums import PositionRole, PositionSource, PositionStatus
from ..models import Chain, Link, LinkRegionCount, Position

FIELDS = ["products", "role", "capacity", "since", "status"]


def _count(link_id: int, region_code: str, delta: int) -> None:
    """Add ``delta`` to the link's count in the region and in every region enclosing it."""
    for code in tallies.enclosing_codes(region_code):  # county first: a fixed lock order
        LinkRegionCount.objects.get_or_create(link_id=link_id, region_code=code)
        LinkRegionCount.objects.filter(link_id=link_id, region_code=code).update(
            count=F("count") + delta
        )


@transaction.atomic
def add_position(
    organization: Organization,
    link: Link,
    *,
    actor: Any,
    source: str,
    entered_by: str = PositionSource.SECRETARIAT,
    products: str = "",
    role: str = PositionRole.MANUFACTURER,
    capacity: str = "",
    since: date | None = None,
    suggested: bool = False,
    score: float | None = None,
) -> Position:
    """Place ``organization`` on ``link`` (a suggestion waits for a person to confirm it).

    ``source`` is the channel for the audit log (web, API …); ``entered_by`` says who placed
    it (the organisation, a secretariat, an import); a suggestion is always "suggested".

    Side effects: saves the position, updates the region counts if confirmed, audits. Refused
    on a retired link or when the organisation already sits on the link.
    """
    if link.retired:
        raise ValidationError(_("This link is no longer part of the chain."))
    if Position.objects.filter(organization=organization, link=link).exists():
        raise ValidationError(_("This organisation already sits on this link."))
    position = Position(
        organization=organization, link=link, products=products, role=role, capacity=capacity,
        since=since, source=PositionSource.SUGGESTION if suggested else entered_by, score=score,
        status=PositionStatus.SUGGESTED if suggested else PositionStatus.CONFIRMED,
        region_code=organization.region_id or "",
    )  # fmt: skip
    position.full_clean()
    position.save()
    if position.status == PositionStatus.CONFIRMED:
        _count(position.link_id, position.region_code, +1)
    audit.record(position, action=audit.Action.CREATE, actor=actor, source=source,
                 changes=audit.diff({}, audit.snapshot(position, ["link", *FIELDS])))  # fmt: skip
    return position


@transaction.atomic
def confirm_position(position: Position, *, actor: Any, source: str) -> Position:
    """A person confirms a suggested position; from now on it counts."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    if position.status == PositionStatus.CONFIRMED:
        raise ValidationError(_("This position is already confirmed."))
    position.status = PositionStatus.CONFIRMED
    position.confirmed_by = actor if getattr(actor, "pk", None) else None
    position.save(update_fields=["status", "confirmed_by", "updated_at"])
    _count(position.link_id, position.region_code, +1)
    audit.record(position, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"status": [PositionStatus.SUGGESTED, PositionStatus.CONFIRMED]})  # fmt: skip
    return position


@transaction.atomic
def update_position(
    position: Position, data: dict[str, Any], *, actor: Any, source: str
) -> Position:
    """Change products, role, capacity or since-date."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    before = audit.snapshot(position, FIELDS)
    for name in ("products", "role", "capacity", "since"):
        if name in data:
            setattr(position, name, data[name])
    position.full_clean()
    position.save()
    audit.record_changed(position, before, actor=actor, source=source)
    return position


@transaction.atomic
def remove_position(position: Position, *, actor: Any, source: str) -> None:
    """Take an organisation off a link (or dismiss a suggestion)."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    if position.status == PositionStatus.CONFIRMED:
        _count(position.link_id, position.region_code, -1)
    audit.record(position, action=audit.Action.DELETE, actor=actor, source=source,
                 changes=audit.diff(audit.snapshot(position, ["link", *FIELDS]), {}))  # fmt: skip
    position.delete()


@transaction.atomic
def move_region(organization: Organization, *, old: str | None, new: str | None) -> None:
    """The organisation moved from region ``old`` to ``new``: its positions follow, and its
    confirmed ones leave the old region's counts for the new one's."""
    held = Position.objects.filter(organization=organization)
    for link_id in held.filter(status=PositionStatus.CONFIRMED).values_list("link_id", flat=True):
        _count(link_id, old or "", -1)
        _count(link_id, new or "", +1)
    held.update(region_code=new or "")


@transaction.atomic
def refresh_counts(chain: Chain | None = None) -> int:
    """Rebuild the per-region counts (and each position's region) from the positions.

    Returns the number of count rows written.
    """
    positions = (
        Position.objects.all() if chain is None else Position.objects.filter(link__chain=chain)
    )
    stale = positions.exclude(region_code=F("organization__region_id"))
    for position in stale.select_related("organization").iterator(chunk_size=2000):
        Position.objects.filter(pk=position.pk).update(
            region_code=position.organization.region_id or ""
        )
    counts = (
        positions.filter(status=PositionStatus.CONFIRMED).exclude(region_code="")
        .values_list("link_id", "region_code").annotate(n=Count("id"))
    )  # fmt: skip
    by_link: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for link_id, region_code, n in counts:
        by_link[link_id].append((region_code, n))
    old = (
        LinkRegionCount.objects.all()
        if chain is None
        else LinkRegionCount.objects.filter(link__chain=chain)
    )
    old.delete()
    rows = [
        LinkRegionCount(link_id=link_id, region_code=code, count=n)
        for link_id, exact in by_link.items()
        for code, n in tallies.rolled_up(exact).items()
    ]
    LinkRegionCount.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
