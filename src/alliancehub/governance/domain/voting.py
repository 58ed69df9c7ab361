"""Motions, ballots and their results.

Who votes: one vote per member unit whose tier belongs at the meeting's kind (``VOTING_TIERS``),
in force and not suspended on the meeting's day, and recorded present. Quorum is a share of the
entitled units present when voting opens; a motion passes when its yes votes reach the majority
(a share of the units present). Both come from the alliance's ``VotingRule`` for the motion's
kind, or from ``DEFAULT_RULES``, and are copied onto the motion when voting opens.

Secret ballots: the ``Vote`` row records only that the unit voted; the choice increments a
counter (``Tally`` or ``Candidate.votes``) and is written nowhere else, not in the audit log.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ...alliances.domain.dues import suspended_on
from ...alliances.domain.membership import in_force_on
from ...alliances.models import Membership, Suspension
from ...common.domain import audit
from ...organizations.models import Organization
from ..enums import (
    UNIT_OFFICES,
    VOTING_TIERS,
    BallotKind,
    Choice,
    MeetingStatus,
    MotionKind,
    MotionStatus,
)
from ..models import (
    Attendance,
    Candidate,
    CharterVersion,
    Meeting,
    Motion,
    Resolution,
    Tally,
    TierChange,
    Vote,
    VotingRule,
)

#: A candidate: ``(unit, "")`` for a unit's office, ``(None, name)`` or
#: ``(None, name, position)`` for a person's.
Nominee = tuple[Organization | None, str] | tuple[Organization | None, str, str]


@dataclass(frozen=True)
class Rule:
    quorum: Fraction  # share of entitled units that must be present
    threshold: Fraction  # share of the units present that must vote yes
    strict: bool  # True: more than the share; False: at least the share


#: Council meetings need two thirds of their members present; ordinary motions a simple
#: majority of those present; charter amendments two thirds of those present.
DEFAULT_RULES = {
    MotionKind.ORDINARY: Rule(Fraction(2, 3), Fraction(1, 2), strict=True),
    MotionKind.TIER_CHANGE: Rule(Fraction(2, 3), Fraction(1, 2), strict=True),
    MotionKind.ELECTION: Rule(Fraction(2, 3), Fraction(1, 2), strict=True),
    MotionKind.CHARTER: Rule(Fraction(2, 3), Fraction(2, 3), strict=False),
}


def rule_for(alliance: Any, kind: str) -> Rule:
    own = VotingRule.objects.for_alliance(alliance).filter(motion_kind=kind).first()
    if own is None:
        return DEFAULT_RULES[MotionKind(kind)]
    return Rule(
        Fraction(own.quorum_numerator, own.quorum_denominator),
        Fraction(own.threshold_numerator, own.threshold_denominator),
        own.threshold_strict,
    )


def voting_tiers(meeting: Meeting) -> frozenset[str]:
    return VOTING_TIERS[meeting.kind]


def entitled_ids(meeting: Meeting) -> set[int]:
    """Units with a vote at ``meeting``: tier, membership in force, not suspended that day."""
    day = meeting.held_on
    suspended = Suspension.objects.filter(
        suspended_on(day), membership__alliance=meeting.alliance
    ).values("membership__organization_id")
    return set(
        Membership.objects.for_alliance(meeting.alliance)
        .filter(in_force_on(day), tier__in=voting_tiers(meeting))
        .exclude(organization_id__in=suspended)
        .values_list("organization_id", flat=True)
    )


def present_ids(meeting: Meeting) -> set[int]:
    present = Attendance.objects.filter(
        meeting=meeting, present=True, organization__isnull=False
    ).values_list("organization_id", flat=True)
    return set(present) & entitled_ids(meeting)


def passes(yes: int, base: int, share: Fraction, *, strict: bool) -> bool:
    """Whether ``yes`` out of ``base`` is more than (strict) or at least ``share``."""
    if strict:
        return yes * share.denominator > share.numerator * base
    return yes * share.denominator >= share.numerator * base


def votes_needed(base: int, share: Fraction, *, strict: bool) -> int:
    """The fewest yes votes out of ``base`` that pass (``passes``)."""
    needed = base * share.numerator // share.denominator
    return needed + 1 if strict or needed * share.denominator < base * share.numerator else needed


def quorum_needed(entitled: int, quorum: Fraction) -> int:
    """The smallest number present that reaches ``quorum`` of ``entitled``."""
    return -(-entitled * quorum.numerator // quorum.denominator)


@transaction.atomic
def propose_motion(
    meeting: Meeting,
    *,
    title: str,
    actor: Any,
    source: str,
    kind: str = MotionKind.ORDINARY,
    text: str = "",
    ballot: str = BallotKind.NAMED,
    office: str = "",
    seats: int | None = None,
    charter_version: CharterVersion | None = None,
    tier_changes: list[tuple[Organization, str]] | None = None,
    candidates: Sequence[Nominee] | None = None,
) -> Motion:
    """Table a motion at ``meeting``. Side effects: saves it with its tier changes or
    candidates, audits. Refused when the parts a kind needs are missing."""
    if not voting_tiers(meeting):
        raise ValidationError(_("Nobody votes at this kind of meeting."))
    if kind == MotionKind.ELECTION and (not office or not seats or not candidates):
        raise ValidationError(
            _("An election needs the office, the number of seats and candidates.")
        )
    if kind == MotionKind.ELECTION:
        _check_nominees(office, candidates or [])
    if kind == MotionKind.TIER_CHANGE and not tier_changes:
        raise ValidationError(_("Name the units and their new tiers."))
    if kind == MotionKind.CHARTER:
        if charter_version is None or charter_version.alliance_id != meeting.alliance_id:
            raise ValidationError(_("Choose a draft charter version of this alliance."))
        if charter_version.resolution_id is not None:
            raise ValidationError(_("This charter version has already been adopted."))
    motion = Motion(
        alliance=meeting.alliance, meeting=meeting, kind=kind, title=title.strip(), text=text,
        ballot=ballot, office=office if kind == MotionKind.ELECTION else "",
        seats=seats if kind == MotionKind.ELECTION else None,
        charter_version=charter_version if kind == MotionKind.CHARTER else None,
    )  # fmt: skip
    motion.full_clean()
    motion.save()
    if kind == MotionKind.TIER_CHANGE:
        for unit, tier in tier_changes or []:
            TierChange(motion=motion, organization=unit, tier=tier).full_clean()
            TierChange.objects.create(motion=motion, organization=unit, tier=tier)
    if kind == MotionKind.ELECTION:
        for entry in candidates or []:
            candidate = Candidate(
                motion=motion, organization=entry[0], person=entry[1].strip(),
                person_title=entry[2].strip() if len(entry) == 3 else "",
            )  # fmt: skip
            candidate.full_clean()
            candidate.save()
    audit.record(
        motion, action=audit.Action.CREATE, actor=actor, source=source,
        changes=audit.diff({}, audit.snapshot(motion, ["kind", "title", "ballot", "office", "seats"])),
    )  # fmt: skip
    return motion


def _check_nominees(office: str, candidates: Sequence[Nominee]) -> None:
    """Units stand for a unit's office, people for a person's, each once: anything else would
    leave a result that cannot be applied, or one unit holding two seats."""
    by_unit = office in UNIT_OFFICES
    if any((nominee is not None) != by_unit for nominee, *_rest in candidates):
        if by_unit:
            raise ValidationError(_("This office is held by a member unit; nominate units."))
        raise ValidationError(_("This office is held by a person; nominate people."))
    names = [nominee.pk if nominee else person.strip() for nominee, person, *_rest in candidates]
    if len(set(names)) != len(names):
        raise ValidationError(_("Nominate each candidate only once."))


def _locked(motion: Motion) -> Motion:
    return (
        Motion.objects.select_for_update()
        .select_related("meeting__term", "alliance")
        .get(pk=motion.pk)
    )


@transaction.atomic
def open_voting(motion: Motion, *, actor: Any, source: str) -> Motion:
    """Open the vote. Refused unless the motion is a draft and the quorum is present.

    Side effects: copies the rule in force onto the motion, stores the entitled and present
    counts, prepares the tallies, audits.
    """
    motion = _locked(motion)
    if motion.status != MotionStatus.DRAFT:
        raise ValidationError(_("Voting on this motion has already been opened."))
    if motion.meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("The meeting was cancelled."))
    rule = rule_for(motion.alliance, motion.kind)
    entitled, present = entitled_ids(motion.meeting), present_ids(motion.meeting)
    needed = quorum_needed(len(entitled), rule.quorum)
    if not entitled:
        raise ValidationError(_("No member unit has a vote at this meeting."))
    if len(present) < needed:
        raise ValidationError(
            _(
                "No quorum: {present} of {entitled} units with a vote are present; {needed} are needed."
            ).format(present=len(present), entitled=len(entitled), needed=needed)
        )
    motion.status, motion.opened_at = MotionStatus.OPEN, timezone.now()
    motion.quorum, motion.threshold = str(rule.quorum), str(rule.threshold)
    motion.threshold_strict = rule.strict
    motion.entitled_count, motion.present_count = len(entitled), len(present)
    motion.save()
    motion.present_units.set(present)
    if motion.meeting.status == MeetingStatus.PLANNED:  # a vote is being taken: it is being held
        from .meeting import update_meeting

        update_meeting(motion.meeting, {"status": MeetingStatus.HELD}, actor=actor, source=source)
    Tally.objects.bulk_create([Tally(motion=motion, choice=choice) for choice in Choice.values])
    audit.record(
        motion, action=audit.Action.UPDATE, actor=actor, source=source,
        changes={"status": [MotionStatus.DRAFT, MotionStatus.OPEN],
                 "present_count": [None, len(present)], "entitled_count": [None, len(entitled)]},
    )  # fmt: skip
    return motion


@transaction.atomic
def cast_vote(
    motion: Motion,
    organization: Organization,
    *,
    actor: Any,
    source: str,
    choice: str = "",
    candidates: list[Candidate] | None = None,
) -> Vote:
    """Record ``organization``'s ballot. On an election, ``candidates`` are the ones chosen (none
    is a blank ballot, counted as an abstention); otherwise ``choice`` is yes, no or abstain.

    The motion row is locked, so ballots on one motion are counted one at a time: a second
    ballot from the same unit, even arriving at the same moment, is refused.
    """
    motion = _locked(motion)
    if motion.status == MotionStatus.DRAFT:
        raise ValidationError(_("Voting on this motion has not opened yet."))
    if motion.status != MotionStatus.OPEN:
        raise ValidationError(_("Voting on this motion is closed."))
    if organization.pk not in entitled_ids(motion.meeting):
        raise ValidationError(_("This unit has no vote on this motion."))
    if not motion.present_units.filter(pk=organization.pk).exists():
        # The roll call taken when voting opened decides; a unit arriving later votes on the
        # next motion, so the votes never outnumber the units counted present.
        raise ValidationError(_("This unit was not recorded as present when voting opened."))
    if Vote.objects.filter(motion=motion, organization=organization).exists():
        raise ValidationError(_("This unit has already voted on this motion."))
    chosen = _checked_ballot(motion, choice, candidates)
    secret = motion.ballot == BallotKind.SECRET
    vote = Vote.objects.create(
        motion=motion, organization=organization, choice="" if secret else chosen,
        cast_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    if motion.kind == MotionKind.ELECTION and candidates:
        if not secret:
            vote.candidates.set(candidates)
        Candidate.objects.filter(pk__in=[c.pk for c in candidates]).update(votes=F("votes") + 1)
    Tally.objects.filter(motion=motion, choice=chosen).update(count=F("count") + 1)
    changes: dict[str, list[Any]] = {"motion": [None, motion.pk]}
    if not secret:
        changes["choice"] = [None, chosen]
    audit.record(vote, action=audit.Action.CREATE, actor=actor, source=source, changes=changes)
    return vote


def _checked_ballot(motion: Motion, choice: str, candidates: list[Candidate] | None) -> str:
    if motion.kind != MotionKind.ELECTION:
        if choice not in Choice.values:
            raise ValidationError(_("Vote yes, no or abstain."))
        return choice
    chosen = candidates or []
    if len({c.pk for c in chosen}) != len(chosen) or any(c.motion_id != motion.pk for c in chosen):
        raise ValidationError(_("Choose among this election's candidates, each at most once."))
    if len(chosen) > (motion.seats or 0):
        raise ValidationError(_("Choose at most {seats} candidates.").format(seats=motion.seats))
    return Choice.YES if chosen else Choice.ABSTAIN


@transaction.atomic
def close_voting(motion: Motion, *, actor: Any, source: str, on: date | None = None) -> Motion:
    """Close the vote, compute and store the result and, if the motion passed, adopt a
    resolution and apply it (offices, tiers, charter) from ``on`` (the meeting's day).

    Side effects: stores counts and status, elects candidates, creates the resolution and
    whatever it changes, audits each. All in one transaction: if applying fails, nothing is kept.
    """
    from .resolutions import adopt_resolution

    motion = _locked(motion)
    if motion.status != MotionStatus.OPEN:
        raise ValidationError(_("Voting on this motion is not open."))
    counts = dict(Tally.objects.filter(motion=motion).values_list("choice", "count"))
    motion.yes_count, motion.no_count = counts.get(Choice.YES, 0), counts.get(Choice.NO, 0)
    motion.abstain_count = counts.get(Choice.ABSTAIN, 0)
    threshold, present = Fraction(motion.threshold), motion.present_count or 0
    if motion.kind == MotionKind.ELECTION:
        passed = _elect(motion, present, threshold)
    else:
        passed = passes(motion.yes_count, present, threshold, strict=motion.threshold_strict)
    motion.status = MotionStatus.PASSED if passed else MotionStatus.REJECTED
    motion.closed_at = timezone.now()
    motion.save()
    audit.record(
        motion, action=audit.Action.UPDATE, actor=actor, source=source,
        changes={"status": [MotionStatus.OPEN, motion.status], "yes_count": [None, motion.yes_count],
                 "no_count": [None, motion.no_count], "abstain_count": [None, motion.abstain_count]},
    )  # fmt: skip
    if passed:
        adopt_resolution(motion, on=on or motion.meeting.held_on, actor=actor, source=source)
    return motion


def _elect(motion: Motion, present: int, threshold: Fraction) -> bool:
    """Elect, by votes, up to ``seats`` candidates who reached the majority. Candidates tied
    for the last seat are not elected (the meeting holds another round)."""
    ranked = sorted(motion.candidates.all(), key=lambda c: -c.votes)
    qualified = [
        c for c in ranked if passes(c.votes, present, threshold, strict=motion.threshold_strict)
    ]
    seats = motion.seats or 0
    if len(qualified) > seats and qualified[seats - 1].votes == qualified[seats].votes:
        tied = qualified[seats].votes
        qualified = [c for c in qualified if c.votes > tied]
    elected = qualified[:seats]
    Candidate.objects.filter(pk__in=[c.pk for c in elected]).update(elected=True)
    return bool(elected)


def next_resolution_number(alliance: Any, day: date) -> str:
    """Resolutions are numbered per alliance and year: 2026-001, 2026-002 …"""
    prefix = f"{day.year}-"
    last = (
        Resolution.objects.for_alliance(alliance)
        .filter(number__startswith=prefix)
        .aggregate(last=Max("number"))["last"]
    )
    sequence = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{sequence:03d}"
