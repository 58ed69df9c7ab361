"""The secretariat's pages for setting up an event: its details, then on one programme page
the bodies behind it, the agenda and speakers, the registration form's questions, the seats,
and publishing or cancelling it.

Every view goes through ``alliance_view("events.manage")`` and finds the event through the
alliance; every change is a ``domain.programme`` / ``domain.answers`` / ``domain.registration``
function, whose refusal is shown on the form that asked for it (and the page answers 400).
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ..alliances.access import alliance_view
from ..alliances.models import Alliance
from .domain import answers, programme
from .domain import registration as registrations
from .enums import BodyRole, EventStatus
from .forms import BodyForm, CapacityForm, EventForm, QuestionForm, SessionForm, SpeakerForm
from .models import Event, Speaker
from .views_common import MANAGE, WEB, attempt, form_errors, managed_event, refusal, status_for


@alliance_view(MANAGE)
def event_create(request: HttpRequest, alliance: Alliance) -> HttpResponse:
    form = EventForm(request.POST or None, alliance=alliance, instance=Event(alliance=alliance))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        created = attempt(form, lambda: programme.create_event(
            alliance, kind=data.pop("kind"), title=data.pop("title"),
            starts_at=data.pop("starts_at"), ends_at=data.pop("ends_at"), actor=request.user,
            source=WEB, **data,
        ))  # fmt: skip
        if created is not None:
            messages.success(request, _("The event was saved as a draft."))
            return redirect("events:manage", slug=alliance.slug, pk=created.pk)
    context = {"alliance": alliance, "form": form, "event": None}
    return render(request, "events/manage/event_form.html", context, status=status_for(form))


@alliance_view(MANAGE)
def event_edit(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    form = EventForm(request.POST or None, alliance=alliance, instance=event)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        saved = attempt(form, lambda: programme.update_event(
            managed_event(alliance, pk), data, actor=request.user, source=WEB))  # fmt: skip
        if saved is not None:
            messages.success(request, _("The changes were saved."))
            return redirect("events:manage", slug=alliance.slug, pk=pk)
    context = {"alliance": alliance, "form": form, "event": managed_event(alliance, pk)}
    return render(request, "events/manage/event_form.html", context, status=status_for(form))


def _programme_page(request: HttpRequest, alliance: Alliance, event: Event,
                    **bound: BaseForm) -> HttpResponse:  # fmt: skip
    """The programme page, with ``bound`` forms (and their errors) in place of fresh ones."""
    speakers = Speaker.objects.order_by("order", "id")
    context: dict[str, Any] = {
        "alliance": alliance,
        "event": event,
        "bodies": [
            (BodyRole(role).label, group) for role, group in programme.bodies_by_role(event).items()
        ],
        "sessions": event.sessions.prefetch_related(Prefetch("speakers", queryset=speakers)),
        "questions": event.questions.order_by("order", "id"),
        "seats_taken": registrations.seats_taken(event),
        "body_form": BodyForm(),
        "session_form": SessionForm(),
        "speaker_form": SpeakerForm(event=event),
        "question_form": QuestionForm(),
        "capacity_form": CapacityForm(initial={"capacity": event.capacity}),
        **bound,
    }
    status = 400 if bound else 200
    return render(request, "events/manage/programme.html", context, status=status)


@alliance_view(MANAGE)
def event_manage(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    return _programme_page(request, alliance, managed_event(alliance, pk))


def _add(request: HttpRequest, alliance: Alliance, event: Event, name: str, form: BaseForm,
         action: Any, done: str) -> HttpResponse:  # fmt: skip
    """Run ``action(form)`` for a valid ``form``; back to the programme page either way."""
    if form.is_valid() and attempt(form, lambda: action(form)) is not None:
        messages.success(request, done)
        return redirect("events:manage", slug=alliance.slug, pk=event.pk)
    return _programme_page(request, alliance, event, **{name: form})


@require_POST
@alliance_view(MANAGE)
def body_add(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    return _add(request, alliance, event, "body_form", BodyForm(request.POST),
                lambda form: programme.add_body(event, form.cleaned_data["role"],
                                                actor=request.user, source=WEB,
                                                **form.domain_data()),
                _("The body was added."))  # fmt: skip


@require_POST
@alliance_view(MANAGE)
def session_add(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    return _add(request, alliance, event, "session_form", SessionForm(request.POST),
                lambda form: programme.add_session(event, actor=request.user, source=WEB,
                                                   **form.cleaned_data),
                _("The session was added to the agenda."))  # fmt: skip


@require_POST
@alliance_view(MANAGE)
def speaker_add(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    return _add(request, alliance, event, "speaker_form", SpeakerForm(request.POST, event=event),
                lambda form: programme.add_speaker(actor=request.user, source=WEB,
                                                   **form.cleaned_data),
                _("The speaker was added."))  # fmt: skip


@require_POST
@alliance_view(MANAGE)
def question_add(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    return _add(request, alliance, event, "question_form", QuestionForm(request.POST),
                lambda form: answers.add_question(event, actor=request.user, source=WEB,
                                                  **form.domain_data()),
                _("The question was added to the registration form."))  # fmt: skip


@require_POST
@alliance_view(MANAGE)
def capacity_change(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """Set the seats; new seats go to the waiting list first."""
    event = managed_event(alliance, pk)
    form = CapacityForm(request.POST)
    back = request.POST.get("next") or ""
    if form.is_valid() and attempt(form, lambda: registrations.change_capacity(
        event, form.cleaned_data["capacity"], actor=request.user, source=WEB,
    )) is not None:  # fmt: skip
        messages.success(request, _("The number of seats was changed."))
    elif back:
        messages.error(request, form_errors(form))
    else:
        return _programme_page(request, alliance, event, capacity_form=form)
    if back == "registrations":
        return redirect("events:registrations", slug=alliance.slug, pk=pk)
    return redirect("events:manage", slug=alliance.slug, pk=pk)


STATUS_DONE: dict[str, Any] = {
    EventStatus.PUBLISHED: gettext_lazy("The event is published."),
    EventStatus.CANCELLED: gettext_lazy("The event is cancelled."),
}


@require_POST
@alliance_view(MANAGE)
def event_status(request: HttpRequest, alliance: Alliance, pk: int, status: str) -> HttpResponse:
    """Publish a draft or cancel an event."""
    event = managed_event(alliance, pk)
    try:
        programme.set_status(event, status, actor=request.user, source=WEB)
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, str(STATUS_DONE.get(status, "")) or _("Saved."))
    return redirect("events:manage", slug=alliance.slug, pk=pk)
