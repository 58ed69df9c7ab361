"""Rules at the edges: lapsed access, one chair at a time, cancelled meetings, odd input."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from alliancehub.alliances.domain import dues, membership
from alliancehub.alliances.domain.membership import current_membership, members_on
from alliancehub.governance.domain import charter, council, minutes, voting
from alliancehub.governance.domain import meeting as meetings
from alliancehub.governance.domain.voting_rules import parse_share
from alliancehub.governance.enums import Choice, MeetingStatus, MotionKind, OfficeKind
from alliancehub.governance.models import Office
from tests.factories import OrganizationFactory
from tests.factories.governance import SYSTEM, build_alliance


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def setup(db):
    return build_alliance("edge-h2")


def _pass(setup, meeting, **motion):
    tabled = voting.propose_motion(meeting, title="议案", actor=None, source=SYSTEM, **motion)
    voting.open_voting(tabled, actor=None, source=SYSTEM)
    chosen = list(tabled.candidates.all())
    for unit in setup.units:
        voting.cast_vote(tabled, unit, choice="" if chosen else Choice.YES, candidates=chosen or None,
                         actor=None, source=SYSTEM)  # fmt: skip
    return voting.close_voting(tabled, actor=None, source=SYSTEM)


def test_a_withdrawn_members_representative_loses_the_members_pages(client, setup):
    meeting = setup.meeting()
    unit = setup.units[5]
    rep = setup.representatives[unit.pk]
    client.force_login(rep)
    address = reverse("governance:meeting", args=[setup.alliance.slug, meeting.pk])
    assert client.get(address).status_code == 200

    membership.withdraw(current_membership(setup.alliance, unit), last_day=timezone.localdate() - timedelta(days=1),
                        actor=None, source=SYSTEM)  # fmt: skip
    client.force_login(rep)  # a new request: roles are read again

    assert client.get(address).status_code == 403
    assert client.get(f"/api/v1/alliances/{setup.alliance.slug}/meetings/").status_code == 403


def test_electing_a_new_chair_unit_moves_the_previous_one_to_vice_chair(setup):
    old_chair, new_chair = setup.units[0], setup.units[3]
    council.appoint(setup.term, OfficeKind.CHAIR, organization=old_chair, on=date(2021, 1, 1),
                    actor=None, source=SYSTEM)  # fmt: skip
    _pass(setup, setup.meeting(), kind=MotionKind.ELECTION, office=OfficeKind.CHAIR, seats=1,
          candidates=[(new_chair, "")])  # fmt: skip

    day = date(2021, 6, 2)
    chairs = [m.organization for m in members_on(setup.alliance, day, "chair")]
    assert chairs == [new_chair]
    assert current_membership(setup.alliance, old_chair).tier == "vice_chair"
    on_council = dict(council.council_on(setup.alliance, day))
    assert [o.organization for o in on_council[OfficeKind.CHAIR.label]] == [new_chair]
    assert old_chair in [o.organization for o in on_council[OfficeKind.VICE_CHAIR.label]]


def test_a_unit_that_withdraws_leaves_the_council(setup):
    unit = setup.units[1]
    council.appoint(setup.term, OfficeKind.VICE_CHAIR, organization=unit, on=date(2021, 1, 1),
                    actor=None, source=SYSTEM)  # fmt: skip
    membership.withdraw(
        current_membership(setup.alliance, unit),
        last_day=date(2021, 3, 31),
        actor=None,
        source=SYSTEM,
    )

    assert unit in [o.organization for o in council.offices_on(setup.alliance, date(2021, 3, 31))]
    assert unit not in [
        o.organization for o in council.offices_on(setup.alliance, date(2021, 4, 1))
    ]
    assert Office.objects.filter(organization=unit).count() == 1  # the record stays


def test_members_read_the_charter_draft_they_vote_on_but_not_other_drafts(client, setup):
    meeting = setup.meeting()
    on_the_table = charter.draft_charter(
        setup.alliance, title="章程", text="第一条", actor=None, source=SYSTEM
    )
    charter.draft_charter(setup.alliance, title="章程", text="第二稿", actor=None, source=SYSTEM)
    voting.propose_motion(meeting, title="修订章程", kind=MotionKind.CHARTER, charter_version=on_the_table,
                          actor=None, source=SYSTEM)  # fmt: skip
    client.force_login(setup.representatives[setup.units[0].pk])

    assert (
        client.get(reverse("governance:charter-version", args=[setup.alliance.slug, 1])).status_code
        == 200
    )
    assert (
        client.get(reverse("governance:charter-version", args=[setup.alliance.slug, 2])).status_code
        == 404
    )
    api = client.get(f"/api/v1/alliances/{setup.alliance.slug}/charter-versions/").json()
    numbers = [v["number"] for v in (api["results"] if isinstance(api, dict) else api)]
    assert numbers == [1]


def test_a_share_that_rounds_to_nothing_is_refused():
    with pytest.raises(ValidationError, match="between 0 and 1"):
        parse_share("0.0001")
    assert str(parse_share("66.67%")) == "2/3"  # the nearest simple fraction


def test_a_held_meeting_cannot_be_cancelled_and_a_cancelled_one_holds_no_vote(setup):
    held, cancelled = setup.meeting(), setup.meeting()
    meetings.set_status(held, MeetingStatus.HELD, actor=None, source=SYSTEM)
    motion = voting.propose_motion(cancelled, title="议案", actor=None, source=SYSTEM)
    meetings.set_status(cancelled, MeetingStatus.CANCELLED, actor=None, source=SYSTEM)

    with pytest.raises(ValidationError, match="already marked"):
        meetings.set_status(held, MeetingStatus.CANCELLED, actor=None, source=SYSTEM)
    with pytest.raises(ValidationError, match="cancelled"):
        voting.open_voting(motion, actor=None, source=SYSTEM)


def test_an_overlong_name_on_the_attendance_sheet_is_a_message_not_a_crash(client, setup):
    meeting = setup.meeting()
    client.force_login(setup.secretariat)
    address = reverse("governance:meeting-attendance", args=[setup.alliance.slug, meeting.pk])

    response = client.post(
        address, {"people": "X" * 300 + ",嘉宾"}, HTTP_ACCEPT_LANGUAGE="en", follow=True
    )

    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()
    assert not meeting.attendance.filter(organization__isnull=True).exists()


def test_approving_the_minutes_keeps_the_text_on_the_screen(client, setup):
    meeting = setup.meeting()
    minutes.draft_minutes(meeting, actor=None, source=SYSTEM)
    client.force_login(setup.secretariat)
    address = reverse("governance:minutes-edit", args=[setup.alliance.slug, meeting.pk])

    client.post(address, {"action": "approve", "text": "# 纪要\n\n秘书长修改后的文本。"})

    meeting.minutes.refresh_from_db()
    assert meeting.minutes.status == "approved"
    assert "秘书长修改后的文本。" in meeting.minutes.text


def test_the_secretariat_admits_at_another_tier_than_applied_for(setup):
    unit = OrganizationFactory(name="浙江氢能装备有限公司")
    application = membership.apply_for_membership(
        setup.alliance, unit, tier="chair", actor=None, source=SYSTEM
    )

    membership.approve_membership(application, tier="member", actor=None, source=SYSTEM)

    assert current_membership(setup.alliance, unit).tier == "member"


def test_a_suspension_cannot_start_before_the_membership(setup):
    period = current_membership(setup.alliance, setup.units[2])
    with pytest.raises(ValidationError, match="before the membership"):
        dues.suspend(period, starts_on=date(2020, 1, 1), reason="欠费", actor=None, source=SYSTEM)


def test_a_withdrawal_dated_later_keeps_the_member_in_the_registry_until_then(client, setup):
    unit = setup.members[0]
    membership.withdraw(current_membership(setup.alliance, unit), last_day=timezone.localdate() + timedelta(days=30),
                        actor=None, source=SYSTEM)  # fmt: skip
    client.force_login(setup.secretariat)
    page = client.get(reverse("alliances:members", args=[setup.alliance.slug])).content.decode()
    assert unit.name in page


def test_an_open_secret_election_lists_candidates_without_hinting_at_the_count(client, setup):
    meeting = setup.meeting()
    motion = voting.propose_motion(
        meeting, title="选举秘书长", kind=MotionKind.ELECTION, office=OfficeKind.SECRETARY_GENERAL,
        seats=1, ballot="secret", candidates=[(None, "甲候选人"), (None, "乙候选人")], actor=None, source=SYSTEM,
    )  # fmt: skip
    voting.open_voting(motion, actor=None, source=SYSTEM)
    second = motion.candidates.get(person="乙候选人")
    voting.cast_vote(motion, setup.units[0], candidates=[second], actor=None, source=SYSTEM)
    client.force_login(setup.representatives[setup.units[1].pk])

    page = client.get(
        reverse("governance:motion", args=[setup.alliance.slug, motion.pk])
    ).content.decode()

    assert page.index("甲候选人") < page.index("乙候选人")
