"""Motions and ballots: who votes, quorum and majorities, elections, and what a result changes."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import translation

from alliancehub.alliances.domain import dues
from alliancehub.alliances.domain.membership import current_membership, members_on
from alliancehub.alliances.enums import MembershipTier
from alliancehub.alliances.models import Membership
from alliancehub.common.domain.audit import Source
from alliancehub.common.models import AuditLogEntry
from alliancehub.governance.domain import charter, council, voting
from alliancehub.governance.domain import meeting as meetings
from alliancehub.governance.enums import (
    BallotKind,
    Choice,
    MeetingKind,
    MotionKind,
    MotionStatus,
    OfficeKind,
)
from alliancehub.governance.models import Motion, Office, Resolution, Vote, VotingRule
from tests.factories import OrganizationFactory
from tests.factories.governance import build_alliance

WEB = Source.WEB
MEETING_DAY = date(2021, 6, 1)


@pytest.fixture(autouse=True)
def _english():
    """The assertions below match the English wording of the domain's messages."""
    with translation.override("en"):
        yield


@pytest.fixture
def setup(db):
    return build_alliance()


def propose(setup, meeting, **kwargs):
    kwargs.setdefault("title", "关于调整年度工作计划的议案")
    return voting.propose_motion(meeting, actor=setup.secretariat, source=WEB, **kwargs)


def opened(setup, meeting, **kwargs):
    return voting.open_voting(
        propose(setup, meeting, **kwargs), actor=setup.secretariat, source=WEB
    )


def cast(setup, motion, unit, choice=Choice.YES, candidates=None):
    return voting.cast_vote(
        motion, unit, choice=choice, candidates=candidates,
        actor=setup.representatives[unit.pk], source=WEB,
    )  # fmt: skip


def close(setup, motion):
    return voting.close_voting(motion, actor=setup.secretariat, source=WEB)


def decide(setup, motion, yes, no=0, abstain=0):
    """Units vote in order: ``yes`` yes, then ``no`` no, then ``abstain`` abstentions; close."""
    choices = [Choice.YES] * yes + [Choice.NO] * no + [Choice.ABSTAIN] * abstain
    for unit, choice in zip(setup.units, choices, strict=False):
        cast(setup, motion, unit, choice)
    return close(setup, motion)


def election(setup, meeting, *, office, seats, nominees, ballot=BallotKind.NAMED):
    motion = opened(
        setup, meeting, kind=MotionKind.ELECTION, office=office, seats=seats, ballot=ballot,
        candidates=nominees, title="选举",
    )  # fmt: skip
    return motion, list(motion.candidates.order_by("id"))


def own_rule(setup, kind, quorum, threshold, *, strict):
    return VotingRule.objects.create(
        alliance=setup.alliance, motion_kind=kind,
        quorum_numerator=quorum[0], quorum_denominator=quorum[1],
        threshold_numerator=threshold[0], threshold_denominator=threshold[1],
        threshold_strict=strict,
    )  # fmt: skip


# Transitions and their refusals


def test_a_unit_cannot_vote_twice_on_a_motion(setup):
    motion = opened(setup, setup.meeting())
    chair = setup.units[0]
    cast(setup, motion, chair, Choice.YES)

    with pytest.raises(ValidationError, match="already voted"):
        cast(setup, motion, chair, Choice.NO)

    assert motion.votes.count() == 1
    assert dict(motion.tallies.values_list("choice", "count")) == {"yes": 1, "no": 0, "abstain": 0}


def test_an_ordinary_member_unit_has_no_vote_at_a_council_meeting(setup):
    meeting = setup.meeting()
    member = setup.members[0]
    meetings.record_attendance(meeting, organization=member, actor=None, source=WEB)
    motion = opened(setup, meeting)

    with pytest.raises(ValidationError, match="no vote on this motion"):
        cast(setup, motion, member)

    assert not motion.votes.exists()


def test_a_suspended_unit_has_no_vote(setup):
    director = setup.units[5]
    dues.suspend(
        current_membership(setup.alliance, director), starts_on=date(2021, 5, 1),
        reason="欠缴会费两年", actor=setup.secretariat, source=WEB,
    )  # fmt: skip
    motion = opened(setup, setup.meeting())

    with pytest.raises(ValidationError, match="no vote on this motion"):
        cast(setup, motion, director)

    assert motion.entitled_count == 5


