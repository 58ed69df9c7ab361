"""Adopting a passed motion as a resolution and carrying it out: tiers, offices, charter."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...alliances.domain import membership as registry
from ...alliances.enums import MembershipTier
from ...alliances.models import Alliance, Membership
from ...common.domain import audit
from ...organizations.models import Organization
from ..enums import OFFICE_TIER, UNIT_OFFICES, CharterStatus, MotionKind, OfficeKind
from ..models import Motion, Office, Resolution, Term
from . import council
from .voting import next_resolution_number

TIER_OFFICE: dict[str, str] = {tier: office for office, tier in OFFICE_TIER.items()}


@transaction.atomic
def adopt_resolution(motion: Motion, *, on: date, actor: Any, source: str) -> Resolution:
    """Record the resolution of a passed motion and apply it. Side effects: saves the resolution,
    changes tiers and offices or adopts the charter version, audits everything it changes."""
    # Numbers are handed out one at a time per alliance (two motions may close together).
    Alliance.objects.select_for_update().filter(pk=motion.alliance_id).first()
    resolution = Resolution.objects.create(
        alliance=motion.alliance, motion=motion, title=motion.title, text=motion.text,
        number=next_resolution_number(motion.alliance, on), adopted_on=on,
    )  # fmt: skip
    audit.record(
        resolution, action=audit.Action.CREATE, actor=actor, source=source,
        changes=audit.diff({}, audit.snapshot(resolution, ["number", "title", "adopted_on"])),
    )  # fmt: skip
    apply = {
        MotionKind.TIER_CHANGE: _apply_tier_changes,
        MotionKind.ELECTION: _apply_election,
        MotionKind.CHARTER: _apply_charter,
    }.get(MotionKind(motion.kind))
    if apply:
        apply(resolution, actor=actor, source=source)
    return resolution


def _basis(resolution: Resolution) -> str:
    return _("Resolution {number} of {meeting}").format(
        number=resolution.number, meeting=resolution.motion.meeting
    )[:200]


def set_rank(
    resolution: Resolution, organization: Organization, tier: str, *, actor: Any, source: str
) -> None:
    """Bring ``organization`` to ``tier`` from the resolution's day: admit it or change its tier,
    and hold the matching unit office (vice-chair unit → vice-chair) in the current term.

    An alliance has one chair unit: a new one moves the previous chair unit to vice-chair unit,
    so it stays on the council (the meeting can move it again with another motion).
    """
    alliance, day, basis = resolution.alliance, resolution.adopted_on, _basis(resolution)
    if tier == MembershipTier.CHAIR:
        sitting = (
            Membership.objects.for_alliance(alliance)
            .filter(tier=MembershipTier.CHAIR, valid_to__isnull=True)
            .exclude(organization=organization)
        )
        for previous in sitting.select_related("organization"):
            set_rank(
                resolution,
                previous.organization,
                MembershipTier.VICE_CHAIR,
                actor=actor,
                source=source,
            )
    current = registry.current_membership(alliance, organization)
    if current is None:
        registry.admit(
            alliance, organization, tier, on=day, actor=actor, source=source, basis=basis
        )
    elif current.tier != tier:
        registry.change_tier(current, tier, on=day, actor=actor, source=source, basis=basis)
    term = council.term_on(alliance, day)
    if term is None:
        return
    office_kind = TIER_OFFICE.get(tier)
    held = Office.objects.filter(
        term=term, organization=organization, kind__in=UNIT_OFFICES, valid_to__isnull=True
    )
    for office in held:
        if office.kind != office_kind:
            last_day = max(office.valid_from, day - timedelta(days=1))
            council.end_office(office, last_day=last_day, actor=actor, source=source)
    if office_kind and not any(office.kind == office_kind for office in held):
        council.appoint(term, office_kind, on=day, organization=organization, actor=actor,
                        source=source, resolution=resolution, basis=basis)  # fmt: skip


def _apply_tier_changes(resolution: Resolution, *, actor: Any, source: str) -> None:
    for change in resolution.motion.tier_changes.select_related("organization"):
        set_rank(resolution, change.organization, change.tier, actor=actor, source=source)


def _current_term(resolution: Resolution) -> Term:
    term = council.term_on(resolution.alliance, resolution.adopted_on)
    if term is None:
        raise ValidationError(_("There is no council term in force on the day of the resolution."))
    return term


#: Offices with one holder at a time: electing someone ends the current holder's office.
SINGLE_HOLDER = frozenset(
    {
        OfficeKind.CHAIR,
        OfficeKind.PRESIDENT,
        OfficeKind.SECRETARY_GENERAL,
        OfficeKind.GENERAL_COUNSEL,
    }
)


def _step_down(resolution: Resolution, office_kind: str, *, actor: Any, source: str) -> None:
    """End the current holders of a single-holder office the day before the election."""
    day = resolution.adopted_on
    for office in Office.objects.for_alliance(resolution.alliance).filter(
        kind=office_kind, valid_to__isnull=True
    ):
        last_day = max(office.valid_from, day - timedelta(days=1))
        council.end_office(office, last_day=last_day, actor=actor, source=source)


def _apply_election(resolution: Resolution, *, actor: Any, source: str) -> None:
    motion = resolution.motion
    if motion.office in SINGLE_HOLDER and motion.office not in UNIT_OFFICES:
        _step_down(resolution, motion.office, actor=actor, source=source)  # units: set_rank
    for candidate in motion.candidates.filter(elected=True).select_related("organization"):
        if candidate.organization is not None and motion.office in OFFICE_TIER:
            set_rank(resolution, candidate.organization, OFFICE_TIER[motion.office],
                     actor=actor, source=source)  # fmt: skip
            continue
        council.appoint(
            _current_term(resolution), motion.office, on=resolution.adopted_on,
            organization=candidate.organization, person=candidate.person,
            person_title=candidate.person_title, actor=actor,
            source=source, resolution=resolution, basis=_basis(resolution),
        )  # fmt: skip


def _apply_charter(resolution: Resolution, *, actor: Any, source: str) -> None:
    version = resolution.motion.charter_version
    if version is None:
        raise ValidationError(_("The motion names no charter version."))
    version.status, version.adopted_on = CharterStatus.ADOPTED, resolution.adopted_on
    version.resolution = resolution
    version.save(update_fields=["status", "adopted_on", "resolution", "updated_at"])
    audit.record(
        version, action=audit.Action.UPDATE, actor=actor, source=source,
        changes={"status": [CharterStatus.DRAFT, CharterStatus.ADOPTED],
                 "adopted_on": [None, str(resolution.adopted_on)]},
    )  # fmt: skip
