"""Registering for an event: the open window, seats and the waiting list, approval, cancelling.

Seats are counted under a row lock on the event (``SELECT … FOR UPDATE``), taken before
anything is read, so two registrations arriving together are decided one after the other and a
seat is never given twice. Every function that changes seats takes that lock first, then the
registration's, always in that order.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ...common.domain import audit
from ...common.tasks import enqueue
from ..enums import EventStatus, RegistrationStatus, Visibility
from ..models import Answer, Event, Registration
from .answers import clean_answers

Status = RegistrationStatus
REGISTRATION_FIELDS = ["name", "email", "phone", "organization_name", "job_title", "status",
                       "waiting_since"]  # fmt: skip


def moment(value: datetime) -> str:
    """A time as people read it on a notice, in the site's time zone: ``2021-06-03 09:00``."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def registration_closed(event: Event, *, at: datetime | None = None) -> str | None:
    """Why ``event`` takes no registration at ``at`` (now), or ``None`` while it does."""
    now = at or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return _("The event was cancelled; it takes no registrations.")
    if event.status == EventStatus.DRAFT:
        return _("The event is not published yet.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration opens on {time}.").format(time=moment(event.registration_opens_at))
    deadline = event.registration_closes_at or event.starts_at
    if now > deadline:
        return _("Registration closed on {time}.").format(time=moment(deadline))
    return None


def seats_taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status=Status.CONFIRMED).count()