def test_a_unit_not_recorded_present_cannot_vote(setup):
    meeting = setup.meeting(present=5)
    absent = setup.units[5]
    meetings.record_attendance(meeting, organization=absent, present=False, actor=None, source=WEB)
    motion = opened(setup, meeting)

    with pytest.raises(ValidationError, match="not recorded as present"):
        cast(setup, motion, absent)

    assert (motion.present_count, motion.entitled_count) == (5, 6)


def test_voting_before_the_motion_is_opened_is_refused(setup):
    motion = propose(setup, setup.meeting())

    with pytest.raises(ValidationError, match="has not opened yet"):
        cast(setup, motion, setup.units[0])

    assert not motion.votes.exists()


def test_voting_after_the_motion_closed_is_refused(setup):
    motion = opened(setup, setup.meeting())
    motion = decide(setup, motion, yes=4)

    with pytest.raises(ValidationError, match="Voting on this motion is closed"):
        cast(setup, motion, setup.units[5], Choice.NO)

    motion.refresh_from_db()
    assert (motion.yes_count, motion.no_count, motion.votes.count()) == (4, 0, 4)


def test_voting_cannot_open_without_quorum_and_the_message_gives_the_numbers(setup):
    motion = propose(setup, setup.meeting(present=3))

    with pytest.raises(ValidationError) as refusal:
        voting.open_voting(motion, actor=setup.secretariat, source=WEB)

    assert refusal.value.messages == [
        "No quorum: 3 of 6 units with a vote are present; 4 are needed."
    ]
    motion.refresh_from_db()
    assert (motion.status, motion.opened_at, motion.tallies.count()) == (
        MotionStatus.DRAFT, None, 0,
    )  # fmt: skip


def test_two_thirds_of_the_entitled_units_present_are_a_quorum(setup):
    motion = opened(setup, setup.meeting(present=4))

    assert (motion.status, motion.present_count, motion.entitled_count) == (
        MotionStatus.OPEN, 4, 6,
    )  # fmt: skip
    assert (motion.quorum, motion.threshold, motion.threshold_strict) == ("2/3", "1/2", True)


def test_voting_cannot_be_opened_twice(setup):
    motion = opened(setup, setup.meeting())

    with pytest.raises(ValidationError, match="already been opened"):
        voting.open_voting(motion, actor=setup.secretariat, source=WEB)

    assert motion.tallies.count() == 3


def test_a_motion_cannot_be_closed_twice(setup):
    motion = decide(setup, opened(setup, setup.meeting()), yes=4)

    with pytest.raises(ValidationError, match="not open"):
        close(setup, motion)

    assert Resolution.objects.filter(motion=motion).count() == 1


def test_a_draft_motion_cannot_be_closed(setup):
    motion = propose(setup, setup.meeting())

    with pytest.raises(ValidationError, match="not open"):
        close(setup, motion)


def test_nobody_votes_at_a_secretariat_meeting(setup):
    meeting = meetings.schedule_meeting(
        setup.alliance, term=setup.term, kind=MeetingKind.SECRETARIAT, held_on=MEETING_DAY,
        actor=setup.secretariat, source=WEB,
    )  # fmt: skip

    with pytest.raises(ValidationError, match="Nobody votes"):
        propose(setup, meeting)


# Entitlement by the kind of meeting


def test_ordinary_members_vote_at_a_general_assembly(setup):
    assembly = setup.meeting(MeetingKind.GENERAL_ASSEMBLY)
    member = setup.members[0]
    meetings.record_attendance(assembly, organization=member, actor=None, source=WEB)
    motion = opened(setup, assembly)

    cast(setup, motion, member, Choice.NO)

    assert voting.entitled_ids(assembly) == {u.pk for u in setup.units + setup.members}
    assert (motion.entitled_count, motion.present_count) == (8, 7)
    assert motion.votes.get().organization == member


def test_the_executive_council_is_the_chair_and_vice_chair_units_without_directors(setup):
    executive = setup.meeting(MeetingKind.EXECUTIVE_COUNCIL)
    motion = opened(setup, executive)

    with pytest.raises(ValidationError, match="no vote on this motion"):
        cast(setup, motion, setup.units[3])

    assert voting.entitled_ids(executive) == {u.pk for u in setup.units[:3]}
    assert voting.present_ids(executive) == {u.pk for u in setup.units[:3]}


