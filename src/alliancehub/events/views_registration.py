"""Registering for an event (signed in or not), the registration's own page (status, place on
the waiting list, cancelling), and the ticket with its QR code.

The registration's page and the ticket are found by signed codes in their address
(``domain.receipts``, ``domain.tickets``): whoever holds the link is the person who
registered, so no sign-in is needed to read or cancel one's registration.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .domain import registration as registrations
from .domain.qr import QRCodeUnavailable, qr_svg
from .domain.receipts import read_receipt, receipt_token, waiting_position
from .domain.tickets import find_ticket, ticket_token
from .enums import RegistrationStatus
from .forms import RegistrationForm
from .models import Registration
from .views_common import WEB, attempt, refusal, status_for, visible_event

Status = RegistrationStatus


def _profile(request: HttpRequest) -> dict[str, str]:
    """What the signed-in user's profile fills in."""
    user: Any = request.user
    if not user.is_authenticated:
        return {}
    organization = getattr(user, "organization", None)
    return {"name": str(user), "email": user.email,
            "organization_name": organization.name if organization else ""}  # fmt: skip


def register(request: HttpRequest, pk: int) -> HttpResponse:
    """The registration form with the event's own questions."""
    event = visible_event(request, pk)
    questions = list(event.questions.order_by("order", "id"))
    form = RegistrationForm(request.POST or None, questions=questions, initial=_profile(request))
    if request.method == "POST" and form.is_valid():
        done = attempt(form, lambda: registrations.register(
            event, actor=request.user, source=WEB, answers=form.answers(), **form.person(),
        ))  # fmt: skip
        if done is not None:
            return redirect("events:registration", token=receipt_token(done))
    context = {"event": event, "form": form, "closed": registrations.registration_closed(event)}
    return render(request, "events/register.html", context, status=status_for(form))


def _registration(token: str) -> Registration:
    try:
        return read_receipt(token)
    except ValidationError as error:
        raise Http404 from error


def registration_page(request: HttpRequest, token: str) -> HttpResponse:
    """What became of the registration: confirmed (with the ticket), awaiting approval, or
    on the waiting list with its place."""
    registration = _registration(token)
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "token": token,
        "position": waiting_position(registration),
        "ticket": ticket_token(registration) if registration.status == Status.CONFIRMED else "",
        "cancellable": registrations.cancellation_refused(registration) is None,
    }
    return render(request, "events/registration.html", context)


@require_POST
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    try:
        registrations.cancel_registration(registration, actor=request.user, source=WEB)
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:registration", token=token)


def _page_qr(token: str) -> str:
    """The QR code drawn larger than the e-mail's, for a phone screen held to a scanner;
    the encoder's own markup from our signed code, so nothing typed by a user is in it."""
    try:
        return mark_safe(qr_svg(token, scale=6))
    except QRCodeUnavailable:
        return ""


def ticket(request: HttpRequest, token: str) -> HttpResponse:
    """The ticket to show at the entrance: the QR code (inline SVG) and the code under it.

    The ticket's code is seen by others (it is printed on the badge, shown at the desk), so
    the page links to the registration's own page (e-mail, cancelling) for the signed-in
    registrant only; the others find that link in the ticket's e-mail.
    """
    try:
        registration = find_ticket(token)
    except ValidationError as error:
        return render(request, "events/ticket.html", {"refused": refusal(error)}, status=404)
    own = request.user.is_authenticated and registration.user_id == request.user.pk
    context = {
        "token": token.strip(),
        "registration": registration,
        "event": registration.event,
        "qr": _page_qr(token.strip()),
        "receipt": receipt_token(registration) if own else "",
    }
    return render(request, "events/ticket.html", context)
