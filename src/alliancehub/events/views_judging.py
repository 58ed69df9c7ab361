"""The judges' pages and the ranking.

A judge's list holds only the pitches assigned to them (``judging.pitches_for_judge``), and a
pitch's page answers 404 to anyone else. Before the release a judge reads only their own
scores (``judging.visible_scores``); the ranking is the secretariat's, and the judges' too
once the scores are released.
"""

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .domain import interest, judging
from .domain.ranking import ranking
from .forms_roadshow import ConflictForm, ScoreForm
from .models import InvestorInterest, JudgeAssignment, Pitch, Roadshow, Score
from .views_common import (
    MANAGE,
    WEB,
    attempt,
    posted_text,
    refusal,
    sign_in_or_forbid,
    visible_event,
)


def _roadshow(request: HttpRequest, pk: int) -> Roadshow:
    event = visible_event(request, pk)
    return get_object_or_404(Roadshow.objects.select_related("event__alliance"), event=event)


@login_required
def judging_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The pitches assigned to the signed-in judge, in programme order, with their state."""
    roadshow = _roadshow(request, pk)
    user: Any = request.user
    own = JudgeAssignment.objects.filter(judge=user)
    pitches = judging.pitches_for_judge(roadshow, request.user).prefetch_related(
        Prefetch("assignments", queryset=own, to_attr="own")
    )
    context = {"event": roadshow.event, "roadshow": roadshow, "pitches": pitches}
    return render(request, "events/judging/list.html", context)


def _pitch(request: HttpRequest, roadshow: Roadshow, pitch: int) -> Pitch:
    """The pitch if it is assigned to the user (404 otherwise, even for the secretariat)."""
    return get_object_or_404(judging.pitches_for_judge(roadshow, request.user), pk=pitch)


def _scorecards(roadshow: Roadshow, pitch: Pitch, user: Any) -> list[tuple[Any, list[Score]]]:
    """The scores of ``pitch`` the user may read, grouped by judge assignment."""
    scores = judging.visible_scores(roadshow, user).filter(assignment__pitch=pitch)
    grouped: dict[Any, list[Score]] = defaultdict(list)
    for score in scores.select_related("assignment__judge").order_by(
        "assignment", "criterion__order"
    ):
        grouped[score.assignment].append(score)
    return list(grouped.items())


@login_required
def pitch_page(request: HttpRequest, pk: int, pitch: int) -> HttpResponse:
    """One assigned pitch: the project, the deck, the scorecard and the conflict form."""
    roadshow = _roadshow(request, pk)
    found = _pitch(request, roadshow, pitch)
    assignment = judging.assignment_of(found, request.user)
    criteria = list(roadshow.criteria.order_by("order", "id"))
    own = {score.criterion_id: score.value for score in assignment.scores.all()}
    initial = {f"criterion_{c}": value for c, value in own.items()}
    form = ScoreForm(request.POST or None, criteria=criteria,
                     initial={**initial, "feedback": assignment.feedback})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        saved = attempt(form, lambda: judging.submit_scores(
            found, form.scores(), feedback=form.cleaned_data["feedback"], actor=request.user,
            source=WEB,
        ))  # fmt: skip
        if saved is not None:
            messages.success(request, _("Your scores were saved."))
            return redirect("events:pitch", pk=pk, pitch=found.pk)
    asked = InvestorInterest.objects.filter(
        project=found.project, investor_id=request.user.pk
    ).first()
    context = {
        "event": roadshow.event,
        "roadshow": roadshow,
        "pitch": found,
        "project": found.project,
        "assignment": assignment,
        "form": form,
        "conflict_form": ConflictForm(),
        "may_score": request.user.has_perm("events.score", found),
        "scorecards": _scorecards(roadshow, found, request.user),
        "may_ask": interest.judged_as_investor(request.user, found.project),
        "asked": asked,
        "asked_contact": interest.contacts(asked, request.user) if asked else None,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "events/judging/pitch.html", context, status=status)


@require_POST
@login_required
def pitch_conflict(request: HttpRequest, pk: int, pitch: int) -> HttpResponse:
    """The judge declares a conflict of interest: their scores of the pitch are withdrawn."""
    roadshow = _roadshow(request, pk)
    found = _pitch(request, roadshow, pitch)
    form = ConflictForm(request.POST)
    try:
        note = posted_text(form, "note")
        judging.declare_conflict(found, note=note, actor=request.user, source=WEB)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, _("Your conflict of interest is recorded; you will not score "
                                    "this pitch."))  # fmt: skip
    return redirect("events:pitch", pk=pk, pitch=found.pk)


def ranking_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The pitches ranked by normalised score, the raw mean beside it."""
    roadshow = _roadshow(request, pk)
    if not request.user.has_perm("events.view_ranking", roadshow):
        return sign_in_or_forbid(request)
    context = {
        "event": roadshow.event,
        "roadshow": roadshow,
        "rows": ranking(roadshow),
        "can_manage": request.user.has_perm(MANAGE, roadshow.event.alliance),
    }
    return render(request, "events/judging/ranking.html", context)
