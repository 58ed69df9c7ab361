"""Tickets and check-in.

A ticket's code (what its QR code holds) is ``[event id, registration id, secret]`` signed
with ``django.core.signing`` under its own salt: it cannot be forged without the site's secret
key, it names the event it is for, and drawing a new ``secret`` voids every copy of it.
"""

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from ...common.domain import audit
from ...common.text import to_simplified
from ..enums import EventStatus, RegistrationStatus
from ..models import Event, Registration
from ..models.registration import new_ticket_secret
from .qr import QRCodeUnavailable, qr_svg

TICKET_SALT = "alliancehub.events.ticket"


def ticket_token(registration: Registration) -> str:
    """The signed code printed as the ticket's QR code."""
    payload = [registration.event_id, registration.pk, registration.secret]
    return signing.Signer(salt=TICKET_SALT).sign_object(payload, compress=False)


def _forged() -> ValidationError:
    return ValidationError(_("This code is not a valid ticket."), code="forged")


def _admissible(registration: Registration) -> Registration:
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration was cancelled."), code="cancelled")
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("This registration is not confirmed."), code="not_confirmed")
    return registration


def read_ticket(token: str, *, event: Event) -> Registration:
    """The confirmed registration whose ticket ``token`` is, for ``event``.

    Refused (``ValidationError`` with a code) for a forged or damaged code (``forged``), a
    ticket of another event (``other_event``), a voided ticket (``forged``), a cancelled
    registration (``cancelled``) and one not confirmed (``not_confirmed``).
    """
    try:
        payload = signing.Signer(salt=TICKET_SALT).unsign_object((token or "").strip())
    except (signing.BadSignature, ValueError) as error:
        raise _forged() from error
    if not (isinstance(payload, list) and len(payload) == 3
            and all(isinstance(part, int) for part in payload[:2])
            and isinstance(payload[2], str)):  # fmt: skip
        raise _forged()
    event_id, registration_id, secret = payload
    if event_id != event.pk:
        raise ValidationError(_("This ticket is for another event."), code="other_event")
    registration = Registration.objects.filter(pk=registration_id, event=event).first()
    if registration is None or not constant_time_compare(registration.secret, secret):
        raise _forged()
    return _admissible(registration)


def find_ticket(token: str) -> Registration:
    """The confirmed registration whose ticket ``token`` is, whatever its event (the ticket's
    page); refused as ``read_ticket`` refuses."""
    try:
        payload = signing.Signer(salt=TICKET_SALT).unsign_object((token or "").strip())
    except (signing.BadSignature, ValueError) as error:
        raise _forged() from error
    event_id = payload[0] if isinstance(payload, list) and payload else None
    event = Event.objects.filter(pk=event_id).first() if isinstance(event_id, int) else None
    if event is None:
        raise _forged()
    return read_ticket(token, event=event)


@transaction.atomic
def void_ticket(registration: Registration, *, actor: Any, source: str) -> Registration:
    """Draw a new secret for the registration: every copy of its ticket stops working (a lost
    or shared ticket); the registrant needs the new one. Side effects: saves, audits."""
    registration.secret = new_ticket_secret()
    registration.save(update_fields=["secret", "updated_at"])
    audit.record(registration, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"secret": ["…", "…"]})  # fmt: skip
    return registration


@dataclass(frozen=True)
class Ticket:
    """What a registrant is sent: the code and, where a QR encoder is installed, its picture."""

    registration: Registration
    token: str
    qr_svg: str | None


def issue_ticket(registration: Registration) -> Ticket:
    """The ticket of a confirmed registration (refused for any other)."""
    _admissible(registration)
    token = ticket_token(registration)
    try:
        picture: str | None = qr_svg(token)
    except QRCodeUnavailable:
        picture = None
    return Ticket(registration, token, picture)


@transaction.atomic
def check_in(
    event: Event,
    *,
    actor: Any,
    source: str,
    token: str | None = None,
    registration: Registration | None = None,
) -> Registration:
    """Admit a registrant at the door, by the ticket's scanned ``token`` or by the
    ``registration`` the desk found by name (``search_registrations``).

    Side effects: stamps the check-in time and who checked in, audits. Refused for a forged
    code or another event's ticket, a registration that is not confirmed, a cancelled event,
    and a second check-in of the same ticket ("already checked in at 09:12").
    """
    if (token is None) == (registration is None):
        raise ValidationError(_("Scan a ticket or pick a registration."))
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("The event was cancelled."))
    found = read_ticket(token, event=event) if token is not None else registration
    if found is None or found.event_id != event.pk:
        raise ValidationError(_("This registration is for another event."), code="other_event")
    registration = Registration.objects.select_for_update().get(pk=found.pk)
    _admissible(registration)
    if registration.checked_in_at is not None:
        at = timezone.localtime(registration.checked_in_at).strftime("%H:%M")
        raise ValidationError(_("Already checked in at {time}.").format(time=at), code="reused")
    registration.checked_in_at = timezone.now()
    registration.checked_in_by = actor if getattr(actor, "pk", None) else None
    registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    audit.record(registration, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"checked_in_at": [None, str(registration.checked_in_at)]})  # fmt: skip
    return registration


def search_registrations(event: Event, query: str, *, limit: int = 20) -> list[Registration]:
    """Registrations of ``event`` (cancelled ones left out) whose name, e-mail, phone or
    organisation contains ``query``, in Simplified or Traditional script; for the check-in
    desk when a ticket cannot be scanned."""
    query = (query or "").strip()
    if not query:
        return []
    condition = Q()
    for term in {query, to_simplified(query)}:
        condition |= (
            Q(name__icontains=term) | Q(email__icontains=term) | Q(phone__icontains=term)
            | Q(organization_name__icontains=term)
        )  # fmt: skip
    found = (
        Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .filter(condition)
        .order_by("name", "id")
    )
    return list(found[:limit])
