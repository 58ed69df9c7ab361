"""Reading a date a person typed into an address (``?on=2021-11-10``)."""

from datetime import date

from django.utils import timezone


def date_or_today(value: str | None) -> date:
    """``value`` as an ISO date, or today when it is missing or not a date."""
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()
