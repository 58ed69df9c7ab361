"""E-mailing registrants their tickets, in their own language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ..enums import RegistrationStatus
from ..models import Registration
from .receipts import receipt_token, waiting_position
from .registration import moment
from .tickets import issue_ticket


def _link(name: str, token: str) -> str:
    try:
        path = reverse(name, kwargs={"token": token})
    except NoReverseMatch:
        return ""
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def ticket_link(token: str) -> str:
    """The address of the ticket's page, absolute when ``settings.SITE_URL`` is set; empty
    while the site has no ticket page (``events:ticket``)."""
    return _link("events:ticket", token)


def receipt_link(registration: Registration) -> str:
    """The address of the registration's own page (status, cancelling), like ``ticket_link``.

    Only the registrant gets it, by e-mail: the ticket page does not show it, since the ticket's
    code is printed on the badge for anyone to scan."""
    return _link("events:registration", receipt_token(registration))


def send_ticket(registration_id: int) -> bool:
    """E-mail a confirmed registrant the ticket: the event's time and venue, the link to the
    ticket page (or the ticket's code while there is none), the QR code as an SVG file, and
    the link to the registration's own page, to cancel it.

    Written in the user's preferred language (the site's default otherwise). Returns whether a
    message was sent (not for a registration that is no longer confirmed).
    """
    registration = (
        Registration.objects.select_related("event", "event__alliance", "user")
        .filter(pk=registration_id, status=RegistrationStatus.CONFIRMED)
        .first()
    )
    if registration is None:
        return False
    ticket = issue_ticket(registration)
    event = registration.event
    with translation.override(_language(registration)):
        link = ticket_link(ticket.token)
        subject = _("Your ticket for {event}").format(event=event.title)
        lines = [
            _("your registration for {event} is confirmed.").format(event=event.title),
            _("When: {start} to {end}").format(
                start=moment(event.starts_at), end=moment(event.ends_at)
            ),
        ]
        if event.venue:
            lines.append(_("Where: {venue}").format(venue=event.venue))
        if link:
            lines.append(_("Your ticket: {link}").format(link=link))
        else:
            lines.append(_("Your ticket code: {code}").format(code=ticket.token))
        if ticket.qr_svg:
            lines.append(_("Show the QR code at the entrance; it is attached to this message."))
        receipt = receipt_link(registration)
        if receipt:
            lines.append(_("Your registration (to cancel it): {link}").format(link=receipt))
        message = _message(registration, subject, lines)
    if ticket.qr_svg:
        message.attach("ticket.svg", ticket.qr_svg, "image/svg+xml")
    message.send()
    return True


def send_status(registration_id: int, status: str) -> bool:
    """E-mail a registrant without a ticket where the registration stands: received and
    awaiting approval, on the waiting list (with the place), or turned down (with the reason);
    the first two with the link to the registration's own page.

    Sent only if the registration still has ``status`` (a seat may have come since), in the
    user's preferred language. Returns whether a message was sent.
    """
    registration = (
        Registration.objects.select_related("event", "event__alliance", "user")
        .filter(pk=registration_id, status=status)
        .first()
    )
    if registration is None or status not in STATUS_NOTICES:
        return False
    event = registration.event
    with translation.override(_language(registration)):
        if status == RegistrationStatus.PENDING:
            subject = _("Your registration for {event} is received").format(event=event.title)
            lines = [
                _("your registration for {event} is received and awaits the secretariat's "
                  "approval. We will write again once it is decided.").format(event=event.title)
            ]  # fmt: skip
        elif status == RegistrationStatus.WAITING:
            subject = _("On the waiting list for {event}").format(event=event.title)
            lines = [
                _("{event} is full: you are number {place} on its waiting list. Seats that "
                  "free up go to the list in order, and your ticket will come by e-mail.").format(
                    event=event.title, place=waiting_position(registration)
                )
            ]  # fmt: skip
        else:
            subject = _("Your registration for {event}").format(event=event.title)
            lines = [
                _("your registration for {event} was not accepted.").format(event=event.title),
                _("Reason: {reason}").format(reason=registration.reason),
            ]
        receipt = receipt_link(registration)
        if receipt and status != RegistrationStatus.REJECTED:
            lines.append(_("Your registration (to cancel it): {link}").format(link=receipt))
        message = _message(registration, subject, lines)
    message.send()
    return True


STATUS_NOTICES = (RegistrationStatus.PENDING, RegistrationStatus.WAITING,
                  RegistrationStatus.REJECTED)  # fmt: skip


def _language(registration: Registration) -> str:
    return getattr(registration.user, "preferred_language", "") or settings.LANGUAGE_CODE


def _message(registration: Registration, subject: str, lines: list[str]) -> EmailMultiAlternatives:
    """The e-mail to the registrant: greeting, ``lines``, the alliance's name (in the active
    language)."""
    greeting = _("Dear {name},").format(name=registration.name)
    body = "\n\n".join([greeting, *lines, registration.event.alliance.name])
    return EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
