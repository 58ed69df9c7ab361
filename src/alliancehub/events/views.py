"""The events anyone may read: the events page, an alliance's events and its calendar feed,
an event's page (bodies by role, agenda, speakers, how to register), and the signed-in
user's own registrations, projects and judging.

Every list reads ``domain.visibility.visible_events``; a page checks ``events.view``.
"""

from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from ..alliances.access import alliance_view
from ..alliances.models import Alliance
from ..common.htmx import HtmxHttpRequest
from ..common.pagination import CappedCountPaginator
from .domain import ical
from .domain.programme import bodies_by_role
from .domain.receipts import receipt_token
from .domain.registration import registration_closed, seats_left
from .domain.roadshow import projects_presented_by
from .domain.visibility import visible_events
from .enums import BodyRole, EventStatus, RegistrationStatus
from .filtersets import EventFilterSet
from .models import Event, JudgeAssignment, Registration, Roadshow, Speaker
from .tables import EventTable
from .views_common import MANAGE, visible_event


class EventListView(SingleTableMixin, FilterView):
    """Published events the viewer may see (members-only ones to the alliance's members),
    latest first; HTMX requests get only the results."""

    model = Event
    table_class = EventTable
    filterset_class = EventFilterSet
    paginate_by = None  # the table paginates
    table_pagination = {"per_page": 20, "paginator_class": CappedCountPaginator}
    template_name = "events/event_list.html"
    alliance: Alliance | None = None

    def get_queryset(self) -> QuerySet[Event]:
        events = visible_events(self.request.user).select_related("alliance")
        if self.alliance is None:
            return events.exclude(status=EventStatus.DRAFT).order_by("-starts_at", "-id")
        return events.filter(alliance=self.alliance).order_by("-starts_at", "-id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["alliance"] = self.alliance
        if self.alliance is not None:
            context["filter"].form.fields.pop("alliance", None)
        return context

    def get_template_names(self) -> list[str]:
        htmx = cast(HtmxHttpRequest, self.request).htmx
        if htmx and not htmx.boosted and not htmx.history_restore_request:
            return ["events/_results.html"]
        return [self.template_name]

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response


event_list = EventListView.as_view()


@alliance_view()
def alliance_events(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """One alliance's events; its secretariat sees the drafts too."""
    return EventListView.as_view(alliance=alliance)(request)


@alliance_view()
def alliance_calendar(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    """The alliance's events as an iCalendar feed at a stable address: public events for
    everyone, members-only ones too for a signed-in member."""
    members = request.user.has_perm("alliances.view_private", alliance)
    response = HttpResponse(
        ical.alliance_feed(alliance, members=members), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{alliance.slug}-events.ics"'
    patch_vary_headers(response, ["Cookie"])
    return response


def _own_registration(request: HttpRequest, event: Event) -> tuple[Registration | None, str]:
    if not request.user.is_authenticated:
        return None, ""
    mine = (
        event.registrations.filter(user=request.user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    return mine, receipt_token(mine) if mine else ""


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = visible_event(request, pk)
    speakers = Speaker.objects.select_related("organization").order_by("order", "id")
    sessions = event.sessions.prefetch_related(Prefetch("speakers", queryset=speakers))
    mine, receipt = _own_registration(request, event)
    roadshow = Roadshow.objects.filter(event=event).first()
    part_of = event.part_of
    context = {
        "event": event,
        # The main event is named only to those who may open it (a public segment of a
        # members-only or draft event must not give its title away).
        "part_of": part_of if part_of and request.user.has_perm("events.view", part_of) else None,
        "bodies": [(BodyRole(role).label, group) for role, group in bodies_by_role(event).items()],
        "sessions": sessions.order_by("order", "starts_at", "id"),
        "parts": visible_events(request.user).filter(part_of=event).order_by("starts_at", "id"),
        "roadshow": roadshow,
        "judges": bool(
            roadshow
            and request.user.is_authenticated
            and JudgeAssignment.objects.filter(
                pitch__roadshow=roadshow, judge=request.user
            ).exists()
        ),
        "closed": registration_closed(event),
        "seats_left": seats_left(event),
        "mine": mine,
        "receipt": receipt,
        "can_manage": request.user.has_perm(MANAGE, event.alliance),
        "can_register": request.user.has_perm("events.register", event),
    }
    return render(request, "events/event_detail.html", context)


@dataclass
class OwnRegistration:
    registration: Registration
    receipt: str


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The user's registrations, the projects they submitted or their organisation presents,
    and the roadshows they judge."""
    user: Any = request.user
    registrations = (
        Registration.objects.filter(user=user).select_related("event").order_by("-created_at")
    )
    projects = projects_presented_by(user).select_related("roadshow__event")
    judged = (
        JudgeAssignment.objects.filter(judge=user)
        .values("pitch__roadshow__event", "pitch__roadshow__event__title")
        .distinct()
        .order_by("pitch__roadshow__event")
    )
    context = {
        "registrations": [OwnRegistration(r, receipt_token(r)) for r in registrations],
        "projects": projects.order_by("-submitted_at"),
        "judged": list(judged),
    }
    return render(request, "events/mine.html", context)
