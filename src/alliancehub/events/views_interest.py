"""Investors asking to meet a pitched project's team, and the team's answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .domain import interest as domain
from .models import InvestorInterest
from .views_common import WEB, refusal
from .views_judging import _pitch, _roadshow


@require_POST
@login_required
def ask(request: HttpRequest, pk: int, pitch: int) -> HttpResponse:
    """An investor judge of the pitch asks to meet the project's team."""
    found = _pitch(request, _roadshow(request, pk), pitch)
    message = request.POST.get("message", "")[:2000]
    try:
        domain.ask_for_introduction(found.project, actor=request.user, source=WEB, message=message)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, _("Your request was sent to the project's team."))
    return redirect("events:pitch", pk=pk, pitch=found.pk)


@require_POST
@login_required
def answer(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """The project's team accepts or declines an investor's request."""
    interest = get_object_or_404(InvestorInterest.objects.select_related("project"), pk=pk)
    if decision not in ("accept", "decline"):
        return redirect("events:project", pk=interest.project_id)
    try:
        domain.answer(interest, accept=decision == "accept", actor=request.user, source=WEB,
                      reply=request.POST.get("reply", "")[:2000])  # fmt: skip
    except PermissionDenied:
        raise
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, _("Your answer was sent to the investor."))
    return redirect("events:project", pk=interest.project_id)
