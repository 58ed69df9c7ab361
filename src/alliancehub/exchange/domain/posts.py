"""Posting offers and needs: writing, submitting, review, closing and expiry.

A post is written as a draft, then submitted. Each alliance it is addressed to that asks for
review (``ExchangeSettings.review_required``) holds it until its secretariat approves; a
rejection sends it back to draft with the reason. Once no review is pending it is open:
published, indexed for matching, visible (to everyone, or to the members of the alliances
that approved it). Open posts expire by themselves after their valid-until date.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...alliances.models import Alliance
from ...chains.models import Link
from ...common.domain import audit
from ...common.tasks import enqueue
from ...organizations.models import Organization
from ..enums import ListingStatus, PostStatus
from ..models import ExchangeSettings, Listing, Post
from . import index, notices
from .text import terms

FIELDS = [
    "direction", "kind", "title", "description", "region", "quantity", "unit", "price_terms",
    "valid_until", "visibility",
]  # fmt: skip
LIVE = (PostStatus.OPEN, PostStatus.MATCHED)


def may_post_for(actor: Any, organization: Organization) -> bool:
    """Only a person who represents the organisation posts for it."""
    return bool(getattr(actor, "is_authenticated", False)) and (
        actor.organization_id == organization.pk
    )


def _check_author(actor: Any, organization: Organization) -> None:
    if not may_post_for(actor, organization):
        raise PermissionDenied(_("You do not represent this organisation."))


def _check(post: Post, today: date) -> None:
    post.full_clean(exclude=["organization", "author"])
    if post.valid_until < today:
        raise ValidationError({"valid_until": _("The valid-until date is in the past.")})


def _snapshot(post: Post) -> dict[str, Any]:
    values = audit.snapshot(post, FIELDS)
    if post.pk:
        values["links"] = sorted(post.links.values_list("chain__slug", "code"))
        values["alliances"] = sorted(post.alliances.values_list("slug", flat=True))
    return values


def _set_relations(
    post: Post, links: Iterable[Link] | None, alliances: Iterable[Alliance] | None
) -> None:
    if links is not None:
        links = list(links)
        if any(link.retired for link in links):
            raise ValidationError({"links": _("This link is no longer part of the chain.")})
        post.links.set(links)
    if alliances is not None:
        wanted = {alliance.pk for alliance in alliances}
        post.listings.exclude(alliance_id__in=wanted).delete()
        have = set(post.listings.values_list("alliance_id", flat=True))
        Listing.objects.bulk_create(
            [Listing(post=post, alliance_id=pk) for pk in sorted(wanted - have)]
        )
    if post.visibility == "members" and not post.listings.exists():
        raise ValidationError(
            {"alliances": _("Choose the alliances whose members may see this post.")}
        )


def _derive(post: Post) -> None:
    keys = [link.key for link in post.links.select_related("chain")]
    post.terms = terms(f"{post.title}\n{post.description}", keys)
    post.concepts = " ".join(t[1:] for t in post.terms.split() if t.startswith("@"))[:500]
    post.save(update_fields=["terms", "concepts"])


@transaction.atomic
def create_post(
    data: dict[str, Any], *, organization: Organization, actor: Any, source: str,
    links: Iterable[Link] = (), alliances: Iterable[Alliance] = (), submit: bool = False,
) -> Post:  # fmt: skip
    """Write a post for ``organization`` (a draft, or submitted at once with ``submit``).

    Side effects: saves the post, its links and listings, derives its matching terms, audits;
    with ``submit``, as ``submit_post``. Refused (nothing saved) when the actor does not
    represent the organisation, a value is invalid or the valid-until date is past.
    """
    _check_author(actor, organization)
    post = Post(organization=organization, author=actor, status=PostStatus.DRAFT)
    for name in FIELDS:
        if name in data:
            setattr(post, name, data[name])
    _check(post, timezone.localdate())
    post.save()
    _set_relations(post, links, alliances)
    _derive(post)
    audit.record(post, action=audit.Action.CREATE, actor=actor, source=source,
                 changes=audit.diff({}, _snapshot(post)))  # fmt: skip
    return submit_post(post, actor=actor, source=source) if submit else post


@transaction.atomic
def update_post(
    post: Post, data: dict[str, Any], *, actor: Any, source: str,
    links: Iterable[Link] | None = None, alliances: Iterable[Alliance] | None = None,
) -> Post:  # fmt: skip
    """Change a post that is not closed or expired; an open post is re-indexed at once.

    Side effects: saves, re-derives the matching terms, re-indexes, audits the changes.
    """
    post = Post.objects.select_for_update().get(pk=post.pk)
    _check_author(actor, post.organization)
    if post.status in (PostStatus.CLOSED, PostStatus.EXPIRED):
        raise ValidationError(_("A closed or expired post cannot be changed."))
    before = _snapshot(post)
    for name in FIELDS:
        if name in data:
            setattr(post, name, data[name])
    _check(post, timezone.localdate())
    post.save()
    _set_relations(post, links, alliances)
    _derive(post)
    if post.status in LIVE:
        index.index_post(post)
    audit.record_changed(post, before, after=_snapshot(post), actor=actor, source=source)
    return post


def _needs_review(alliance_ids: Iterable[int]) -> set[int]:
    return set(
        ExchangeSettings.objects.filter(
            alliance_id__in=list(alliance_ids), review_required=True
        ).values_list("alliance_id", flat=True)
    )


def _set_status(post: Post, status: str, *, actor: Any, source: str, **extra: Any) -> None:
    before = post.status
    post.status = status
    for name, value in extra.items():
        setattr(post, name, value)
    post.save(update_fields=["status", "updated_at", *extra])
    audit.record(post, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"status": [before, status]})  # fmt: skip


def _open(post: Post, *, actor: Any, source: str) -> None:
    _set_status(post, PostStatus.OPEN, actor=actor, source=source, published_at=timezone.now())
    index.index_post(post)
    from ..tasks import announce_post  # the task module imports this one

    enqueue(announce_post, post.pk)


@transaction.atomic
def submit_post(post: Post, *, actor: Any, source: str) -> Post:
    """Send a draft out: open at once, or pending the review of the alliances that ask for one.

    Side effects: listings set to pending (review) or approved; the post opens, is published
    and indexed when nothing waits for review (and its counterparts are told of it); audits.
    """
    post = Post.objects.select_for_update().get(pk=post.pk)
    _check_author(actor, post.organization)
    if post.status != PostStatus.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    _check(post, timezone.localdate())
    review = _needs_review(post.listings.values_list("alliance_id", flat=True))
    post.listings.filter(alliance_id__in=review).update(
        status=ListingStatus.PENDING, reason="", decided_by=None, decided_at=None
    )
    post.listings.exclude(alliance_id__in=review).update(status=ListingStatus.APPROVED)
    if review:
        _set_status(post, PostStatus.PENDING_REVIEW, actor=actor, source=source)
    else:
        _open(post, actor=actor, source=source)
    return post


@transaction.atomic
def review_listing(
    listing: Listing, *, approve: bool, actor: Any, source: str, reason: str = ""
) -> Listing:
    """The alliance's secretariat approves or rejects a post addressed to it.

    Side effects: the listing decided; on approval the post opens once no other review is
    pending; on rejection (a reason is required) the post returns to draft with the reason
    and its author is told; audits.
    """
    listing = Listing.objects.select_for_update().select_related("post").get(pk=listing.pk)
    post = Post.objects.select_for_update().get(pk=listing.post_id)
    if listing.status != ListingStatus.PENDING or post.status != PostStatus.PENDING_REVIEW:
        raise ValidationError(_("This post is not waiting for review."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Say why the post is rejected.")})
    listing.status = ListingStatus.APPROVED if approve else ListingStatus.REJECTED
    listing.reason = reason.strip()
    listing.decided_by = actor if getattr(actor, "pk", None) else None
    listing.decided_at = timezone.now()
    listing.save()
    audit.record(listing, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"status": [ListingStatus.PENDING, listing.status]})  # fmt: skip
    if not approve:
        _set_status(post, PostStatus.DRAFT, actor=actor, source=source)
        notices.tell_author_of_rejection(listing)
    elif not post.listings.filter(status=ListingStatus.PENDING).exists():
        _open(post, actor=actor, source=source)
    return listing


@transaction.atomic
def close_post(post: Post, *, actor: Any, source: str, matched: bool = False) -> Post:
    """The organisation closes its post (``matched``: because it found its counterpart).

    Side effects: status matched or closed; a closed post leaves the match index; audits.
    A matched post stays visible and matchable until it is closed or expires.
    """
    post = Post.objects.select_for_update().get(pk=post.pk)
    _check_author(actor, post.organization)
    if post.status in (PostStatus.CLOSED, PostStatus.EXPIRED):
        raise ValidationError(_("This post is already closed."))
    status = PostStatus.MATCHED if matched else PostStatus.CLOSED
    if matched and post.status != PostStatus.OPEN:
        raise ValidationError(_("Only an open post can be marked as matched."))
    _set_status(post, status, actor=actor, source=source)
    if status == PostStatus.CLOSED:
        index.unindex_post(post)
    return post


@transaction.atomic
def set_review_required(alliance: Alliance, required: bool, *, actor: Any, source: str) -> bool:
    """The alliance's secretariat turns review of the posts addressed to it on or off.

    Side effects: the settings saved (created if need be); when review is turned off, the
    listings waiting for it are approved and their posts open if nothing else holds them;
    audited. Returns whether anything changed.
    """
    row, _created = ExchangeSettings.objects.select_for_update().get_or_create(alliance=alliance)
    if row.review_required == required:
        return False
    before, row.review_required = row.review_required, required
    row.save(update_fields=["review_required"])
    audit.record(row, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"review_required": [before, required]})  # fmt: skip
    if not required:
        for listing in Listing.objects.filter(alliance=alliance, status=ListingStatus.PENDING):
            review_listing(listing, approve=True, actor=actor, source=source)
    return True


def expire_posts(today: date | None = None) -> int:
    """Every post whose valid-until date has passed expires (the periodic task). One post at
    a time, each in its own transaction, so a failure on one leaves the others done.
    Returns how many expired."""
    today = today or timezone.localdate()
    expired = 0
    stale = Post.objects.filter(
        valid_until__lt=today,
        status__in=[PostStatus.OPEN, PostStatus.MATCHED, PostStatus.PENDING_REVIEW],
    ).values_list("pk", flat=True)
    for pk in list(stale):
        with transaction.atomic():
            post = Post.objects.select_for_update().get(pk=pk)
            if post.valid_until >= today or post.status not in (*LIVE, PostStatus.PENDING_REVIEW):
                continue
            _set_status(post, PostStatus.EXPIRED, actor=None, source=audit.Source.SYSTEM)
            index.unindex_post(post)
            expired += 1
    return expired
