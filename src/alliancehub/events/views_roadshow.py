"""The roadshow's public side: the call for projects (window, chain links, stages, rubric),
submitting a project with its pitch deck, and the applicant's own project page (screening
result, pitch slot and, once the scores are released, the judges' feedback).

A pitch deck is never a public file: it is served by ``deck`` to the project's presenter,
the secretariat and the judges assigned to its pitch only.
"""

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ..chains.domain.names import localized
from .domain import interest, judging
from .domain import roadshow as roadshows
from .enums import FundingStage
from .forms_roadshow import ProjectForm
from .models import InvestorInterest, Project, Roadshow
from .views_common import MANAGE, WEB, attempt, status_for, visible_event

DECK_CODES = {"type", "size", "content"}


def _call(request: HttpRequest, pk: int) -> Roadshow:
    event = visible_event(request, pk)
    return get_object_or_404(Roadshow.objects.select_related("event__alliance"), event=event)


def call_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The call for projects as applicants read it."""
    event = visible_event(request, pk)
    roadshow = Roadshow.objects.filter(event=event).first()
    if roadshow is None:
        if request.user.has_perm(MANAGE, event.alliance):
            return redirect("events:roadshow", slug=event.alliance.slug, pk=event.pk)
        raise Http404
    now = timezone.now()
    context = {
        "event": event,
        "roadshow": roadshow,
        "open": roadshow.opens_at <= now <= roadshow.closes_at,
        "links": [
            f"{localized(link.chain)} › {localized(link)}"
            for link in roadshow.links.select_related("chain")
        ],
        "stages": [FundingStage(stage).label for stage in roadshow.stages],
        "criteria": roadshow.criteria.order_by("order", "id"),
        "mine": _own_projects(request, roadshow),
    }
    return render(request, "events/roadshow/call.html", context)


def _own_projects(request: HttpRequest, roadshow: Roadshow) -> list[Project]:
    """The user's own projects in the call (the secretariat's list of all of them is on the
    roadshow page)."""
    mine = roadshows.projects_presented_by(request.user).filter(roadshow=roadshow)
    return list(mine.order_by("submitted_at", "id"))


def _deck_refusal_on_field(action: Any) -> Any:
    """The deck's refusals (type, size, content) belong under the deck's field."""
    try:
        return action()
    except ValidationError as error:
        if getattr(error, "code", None) in DECK_CODES:
            raise ValidationError({"deck": error.messages}) from error
        raise


@login_required
def project_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit a project (for the organisation the user represents, if any) with its deck."""
    roadshow = _call(request, pk)
    organization = getattr(request.user, "organization", None)
    form = ProjectForm(request.POST or None, request.FILES or None, roadshow=roadshow,
                       organization=organization)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.domain_data()
        deck = data.pop("deck", None) or None
        project = attempt(form, lambda: _deck_refusal_on_field(lambda: roadshows.submit_project(
            roadshow, actor=request.user, source=WEB, organization=organization, deck=deck,
            **data,
        )))  # fmt: skip
        if project is not None:
            messages.success(request, _("Your project was submitted."))
            return redirect("events:project", pk=project.pk)
    context = {"event": roadshow.event, "roadshow": roadshow, "form": form,
               "organization": organization}  # fmt: skip
    return render(request, "events/roadshow/project_form.html", context, status=status_for(form))


def _project(request: HttpRequest, pk: int) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("roadshow__event__alliance", "organization", "link__chain"),
        pk=pk,
    )
    if not request.user.has_perm("events.view_project", project):
        raise Http404
    return project


@login_required
def project_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant's view of their project; the feedback appears once released."""
    project = _project(request, pk)
    context = {
        "project": project,
        "roadshow": project.roadshow,
        "event": project.roadshow.event,
        "pitch": getattr(project, "pitch", None),  # None until scheduled
        "feedback": judging.feedback_for(project, request.user),
        "released": project.roadshow.released_at is not None,
        "interests": [
            (found, interest.contacts(found, request.user))
            for found in InvestorInterest.objects.filter(project=project).select_related(
                "investor__organization"
            )
        ],
    }
    return render(request, "events/roadshow/project.html", context)


def deck(request: HttpRequest, pk: int) -> FileResponse:
    """The pitch deck, for its presenter, the secretariat and the pitch's judges only."""
    project = get_object_or_404(Project.objects.select_related("roadshow__event__alliance"), pk=pk)
    if not project.deck or not request.user.has_perm("events.view_deck", project):
        raise Http404
    return FileResponse(project.deck.open("rb"), as_attachment=True,
                        filename=_deck_filename(project))  # fmt: skip


def _deck_filename(project: Project) -> str:
    """The download's name: the project's, with the stored file's extension (the stored name
    is random, see ``domain.uploads.stored_deck_name``)."""
    extension = Path(project.deck.name or "").suffix.lower()
    try:
        return get_valid_filename(project.title[:100]) + extension
    except SuspiciousFileOperation:  # a title of punctuation only
        return f"project-{project.pk}{extension}"
