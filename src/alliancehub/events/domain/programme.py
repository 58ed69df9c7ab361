"""Setting up an event: its details, the bodies behind it, its agenda and speakers, its status.

Every function saves through ``full_clean`` (so the model's constraints speak first, with their
messages) and writes an audit-log entry. A body, session or speaker changes under the rules it
was added with; removing one keeps its last values in the audit log.
"""

from collections.abc import Iterable, Mapping
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

#: What the audit log keeps of a body, a session and a speaker when they change or go.
BODY_FIELDS = ["role", "organization", "name", "order"]
SESSION_FIELDS = ["order", "title", "starts_at", "ends_at", "room", "description"]
SPEAKER_FIELDS = ["session", "name", "title", "organization", "talk", "keynote", "order"]

EVENT_FIELDS = [
    "kind", "title", "theme", "description", "starts_at", "ends_at", "venue", "capacity",
    "registration_opens_at", "registration_closes_at", "requires_approval", "visibility",
    "status", "part_of", "note",
]  # fmt: skip


def _only(data: Mapping[str, Any], editable: Iterable[str]) -> None:
    """A caller's slip, not the user's: the forms and serializers pass only these fields."""
    unknown = set(data) - set(editable)
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}.")


def _last(items: Any) -> int:
    return int(items.aggregate(last=Max("order"))["last"] or 0)


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
    audit.record_created(event, EVENT_FIELDS, actor=actor, source=source)
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
    audit.record_changed(event, before, actor=actor, source=source)
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
    audit.record_created(
        body, ["role", "organization", "name", "order"], actor=actor, source=source
    )
    return body


def _check_during(event: Event, session: Session) -> None:
    """The session's times, where it has them, fall within the event's."""
    for moment in (session.starts_at, session.ends_at):
        if moment is not None and not event.starts_at <= moment <= event.ends_at:
            raise ValidationError(_("A session must take place during the event."))


@transaction.atomic
def add_session(event: Event, *, title: str, actor: Any, source: str, **details: Any) -> Session:
    """Append a session (``starts_at``, ``ends_at``, ``room``, ``description``) to the agenda.
    Refused when its times fall outside the event's."""
    last = event.sessions.aggregate(last=Max("order"))["last"] or 0
    session = Session(event=event, title=title, order=details.pop("order", last + 1), **details)
    _check_during(event, session)
    session.full_clean()
    session.save()
    audit.record_created(session, ["order", "title", "starts_at", "ends_at", "room"],
                         actor=actor, source=source)  # fmt: skip
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
    audit.record_created(speaker, ["name", "title", "organization", "talk", "keynote"],
                         actor=actor, source=source)  # fmt: skip
    return speaker


# Changing and removing what was added -------------------------------------------------------


@transaction.atomic
def update_body(body: EventBody, data: Mapping[str, Any], *, actor: Any,
                source: str) -> EventBody:  # fmt: skip
    """Change a body's ``role``, or who it is: giving ``organization`` or ``name`` names it
    anew, as ``add_body`` does (the organisation of the registry when there is one, else the
    name as typed). With a new role it goes after the others of that role.

    Side effects: saves it, audits the change. Refused, as adding is, without an organisation
    or a name, or for an organisation that already has that role at the event.
    """
    _only(data, ["role", "organization", "name"])
    body = EventBody.objects.select_for_update().get(pk=body.pk)
    before = audit.snapshot(body, BODY_FIELDS)
    if "organization" in data or "name" in data:
        body.organization = data.get("organization")
        body.name = "" if body.organization else str(data.get("name") or "").strip()
    if data.get("role", body.role) != body.role:
        body.role = data["role"]
        body.order = _last(EventBody.objects.filter(event_id=body.event_id, role=body.role)) + 1
    body.full_clean()
    body.save()
    audit.record_changed(body, before, actor=actor, source=source)
    return body


@transaction.atomic
def remove_body(body: EventBody, *, actor: Any, source: str) -> None:
    """Take a body off the programme. Side effects: deletes it, audits its last values; the
    others of its role keep their order."""
    body = EventBody.objects.select_for_update().get(pk=body.pk)
    audit.record_removed(body, BODY_FIELDS, actor=actor, source=source)
    body.delete()


@transaction.atomic
def update_session(session: Session, data: Mapping[str, Any], *, actor: Any,
                   source: str) -> Session:  # fmt: skip
    """Change a session's ``title``, ``starts_at``, ``ends_at``, ``room`` or ``description``.

    Side effects: saves it, audits the change. Refused, as adding is, when its times fall
    outside the event's or it would end before it starts.
    """
    _only(data, ["title", "starts_at", "ends_at", "room", "description"])
    session = Session.objects.select_for_update().get(pk=session.pk)
    before = audit.snapshot(session, SESSION_FIELDS)
    for name, value in data.items():
        setattr(session, name, value)
    _check_during(session.event, session)
    session.full_clean()
    session.save()
    audit.record_changed(session, before, actor=actor, source=source)
    return session


@transaction.atomic
def remove_session(session: Session, *, actor: Any, source: str) -> None:
    """Take a session off the agenda, and its speakers with it.

    Side effects: deletes the session and its speakers, audits the last values of each
    speaker and of the session; the other sessions keep their order.
    """
    session = Session.objects.select_for_update().get(pk=session.pk)
    for speaker in session.speakers.select_related("organization").order_by("order", "id"):
        audit.record_removed(speaker, SPEAKER_FIELDS, actor=actor, source=source)
    audit.record_removed(session, SESSION_FIELDS, actor=actor, source=source)
    session.delete()


@transaction.atomic
def update_speaker(speaker: Speaker, data: Mapping[str, Any], *, actor: Any,
                   source: str) -> Speaker:  # fmt: skip
    """Change what the programme prints of a speaker (``name``, ``title``, ``organization``,
    ``talk``, ``keynote``), or move them to another ``session`` of the same event, after the
    speakers already there.

    Side effects: saves the speaker, audits the change. Refused for another event's session.
    """
    _only(data, ["session", "name", "title", "organization", "talk", "keynote"])
    speaker = Speaker.objects.select_for_update().get(pk=speaker.pk)
    before = audit.snapshot(speaker, SPEAKER_FIELDS)
    session = data.get("session") or speaker.session
    if session.pk != speaker.session_id:
        if session.event_id != speaker.session.event_id:
            raise ValidationError({"session": _("Choose a session of this event.")})
        speaker.session, speaker.order = session, _last(session.speakers) + 1
    for name in ("name", "title", "organization", "talk", "keynote"):
        if name in data:
            setattr(speaker, name, data[name])
    speaker.name = speaker.name.strip()
    speaker.full_clean()
    speaker.save()
    audit.record_changed(speaker, before, actor=actor, source=source)
    return speaker


@transaction.atomic
def remove_speaker(speaker: Speaker, *, actor: Any, source: str) -> None:
    """Take a speaker off their session. Side effects: deletes the speaker, audits their last
    values; the session's other speakers keep their order."""
    speaker = Speaker.objects.select_for_update().get(pk=speaker.pk)
    audit.record_removed(speaker, SPEAKER_FIELDS, actor=actor, source=source)
    speaker.delete()


def bodies_by_role(event: Event) -> dict[str, list[EventBody]]:
    """The event's bodies grouped by role, in the order of ``BodyRole`` and then their own."""
    grouped: dict[str, list[EventBody]] = {}
    for body in event.bodies.select_related("organization").order_by("order", "id"):
        grouped.setdefault(body.role, []).append(body)
    return {role: grouped[role] for role in BodyRole.values if role in grouped}
