"""What passed elections leave behind, and who may vote after a late arrival."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from alliancehub.governance.domain import council, voting
from alliancehub.governance.domain import meeting as meetings
from alliancehub.governance.enums import Choice, MotionKind, OfficeKind
from alliancehub.governance.models import Office
from tests.factories.governance import SYSTEM, build_alliance


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def setup(db):
    return build_alliance("res-h2")


def _elect(setup, meeting, office, candidates):
    motion = voting.propose_motion(
        meeting, title="选举", kind=MotionKind.ELECTION, office=office, seats=1,
        candidates=candidates, actor=None, source=SYSTEM,
    )  # fmt: skip
    voting.open_voting(motion, actor=None, source=SYSTEM)
    chosen = list(motion.candidates.all())
    for unit in setup.units:
        voting.cast_vote(motion, unit, candidates=chosen, actor=None, source=SYSTEM)
    return voting.close_voting(motion, actor=None, source=SYSTEM)


def test_electing_a_new_secretary_general_ends_the_previous_ones_office(setup):
    council.appoint(setup.term, OfficeKind.SECRETARY_GENERAL, person="甲", on=date(2021, 1, 1),
                    actor=None, source=SYSTEM)  # fmt: skip
    _elect(
        setup,
        setup.meeting(),
        OfficeKind.SECRETARY_GENERAL,
        [(None, "乙", "市供销合作总社二级调研员")],
    )

    holders = Office.objects.filter(kind=OfficeKind.SECRETARY_GENERAL).order_by("valid_from", "id")
    assert [(o.person, o.valid_to) for o in holders] == [("甲", date(2021, 5, 31)), ("乙", None)]
    assert holders.last().person_title == "市供销合作总社二级调研员"
    on_the_day = dict(council.council_on(setup.alliance, date(2021, 6, 1)))
    assert [o.person for o in on_the_day[OfficeKind.SECRETARY_GENERAL.label]] == ["乙"]


def test_vice_chairs_are_added_not_replaced(setup):
    council.appoint(setup.term, OfficeKind.VICE_CHAIR, organization=setup.units[1], on=date(2021, 1, 1),
                    actor=None, source=SYSTEM)  # fmt: skip
    _elect(setup, setup.meeting(), OfficeKind.VICE_CHAIR, [(setup.units[3], "")])

    open_offices = Office.objects.filter(kind=OfficeKind.VICE_CHAIR, valid_to__isnull=True)
    assert {o.organization for o in open_offices} == {setup.units[1], setup.units[3]}


def test_a_unit_arriving_after_voting_opened_votes_on_the_next_motion_only(setup):
    meeting = setup.meeting(present=5)
    late = setup.units[5]
    motion = voting.propose_motion(meeting, title="预算", actor=None, source=SYSTEM)
    voting.open_voting(motion, actor=None, source=SYSTEM)
    meetings.record_attendance(meeting, organization=late, actor=None, source=SYSTEM)

    with pytest.raises(ValidationError, match="when voting opened"):
        voting.cast_vote(motion, late, choice=Choice.YES, actor=None, source=SYSTEM)
    for unit in setup.units[:5]:
        voting.cast_vote(motion, unit, choice=Choice.YES, actor=None, source=SYSTEM)
    closed = voting.close_voting(motion, actor=None, source=SYSTEM)

    assert closed.yes_count <= closed.present_count == 5
    following = voting.propose_motion(meeting, title="决算", actor=None, source=SYSTEM)
    voting.open_voting(following, actor=None, source=SYSTEM)
    voting.cast_vote(following, late, choice=Choice.NO, actor=None, source=SYSTEM)
    following.refresh_from_db()
    assert following.present_count == 6
