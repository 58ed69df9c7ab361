"""The signed-in user's notifications: the list (marking read), and the unread count that the
navigation bar fetches after the page has loaded, so that no page pays for it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .domain.notifications import mark_read, unread_count
from .models import Notification
from .pagination import CappedCountPaginator


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """GET: newest first, unread marked. POST: mark one (``id``) or all read."""
    if request.method == "POST":
        ids = [int(pk) for pk in request.POST.getlist("id") if pk.isdigit()] or None
        changed = mark_read(request.user, ids)
        if ids is None and changed:
            messages.success(request, _("All notifications are marked as read."))
        return redirect(request.path)
    mine = Notification.objects.filter(user=request.user)  # type: ignore[misc]  # signed in
    found = mine.order_by("-created_at", "-id")
    page = CappedCountPaginator(found, 30).get_page(request.GET.get("page"))
    context = {"page": page, "unread": unread_count(request.user)}
    return render(request, "common/notifications.html", context)


def notification_badge(request: HttpRequest) -> HttpResponse:
    """The unread count beside the navigation link (an HTMX fragment; empty when none)."""
    count = unread_count(request.user)
    if not count:
        return HttpResponse("")
    return HttpResponse(
        format_html(
            '<span class="badge rounded-pill text-bg-warning">{}</span>'
            '<span class="visually-hidden"> {}</span>',
            count, _("unread"),
        )
    )  # fmt: skip