# Majorities


@pytest.mark.parametrize(("yes", "no", "status"), [
    (3, 3, MotionStatus.REJECTED),
    (3, 0, MotionStatus.REJECTED),  # abstaining by not voting still counts in the base
    (4, 2, MotionStatus.PASSED),
])  # fmt: skip
def test_an_ordinary_motion_needs_more_than_half_of_those_present(setup, yes, no, status):
    motion = opened(setup, setup.meeting())

    motion = decide(setup, motion, yes=yes, no=no)

    assert (motion.status, motion.yes_count, motion.no_count) == (status, yes, no)


@pytest.mark.parametrize(("yes", "status"), [
    (3, MotionStatus.REJECTED),
    (4, MotionStatus.PASSED),  # two thirds of six: reaching the share is enough
])  # fmt: skip
def test_a_charter_amendment_needs_two_thirds_of_those_present(setup, yes, status):
    version = charter.draft_charter(
        setup.alliance, title="章程（修订稿）", text="第一条 本联盟名称……",
        actor=setup.secretariat, source=WEB,
    )  # fmt: skip
    motion = opened(setup, setup.meeting(), kind=MotionKind.CHARTER, charter_version=version)

    motion = decide(setup, motion, yes=yes, no=6 - yes)

    assert (motion.status, motion.threshold, motion.threshold_strict) == (status, "2/3", False)


def test_an_alliances_own_voting_rule_replaces_the_default(setup):
    own_rule(setup, MotionKind.ORDINARY, quorum=(1, 2), threshold=(2, 3), strict=False)
    motion = opened(setup, setup.meeting(present=3))  # the default quorum would need 4

    motion = decide(setup, motion, yes=2, no=1)

    assert (motion.quorum, motion.threshold, motion.threshold_strict) == ("1/2", "2/3", False)
    assert motion.status == MotionStatus.PASSED


def test_another_kinds_rule_leaves_ordinary_motions_on_the_default(setup):
    own_rule(setup, MotionKind.CHARTER, quorum=(1, 1), threshold=(1, 1), strict=False)

    motion = opened(setup, setup.meeting(present=4))

    assert (motion.quorum, motion.threshold) == ("2/3", "1/2")


def test_the_rule_copied_at_opening_holds_when_the_alliance_changes_its_rule(setup):
    motion = opened(setup, setup.meeting())
    own_rule(setup, MotionKind.ORDINARY, quorum=(1, 1), threshold=(1, 1), strict=False)

    motion = decide(setup, motion, yes=4, no=2)

    assert (motion.quorum, motion.threshold, motion.threshold_strict) == ("2/3", "1/2", True)
    assert motion.status == MotionStatus.PASSED


# Elections


def test_a_ballot_naming_more_candidates_than_seats_is_refused(setup):
    motion, (first, second, _third) = election(
        setup, setup.meeting(), office=OfficeKind.SECRETARY_GENERAL, seats=1,
        nominees=[(None, "张兴长"), (None, "李明"), (None, "王芳")],
    )  # fmt: skip

    with pytest.raises(ValidationError, match="Choose at most 1 candidates"):
        cast(setup, motion, setup.units[0], candidates=[first, second])

    assert not motion.votes.exists()
    assert [c.votes for c in motion.candidates.all()] == [0, 0, 0]


def test_candidates_of_another_election_are_refused(setup):
    meeting = setup.meeting()
    motion, _candidates = election(
        setup, meeting, office=OfficeKind.SECRETARY_GENERAL, seats=1, nominees=[(None, "张兴长")]
    )
    _other, (stranger,) = election(
        setup, meeting, office=OfficeKind.GENERAL_COUNSEL, seats=1, nominees=[(None, "何伟刚")]
    )

    with pytest.raises(ValidationError, match="among this election's candidates"):
        cast(setup, motion, setup.units[0], candidates=[stranger])

    stranger.refresh_from_db()
    assert (stranger.votes, motion.votes.count()) == (0, 0)


