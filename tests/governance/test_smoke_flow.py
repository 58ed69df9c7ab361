from datetime import date

import pytest
from django.utils import translation

from alliancehub.alliances.domain.membership import current_membership
from alliancehub.common.domain.audit import Source
from alliancehub.governance.domain import council, voting
from alliancehub.governance.enums import Choice, MotionKind, MotionStatus, OfficeKind
from tests.factories.governance import build_alliance

WEB = Source.WEB


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_passed_tier_change_admits_and_seats_the_new_vice_chair(db):
    setup = build_alliance()
    meeting = setup.meeting()
    newcomer = setup.members[0]
    motion = voting.propose_motion(
        meeting, title="Admit a vice-chair unit", kind=MotionKind.TIER_CHANGE,
        tier_changes=[(newcomer, "vice_chair")], actor=setup.secretariat, source=WEB,
    )  # fmt: skip
    voting.open_voting(motion, actor=setup.secretariat, source=WEB)
    for unit in setup.units[:4]:
        voting.cast_vote(
            motion, unit, choice=Choice.YES, actor=setup.representatives[unit.pk], source=WEB
        )
    motion = voting.close_voting(motion, actor=setup.secretariat, source=WEB)

    assert motion.status == MotionStatus.PASSED
    assert (motion.yes_count, motion.present_count, motion.entitled_count) == (4, 6, 6)
    assert current_membership(setup.alliance, newcomer).tier == "vice_chair"
    vice_chairs = dict(council.council_on(setup.alliance, date(2021, 6, 1)))
    assert str(meeting) == "1st meeting of the 1st council"
    assert any(
        o.organization == newcomer for label, offices in vice_chairs.items() for o in offices
    )
    assert motion.resolution.number == "2021-001"
    assert OfficeKind.VICE_CHAIR
