"""Introductions: asking for one from a match, answering, withdrawing, recording the outcome.

An introduction is looked up among those of the user's organisation
(``domain.introductions.involving``); the other side's contacts come from
``introductions.contacts``, which gives none before the counterpart accepts.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..common.pagination import CappedCountPaginator
from .domain import introductions as domain
from .domain.reasons import explain_all
from .domain.visibility import visible_posts
from .forms import IntroductionForm, OutcomeForm, ReplyForm
from .models import Introduction
from .views import WEB, joined, refusal

SIDES = ("asked", "received")


def _back(request: HttpRequest, default: str) -> str:
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return default


@require_POST
@login_required
def introduce(request: HttpRequest) -> HttpResponse:
    """Ask for the user's organisation's post to be introduced to a matched counterpart."""
    form = IntroductionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the posts to introduce."))
        return redirect(_back(request, "exchange:marketplace"))
    visible = visible_posts(request.user).select_related("organization")
    post = get_object_or_404(visible, pk=form.cleaned_data["post"])
    counterpart = get_object_or_404(visible, pk=form.cleaned_data["counterpart"])
    try:
        domain.request_introduction(
            post, counterpart, actor=request.user, source=WEB,
            message=form.cleaned_data["message"],
        )  # fmt: skip
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
        return redirect(_back(request, reverse("exchange:post", args=[post.pk])))
    messages.success(
        request,
        _("{organization} has been asked for an introduction.").format(
            organization=counterpart.organization.display_name
        ),
    )
    return redirect("exchange:introductions")


@dataclass
class Row:
    introduction: Introduction
    asked: bool  # asked by the user's organisation (else asked of it)
    reasons: str
    contacts: dict[str, Any] | None


@login_required
def introduction_list(request: HttpRequest) -> HttpResponse:
    """The introductions asked by and of the user's organisation, with their actions."""
    side = request.GET.get("side", "")
    organization_id: int = getattr(request.user, "organization_id", None) or 0
    found = (
        domain.involving(request.user)
        .select_related("post__region", "counterpart_post__region", "requested_by", "responded_by")
        .prefetch_related(
            "post__organization__contacts", "counterpart_post__organization__contacts"
        )
        .order_by("-created_at", "-id")
    )
    if side == "asked":
        found = found.filter(post__organization_id=organization_id)
    elif side == "received":
        found = found.filter(counterpart_post__organization_id=organization_id)
    page = CappedCountPaginator(found, 30).get_page(request.GET.get("page"))
    explained = explain_all([i.reasons for i in page])
    rows = [
        Row(i, i.post.organization_id == organization_id, joined(reasons),
            domain.contacts(i, request.user))
        for i, reasons in zip(page, explained, strict=True)
    ]  # fmt: skip
    context = {
        "page": page, "rows": rows, "side": side, "sides": SIDES,
        "reply_form": ReplyForm(), "outcome_form": OutcomeForm(),
        "has_organization": bool(organization_id),
    }  # fmt: skip
    return render(request, "exchange/introductions.html", context)


def _introduction(request: HttpRequest, pk: int) -> Introduction:
    return get_object_or_404(domain.involving(request.user), pk=pk)


def _run(request: HttpRequest, action: Any, done: str) -> HttpResponse:
    try:
        action()
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, done)
    return redirect(_back(request, "exchange:introductions"))


@require_POST
@login_required
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept (``accept=1``) or decline an introduction asked of the user's organisation."""
    introduction = _introduction(request, pk)
    form = ReplyForm(request.POST)
    reply = form.cleaned_data["reply"] if form.is_valid() else ""
    accept = request.POST.get("accept") == "1"
    return _run(
        request,
        lambda: domain.respond(
            introduction, accept=accept, actor=request.user, source=WEB, reply=reply
        ),
        _("The introduction was accepted: you can now see each other's contacts.")
        if accept
        else _("The introduction was declined."),
    )


@require_POST
@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    introduction = _introduction(request, pk)
    return _run(
        request,
        lambda: domain.withdraw(introduction, actor=request.user, source=WEB),
        _("The request was withdrawn."),
    )


@require_POST
@login_required
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    introduction = _introduction(request, pk)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose deal, no deal or ongoing."))
        return redirect(_back(request, "exchange:introductions"))
    return _run(
        request,
        lambda: domain.record_outcome(
            introduction, form.cleaned_data["outcome"], actor=request.user, source=WEB,
            note=form.cleaned_data["note"],
        ),
        _("The outcome was recorded."),
    )  # fmt: skip