def test_a_candidate_named_twice_on_a_ballot_is_refused(setup):
    motion, (first, _second) = election(
        setup, setup.meeting(), office=OfficeKind.SUPERVISOR, seats=2,
        nominees=[(None, "张兴长"), (None, "李明")],
    )  # fmt: skip

    with pytest.raises(ValidationError, match="each at most once"):
        cast(setup, motion, setup.units[0], candidates=[first, first])


def test_a_unit_nominated_twice_in_one_election_is_refused(setup):
    nominee = setup.units[1]

    with pytest.raises(ValidationError, match="Nominate each candidate only once"):
        propose(
            setup, setup.meeting(), kind=MotionKind.ELECTION, office=OfficeKind.VICE_CHAIR,
            seats=2, candidates=[(nominee, ""), (nominee, "")],
        )  # fmt: skip


@pytest.mark.parametrize(("office", "nominee", "message"), [
    (OfficeKind.VICE_CHAIR, "person", "nominate units"),
    (OfficeKind.SECRETARY_GENERAL, "unit", "nominate people"),
])  # fmt: skip
def test_candidates_must_suit_the_office_so_the_result_can_be_applied(
    setup, office, nominee, message
):
    candidate = (setup.units[3], "") if nominee == "unit" else (None, "张兴长")

    with pytest.raises(ValidationError, match=message):
        propose(
            setup, setup.meeting(), kind=MotionKind.ELECTION, office=office, seats=1,
            candidates=[candidate],
        )  # fmt: skip


def test_an_election_never_seats_more_than_its_seats(setup):
    own_rule(setup, MotionKind.ELECTION, quorum=(2, 3), threshold=(1, 6), strict=False)
    motion, (first, second, third) = election(
        setup, setup.meeting(), office=OfficeKind.SUPERVISOR, seats=1,
        nominees=[(None, "张兴长"), (None, "李明"), (None, "王芳")],
    )  # fmt: skip
    for unit, chosen in zip(setup.units, [first, first, first, second, second, third], strict=True):
        cast(setup, motion, unit, candidates=[chosen])

    motion = close(setup, motion)

    assert [(c.person, c.votes, c.elected) for c in motion.candidates.order_by("id")] == [
        ("张兴长", 3, True), ("李明", 2, False), ("王芳", 1, False),
    ]  # fmt: skip
    assert [o.person for o in Office.objects.filter(kind=OfficeKind.SUPERVISOR)] == ["张兴长"]


def test_a_tie_for_the_last_seat_seats_nobody_in_it(setup):
    own_rule(setup, MotionKind.ELECTION, quorum=(2, 3), threshold=(1, 6), strict=False)
    motion, (first, second, third) = election(
        setup, setup.meeting(), office=OfficeKind.SUPERVISOR, seats=2,
        nominees=[(None, "张兴长"), (None, "李明"), (None, "王芳")],
    )  # fmt: skip
    ballots = [[first, second], [first, third], [first, second], [first, third], [], []]
    for unit, chosen in zip(setup.units, ballots, strict=True):
        cast(setup, motion, unit, candidates=chosen)

    motion = close(setup, motion)

    assert [(c.votes, c.elected) for c in motion.candidates.order_by("id")] == [
        (4, True), (2, False), (2, False),
    ]  # fmt: skip
    assert (motion.status, motion.yes_count, motion.abstain_count) == (MotionStatus.PASSED, 4, 2)
    assert [o.person for o in Office.objects.filter(kind=OfficeKind.SUPERVISOR)] == ["张兴长"]


def test_an_election_where_nobody_reaches_the_majority_seats_nobody(setup):
    motion, (first, second) = election(
        setup, setup.meeting(), office=OfficeKind.SECRETARY_GENERAL, seats=1,
        nominees=[(None, "张兴长"), (None, "李明")],
    )  # fmt: skip
    for unit, chosen in zip(
        setup.units, [first, first, first, second, second, second], strict=True
    ):
        cast(setup, motion, unit, candidates=[chosen])

    motion = close(setup, motion)

    assert motion.status == MotionStatus.REJECTED
    assert not motion.candidates.filter(elected=True).exists()
    assert not Office.objects.exists()


