"""Terms, offices and the rotating chair: who holds which office of an alliance, on any day."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from ...alliances.domain.membership import in_force_on
from ...alliances.models import Alliance, Membership
from ...common.domain import audit
from ...organizations.models import Organization
from ..enums import UNIT_OFFICES, OfficeKind
from ..models import Office, Resolution, RotationSlot, Term


def term_on(alliance: Alliance, day: date) -> Term | None:
    """The term in force on ``day`` (the latest one started by then)."""
    return (
        Term.objects.for_alliance(alliance)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)
        .order_by("-number")
        .first()
    )


@transaction.atomic
def start_term(
    alliance: Alliance, *, starts_on: date, actor: Any, source: str, ends_on: date | None = None
) -> Term:
    """Open the alliance's next term (届). Side effects: ends the previous open term the day
    before, and the offices still held in it on its last day (a council is elected anew each
    term), saves the new one, audits."""
    previous = Term.objects.for_alliance(alliance).select_for_update().order_by("-number").first()
    if previous and starts_on <= previous.starts_on:
        raise ValidationError(_("A new term must start after the previous one."))
    if previous:
        last_day = starts_on - timedelta(days=1)
        if previous.ends_on is None or previous.ends_on > last_day:
            previous.ends_on = last_day
            previous.save(update_fields=["ends_on", "updated_at"])
        for office in previous.offices.filter(valid_to__isnull=True):
            end_office(office, last_day=previous.ends_on, actor=actor, source=source)
    term = Term(
        alliance=alliance,
        number=previous.number + 1 if previous else 1,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    term.full_clean()
    term.save()
    audit.record(term, action=audit.Action.CREATE, actor=actor, source=source,
                 changes=audit.diff({}, audit.snapshot(term, ["number", "starts_on", "ends_on"])))  # fmt: skip
    return term


def offices_on(alliance: Alliance, day: date) -> QuerySet[Office]:
    """Offices held on ``day``. A unit's office lapses with its membership: a unit that has
    withdrawn is no longer on the council, even if nobody ended its office."""
    member_that_day = Membership.objects.filter(
        in_force_on(day), alliance=alliance, organization=OuterRef("organization")
    )
    return (
        Office.objects.for_alliance(alliance)
        .filter(in_force_on(day))  # offices are dated like memberships: valid_from … valid_to
        .filter(Q(organization__isnull=True) | Q(Exists(member_that_day)))
        .select_related("organization", "term")
    )


def council_on(alliance: Alliance, day: date) -> list[tuple[Any, list[Office]]]:
    """The offices held on ``day``, grouped from the chair down (one query)."""
    by_kind: dict[str, list[Office]] = {}
    for office in offices_on(alliance, day).order_by("valid_from", "id"):
        by_kind.setdefault(office.kind, []).append(office)
    return [(label, by_kind[value]) for value, label in OfficeKind.choices if value in by_kind]


@transaction.atomic
def appoint(
    term: Term,
    kind: str,
    *,
    on: date,
    actor: Any,
    source: str,
    organization: Organization | None = None,
    person: str = "",
    person_title: str = "",
    resolution: Resolution | None = None,
    basis: str = "",
) -> Office:
    """Give ``kind`` to a unit or a person from ``on`` within ``term``.

    Offices of units (chair, vice-chair …) need an organisation; the others a person's name.
    Side effects: saves the office, audits. Refused if the holder already holds it.
    """
    if kind in UNIT_OFFICES and organization is None:
        raise ValidationError(_("This office is held by a member unit."))
    if kind not in UNIT_OFFICES and (organization is not None or not person.strip()):
        raise ValidationError(_("This office is held by a person; give their name."))
    if (term.ends_on and not term.starts_on <= on <= term.ends_on) or on < term.starts_on:
        raise ValidationError(_("The date lies outside the term."))
    holder = Q(organization=organization) if organization else Q(person=person.strip())
    if Office.objects.filter(holder, term=term, kind=kind, valid_to__isnull=True).exists():
        raise ValidationError(_("This holder already holds the office."))
    office = Office(
        alliance=term.alliance, term=term, kind=kind, organization=organization,
        person=person.strip(), person_title=person_title, valid_from=on,
        resolution=resolution, basis=basis,
    )  # fmt: skip
    office.full_clean()
    office.save()
    audit.record(office, action=audit.Action.CREATE, actor=actor, source=source,
                 changes=audit.diff({}, audit.snapshot(office, ["kind", "organization", "person", "valid_from", "basis"])))  # fmt: skip
    return office


@transaction.atomic
def end_office(office: Office, *, last_day: date, actor: Any, source: str) -> None:
    """The holder leaves the office after ``last_day``; the record stays."""
    office = Office.objects.select_for_update().get(pk=office.pk)
    if office.valid_to is not None:
        raise ValidationError(_("This office has already ended."))
    if last_day < office.valid_from:
        raise ValidationError(_("An office cannot end before it starts."))
    office.valid_to = last_day
    office.save(update_fields=["valid_to", "updated_at"])
    audit.record(office, action=audit.Action.UPDATE, actor=actor, source=source,
                 changes={"valid_to": [None, str(last_day)]})  # fmt: skip


@transaction.atomic
def add_rotation_slot(
    term: Term,
    organization: Organization,
    *,
    starts_on: date,
    ends_on: date,
    actor: Any,
    source: str,
    note: str = "",
) -> RotationSlot:
    """Schedule a turn of the rotating chair. Refused when it overlaps another turn."""
    overlapping = RotationSlot.objects.for_alliance(term.alliance).filter(
        starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if overlapping.exists():
        raise ValidationError(_("This turn overlaps another turn of the rotating chair."))
    slot = RotationSlot(
        alliance=term.alliance, term=term, organization=organization,
        starts_on=starts_on, ends_on=ends_on, note=note,
    )  # fmt: skip
    slot.full_clean()
    slot.save()
    audit.record(slot, action=audit.Action.CREATE, actor=actor, source=source,
                 changes=audit.diff({}, audit.snapshot(slot, ["organization", "starts_on", "ends_on", "note"])))  # fmt: skip
    return slot


def rotation_schedule(alliance: Alliance) -> QuerySet[RotationSlot]:
    return RotationSlot.objects.for_alliance(alliance).select_related("organization", "term")


def rotating_chair_on(alliance: Alliance, day: date) -> RotationSlot | None:
    return rotation_schedule(alliance).filter(starts_on__lte=day, ends_on__gte=day).first()
