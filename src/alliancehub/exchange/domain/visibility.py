"""Who sees which post: the one rule behind lists, post pages, matches and the API.

A live post (open or matched) is visible to everyone when public; when it is for members,
to the people of the alliances that approved it: those holding a role there today and those
representing a member organisation today. The posting organisation's people always see
their own posts; a secretariat sees what is addressed to its alliance once submitted.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ...accounts.models import AllianceRole
from ...accounts.rules import alliance_ids_with_roles
from ...alliances.domain.membership import in_force_on
from ...alliances.models import Membership
from ..enums import ListingStatus, PostStatus, Visibility
from ..models import Listing, Post

LIVE = (PostStatus.OPEN, PostStatus.MATCHED)


def viewer_alliance_ids(user: Any) -> set[int] | None:
    """The alliances whose members-only posts ``user`` may see; None: every alliance."""
    if getattr(user, "is_superuser", False):
        return None
    ids = alliance_ids_with_roles(user)
    organization_id = getattr(user, "organization_id", None)
    if organization_id:
        ids |= set(
            Membership.objects.filter(
                in_force_on(timezone.localdate()), organization_id=organization_id
            ).values_list("alliance_id", flat=True)
        )
    return ids


def visible_posts(user: Any) -> QuerySet[Post]:
    """The posts ``user`` may see (anonymous: public live posts)."""
    alliances = viewer_alliance_ids(user)
    if alliances is None:
        return Post.objects.all()
    approved = Listing.objects.filter(
        post=OuterRef("pk"), alliance_id__in=alliances, status=ListingStatus.APPROVED
    )
    seen = Q(status__in=LIVE) & (Q(visibility=Visibility.PUBLIC) | Q(Exists(approved)))
    organization_id = getattr(user, "organization_id", None)
    if organization_id:
        seen |= Q(organization_id=organization_id)
    secretariat = alliance_ids_with_roles(user, AllianceRole.Kind.SECRETARIAT)
    if secretariat:  # what is addressed to their alliance, once submitted
        addressed = Listing.objects.filter(post=OuterRef("pk"), alliance_id__in=secretariat)
        seen |= Q(Exists(addressed)) & ~Q(status=PostStatus.DRAFT)
    return Post.objects.filter(seen)


def can_see(user: Any, post: Post) -> bool:
    return visible_posts(user).filter(pk=post.pk).exists()
