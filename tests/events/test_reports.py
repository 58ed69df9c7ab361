"""After the event: attendance figures, the iCalendar feed, the draft news notice."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import programme
from alliancehub.events.domain import registration as registrations
from alliancehub.events.domain.ical import alliance_feed, escape_text, fold
from alliancehub.events.domain.reports import attendance, news_draft
from alliancehub.events.domain.tickets import check_in
from alliancehub.events.enums import BodyRole, EventStatus, Visibility
from tests.factories import OrganizationFactory
from tests.factories.events import AllianceFactory, EventFactory, register

WEB = Source.WEB
UTC = ZoneInfo("UTC")


# Attendance


def test_attendance_counts_every_state_and_the_check_in_rate(db):
    event = EventFactory(capacity=3)
    people = [register(event, name) for name in ["A", "B", "C", "D", "E"]]  # 3 in, 2 waiting
    registrations.cancel_registration(people[4], actor=None, source=WEB)  # a waiting one leaves
    for person in people[:2]:
        check_in(event, registration=person, actor=None, source=WEB)

    figures = attendance(event)

    assert (figures.registered, figures.confirmed, figures.waiting, figures.cancelled,
            figures.pending, figures.rejected, figures.checked_in) == (5, 3, 1, 1, 0, 0, 2)  # fmt: skip
    assert figures.check_in_rate == Decimal("0.667")


def test_an_event_with_no_one_confirmed_has_no_check_in_rate(db):
    assert attendance(EventFactory()).check_in_rate is None


# iCalendar


def test_text_values_are_escaped():
    assert escape_text("氢能, 储运; C:\\temp\nnext") == "氢能\\, 储运\\; C:\\\\temp\\nnext"


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "氢" * 40  # 8 + 120 octets

    folded = fold(line)

    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(parts)) == line


def test_the_feed_lists_published_public_events_in_utc(db):
    alliance = AllianceFactory(name="嘉定区归国留学人员联合会")
    start = datetime(2021, 6, 3, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    EventFactory(alliance=alliance, title="氢能论坛, 第一场", starts_at=start,
                 ends_at=start + timedelta(hours=8), venue="安亭镇; 同济园区",
                 registration_closes_at=None, registration_opens_at=None)  # fmt: skip
    EventFactory(alliance=alliance, title="内部培训", visibility=Visibility.MEMBERS)
    EventFactory(alliance=alliance, title="草稿活动", status=EventStatus.DRAFT)
    cancelled = EventFactory(alliance=alliance, title="取消的活动")
    programme.set_status(cancelled, EventStatus.CANCELLED, actor=None, source=WEB)
    EventFactory(title="别的联盟的活动")

    feed = alliance_feed(alliance, stamp=datetime(2026, 1, 1, tzinfo=UTC))
    unfolded = feed.replace("\r\n ", "")

    assert feed.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert feed.endswith("END:VCALENDAR\r\n")
    assert "\n" not in feed.replace("\r\n", "")
    assert "SUMMARY:氢能论坛\\, 第一场\r\n" in unfolded
    assert "DTSTART:20210603T010000Z\r\nDTEND:20210603T090000Z\r\n" in unfolded
    assert "LOCATION:安亭镇\\; 同济园区\r\n" in unfolded
    assert "DTSTAMP:20260101T000000Z" in unfolded
    assert "SUMMARY:取消的活动\r\nSTATUS:CANCELLED" in unfolded
    for hidden in ["内部培训", "草稿活动", "别的联盟"]:
        assert hidden not in unfolded
    assert "内部培训" in alliance_feed(alliance, stamp=datetime(2026, 1, 1, tzinfo=UTC),
                                     members=True)  # fmt: skip
    assert unfolded.count("BEGIN:VEVENT") == 2


# The draft notice


def test_the_news_draft_is_written_in_the_active_language_from_the_record(db):
    event = EventFactory(title="2026 Hydrogen Forum", theme="Green hydrogen",
                         venue="Anting, Jiading", starts_at=datetime(2026, 6, 3, 1, tzinfo=UTC),
                         registration_opens_at=None, registration_closes_at=None)  # fmt: skip
    guide = OrganizationFactory(name="嘉定区侨联", name_en="Jiading Federation")
    for name in [None, "Tongji Park Co., Ltd."]:
        programme.add_body(event, BodyRole.ORGANIZER, organization=guide if name is None else None,
                           name=name or "", actor=None, source=WEB)  # fmt: skip
    session = programme.add_session(event, title="Keynote", actor=None, source=WEB)
    programme.add_speaker(session, name="Zhang Yanfeng", title="secretary-general",
                          talk="Hydrogen and fuel cells", keynote=True, actor=None, source=WEB)  # fmt: skip

    with translation.override("en"):
        draft = news_draft(event)

    assert draft.text == "\n\n".join([
        "2026 Hydrogen Forum was held on June 3, 2026 at Anting, Jiading.",
        "The theme was “Green hydrogen”.",
        "Organised by Jiading Federation; Tongji Park Co., Ltd.",
        "Zhang Yanfeng, secretary-general, gave the keynote speech. Topic: “Hydrogen and fuel cells”.",
    ])  # fmt: skip


@pytest.mark.parametrize("checked_in", [1, 2])
def test_the_news_draft_counts_the_participants_who_came(db, checked_in):
    event = EventFactory(registration_opens_at=None)
    for name in ["Ann", "Bo"][:checked_in]:
        check_in(event, registration=register(event, name), actor=None, source=WEB)

    with translation.override("en"):
        text = news_draft(event).text

    word = "participant" if checked_in == 1 else "participants"
    assert text.endswith(f"{checked_in} registered {word} attended.")
