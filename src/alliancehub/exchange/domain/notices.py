"""Telling people about posts and introductions: in-app, in the recipient's language."""

from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from ...common.domain.notifications import notify_each
from ..models import Introduction, Listing, Post


def representatives(organization_id: int) -> list[Any]:
    """The people who act for an organisation."""
    return list(get_user_model().objects.filter(organization_id=organization_id, is_active=True))


def _each(users: list[Any], title: Any, body: Any, url: str) -> None:
    """``title`` and ``body``: callables giving the text in the active language."""
    notify_each(users, title=title, body=body, url=url)


def post_url(post: Post) -> str:
    return reverse("exchange:post", args=[post.pk])


def tell_author_of_rejection(listing: Listing) -> None:
    post, alliance = listing.post, listing.alliance
    _each(
        representatives(post.organization_id),
        lambda: _("Your post was not approved: {title}").format(title=post.title),
        lambda: _("The secretariat of {alliance} did not approve it. Reason: {reason}").format(
            alliance=alliance.name, reason=listing.reason
        ),
        post_url(post),
    )


def tell_of_new_matches(post: Post, matched: list[Post]) -> None:
    """The counterparts' people learn that a new post matches theirs."""
    for counterpart in matched:
        _each(
            representatives(counterpart.organization_id),
            lambda c=counterpart: _("A new match for your post: {title}").format(title=c.title),
            lambda: _("{organization}: {title}").format(
                organization=post.organization.name, title=post.title
            ),
            post_url(counterpart),
        )


def tell_of_request(introduction: Introduction) -> None:
    post = introduction.post
    _each(
        representatives(introduction.counterpart_post.organization_id),
        lambda: _("{organization} asks for an introduction").format(
            organization=post.organization.name
        ),
        lambda: introduction.message,
        reverse("exchange:introductions"),
    )


def tell_of_answer(introduction: Introduction) -> None:
    counterpart = introduction.counterpart_post
    accepted = introduction.status == "accepted"
    _each(
        representatives(introduction.post.organization_id),
        lambda: (
            _("{organization} accepted your introduction request")
            if accepted
            else _("{organization} declined your introduction request")
        ).format(organization=counterpart.organization.name),
        lambda: introduction.reply,
        reverse("exchange:introductions"),
    )
