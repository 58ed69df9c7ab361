"""Who may do what in an alliance: one set of predicates for pages and the API (django-rules).

Permissions are checked against the alliance object; everything an alliance owns is looked up
through that alliance afterwards (see ``common.models.scoping``).
"""

from typing import Any

import rules
from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .models import AllianceRole

Kind = AllianceRole.Kind


def roles_in(user: Any, alliance: Any) -> set[str]:
    """The user's roles in ``alliance``, read once per user object (i.e. once per request)."""
    if not getattr(user, "is_authenticated", False) or alliance is None:
        return set()
    cache: dict[int, set[str]] = user.__dict__.setdefault("_alliance_roles", {})
    if alliance.pk not in cache:
        cache[alliance.pk] = set(_roles(user, alliance).values_list("role", flat=True))
    return cache[alliance.pk]


def _roles(user: Any, alliance: Any = None) -> QuerySet[AllianceRole]:
    """The user's roles in force (in ``alliance``, or in every alliance when None): a member
    representative's only while its organisation is a member today (a withdrawn member's
    representative keeps no access)."""
    membership = apps.get_model("alliances", "Membership")
    today = timezone.localdate()
    member_now = membership.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today),
        alliance=OuterRef("alliance"), organization=OuterRef("organization"), valid_from__lte=today,
    )  # fmt: skip
    roles = AllianceRole.objects.filter(user=user)
    if alliance is not None:
        roles = roles.filter(alliance=alliance)
    return roles.filter(~Q(role=Kind.MEMBER) | Q(Exists(member_now)))


def alliance_ids_with_roles(user: Any, *kinds: str) -> set[int]:
    """The alliances where ``user`` holds a role in force today (of ``kinds``, or any)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    roles = _roles(user)
    if kinds:
        roles = roles.filter(role__in=kinds)
    return set(roles.values_list("alliance_id", flat=True))


def represented_organization_ids(user: Any, alliance: Any) -> set[int]:
    """The organisations ``user`` acts for in ``alliance`` as a member representative."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        _roles(user, alliance).filter(role=Kind.MEMBER).values_list("organization_id", flat=True)
    )


@rules.predicate
def is_secretariat(user: Any, alliance: Any) -> bool:
    return Kind.SECRETARIAT in roles_in(user, alliance)


@rules.predicate
def is_member_representative(user: Any, alliance: Any) -> bool:
    return Kind.MEMBER in roles_in(user, alliance)


@rules.predicate
def is_observer(user: Any, alliance: Any) -> bool:
    return Kind.OBSERVER in roles_in(user, alliance)


@rules.predicate
def is_expert(user: Any, alliance: Any) -> bool:
    return Kind.EXPERT in roles_in(user, alliance)


@rules.predicate
def represents_an_organization(user: Any) -> bool:
    return bool(getattr(user, "organization_id", None))


is_platform_admin = rules.is_superuser

# Run the alliance: registry, applications, meetings, charter, minutes.
rules.add_perm("alliances.manage", is_platform_admin | is_secretariat)
# Members-only pages and records (read).
rules.add_perm(
    "alliances.view_private",
    is_platform_admin | is_secretariat | is_member_representative | is_observer | is_expert,
)
# Act for one's own member unit: vote, keep its membership details.
rules.add_perm("alliances.act_as_member", is_member_representative)
# Apply to join (any alliance): a signed-in person who represents an organisation.
rules.add_perm("alliances.apply", rules.is_authenticated & represents_an_organization)
