"""Meetings: numbering within term and kind, titles in each language, attendance, agenda."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from alliancehub.common.domain.audit import Source
from alliancehub.governance.domain import council
from alliancehub.governance.domain import meeting as meetings
from alliancehub.governance.domain.numbering import chinese_numeral, english_ordinal
from alliancehub.governance.enums import MeetingKind, MeetingStatus
from alliancehub.governance.models import Attendance, Meeting
from tests.factories.governance import build_alliance

WEB = Source.WEB


@pytest.fixture(autouse=True)
def _english():
    """The assertions below match the English wording of the domain's messages."""
    with translation.override("en"):
        yield


@pytest.fixture
def setup(db):
    return build_alliance()


def schedule(setup, kind, *, term=None, held_on=date(2021, 6, 1), **extra):
    return meetings.schedule_meeting(
        setup.alliance, term=term or setup.term, kind=kind, held_on=held_on,
        actor=setup.secretariat, source=WEB, **extra,
    )  # fmt: skip


# Numbering


def test_meetings_are_numbered_within_their_term_and_kind(setup):
    first = schedule(setup, MeetingKind.COUNCIL)
    second = schedule(setup, MeetingKind.COUNCIL, held_on=date(2021, 12, 1))
    assembly = schedule(setup, MeetingKind.GENERAL_ASSEMBLY)

    assert (first.number, second.number, assembly.number) == (1, 2, 1)


def test_a_new_term_starts_counting_again(setup):
    schedule(setup, MeetingKind.COUNCIL)
    second_term = council.start_term(
        setup.alliance, starts_on=date(2026, 1, 1), actor=setup.secretariat, source=WEB
    )

    meeting = schedule(setup, MeetingKind.COUNCIL, term=second_term, held_on=date(2026, 3, 1))

    assert meeting.number == 1
    assert str(meeting) == "1st meeting of the 2nd council"


def test_a_meeting_recorded_after_the_fact_keeps_its_number_and_the_next_follows_it(setup):
    sixth = schedule(setup, MeetingKind.COUNCIL, number=6, held_on=date(2020, 12, 5))

    seventh = schedule(setup, MeetingKind.COUNCIL)

    assert (sixth.number, seventh.number) == (6, 7)


def test_a_number_already_taken_is_refused(setup):
    schedule(setup, MeetingKind.COUNCIL)

    with pytest.raises(ValidationError, match="already has a meeting with this number"):
        schedule(setup, MeetingKind.COUNCIL, number=1)

    assert Meeting.objects.count() == 1


def test_an_alliance_has_one_founding_conference(setup):
    schedule(setup, MeetingKind.FOUNDING_CONFERENCE)
    second_term = council.start_term(
        setup.alliance, starts_on=date(2026, 1, 1), actor=setup.secretariat, source=WEB
    )

    with pytest.raises(ValidationError, match="only one founding conference"):
        schedule(setup, MeetingKind.FOUNDING_CONFERENCE, term=second_term)

    assert Meeting.objects.filter(kind=MeetingKind.FOUNDING_CONFERENCE).count() == 1


def test_each_alliance_has_its_own_founding_conference(setup):
    other = build_alliance("yrd-nev", name="长三角新能源汽车产业链联盟")
    schedule(setup, MeetingKind.FOUNDING_CONFERENCE)

    founding = meetings.schedule_meeting(
        other.alliance, term=other.term, kind=MeetingKind.FOUNDING_CONFERENCE,
        held_on=date(2021, 1, 1), actor=other.secretariat, source=WEB,
    )  # fmt: skip

    assert founding.number == 1


def test_a_meeting_in_another_alliances_term_is_refused(setup):
    other = build_alliance("yrd-nev", name="长三角新能源汽车产业链联盟")

    with pytest.raises(ValidationError, match="term belongs to another alliance"):
        schedule(setup, MeetingKind.COUNCIL, term=other.term)

    assert not Meeting.objects.exists()


# Titles


def test_a_council_meeting_is_titled_in_chinese_with_chinese_numerals(setup):
    schedule(setup, MeetingKind.COUNCIL)
    second = schedule(setup, MeetingKind.COUNCIL)

    with translation.override("zh-hans"):
        assert str(second) == "第一届理事会第二次会议"


def test_a_council_meeting_is_titled_in_english_with_ordinals(setup):
    schedule(setup, MeetingKind.COUNCIL)

    second = schedule(setup, MeetingKind.COUNCIL)

    assert str(second) == "2nd meeting of the 1st council"


