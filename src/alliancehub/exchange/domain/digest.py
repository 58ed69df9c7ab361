"""Telling members about matches: when a post opens, and in a daily e-mail digest."""

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..enums import PostStatus
from ..models import Post
from . import matching, notices

logger = logging.getLogger(__name__)
ANNOUNCED = 5  # counterparts told of a new post: its best matches only


def announce(post_id: int) -> int:
    """A post just opened: the people behind its best matches are told in-app. Returns how
    many counterpart posts were concerned."""
    post = Post.objects.select_related("organization").filter(pk=post_id).first()
    if post is None or post.status != PostStatus.OPEN:
        return 0
    found = matching.matches(post, viewer=post.author, limit=ANNOUNCED)
    notices.tell_of_new_matches(post, [m.post for m in found])
    return len(found)


def new_matches(post: Post, user: Any, since: datetime) -> list[matching.Match]:
    return [
        m for m in matching.matches(post, viewer=user)
        if m.post.published_at and m.post.published_at >= since
    ]  # fmt: skip


def send_digests(hours: int = 24) -> int:
    """E-mail each person who asked for it (``email_match_digest``) the counterparts
    published in the last ``hours`` for their organisation's open posts. A failure on one
    post is logged and skipped. Returns the number of e-mails sent."""
    since = timezone.now() - timedelta(hours=hours)
    sent = 0
    people = (
        get_user_model()
        .objects.filter(is_active=True, email_match_digest=True, organization__isnull=False)
        .exclude(email="")
    )
    for person in people:
        posts = Post.objects.filter(organization=person.organization, status=PostStatus.OPEN)
        lines: list[str] = []
        with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
            for post in posts:
                try:
                    found = new_matches(post, person, since)
                except Exception:  # one post's failure must not stop the digest
                    logger.exception("matching failed for post %s", post.pk)
                    continue
                if found:
                    lines.append(post.title)
                    lines += [
                        f"  · {m.post.organization.name}: {m.post.title} ({m.score:.0f}) — "
                        + "; ".join(m.reasons)
                        for m in found
                    ]
            if not lines:
                continue
            subject = _("New matches for your posts")
            address = settings.SITE_URL.rstrip("/") + reverse("exchange:marketplace")
            body = "\n".join([*lines, "", address])
        send_mail(subject, body, None, [person.email])
        sent += 1
    return sent
