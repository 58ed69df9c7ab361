from celery import shared_task

from .domain.notifications import send_decision


@shared_task(name="alliances.notify_decision")
def notify_decision(application_id: int) -> None:
    """E-mail the applicant the secretariat's decision (re-fetches the application)."""
    send_decision(application_id)
