"""The secretariat's roadshow page: open the call, write the rubric, screen the projects
(accept, or reject with a reason), schedule the pitches, assign judges, release the scores,
and export them.

Every view goes through ``alliance_view("events.manage")``; projects and pitches are looked
up through the event's call. A refusal of a row's action is shown as a message.
"""

import io
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..alliances.access import alliance_view
from ..alliances.models import Alliance
from .domain import judging
from .domain import roadshow as roadshows
from .domain.exports import scores_workbook
from .forms_roadshow import AssignJudgeForm, CallForm, CriterionForm, ScheduleForm, ScreenForm
from .models import Event, JudgeAssignment, Roadshow
from .views_common import MANAGE, WEB, attempt, form_errors, managed_event, posted_text, refusal
from .views_registrations import XLSX


def _roadshow_page(request: HttpRequest, alliance: Alliance, event: Event,
                   **bound: BaseForm) -> HttpResponse:  # fmt: skip
    roadshow = Roadshow.objects.filter(event=event).first()
    assignments = JudgeAssignment.objects.select_related("judge").order_by("id")
    projects = (
        roadshow.projects.select_related("organization", "link__chain", "pitch")
        .prefetch_related(Prefetch("pitch__assignments", queryset=assignments))
        .order_by("submitted_at", "id")
        if roadshow
        else []
    )
    judge_form = AssignJudgeForm(alliance=alliance)
    experts = list(judge_form.fields["judge"].queryset)  # type: ignore[attr-defined]
    for project in projects:
        # Each pitch offers only the experts not judging it yet.
        pitch = getattr(project, "pitch", None)
        if pitch is not None:
            assigned = {assignment.judge_id for assignment in pitch.assignments.all()}
            pitch.assignable = [expert for expert in experts if expert.pk not in assigned]
    context: dict[str, Any] = {
        "alliance": alliance,
        "event": event,
        "roadshow": roadshow,
        "criteria": roadshow.criteria.order_by("order", "id") if roadshow else [],
        "projects": projects,
        "experts": experts,
        "judge_roles": judge_form.fields["role"].choices,  # type: ignore[attr-defined]
        "call_form": CallForm(),
        "criterion_form": CriterionForm(),
        **bound,
    }
    return render(request, "events/manage/roadshow.html", context, status=400 if bound else 200)


@alliance_view(MANAGE)
def roadshow_manage(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    return _roadshow_page(request, alliance, managed_event(alliance, pk))


def _back(alliance: Alliance, event: Event) -> HttpResponse:
    return redirect("events:roadshow", slug=alliance.slug, pk=event.pk)


@require_POST
@alliance_view(MANAGE)
def call_open(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    event = managed_event(alliance, pk)
    form = CallForm(request.POST)
    if form.is_valid() and attempt(form, lambda: roadshows.open_call(
        event, actor=request.user, source=WEB, **form.cleaned_data,
    )) is not None:  # fmt: skip
        messages.success(request, _("The call for projects is open."))
        return _back(alliance, event)
    return _roadshow_page(request, alliance, event, call_form=form)


def _call_of(alliance: Alliance, pk: int) -> tuple[Event, Roadshow]:
    event = managed_event(alliance, pk)
    return event, get_object_or_404(Roadshow, event=event)


@require_POST
@alliance_view(MANAGE)
def criterion_add(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    event, roadshow = _call_of(alliance, pk)
    form = CriterionForm(request.POST)
    if form.is_valid() and attempt(form, lambda: roadshows.add_criterion(
        roadshow, actor=request.user, source=WEB, **form.cleaned_data,
    )) is not None:  # fmt: skip
        messages.success(request, _("The criterion was added to the rubric."))
        return _back(alliance, event)
    return _roadshow_page(request, alliance, event, criterion_form=form)


def _run(request: HttpRequest, action: Callable[[], Any], done: str) -> None:
    try:
        action()
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, done)


@require_POST
@alliance_view(MANAGE)
def project_screen(request: HttpRequest, alliance: Alliance, pk: int, project: int) -> HttpResponse:
    """Accept (``accept=1``) or reject, with a reason, a submitted project."""
    event, roadshow = _call_of(alliance, pk)
    found = get_object_or_404(roadshow.projects.all(), pk=project)
    accept = request.POST.get("accept") == "1"
    form = ScreenForm(request.POST)
    _run(request, lambda: roadshows.screen_project(found, accept=accept,
                                                   reason=posted_text(form, "reason"),
                                                   actor=request.user, source=WEB),
         _("The project was accepted.") if accept else _("The project was rejected."))  # fmt: skip
    return _back(alliance, event)


@require_POST
@alliance_view(MANAGE)
def pitch_schedule(request: HttpRequest, alliance: Alliance, pk: int, project: int) -> HttpResponse:
    """Give an accepted project its place and time slot in the programme."""
    event, roadshow = _call_of(alliance, pk)
    found = get_object_or_404(roadshow.projects.all(), pk=project)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return _back(alliance, event)
    _run(request, lambda: roadshows.schedule_pitch(found, actor=request.user, source=WEB,
                                                   **form.cleaned_data),
         _("The pitch was scheduled."))  # fmt: skip
    return _back(alliance, event)


@require_POST
@alliance_view(MANAGE)
def judge_assign(request: HttpRequest, alliance: Alliance, pk: int, pitch: int) -> HttpResponse:
    event, roadshow = _call_of(alliance, pk)
    found = get_object_or_404(roadshow.pitches.select_related("roadshow"), pk=pitch)
    form = AssignJudgeForm(request.POST, alliance=alliance)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return _back(alliance, event)
    _run(request, lambda: judging.assign_judge(found, form.cleaned_data["judge"],
                                               role=form.cleaned_data["role"],
                                               actor=request.user, source=WEB),
         _("The judge was assigned."))  # fmt: skip
    return _back(alliance, event)


@require_POST
@alliance_view(MANAGE)
def scores_release(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """Release the scores: judging ends, judges see the ranking, applicants their feedback."""
    event, roadshow = _call_of(alliance, pk)
    _run(request, lambda: judging.release_scores(roadshow, actor=request.user, source=WEB),
         _("The scores are released."))  # fmt: skip
    return _back(alliance, event)


@alliance_view(MANAGE)
def scores_export(request: HttpRequest, alliance: Alliance, pk: int) -> HttpResponse:
    """The ranking and every scorecard as an Excel workbook."""
    event, roadshow = _call_of(alliance, pk)
    buffer = io.BytesIO()
    scores_workbook(roadshow).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-scores.xlsx"'
    return response
