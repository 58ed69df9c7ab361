"""Which events a person may see, as one queryset for every list (pages, API, feeds).

It says in SQL what ``events.view`` says for one event (``rules.py``): the secretariat sees
all of its alliance's events, drafts included; others see published (or cancelled) events that
are public, or members-only in an alliance where they hold a role in force.
"""

from typing import Any

from django.db.models import Q, QuerySet

from ...accounts.models import AllianceRole
from ...accounts.rules import alliance_ids_with_roles
from ..enums import EventStatus, Visibility
from ..models import Event


def visible_events(user: Any) -> QuerySet[Event]:
    """Every event ``user`` (anonymous too) may open; the same answer as ``events.view``."""
    events = Event.objects.all()
    if getattr(user, "is_superuser", False):
        return events
    shown = ~Q(status=EventStatus.DRAFT) & Q(visibility=Visibility.PUBLIC)
    if getattr(user, "is_authenticated", False):
        roles = alliance_ids_with_roles(user)
        secretariat = alliance_ids_with_roles(user, AllianceRole.Kind.SECRETARIAT)
        shown |= ~Q(status=EventStatus.DRAFT) & Q(alliance_id__in=roles)
        shown |= Q(alliance_id__in=secretariat)
    return events.filter(shown)
