"""Who sees and does what with service requests: the one rule behind pages and the API.

The secretariat (``alliances.manage``) sees every request of its alliance. A member
representative sees the requests of the organisations it represents there today; a person
assigned a request sees it, and so do the representatives of a provider organisation it is
assigned to. Nobody sees another alliance's requests: every query starts from the alliance.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from ...accounts.models import AllianceRole
from ...accounts.rules import represented_organization_ids
from ...alliances.models import Alliance
from ..models import Assessment, ServiceRequest

MANAGE = "alliances.manage"
#: The roles whose holders the secretariat may assign a request to.
ASSIGNABLE_ROLES = (AllianceRole.Kind.SECRETARIAT, AllianceRole.Kind.EXPERT)


def is_secretariat(user: Any, alliance: Alliance) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(MANAGE, alliance))


def member_ids(user: Any, alliance: Alliance) -> set[int]:
    """The member organisations ``user`` represents in ``alliance`` today."""
    return represented_organization_ids(user, alliance)


def acting_ids(user: Any, alliance: Alliance) -> set[int]:
    """Every organisation ``user`` acts for: its own (``User.organization``) and those it
    represents in the alliance; a provider's people are found this way."""
    ids = set(member_ids(user, alliance))
    if getattr(user, "organization_id", None):
        ids.add(user.organization_id)
    return ids


def is_requester(user: Any, request: ServiceRequest) -> bool:
    return request.organization_id in member_ids(user, request.alliance)


def is_assignee(user: Any, request: ServiceRequest) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if request.assignee_id is not None and request.assignee_id == user.pk:
        return True
    return request.provider_id is not None and request.provider_id in acting_ids(
        user, request.alliance
    )


def visible_requests(user: Any, alliance: Alliance) -> QuerySet[ServiceRequest]:
    """The requests of ``alliance`` that ``user`` may see (anonymous: none)."""
    requests = ServiceRequest.objects.for_alliance(alliance)
    if not getattr(user, "is_authenticated", False):
        return requests.none()
    if is_secretariat(user, alliance):
        return requests
    seen = Q(organization_id__in=member_ids(user, alliance)) | Q(assignee=user)
    seen |= Q(provider_id__in=acting_ids(user, alliance))
    return requests.filter(seen)


def visible_assessments(user: Any, alliance: Alliance) -> QuerySet[Assessment]:
    """A member's own organisations' assessments; the secretariat sees those it was asked to
    help with."""
    assessments = Assessment.objects.for_alliance(alliance)
    if not getattr(user, "is_authenticated", False):
        return assessments.none()
    seen = Q(organization_id__in=member_ids(user, alliance))
    if is_secretariat(user, alliance):
        seen |= Q(help_request__isnull=False)
    return assessments.filter(seen)


def assignable_people(alliance: Alliance) -> QuerySet[Any]:
    """The people a request may be assigned to: the alliance's secretariat and experts."""
    holders = AllianceRole.objects.filter(alliance=alliance, role__in=ASSIGNABLE_ROLES)
    return (
        get_user_model()
        .objects.filter(pk__in=holders.values("user_id"), is_active=True)
        .order_by("username")
    )


def secretariat_people(alliance: Alliance) -> list[Any]:
    holders = AllianceRole.objects.filter(alliance=alliance, role=AllianceRole.Kind.SECRETARIAT)
    return list(get_user_model().objects.filter(pk__in=holders.values("user_id"), is_active=True))
