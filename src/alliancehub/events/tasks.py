from celery import shared_task

from .domain.notifications import send_status as send_status_email
from .domain.notifications import send_ticket as send_ticket_email


@shared_task(name="events.send_ticket")
def send_ticket(registration_id: int) -> None:
    """E-mail the registrant the ticket (re-fetches the registration; nothing is sent if it is
    no longer confirmed)."""
    send_ticket_email(registration_id)


@shared_task(name="events.send_registration_status")
def send_registration_status(registration_id: int, status: str) -> None:
    """E-mail a registrant without a ticket where the registration stands (nothing is sent if
    its status has changed since)."""
    send_status_email(registration_id, status)
