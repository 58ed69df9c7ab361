"""Overdue requests: not resolved once the service's target time has passed.

A request is due at its submission (or last reopening) plus the service's target time, and
overdue while it is submitted, accepted or in progress *after* that moment: one resolved at
the very moment it falls due was resolved within the target. Overdue is computed, never
stored; the periodic task only remembers which overdue requests the secretariat was told of.
"""

from datetime import datetime
from itertools import groupby

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ...common.domain import audit
from ..enums import OPEN_STATUSES
from ..models import ServiceRequest
from . import notices


def overdue_condition(now: datetime | None = None) -> Q:
    return Q(status__in=OPEN_STATUSES, due_at__lt=now or timezone.now())


def is_overdue(request: ServiceRequest, now: datetime | None = None) -> bool:
    return request.status in OPEN_STATUSES and request.due_at < (now or timezone.now())


def notify_newly_overdue(now: datetime | None = None) -> int:
    """Tell each alliance's secretariat of its requests that became overdue since the last
    run (once per request and due time). Returns how many requests were newly flagged.

    Side effects: ``overdue_notified_at`` set, audited (source system); one notification per
    secretariat member and alliance. Each alliance in its own transaction.
    """
    now = now or timezone.now()
    pending = (
        ServiceRequest.objects.filter(overdue_condition(now), overdue_notified_at__isnull=True)
        .order_by("alliance_id", "due_at", "id")
        .values_list("alliance_id", "pk")
    )
    flagged = 0
    for _alliance_id, rows in groupby(list(pending), key=lambda row: row[0]):
        with transaction.atomic():
            requests = list(
                ServiceRequest.objects.select_for_update(of=("self",))
                .filter(overdue_condition(now), overdue_notified_at__isnull=True,
                        pk__in=[pk for _a, pk in rows])
                .select_related("alliance", "organization")
                .order_by("due_at", "id")
            )  # fmt: skip
            for request in requests:
                request.overdue_notified_at = now
                request.save(update_fields=["overdue_notified_at"])
                audit.record(request, action=audit.Action.UPDATE, actor=None,
                             source=audit.Source.SYSTEM,
                             changes={"overdue_notified_at": [None, str(now)]})  # fmt: skip
            notices.tell_secretariat_of_overdue(requests)
            flagged += len(requests)
    return flagged