@pytest.mark.parametrize(("number", "written"), [
    (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"),
    (100, "一百"), (105, "一百零五"), (110, "一百一十"), (1005, "一千零五"),
])  # fmt: skip
def test_chinese_numerals(number, written):
    assert chinese_numeral(number) == written


@pytest.mark.parametrize(("number", "written"), [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
    (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th"),
])  # fmt: skip
def test_english_ordinals(number, written):
    assert english_ordinal(number) == written


# Attendance and agenda


def test_recording_a_units_attendance_twice_updates_its_row(setup):
    meeting = schedule(setup, MeetingKind.COUNCIL)
    unit = setup.units[0]
    meetings.record_attendance(meeting, organization=unit, person="沈立雄", actor=None, source=WEB)

    row = meetings.record_attendance(
        meeting, organization=unit, person="陈建华", capacity="副理事长", present=False,
        actor=None, source=WEB,
    )  # fmt: skip

    assert list(Attendance.objects.filter(meeting=meeting).values_list(
        "organization", "person", "capacity", "present"
    )) == [(unit.pk, "陈建华", "副理事长", False)]  # fmt: skip
    assert row.pk == Attendance.objects.get().pk


def test_people_attending_in_their_own_right_each_get_a_row(setup):
    meeting = schedule(setup, MeetingKind.COUNCIL)

    meetings.record_attendance(
        meeting, person="何伟刚", capacity="法律顾问", actor=None, source=WEB
    )
    meetings.record_attendance(meeting, person="张兴长", capacity="秘书长", actor=None, source=WEB)

    assert list(meeting.attendance.values_list("person", flat=True)) == ["何伟刚", "张兴长"]


def test_attendance_must_name_someone(setup):
    meeting = schedule(setup, MeetingKind.COUNCIL)

    with pytest.raises(ValidationError, match="Name the unit or the person"):
        meetings.record_attendance(meeting, person="  ", actor=None, source=WEB)


def test_no_attendance_is_recorded_for_a_cancelled_meeting(setup):
    meeting = schedule(setup, MeetingKind.COUNCIL)
    meetings.update_meeting(meeting, {"status": MeetingStatus.CANCELLED}, actor=None, source=WEB)

    with pytest.raises(ValidationError, match="cancelled"):
        meetings.record_attendance(meeting, organization=setup.units[0], actor=None, source=WEB)

    assert not meeting.attendance.exists()


def test_the_attendance_sheet_marks_every_expected_unit_present_or_absent(setup):
    meeting = schedule(setup, MeetingKind.COUNCIL)
    came = {u.pk for u in setup.units[:4]}

    meetings.record_unit_attendance(meeting, came, actor=None, source=WEB)

    rows = dict(meeting.attendance.values_list("organization", "present"))
    assert rows == {u.pk: u.pk in came for u in setup.units}


def test_the_units_expected_depend_on_the_kind_of_meeting(setup):
    council_meeting = schedule(setup, MeetingKind.COUNCIL)
    assembly = schedule(setup, MeetingKind.GENERAL_ASSEMBLY)

    expected = {m.organization for m in meetings.expected_units(council_meeting)}
    everyone = {m.organization for m in meetings.expected_units(assembly)}

    assert (expected, everyone) == (set(setup.units), set(setup.units + setup.members))


def test_agenda_items_are_numbered_in_order(setup):
    meeting = schedule(setup, MeetingKind.COUNCIL)

    for title in ["审议年度工作报告", "审议财务报告", "增补副理事长单位"]:
        meetings.add_agenda_item(meeting, title=title, actor=None, source=WEB)

    assert [str(item) for item in meeting.agenda.all()] == [
        "1. 审议年度工作报告", "2. 审议财务报告", "3. 增补副理事长单位",
    ]  # fmt: skip


def test_updating_a_meeting_changes_its_details(setup):
    meeting = schedule(setup, MeetingKind.COUNCIL)

    meetings.update_meeting(
        meeting, {"venue": "诸暨祥生世纪酒店", "presided_by": "何伟刚", "presiding_title": "法律顾问"},
        actor=setup.secretariat, source=WEB,
    )  # fmt: skip

    meeting.refresh_from_db()
    assert (meeting.venue, meeting.presided_by, meeting.number) == ("诸暨祥生世纪酒店", "何伟刚", 1)
