"""In-app notifications: written by the apps' domain functions, read on one page."""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from ..models import Notification


def notify(users: Iterable[Any], *, title: str, body: str = "", url: str = "") -> int:
    """One notification per user (inactive users skipped). Returns how many were written."""
    rows = [
        Notification(user=user, title=title[:200], body=body, url=url[:300])
        for user in users
        if getattr(user, "is_active", False)
    ]
    Notification.objects.bulk_create(rows)
    return len(rows)


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications (``ids``, or all) read. Returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


def notify_each(
    users: Iterable[Any], *, title: Callable[[], str], body: Callable[[], str], url: str = ""
) -> int:
    """One notification per user, its text written in the user's preferred language
    (``title`` and ``body`` are called under it). Returns how many were written."""
    written = 0
    for user in users:
        with translation.override(
            getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
        ):
            written += notify([user], title=title(), body=body(), url=url)
    return written
