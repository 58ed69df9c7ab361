"""Meetings: scheduling (numbered within term and kind), attendance and the agenda."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ...alliances.domain.membership import in_force_on
from ...alliances.models import Alliance, Membership
from ...common.domain import audit
from ...organizations.models import Organization
from ..enums import MeetingKind, MeetingStatus, MotionStatus
from ..models import AgendaItem, Attendance, Meeting, Term

MEETING_FIELDS = ["kind", "number", "held_on", "venue", "presided_by", "presiding_title", "status"]


@transaction.atomic
def schedule_meeting(
    alliance: Alliance,
    *,
    term: Term,
    kind: str,
    held_on: date,
    actor: Any,
    source: str,
    number: int | None = None,
    venue: str = "",
    presided_by: str = "",
    presiding_title: str = "",
) -> Meeting:
    """Put a meeting in the calendar; it takes the next number of its kind within the term
    unless ``number`` is given (for meetings recorded after the fact).

    Side effects: saves the meeting, audits. Refused if the term belongs to another alliance,
    if the number is taken, or for a second founding conference.
    """
    if term.alliance_id != alliance.pk:
        raise ValidationError(_("The term belongs to another alliance."))
    Term.objects.select_for_update().get(pk=term.pk)  # numbers are handed out one at a time
    same_kind = Meeting.objects.filter(term=term, kind=kind)
    if kind == MeetingKind.FOUNDING_CONFERENCE and (
        Meeting.objects.for_alliance(alliance).filter(kind=kind).exists()
    ):
        raise ValidationError(_("An alliance has only one founding conference."))
    if number is None:
        number = (same_kind.aggregate(last=Max("number"))["last"] or 0) + 1
    meeting = Meeting(
        alliance=alliance, term=term, kind=kind, number=number, held_on=held_on, venue=venue,
        presided_by=presided_by, presiding_title=presiding_title,
    )  # fmt: skip
    meeting.full_clean()
    meeting.save()
    audit.record(
        meeting, action=audit.Action.CREATE, actor=actor, source=source,
        changes=audit.diff({}, audit.snapshot(meeting, MEETING_FIELDS)),
    )  # fmt: skip
    return meeting


@transaction.atomic
def update_meeting(meeting: Meeting, data: dict[str, Any], *, actor: Any, source: str) -> Meeting:
    """Change a meeting's date, venue, presiding person or status."""
    before = audit.snapshot(meeting, MEETING_FIELDS)
    for name, value in data.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    audit.record_changed(meeting, before, actor=actor, source=source)
    return meeting


@transaction.atomic
def set_status(meeting: Meeting, status: str, *, actor: Any, source: str) -> Meeting:
    """A planned meeting is held or cancelled; a held or cancelled one stays so. Cancelling is
    refused once a vote has opened at the meeting."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(
            _("The meeting is already marked {status}.").format(status=meeting.get_status_display())
        )
    if (
        status == MeetingStatus.CANCELLED
        and meeting.motions.exclude(status=MotionStatus.DRAFT).exists()
    ):
        raise ValidationError(_("Votes were held at this meeting; it cannot be cancelled."))
    return update_meeting(meeting, {"status": status}, actor=actor, source=source)


def expected_units(meeting: Meeting) -> list[Membership]:
    """Member units in force on the meeting's day whose tier belongs at this kind of meeting."""
    from .voting import voting_tiers

    return list(
        Membership.objects.for_alliance(meeting.alliance)
        .filter(in_force_on(meeting.held_on), tier__in=voting_tiers(meeting))
        .select_related("organization")
        .order_by("organization__name")
    )


@transaction.atomic
def record_attendance(
    meeting: Meeting,
    *,
    actor: Any,
    source: str,
    organization: Organization | None = None,
    person: str = "",
    capacity: str = "",
    present: bool = True,
) -> Attendance:
    """Record that a unit (with its representative's name in ``person``) or a person attended,
    or was absent. Recording a unit again updates its row."""
    if organization is None and not person.strip():
        raise ValidationError(_("Name the unit or the person attending."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("The meeting was cancelled."))
    # Lengths and the like, checked before anything is written (the unit's row may exist).
    Attendance(person=person.strip(), capacity=capacity, present=present).clean_fields(
        exclude=["meeting", "organization"]
    )
    if organization is not None:
        row, created = Attendance.objects.select_for_update().get_or_create(
            meeting=meeting, organization=organization,
            defaults={"person": person.strip(), "capacity": capacity, "present": present},
        )  # fmt: skip
        if not created:
            before = audit.snapshot(row, ["person", "capacity", "present"])
            row.person, row.capacity, row.present = person.strip(), capacity, present
            row.save()
            audit.record_changed(row, before, actor=actor, source=source)
            return row
    else:
        row = Attendance(meeting=meeting, person=person.strip(), capacity=capacity, present=present)
        row.full_clean()
        row.save()
    audit.record(
        row, action=audit.Action.CREATE, actor=actor, source=source,
        changes=audit.diff({}, audit.snapshot(row, ["organization", "person", "capacity", "present"])),
    )  # fmt: skip
    return row


def record_unit_attendance(
    meeting: Meeting, present_ids: set[int], *, actor: Any, source: str
) -> None:
    """Mark each expected unit present or absent in one go (the attendance sheet), keeping the
    representative's name already recorded for each unit."""
    people = dict(
        Attendance.objects.filter(meeting=meeting, organization__isnull=False).values_list(
            "organization_id", "person"
        )
    )
    for membership in expected_units(meeting):
        try:
            record_attendance(
                meeting, organization=membership.organization, actor=actor, source=source,
                present=membership.organization_id in present_ids,
                person=people.get(membership.organization_id, ""),
            )  # fmt: skip
        except IntegrityError:  # recorded concurrently by someone else: theirs stands
            continue


@transaction.atomic
def add_agenda_item(
    meeting: Meeting,
    *,
    title: str,
    actor: Any,
    source: str,
    description: str = "",
    document: UploadedFile | None = None,
) -> AgendaItem:
    """Append an item (with an optional document) to the meeting's agenda."""
    last = meeting.agenda.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(meeting=meeting, position=last + 1, title=title, description=description)
    if document is not None:
        item.document = document  # type: ignore[assignment]
    item.full_clean()
    item.save()
    audit.record(
        item, action=audit.Action.CREATE, actor=actor, source=source,
        changes=audit.diff({}, audit.snapshot(item, ["position", "title", "document"])),
    )  # fmt: skip
    return item
