"""Setting up an event: its details, the bodies behind it, its agenda and speakers, its status.

Every function saves through ``full_clean`` (so the model's constraints speak first, with their
messages) and writes an audit-log entry.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ...alliances.models import Alliance
from ...common.domain import audit
from ...organizations.models import Organization
from ..enums import BodyRole, EventStatus
from ..models import Event, EventBody, Session, Speaker

EVENT_FIELDS = [
    "kind", "title", "theme", "description", "starts_at", "ends_at", "venue", "capacity",
    "registration_opens_at", "registration_closes_at", "requires_approval", "visibility",
    "status", "part_of", "note",
]  # fmt: skip


def _created(obj: Any, fields: list[str], *, actor: Any, source: str) -> None:
    audit.record(
        obj, action=audit.Action.CREATE, actor=actor, source=source,
        changes=audit.diff({}, audit.snapshot(obj, fields)),
    )  # fmt: skip


def _check_part_of(alliance_id: int, part_of: Event | None, event: Event | None = None) -> None:
    """A segment belongs to a main event of the same alliance, one level deep, never to itself."""
    if part_of is None:
        return
    if part_of.alliance_id != alliance_id:
        raise ValidationError({"part_of": _("The main event belongs to another alliance.")})
    if event is not None and part_of.pk == event.pk:
        raise ValidationError({"part_of": _("An event cannot be a segment of itself.")})
    if part_of.part_of_id is not None:
        raise ValidationError({"part_of": _("The main event is itself a segment; choose the "
                                            "event it belongs to.")})  # fmt: skip
    if event is not None and event.pk and event.parts.exists():
        raise ValidationError({"part_of": _("This event has segments of its own; it cannot "
                                            "become a segment.")})  # fmt: skip


@transaction.atomic
def create_event(
    alliance: Alliance,
    *,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    actor: Any,
    source: str,
    **details: Any,
) -> Event:
    """Create an event (a draft unless ``status`` says otherwise) with any other field of
    ``Event`` in ``details``. Side effects: saves it, audits. Refused when ``part_of`` is
    another alliance's event or itself a segment."""
    _check_part_of(alliance.pk, details.get("part_of"))
    event = Event(alliance=alliance, kind=kind, title=title, starts_at=starts_at,
                  ends_at=ends_at, **details)  # fmt: skip
    event.full_clean()
    event.save()
    _created(event, EVENT_FIELDS, actor=actor, source=source)
    return event


@transaction.atomic
def update_event(event: Event, data: dict[str, Any], *, actor: Any, source: str) -> Event:
    """Change an event's details. A change of ``capacity`` goes through ``change_capacity``
    (it may fill seats from the waiting list), a change of ``status`` through ``set_status``;
    the alliance never changes. Refused for a ``part_of`` as ``create_event`` refuses it."""
    from .registration import change_capacity

    data = dict(data)
    if "status" in data:
        raise ValidationError(_("Publish or cancel the event instead."))
    if "alliance" in data or "alliance_id" in data:
        raise ValidationError(_("An event stays with the alliance that created it."))
    capacity_given, capacity = "capacity" in data, data.pop("capacity", None)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if "part_of" in data:
        _check_part_of(event.alliance_id, data["part_of"], event)
    before = audit.snapshot(event, EVENT_FIELDS)
    for name, value in data.items():
        setattr(event, name, value)
    event.full_clean()
    event.save()
    changes = audit.diff(before, audit.snapshot(event, EVENT_FIELDS))
    if changes:
        audit.record(event, action=audit.Action.UPDATE, actor=actor, source=source,
                     changes=changes)  # fmt: skip
    if capacity_given:
        event = change_capacity(event, capacity, actor=actor, source=source)
    return event


@transaction.atomic
def set_status(event: Event, status: str, *, actor: Any, source: str) -> Event:
    """Publish a draft, or cancel an event. A cancelled event stays cancelled and takes no more
    registrations (existing ones are kept for the record)."""
    if status not in EventStatus.values:
        raise ValidationError(_("Unknown status: {status}.").format(status=status))
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("The event was cancelled."))
    if status == event.status:
        raise ValidationError(_("The event is already {status}.").format(
            status=event.get_status_display()))  # fmt: skip
    if status == EventStatus.DRAFT:
        raise ValidationError(_("A published event cannot go back to draft; cancel it instead."))
    before = event.status
    event.status = status
    event.save(update_fields=["status", "updated_at"])
    audit.record(event, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"status": [before, status]})  # fmt: skip
    return event


@transaction.atomic
def add_body(
    event: Event,
    role: str,
    *,
    actor: Any,
    source: str,
    organization: Organization | None = None,
    name: str = "",
) -> EventBody:
    """Name a guiding unit, organiser, co-organiser, host or supporter: an organisation of the
    registry or, when it is not registered, its name. It goes after the others of its role."""
    last = event.bodies.filter(role=role).aggregate(last=Max("order"))["last"] or 0
    body = EventBody(event=event, role=role, organization=organization,
                     name="" if organization else name.strip(), order=last + 1)  # fmt: skip
    body.full_clean()
    body.save()
    _created(body, ["role", "organization", "name", "order"], actor=actor, source=source)
    return body


@transaction.atomic
def add_session(event: Event, *, title: str, actor: Any, source: str, **details: Any) -> Session:
    """Append a session (``starts_at``, ``ends_at``, ``room``, ``description``) to the agenda.
    Refused when its times fall outside the event's."""
    last = event.sessions.aggregate(last=Max("order"))["last"] or 0
    session = Session(event=event, title=title, order=details.pop("order", last + 1), **details)
    for moment in (session.starts_at, session.ends_at):
        if moment is not None and not event.starts_at <= moment <= event.ends_at:
            raise ValidationError(_("A session must take place during the event."))
    session.full_clean()
    session.save()
    _created(session, ["order", "title", "starts_at", "ends_at", "room"], actor=actor,
             source=source)  # fmt: skip
    return session


@transaction.atomic
def add_speaker(
    session: Session,
    *,
    name: str,
    actor: Any,
    source: str,
    title: str = "",
    organization: Organization | None = None,
    talk: str = "",
    keynote: bool = False,
) -> Speaker:
    """Add a speaker to a session (after the ones already there)."""
    last = session.speakers.aggregate(last=Max("order"))["last"] or 0
    speaker = Speaker(session=session, name=name.strip(), title=title, organization=organization,
                      talk=talk, keynote=keynote, order=last + 1)  # fmt: skip
    speaker.full_clean()
    speaker.save()
    _created(speaker, ["name", "title", "organization", "talk", "keynote"], actor=actor,
             source=source)  # fmt: skip
    return speaker


def bodies_by_role(event: Event) -> dict[str, list[EventBody]]:
    """The event's bodies grouped by role, in the order of ``BodyRole`` and then their own."""
    grouped: dict[str, list[EventBody]] = {}
    for body in event.bodies.select_related("organization").order_by("order", "id"):
        grouped.setdefault(body.role, []).append(body)
    return {role: grouped[role] for role in BodyRole.values if role in grouped}