def test_electing_a_secretary_general_appoints_the_person(setup):
    motion, (zhang, _li) = election(
        setup, setup.meeting(), office=OfficeKind.SECRETARY_GENERAL, seats=1,
        nominees=[(None, "张兴长"), (None, "李明")],
    )  # fmt: skip
    for unit in setup.units[:5]:
        cast(setup, motion, unit, candidates=[zhang])

    motion = close(setup, motion)

    office = Office.objects.get(kind=OfficeKind.SECRETARY_GENERAL)
    assert (office.person, office.organization, office.valid_from, office.term) == (
        "张兴长", None, MEETING_DAY, setup.term,
    )  # fmt: skip
    assert office.resolution == motion.resolution
    assert dict(council.council_on(setup.alliance, MEETING_DAY))["Secretary-general"] == [office]


def test_electing_a_vice_chair_unit_raises_its_tier_and_seats_it(setup):
    director = setup.units[3]
    motion, (nominee,) = election(
        setup, setup.meeting(), office=OfficeKind.VICE_CHAIR, seats=1, nominees=[(director, "")]
    )
    for unit in setup.units[:4]:
        cast(setup, motion, unit, candidates=[nominee])

    close(setup, motion)

    assert current_membership(setup.alliance, director).tier == MembershipTier.VICE_CHAIR
    vice_chairs = dict(council.council_on(setup.alliance, MEETING_DAY))["Vice-chair"]
    assert [o.organization for o in vice_chairs] == [director]


# What a resolution changes


def test_a_tier_change_admits_a_newcomer_and_moves_a_member(setup):
    newcomer, member = OrganizationFactory(name="浙江吉利控股集团有限公司"), setup.members[0]
    motion = opened(
        setup, setup.meeting(), kind=MotionKind.TIER_CHANGE,
        tier_changes=[(newcomer, MembershipTier.VICE_CHAIR), (member, MembershipTier.DIRECTOR)],
    )  # fmt: skip

    motion = decide(setup, motion, yes=4, no=2)

    assert motion.status == MotionStatus.PASSED
    assert current_membership(setup.alliance, newcomer).tier == MembershipTier.VICE_CHAIR
    assert current_membership(setup.alliance, member).tier == MembershipTier.DIRECTOR
    offices = dict(council.council_on(setup.alliance, MEETING_DAY))
    assert [o.organization for o in offices["Vice-chair"]] == [newcomer]
    assert [o.organization for o in offices["Director"]] == [member]
    assert {o.resolution for o in Office.objects.all()} == {motion.resolution}


def test_a_tier_change_keeps_the_registry_history(setup):
    member = setup.members[0]
    motion = opened(
        setup, setup.meeting(), kind=MotionKind.TIER_CHANGE,
        tier_changes=[(member, MembershipTier.DIRECTOR)],
    )  # fmt: skip
    day_before = date(2021, 5, 31)
    directors_before = {m.organization for m in members_on(setup.alliance, day_before, "director")}

    decide(setup, motion, yes=6)

    assert member not in directors_before
    assert member in {m.organization for m in members_on(setup.alliance, day_before, "member")}
    assert member not in {m.organization for m in members_on(setup.alliance, MEETING_DAY, "member")}
    assert member in {m.organization for m in members_on(setup.alliance, MEETING_DAY, "director")}
    assert list(
        Membership.objects.filter(organization=member).values_list("tier", "valid_from", "valid_to")
    ) == [
        ("member", date(2021, 1, 1), day_before),
        ("director", MEETING_DAY, None),
    ]  # fmt: skip


def test_a_failed_motion_changes_nothing(setup):
    newcomer = OrganizationFactory(name="浙江吉利控股集团有限公司")
    motion = opened(
        setup, setup.meeting(), kind=MotionKind.TIER_CHANGE,
        tier_changes=[(newcomer, MembershipTier.VICE_CHAIR)],
    )  # fmt: skip
    periods_before = list(Membership.objects.values_list("pk", "tier", "valid_to"))

    motion = decide(setup, motion, yes=3, no=3)

    assert motion.status == MotionStatus.REJECTED
    assert not Resolution.objects.exists()
    assert current_membership(setup.alliance, newcomer) is None
    assert list(Membership.objects.values_list("pk", "tier", "valid_to")) == periods_before
    assert not Office.objects.exists()


