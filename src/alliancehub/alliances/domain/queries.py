"""Read-only views of an alliance's registry, shared by pages and the API."""

from datetime import date

from django.db.models import Count, QuerySet
from django.utils.functional import Promise

from ..enums import MembershipTier
from ..models import Alliance, Membership
from .membership import in_force_on, members_on

StrOrPromise = str | Promise


def alliances_with_member_counts(day: date) -> QuerySet[Alliance]:
    """Every alliance, annotated with ``member_count``: its member units on ``day``."""
    return Alliance.objects.select_related("region").annotate(
        member_count=Count("memberships", filter=in_force_on(day, prefix="memberships__"))
    )


def roster(alliance: Alliance, day: date) -> list[tuple[StrOrPromise, list[Membership]]]:
    """The members in force on ``day``, grouped by tier from the chair down (empty tiers left out).

    One query, whatever the number of members.
    """
    by_tier: dict[str, list[Membership]] = {}
    periods = members_on(alliance, day).select_related("organization__region")
    for membership in periods.order_by("organization__name"):
        by_tier.setdefault(membership.tier, []).append(membership)
    return [(label, by_tier[value]) for value, label in MembershipTier.choices if value in by_tier]
