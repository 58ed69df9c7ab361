"""A registration's own page for the person who registered, signed in or not.

Its address holds ``[registration id, secret]`` signed under its own salt (the ticket's code
is signed under another): whoever holds the link, sent back to the person who registered,
reads the registration's status and place on the waiting list and may cancel it. Drawing a
new secret (``tickets.void_ticket``) voids the link with the ticket.
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from ..enums import RegistrationStatus
from ..models import Registration

RECEIPT_SALT = "alliancehub.events.receipt"


def receipt_token(registration: Registration) -> str:
    """The signed code in the address of the registration's page."""
    payload = [registration.pk, registration.secret]
    return signing.Signer(salt=RECEIPT_SALT).sign_object(payload, compress=False)


def read_receipt(token: str) -> Registration:
    """The registration whose page ``token`` opens; ``ValidationError`` for a forged, damaged
    or voided code."""
    refused = ValidationError(_("This link is not valid."), code="forged")
    try:
        payload = signing.Signer(salt=RECEIPT_SALT).unsign_object((token or "").strip())
    except (signing.BadSignature, ValueError) as error:
        raise refused from error
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], int)
            and isinstance(payload[1], str)):  # fmt: skip
        raise refused
    registration = (
        Registration.objects.select_related("event__alliance").filter(pk=payload[0]).first()
    )
    if registration is None or not constant_time_compare(registration.secret, payload[1]):
        raise refused
    return registration


def waiting_position(registration: Registration) -> int | None:
    """The registration's place on the waiting list (1 is the next to get a seat), or
    ``None`` when it is not waiting. The list is served by ``waiting_since``, then id."""
    if registration.status != RegistrationStatus.WAITING or registration.waiting_since is None:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITING,
        waiting_since__lte=registration.waiting_since,
    ).exclude(waiting_since=registration.waiting_since, pk__gte=registration.pk)  # fmt: skip
    return ahead.count() + 1


def waiting_positions(event_id: int) -> dict[int, int]:
    """Registration id → place on the waiting list, for every waiting registration of the
    event, in one query (lists)."""
    waiting = Registration.objects.filter(event_id=event_id, status=RegistrationStatus.WAITING)
    ids = waiting.order_by("waiting_since", "id").values_list("pk", flat=True)
    return {pk: place for place, pk in enumerate(ids, start=1)}