def test_a_passed_charter_motion_adopts_the_version(setup):
    version = charter.draft_charter(
        setup.alliance, title="绍兴市氢能产业联盟章程", text="第一条 本联盟名称……",
        actor=setup.secretariat, source=WEB,
    )  # fmt: skip
    motion = opened(setup, setup.meeting(), kind=MotionKind.CHARTER, charter_version=version)

    motion = decide(setup, motion, yes=5, no=1)

    version.refresh_from_db()
    assert (version.status, version.adopted_on, version.resolution) == (
        "adopted", MEETING_DAY, motion.resolution,
    )  # fmt: skip
    assert charter.current_charter(setup.alliance) == version


def test_a_rejected_charter_motion_leaves_the_charter_as_it_was(setup):
    version = charter.draft_charter(
        setup.alliance, title="章程", text="第一条", actor=setup.secretariat, source=WEB
    )
    motion = opened(setup, setup.meeting(), kind=MotionKind.CHARTER, charter_version=version)

    decide(setup, motion, yes=3, no=3)

    version.refresh_from_db()
    assert (version.status, version.resolution) == ("draft", None)
    assert charter.current_charter(setup.alliance) is None


def test_a_charter_motion_with_another_alliances_version_is_refused(setup):
    other = build_alliance("yrd-nev", name="长三角新能源汽车产业链联盟")
    foreign = charter.draft_charter(
        other.alliance, title="章程", text="第一条", actor=other.secretariat, source=WEB
    )

    with pytest.raises(ValidationError, match="draft charter version of this alliance"):
        propose(setup, setup.meeting(), kind=MotionKind.CHARTER, charter_version=foreign)

    assert not foreign.motions.exists()


def test_an_adopted_charter_version_cannot_be_put_to_the_vote_again(setup):
    version = charter.draft_charter(
        setup.alliance, title="章程", text="第一条", actor=setup.secretariat, source=WEB
    )
    meeting = setup.meeting()
    decide(setup, opened(setup, meeting, kind=MotionKind.CHARTER, charter_version=version), yes=6)
    version.refresh_from_db()

    with pytest.raises(ValidationError, match="already been adopted"):
        propose(setup, meeting, kind=MotionKind.CHARTER, charter_version=version)


def test_resolutions_are_numbered_per_year(setup):
    meeting = setup.meeting()

    first = decide(setup, opened(setup, meeting), yes=6)
    second = decide(setup, opened(setup, meeting), yes=6)

    assert [first.resolution.number, second.resolution.number] == ["2021-001", "2021-002"]


# Secret ballots


BLANKED = {"id", "created_at", "updated_at", "timestamp", "opened_at", "closed_at"}


def related_rows(motion):
    """The primary keys of the motion and of every row that points to it, directly or through
    another such row (votes, tallies, candidates, the votes' chosen candidates, resolution …).
    Found by following foreign keys, so a table added later is searched too."""
    found = {Motion: {motion.pk}}
    models = [m for m in apps.get_models(include_auto_created=True) if m is not AuditLogEntry]
    grown = True
    while grown:
        grown = False
        for model in models:
            for field in model._meta.concrete_fields:
                if not field.is_relation or field.related_model not in found:
                    continue
                pks = set(
                    model._default_manager.filter(
                        **{f"{field.name}__in": found[field.related_model]}
                    ).values_list("pk", flat=True)
                )
                if not pks <= found.get(model, set()):
                    found[model] = found.get(model, set()) | pks
                    grown = True
    return found


def stored_about(motion):
    """Every stored row about ``motion`` and every audit-log entry about those rows, with ids
    replaced by positions and times left out: two runs that store the same facts compare equal."""
    found = related_rows(motion)
    position = {model: {pk: i for i, pk in enumerate(sorted(pks))} for model, pks in found.items()}

    def plain(model, name, value):
        """A related row as its model and position; any other value as it is."""
        field = next((f for f in model._meta.concrete_fields if name in (f.name, f.attname)), None)
        if value is None or field is None or field.related_model not in position:
            return value
        return (field.related_model._meta.label, position[field.related_model][int(value)])

    dump = {}
    for model, pks in sorted(found.items(), key=lambda item: item[0]._meta.label):
        rows = model._default_manager.filter(pk__in=pks).order_by("pk").values()
        dump[model._meta.label] = [
            {name: plain(model, name, value) for name, value in row.items() if name not in BLANKED}
            for row in rows
        ]
        entries = AuditLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in pks],
        ).order_by("pk")
        dump[f"audit:{model._meta.label}"] = [
            (
                position[model][int(entry.object_id)], entry.action, entry.source,
                entry.actor_id, entry.object_repr,
                {key: [plain(model, key, v) for v in values] for key, values in entry.changes.items()},
            )
            for entry in entries
        ]  # fmt: skip
    return dump


