from datetime import date

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from alliancehub.accounts.models import AllianceRole, User
from alliancehub.alliances import demo as alliances_demo
from alliancehub.alliances.domain.membership import members_on
from alliancehub.alliances.enums import MembershipTier
from alliancehub.alliances.models import Alliance
from alliancehub.governance import demo
from alliancehub.governance.domain import charter, council
from alliancehub.governance.enums import MeetingKind, MeetingStatus, MinutesStatus, OfficeKind
from alliancehub.governance.models import Meeting
from alliancehub.organizations import demo as organizations_demo

COUNTED_APPS = ["governance", "alliances", "organizations", "accounts", "common"]


@pytest.fixture
def loaded(db):
    organizations_demo.load()
    alliances_demo.load()
    demo.load()


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for label in COUNTED_APPS
        for model in apps.get_app_config(label).get_models()
    }


def _holders(alliance: Alliance, day: date) -> dict[str, list[str]]:
    held: dict[str, list[str]] = {}
    for office in council.offices_on(alliance, day):
        held.setdefault(office.kind, []).append(office.holder)
    return held


def test_loading_the_demo_again_adds_nothing(loaded):
    before = _row_counts()

    demo.load()

    assert _row_counts() == before


def test_the_hydrogen_founding_conference_elects_chair_vice_chairs_and_secretary_general(loaded):
    hydrogen = Alliance.objects.get(slug="sx-hydrogen")

    held = _holders(hydrogen, date(2021, 11, 11))

    assert held[OfficeKind.CHAIR] == ["绍兴三元石化有限公司"]
    assert sorted(held[OfficeKind.VICE_CHAIR]) == sorted(alliances_demo.SX_HYDROGEN_VICE_CHAIRS)
    assert held[OfficeKind.SECRETARY_GENERAL] == ["Zhang Xingchang"]
    assert all(office.resolution for office in council.offices_on(hydrogen, date(2021, 11, 11)))


def test_the_hydrogen_founding_conference_is_held_with_approved_minutes_and_marked_demo_counts(
    loaded,
):
    meeting = Meeting.objects.get(
        alliance__slug="sx-hydrogen", kind=MeetingKind.FOUNDING_CONFERENCE
    )

    assert (meeting.held_on, meeting.status) == (date(2021, 11, 10), MeetingStatus.HELD)
    assert (
        meeting.attendance.filter(organization__memberships__alliance=meeting.alliance).count() == 9
    )
    assert "演示数据" in meeting.note
    assert meeting.minutes.status == MinutesStatus.APPROVED
    assert meeting.motions.count() == meeting.motions.filter(status="passed").count() == 4


def test_the_promotion_association_meeting_is_the_sixth_of_the_first_council_as_reported(loaded):
    meeting = Meeting.objects.get(alliance__slug="sx-stipa", kind=MeetingKind.COUNCIL)

    with translation.override("en"):
        english = str(meeting)

    assert english == "6th meeting of the 1st council"
    assert (meeting.number, meeting.term.number) == (6, 1)
    assert (meeting.held_on, meeting.venue) == (date(2020, 12, 5), "Zhuji Xiangsheng Century Hotel")
    assert (meeting.presided_by, meeting.presiding_title) == ("He Weigang", "法律顾问")
    stipa = meeting.alliance
    assert _holders(stipa, date(2020, 12, 5))[OfficeKind.GENERAL_COUNSEL] == ["He Weigang"]
    assert _holders(stipa, date(2020, 12, 5))[OfficeKind.PRESIDENT] == ["Shen Lixiong"]
    assert _holders(stipa, date(2020, 12, 5))[OfficeKind.EXECUTIVE_DIRECTOR] == [
        "浙江天洁环境科技股份有限公司"
    ]


def test_the_promotion_association_meeting_is_titled_in_chinese(loaded):
    meeting = Meeting.objects.get(alliance__slug="sx-stipa", kind=MeetingKind.COUNCIL)

    with translation.override("zh-hans"):
        chinese = str(meeting)

    assert chinese == "第一届理事会第六次会议"


def test_the_two_new_vice_president_units_rank_as_vice_chair_from_the_sixth_meeting(loaded):
    stipa = Alliance.objects.get(slug="sx-stipa")

    before = members_on(stipa, date(2020, 12, 4), MembershipTier.VICE_CHAIR)
    after = members_on(stipa, date(2020, 12, 5), MembershipTier.VICE_CHAIR)

    assert before.count() == 0
    assert after.count() == 2
    assert all("演示数据" in m.organization.name for m in after)
    assert all(m.basis for m in after)


def test_geely_is_the_rotating_chair_of_the_nev_alliance(loaded):
    nev = Alliance.objects.get(slug="yrd-nev")

    turn = council.rotating_chair_on(nev, date(2021, 6, 1))

    assert turn.organization.name == "吉利控股集团"
    assert "演示数据" in turn.note
    assert _holders(nev, date(2021, 6, 1))[OfficeKind.ROTATING_CHAIR] == ["吉利控股集团"]
    founding = nev.meetings.get(kind=MeetingKind.FOUNDING_CONFERENCE)
    assert (founding.held_on, founding.venue) == (date(2021, 5, 24), "浙江杭州")


@pytest.mark.parametrize("slug", ["sx-hydrogen", "yrd-nev"])
def test_the_founding_conference_adopts_the_charter_in_force(loaded, slug):
    alliance = Alliance.objects.get(slug=slug)

    current = charter.current_charter(alliance)

    assert current.adopted_on == alliance.meetings.get().held_on
    assert current.resolution.motion.meeting.kind == MeetingKind.FOUNDING_CONFERENCE
    assert "演示数据" in current.text


def test_demo_users_sign_in_with_the_demo_password_and_hold_their_roles(loaded):
    roles = {
        (role.user.username, role.alliance.slug, role.role, str(role.organization or ""))
        for role in AllianceRole.objects.select_related("user", "alliance", "organization")
    }

    assert roles == {
        ("demo", "sx-hydrogen", "secretariat", ""),
        ("demo", "sx-stipa", "secretariat", ""),
        ("demo", "yrd-nev", "secretariat", ""),
        ("sanyuan", "sx-hydrogen", "member", "绍兴三元石化有限公司"),
        ("observer", "sx-hydrogen", "observer", ""),
    }
    for username in ["demo", "sanyuan", "observer"]:
        assert User.objects.get(username=username).check_password(settings.DEMO_PASSWORD)