def seats_left(event: Event) -> int | None:
    """Free seats, or ``None`` when the event has no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - seats_taken(event), 0)


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


#: What the form asks of the person; a signed-in user's profile fills in the first three.
PERSON_FIELDS = ("name", "email", "organization_name", "phone", "job_title")


def _person(actor: Any, fields: dict[str, str]) -> dict[str, str]:
    """The form's fields, completed from the signed-in user's profile."""
    if set(fields) - set(PERSON_FIELDS):
        raise TypeError(f"Unknown registration fields: {sorted(set(fields) - set(PERSON_FIELDS))}")
    user = actor if getattr(actor, "is_authenticated", False) else None
    organization = getattr(user, "organization", None)
    defaults = {
        "name": str(user) if user else "",
        "email": getattr(user, "email", "") or "",
        "organization_name": organization.name if organization else "",
    }
    person = {key: (fields.get(key) or "").strip() for key in PERSON_FIELDS}
    for key, value in defaults.items():
        person[key] = person[key] or value
    person["email"] = person["email"].lower()
    if not person["name"] or not person["email"]:
        raise ValidationError(_("Give your name and e-mail address."))
    return person


def _place(event: Event, registration: Registration) -> None:
    """Pending when the event needs approval, else a seat while any is left, else the list."""
    left = seats_left(event)
    if event.requires_approval:
        registration.status = Status.PENDING
    elif left is None or left > 0:
        registration.status = Status.CONFIRMED
    else:
        registration.status, registration.waiting_since = Status.WAITING, timezone.now()


@transaction.atomic
def register(
    event: Event,
    *,
    actor: Any,
    source: str,
    answers: dict[Any, Any] | None = None,
    **fields: str,
) -> Registration:
    """Register ``actor`` (signed in) or the person named in ``fields`` (``name``, ``email``,
    ``phone``, ``organization_name``, ``job_title``) for ``event``, with their ``answers``
    (question or question id → text, list of options, or yes/no).

    The registration is pending when the event needs approval, confirmed while seats are
    left, otherwise on the waiting list. Side effects: saves it and its answers, audits,
    e-mails the ticket once confirmed, otherwise where it stands (after commit). Refused while registration is closed,
    for a members-only event to a non-member, and for a second registration of one person.
    """
    event = _lock(event)
    closed = registration_closed(event)
    if closed:
        raise ValidationError(closed, code="closed")
    if event.visibility == Visibility.MEMBERS and not (
        getattr(actor, "is_authenticated", False)
        and actor.has_perm("alliances.view_private", event.alliance)
    ):
        raise ValidationError(_("This event is open to the alliance's members only."))
    person = _person(actor, fields)
    user = actor if getattr(actor, "is_authenticated", False) else None
    same_person = Q(email=person["email"]) | (Q(user=user) if user else Q(pk__in=[]))
    if event.registrations.exclude(status=Status.CANCELLED).filter(same_person).exists():
        raise ValidationError(_("You are already registered for this event."), code="duplicate")
    cleaned = clean_answers(event, answers or {})
    registration = Registration(event=event, user=user, **person)
    _place(event, registration)
    registration.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:  # the same person registering twice at once
        raise ValidationError(_("You are already registered for this event.")) from error
    Answer.objects.bulk_create(
        Answer(registration=registration, question=question, value=value)
        for question, value in cleaned
    )
    audit.record(
        registration, action=audit.Action.CREATE, actor=actor, source=source,
        changes=audit.diff({}, audit.snapshot(registration, REGISTRATION_FIELDS)),
    )  # fmt: skip
    if registration.status == Status.CONFIRMED:
        _send_ticket(registration)
    else:
        _send_status(registration)
    return registration


def _send_ticket(registration: Registration) -> None:
    from ..tasks import send_ticket

    enqueue(send_ticket, registration.pk)


def _send_status(registration: Registration) -> None:
    from ..tasks import send_registration_status

    enqueue(send_registration_status, registration.pk, registration.status)


def _change(registration: Registration, *, actor: Any, source: str, **values: Any) -> Registration:
    """Set ``values`` on the registration, save and audit the change."""
    before = audit.snapshot(registration, list(values))
    for name, value in values.items():
        setattr(registration, name, value)
    registration.save(update_fields=[*values, "updated_at"])
    audit.record(registration, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes=audit.diff(before, audit.snapshot(registration, list(values))))  # fmt: skip
    return registration


def _locked(registration: Registration) -> tuple[Event, Registration]:
    event = _lock(registration.event)
    return event, Registration.objects.select_for_update().get(pk=registration.pk)


@transaction.atomic
def approve_registration(registration: Registration, *, actor: Any, source: str) -> Registration:
    """Accept a pending registration: confirmed if a seat is free, else on the waiting list
    from now. Side effects: saves, audits, e-mails the ticket, or the place on the list."""
    event, registration = _locked(registration)
    if registration.status != Status.PENDING:
        raise ValidationError(_("This registration has already been decided."))
    left = seats_left(event)
    decided = {"decided_by": actor if getattr(actor, "pk", None) else None,
               "decided_at": timezone.now()}  # fmt: skip
    if left is None or left > 0:
        _change(registration, status=Status.CONFIRMED, actor=actor, source=source, **decided)
        _send_ticket(registration)
    else:
        _change(registration, status=Status.WAITING, waiting_since=timezone.now(), actor=actor,
                source=source, **decided)  # fmt: skip
        _send_status(registration)
    return registration


@transaction.atomic
def reject_registration(
    registration: Registration, *, reason: str, actor: Any, source: str
) -> Registration:
    """Turn down a pending registration (or one on the waiting list), with a reason.
    Side effects: saves, audits, e-mails the registrant the reason."""
    _event, registration = _locked(registration)
    if registration.status not in (Status.PENDING, Status.WAITING):
        raise ValidationError(_("This registration has already been decided."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for rejecting the registration."))
    _change(registration, status=Status.REJECTED, reason=reason.strip(),
            decided_by=actor if getattr(actor, "pk", None) else None,
            decided_at=timezone.now(), actor=actor, source=source)  # fmt: skip
    _send_status(registration)
    return registration


def cancellation_refused(registration: Registration, *, at: datetime | None = None) -> str | None:
    """Why ``registration`` can no longer be cancelled at ``at`` (now), or ``None`` while it
    can: the pages offer the button on this answer, ``cancel_registration`` refuses with it."""
    if registration.status in (Status.CANCELLED, Status.REJECTED):
        return _("This registration is no longer active.")
    if registration.checked_in_at is not None:
        return _("You have already checked in at the event.")
    if (at or timezone.now()) > registration.event.ends_at:
        return _("The event is over.")
    return None


@transaction.atomic
def cancel_registration(registration: Registration, *, actor: Any, source: str) -> Registration:
    """The registrant withdraws. A freed seat goes to the first on the waiting list.

    Side effects: saves, audits, promotes from the waiting list (with their tickets).
    Refused once checked in, once the event is over, or when already cancelled or rejected
    (``cancellation_refused``).
    """
    event, registration = _locked(registration)
    registration.event = event
    refused = cancellation_refused(registration)
    if refused:
        raise ValidationError(refused)
    held_a_seat = registration.status == Status.CONFIRMED
    _change(registration, status=Status.CANCELLED, cancelled_at=timezone.now(), actor=actor,
            source=source)  # fmt: skip
    if held_a_seat:
        promote_waiting(event, actor=None, source=audit.Source.SYSTEM)
    return registration


@transaction.atomic
def change_capacity(event: Event, capacity: int | None, *, actor: Any, source: str) -> Event:
    """Set the number of seats (``None``: unlimited); new seats go to the waiting list, first
    come first served. Refused below the seats already confirmed."""
    event = _lock(event)
    taken = seats_taken(event)
    if capacity is not None and capacity < taken:
        raise ValidationError(
            _("{taken} seats are already taken; the event cannot have fewer.").format(taken=taken)
        )
    before = event.capacity
    event.capacity = capacity
    event.full_clean()
    event.save(update_fields=["capacity", "updated_at"])
    if before != capacity:
        audit.record(event, action=audit.Action.UPDATE, actor=actor, source=source,
                     changes={"capacity": [before, capacity]})  # fmt: skip
    promote_waiting(event, actor=None, source=audit.Source.SYSTEM)
    return event


def promote_waiting(event: Event, *, actor: Any, source: str) -> list[Registration]:
    """Give free seats to the waiting list in the order people joined it. Call with the event
    locked. Side effects: confirms, audits and e-mails each promoted registrant."""
    if event.status == EventStatus.CANCELLED or timezone.now() > event.ends_at:
        return []
    left = seats_left(event)
    waiting = (
        Registration.objects.select_for_update()
        .filter(event=event, status=Status.WAITING)
        .order_by("waiting_since", "id")
    )
    promoted = list(waiting if left is None else waiting[:left])
    for registration in promoted:
        _change(registration, status=Status.CONFIRMED, actor=actor, source=source)
        _send_ticket(registration)
    return promoted