def test_a_secret_ballot_stores_no_choice_on_the_votes_or_in_the_audit_log(setup):
    motion = opened(setup, setup.meeting(), ballot=BallotKind.SECRET)

    motion = decide(setup, motion, yes=4, no=1, abstain=1)

    assert list(motion.votes.values_list("choice", flat=True)) == [""] * 6
    assert dict(motion.tallies.values_list("choice", "count")) == {"yes": 4, "no": 1, "abstain": 1}
    vote_entries = AuditLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Vote),
        object_id__in=[str(pk) for pk in motion.votes.values_list("pk", flat=True)],
    )
    assert [list(entry.changes) for entry in vote_entries] == [["motion"]] * 6
    assert motion.status == MotionStatus.PASSED


def test_a_secret_election_records_no_candidate_on_the_votes(setup):
    motion, (zhang, li) = election(
        setup, setup.meeting(), office=OfficeKind.SECRETARY_GENERAL, seats=1,
        nominees=[(None, "张兴长"), (None, "李明")], ballot=BallotKind.SECRET,
    )  # fmt: skip
    for unit, chosen in zip(setup.units, [zhang, zhang, zhang, zhang, li, li], strict=True):
        cast(setup, motion, unit, candidates=[chosen])

    close(setup, motion)

    assert Vote.candidates.through.objects.filter(vote__motion=motion).count() == 0
    assert list(motion.votes.values_list("choice", flat=True)) == [""] * 6
    assert [(c.person, c.votes) for c in motion.candidates.order_by("id")] == [
        ("张兴长", 4), ("李明", 2),
    ]  # fmt: skip


def run_twice(setup, ballot, first, second):
    """Two identical motions at one meeting, the units voting in the same order; the ballots
    of the first and second unit are swapped between the two motions."""
    meeting, stored = setup.meeting(), []
    for choices in (first, second):
        motion = opened(setup, meeting, ballot=ballot)
        for unit, choice in zip(setup.units, choices, strict=True):
            cast(setup, motion, unit, choice)
        stored.append(stored_about(close(setup, motion)))
    return stored


def test_nothing_stored_tells_how_a_unit_voted_by_secret_ballot(setup):
    first = [Choice.YES, Choice.NO, Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.NO]
    second = [Choice.NO, Choice.YES, *first[2:]]

    stored_first, stored_second = run_twice(setup, BallotKind.SECRET, first, second)

    assert stored_first == stored_second
    assert len(stored_first["governance.Vote"]) == 6
    assert "governance.Tally" in stored_first


def test_the_comparison_would_see_the_choice_on_a_named_ballot(setup):
    first = [Choice.YES, Choice.NO, Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.NO]
    second = [Choice.NO, Choice.YES, *first[2:]]

    stored_first, stored_second = run_twice(setup, BallotKind.NAMED, first, second)

    assert stored_first["governance.Vote"] != stored_second["governance.Vote"]
    assert stored_first["audit:governance.Vote"] != stored_second["audit:governance.Vote"]


def test_nothing_stored_tells_whom_a_unit_chose_in_a_secret_election(setup):
    meeting, stored = setup.meeting(), []
    for swapped in (False, True):
        motion, (zhang, li) = election(
            setup, meeting, office=OfficeKind.SECRETARY_GENERAL, seats=1,
            nominees=[(None, "张兴长"), (None, "李明")], ballot=BallotKind.SECRET,
        )  # fmt: skip
        first_two = [[li], [zhang]] if swapped else [[zhang], [li]]
        for unit, chosen in zip(setup.units, [*first_two, [], [zhang], [li], [zhang]], strict=True):
            cast(setup, motion, unit, candidates=chosen)
        stored.append(stored_about(close(setup, motion)))

    assert stored[0] == stored[1]
    assert [(c["person"], c["votes"]) for c in stored[0]["governance.Candidate"]] == [
        ("张兴长", 3), ("李明", 2),
    ]  # fmt: skip
