"""The secretariat's changes to what is already on the programme page: editing or removing a
body, an agenda session, a speaker or a registration question.

As on the other secretariat pages, every view goes through ``alliance_view("events.manage")``
and finds the event through the alliance, then the item through the event (404 for another
event's). An edit page shows the form the programme page adds with, filled in; a refusal of
the ``domain.programme`` / ``domain.answers`` function comes back onto it (and the page
answers 400). A removal is a button on the programme page, which then shows how it went.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..alliances.access import alliance_view
from ..alliances.models import Alliance
from .domain import answers, programme
from .forms import BodyForm, QuestionForm, SessionForm, SpeakerForm
from .models import Event, Speaker
from .views_common import MANAGE, WEB, attempt, managed_event, refusal, status_for


def _programme(alliance: Alliance, event: Event, section: str) -> str:
    return f"{reverse('events:manage', args=[alliance.slug, event.pk])}#{section}"


def _posted(request: HttpRequest) -> Any:
    # An empty POST still binds the form, so that it answers 400 with what is missing.
    return request.POST if request.method == "POST" else None


def _edit(request: HttpRequest, alliance: Alliance, event: Event, form: BaseForm,
          save: Callable[[Any], Any], *, heading: str, section: str,
          note: str = "") -> HttpResponse:  # fmt: skip
    """The edit page of one item: ``save(form)`` for a valid posted form, then back to the
    programme page; otherwise the form again, with its errors."""
    if form.is_bound and form.is_valid() and attempt(form, lambda: save(form)) is not None:
        messages.success(request, _("The changes were saved."))
        return redirect(_programme(alliance, event, section))
    context = {"alliance": alliance, "event": event, "form": form, "heading": heading,
               "note": note, "back": _programme(alliance, event, section)}  # fmt: skip
    return render(request, "events/manage/item_form.html", context, status=status_for(form))


def _remove(request: HttpRequest, alliance: Alliance, event: Event, remove: Callable[[], None],
            *, done: str, section: str) -> HttpResponse:  # fmt: skip
    """Run ``remove()``; back to the programme page with what happened, or why not."""
    try:
        remove()
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, done)
    return redirect(_programme(alliance, event, section))


# Bodies ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@alliance_view(MANAGE)
def body_edit(request: HttpRequest, alliance: Alliance, pk: int, body: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    item = get_object_or_404(event.bodies.select_related("organization"), pk=body)
    # The registry's own name, which the form finds the organisation by again.
    name = item.organization.name if item.organization else item.name
    form = BodyForm(_posted(request), initial={"role": item.role, "name": name})
    return _edit(request, alliance, event, form,
                 lambda form: programme.update_body(
                     item, {"role": form.cleaned_data["role"], **form.domain_data()},
                     actor=request.user, source=WEB),
                 heading=_("Edit the body"), section="bodies")  # fmt: skip


@require_POST
@alliance_view(MANAGE)
def body_remove(request: HttpRequest, alliance: Alliance, pk: int, body: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    item = get_object_or_404(event.bodies.all(), pk=body)
    return _remove(request, alliance, event,
                   lambda: programme.remove_body(item, actor=request.user, source=WEB),
                   done=_("The body was removed from the programme."), section="bodies")  # fmt: skip


# Sessions and speakers ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@alliance_view(MANAGE)
def session_edit(request: HttpRequest, alliance: Alliance, pk: int, session: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    item = get_object_or_404(event.sessions.all(), pk=session)
    form = SessionForm(_posted(request), instance=item)
    return _edit(request, alliance, event, form,
                 lambda form: programme.update_session(
                     item, form.cleaned_data, actor=request.user, source=WEB),
                 heading=_("Edit the session"), section="agenda")  # fmt: skip


@require_POST
@alliance_view(MANAGE)
def session_remove(request: HttpRequest, alliance: Alliance, pk: int, session: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    item = get_object_or_404(event.sessions.all(), pk=session)
    return _remove(request, alliance, event,
                   lambda: programme.remove_session(item, actor=request.user, source=WEB),
                   done=_("The session and its speakers were removed from the agenda."),
                   section="agenda")  # fmt: skip


def _speaker(event: Event, pk: int) -> Speaker:
    return get_object_or_404(Speaker.objects.filter(session__event=event), pk=pk)


@require_http_methods(["GET", "POST"])
@alliance_view(MANAGE)
def speaker_edit(request: HttpRequest, alliance: Alliance, pk: int, speaker: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    item = _speaker(event, speaker)
    form = SpeakerForm(_posted(request), instance=item, event=event)
    return _edit(request, alliance, event, form,
                 lambda form: programme.update_speaker(
                     item, form.cleaned_data, actor=request.user, source=WEB),
                 heading=_("Edit the speaker"), section="agenda")  # fmt: skip


@require_POST
@alliance_view(MANAGE)
def speaker_remove(request: HttpRequest, alliance: Alliance, pk: int, speaker: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    item = _speaker(event, speaker)
    return _remove(request, alliance, event,
                   lambda: programme.remove_speaker(item, actor=request.user, source=WEB),
                   done=_("The speaker was removed."), section="agenda")  # fmt: skip


# Questions ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@alliance_view(MANAGE)
def question_edit(request: HttpRequest, alliance: Alliance, pk: int, question: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    item = get_object_or_404(event.questions.all(), pk=question)
    initial = {"text": item.text, "kind": item.kind, "choices": "\n".join(item.choices),
               "required": item.required}  # fmt: skip
    form = QuestionForm(_posted(request), initial=initial)
    note = ""
    if item.answers.exists():
        # Disabled fields keep their initial values, which the domain accepts as no change.
        form.fields["kind"].disabled = form.fields["choices"].disabled = True
        note = _("Registrants have already answered this question, so its kind of answer and "
                 "its options stay as they are.")  # fmt: skip
    return _edit(request, alliance, event, form,
                 lambda form: answers.update_question(
                     item, form.domain_data(), actor=request.user, source=WEB),
                 heading=_("Edit the question"), section="questions", note=note)  # fmt: skip


@require_POST
@alliance_view(MANAGE)
def question_remove(
    request: HttpRequest, alliance: Alliance, pk: int, question: int
) -> HttpResponse:
    event = managed_event(alliance, pk)
    item = get_object_or_404(event.questions.all(), pk=question)
    return _remove(request, alliance, event,
                   lambda: answers.remove_question(item, actor=request.user, source=WEB),
                   done=_("The question was removed from the registration form."),
                   section="questions")  # fmt: skip
