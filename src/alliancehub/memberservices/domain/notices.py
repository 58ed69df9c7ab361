"""Telling people about service requests: in-app, each in their own language."""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...common.domain.notifications import notify
from ..models import ServiceRequest
from .access import secretariat_people


def request_url(request: ServiceRequest) -> str:
    return reverse("memberservices:request", args=[request.alliance.slug, request.pk])


def _each(users: Iterable[Any], title: Callable[[], str], body: Callable[[], str], url: str,
          *, skip: Any = None) -> None:  # fmt: skip
    """``title`` and ``body`` give the text in the active language; ``skip``: the actor."""
    seen: set[int] = set()
    for user in users:
        if user.pk in seen or (skip is not None and user.pk == getattr(skip, "pk", None)):
            continue
        seen.add(user.pk)
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            notify([user], title=title(), body=body(), url=url)


def representatives(organization_id: int | None) -> list[Any]:
    if organization_id is None:
        return []
    return list(get_user_model().objects.filter(organization_id=organization_id, is_active=True))


def requester_side(request: ServiceRequest) -> list[Any]:
    """The person who asked and the other people of the member organisation."""
    people = representatives(request.organization_id)
    if request.requested_by is not None:
        people.insert(0, request.requested_by)
    return people


def assignee_side(request: ServiceRequest) -> list[Any]:
    if request.assignee is not None:
        return [request.assignee]
    return representatives(request.provider_id)


def tell_secretariat_of_new(request: ServiceRequest) -> None:
    _each(
        secretariat_people(request.alliance),
        lambda: _("New service request: {subject}").format(subject=request.subject),
        lambda: _("{organization} asks for “{service}”.").format(
            organization=request.organization.name, service=request.service.name
        ),
        request_url(request),
    )


def tell_of_change(request: ServiceRequest, *, actor: Any, to_assignee: bool = True) -> None:
    """The member's people, and the assignee's unless ``to_assignee`` is false, learn the
    request's new state."""
    people = requester_side(request) + (assignee_side(request) if to_assignee else [])
    _each(
        people,
        lambda: _("Your service request is now “{status}”: {subject}").format(
            status=request.get_status_display(), subject=request.subject
        ),
        lambda: "",
        request_url(request),
        skip=actor,
    )


def tell_assignee(request: ServiceRequest, *, actor: Any) -> None:
    _each(
        assignee_side(request),
        lambda: _("A service request was assigned to you: {subject}").format(
            subject=request.subject
        ),
        lambda: _("{organization} asks for “{service}”.").format(
            organization=request.organization.name, service=request.service.name
        ),
        request_url(request),
        skip=actor,
    )


def tell_of_comment(request: ServiceRequest, body: str, *, actor: Any) -> None:
    people = requester_side(request) + assignee_side(request)
    people += secretariat_people(request.alliance)
    _each(
        people,
        lambda: _("New comment on the service request “{subject}”").format(subject=request.subject),
        lambda: body[:500],
        request_url(request),
        skip=actor,
    )


def tell_secretariat_of_overdue(alliance_requests: list[ServiceRequest]) -> None:
    """One notification per secretariat member, listing the requests newly overdue."""
    if not alliance_requests:
        return
    alliance = alliance_requests[0].alliance
    count = len(alliance_requests)
    _each(
        secretariat_people(alliance),
        lambda: (
            _("A service request is overdue: {subject}").format(
                subject=alliance_requests[0].subject
            )
            if count == 1
            else ngettext(
                "{count} service request is overdue", "{count} service requests are overdue", count
            ).format(count=count)
        ),
        lambda: "\n".join(
            _("{subject} ({organization}), due {due}").format(
                subject=r.subject,
                organization=r.organization.name,
                due=timezone.localtime(r.due_at).strftime("%Y-%m-%d %H:%M"),
            )
            for r in alliance_requests
        ),
        reverse("memberservices:requests", args=[alliance.slug]) + "?overdue=true",
    )
