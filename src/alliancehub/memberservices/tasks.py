from celery import shared_task

from .domain import overdue


@shared_task(name="memberservices.notify_overdue_requests")
def notify_overdue_requests() -> int:
    """Hourly: tell each secretariat of its service requests that became overdue."""
    return overdue.notify_newly_overdue()
