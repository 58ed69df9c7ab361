"""Tickets: the signed code, the e-mail, check-in at the door, the desk's search, badges."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from alliancehub.common.domain.audit import Source, history
from alliancehub.events.domain import registration as registrations
from alliancehub.events.domain.badges import badges, badges_pdf
from alliancehub.events.domain.qr import qr_available, qr_svg
from alliancehub.events.domain.tickets import (
    TICKET_SALT,
    check_in,
    read_ticket,
    search_registrations,
    ticket_token,
    void_ticket,
)
from tests.factories.events import EventFactory, register

WEB = Source.WEB
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def refusal_of(call, *args, **kwargs) -> tuple[str | None, list[str]]:
    with pytest.raises(ValidationError) as refusal:
        call(*args, **kwargs)
    return refusal.value.error_list[0].code, refusal.value.messages


# The signed code


def test_a_ticket_reads_back_as_its_registration(db):
    event = EventFactory()
    ann = register(event, "Ann")

    assert read_ticket(ticket_token(ann), event=event) == ann


def test_a_ticket_of_another_event_is_refused(db):
    event, other = EventFactory(), EventFactory()
    elsewhere = register(other, "Ann")

    assert refusal_of(read_ticket, ticket_token(elsewhere), event=event) == (
        "other_event", ["This ticket is for another event."])  # fmt: skip


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature altered
        lambda token: "not a ticket",
        lambda token: "",
        # A well-formed payload signed with another salt (or key) than the tickets'.
        lambda token: signing.Signer(salt="something else").sign_object(
            signing.Signer(salt=TICKET_SALT).unsign_object(token)
        ),
    ],
)
def test_a_forged_code_is_refused(db, forge):
    event = EventFactory()
    token = ticket_token(register(event, "Ann"))

    assert refusal_of(read_ticket, forge(token), event=event) == (
        "forged", ["This code is not a valid ticket."])  # fmt: skip


def test_a_code_naming_a_registration_with_the_wrong_secret_is_refused(db):
    event = EventFactory()
    ann = register(event, "Ann")
    guessed = signing.Signer(salt=TICKET_SALT).sign_object([event.pk, ann.pk, "guess"])

    assert refusal_of(read_ticket, guessed, event=event)[0] == "forged"


def test_a_voided_ticket_no_longer_works(db):
    event = EventFactory()
    ann = register(event, "Ann")
    old = ticket_token(ann)

    void_ticket(ann, actor=None, source=WEB)

    assert refusal_of(read_ticket, old, event=event)[0] == "forged"
    assert read_ticket(ticket_token(ann), event=event) == ann


def test_the_ticket_of_a_cancelled_or_unconfirmed_registration_is_refused(db):
    event = EventFactory(capacity=1)
    ann, bo = register(event, "Ann"), register(event, "Bo")
    ann_token = ticket_token(ann)
    registrations.cancel_registration(ann, actor=None, source=WEB)
    bo.refresh_from_db()
    registrations.cancel_registration(bo, actor=None, source=WEB)
    chen = register(event, "Chen")
    register(event, "Dai")  # waiting
    dai = event.registrations.get(name="Dai")

    assert refusal_of(read_ticket, ann_token, event=event) == (
        "cancelled", ["This registration was cancelled."])  # fmt: skip
    assert refusal_of(read_ticket, ticket_token(dai), event=event) == (
        "not_confirmed", ["This registration is not confirmed."])  # fmt: skip
    assert read_ticket(ticket_token(chen), event=event) == chen


# Check-in


def test_checking_in_by_scanning_stamps_the_time_and_the_desk(db, user):
    event = EventFactory()
    ann = register(event, "Ann")

    checked = check_in(event, token=ticket_token(ann), actor=user, source=WEB)

    assert checked.checked_in_at is not None
    assert checked.checked_in_by == user
    assert history(ann)[0].changes["checked_in_at"][0] is None


def test_a_second_scan_of_the_same_ticket_is_refused_with_the_first_time(db):
    event = EventFactory()
    ann = register(event, "Ann")
    token = ticket_token(ann)
    check_in(event, token=token, actor=None, source=WEB)
    first = datetime(2026, 6, 3, 9, 12, tzinfo=SHANGHAI)
    event.registrations.filter(pk=ann.pk).update(checked_in_at=first)

    assert refusal_of(check_in, event, token=token, actor=None, source=WEB) == (
        "reused", ["Already checked in at 09:12."])  # fmt: skip


def test_checking_in_another_events_ticket_or_a_forged_code_changes_nothing(db):
    event, other = EventFactory(), EventFactory()
    elsewhere = register(other, "Ann")

    assert refusal_of(check_in, event, token=ticket_token(elsewhere), actor=None,
                      source=WEB)[0] == "other_event"  # fmt: skip
    assert refusal_of(check_in, event, token="forged:code", actor=None, source=WEB)[0] == "forged"
    assert refusal_of(check_in, event, registration=elsewhere, actor=None,
                      source=WEB)[0] == "other_event"  # fmt: skip
    elsewhere.refresh_from_db()
    assert elsewhere.checked_in_at is None


def test_the_desk_finds_a_registration_by_name_in_either_script_and_checks_it_in(db):
    event = EventFactory()
    register(event, "张焰峰", email="zhang@example.org", organization_name="长三角氢能科技研究院")
    register(event, "Ann")

    found = search_registrations(event, "張焰")  # typed in Traditional script
    by_unit = search_registrations(event, "氢能科技")

    assert [r.name for r in found] == [r.name for r in by_unit] == ["张焰峰"]
    assert check_in(event, registration=found[0], actor=None, source=WEB).checked_in_at


def test_the_desk_does_not_find_cancelled_registrations(db):
    event = EventFactory()
    ann = register(event, "Ann")
    registrations.cancel_registration(ann, actor=None, source=WEB)

    assert search_registrations(event, "ann") == []


# The e-mail


def test_a_confirmed_registrant_is_mailed_the_ticket(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(title="2026氢能产业论坛", venue="安亭")

    with django_capture_on_commit_callbacks(execute=True):
        ann = register(event, "Ann")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ann@example.org"]
    assert "2026氢能产业论坛" in message.subject
    assert ticket_token(ann) in message.body  # the code, or the ticket page's link holding it
    assert [name for name, _content, _type in message.attachments] == (
        ["ticket.svg"] if qr_available() else []
    )


def test_a_waiting_registrant_is_told_the_place_and_mailed_the_ticket_when_promoted(
    db, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"  # the language of registrants who are not signed in
    event = EventFactory(capacity=1, title="2026氢能产业论坛")
    with django_capture_on_commit_callbacks(execute=True):
        ann = register(event, "Ann")
        register(event, "Bo")
        register(event, "Chen")
    assert [m.to for m in mailoutbox] == [["ann@example.org"], ["bo@example.org"],
                                          ["chen@example.org"]]  # fmt: skip
    assert mailoutbox[1].subject == "On the waiting list for 2026氢能产业论坛"
    assert "you are number 1 on its waiting list" in mailoutbox[1].body
    assert "you are number 2 on its waiting list" in mailoutbox[2].body
    assert "/events/registrations/" in mailoutbox[1].body  # the page to cancel from

    with django_capture_on_commit_callbacks(execute=True):
        registrations.cancel_registration(ann, actor=None, source=WEB)

    assert mailoutbox[3].to == ["bo@example.org"]
    assert mailoutbox[3].subject == "Your ticket for 2026氢能产业论坛"


def test_a_pending_registrant_hears_of_receipt_then_of_the_decision_with_its_reason(
    db, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"  # the language of registrants who are not signed in
    event = EventFactory(requires_approval=True, title="会员大会")
    with django_capture_on_commit_callbacks(execute=True):
        ann = register(event, "Ann")
    assert mailoutbox[0].subject == "Your registration for 会员大会 is received"
    assert "awaits the secretariat's approval" in mailoutbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        registrations.reject_registration(ann, reason="仅限会员单位", actor=None, source=WEB)

    assert mailoutbox[1].subject == "Your registration for 会员大会"
    assert "was not accepted" in mailoutbox[1].body
    assert "Reason: 仅限会员单位" in mailoutbox[1].body
    assert "/events/registrations/" not in mailoutbox[1].body


def test_an_approved_registrant_with_no_seat_left_is_told_the_place(
    db, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"  # the language of registrants who are not signed in
    event = EventFactory(requires_approval=True, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        ann, bo = register(event, "Ann"), register(event, "Bo")
    with django_capture_on_commit_callbacks(execute=True):
        registrations.approve_registration(ann, actor=None, source=WEB)
        registrations.approve_registration(bo, actor=None, source=WEB)

    assert [(m.to[0], m.subject.split(" ")[0]) for m in mailoutbox] == [
        ("ann@example.org", "Your"), ("bo@example.org", "Your"), ("ann@example.org", "Your"),
        ("bo@example.org", "On"),
    ]  # fmt: skip


def test_no_status_mail_goes_out_once_the_status_has_changed(db, mailoutbox):
    from alliancehub.events.domain.notifications import send_status

    event = EventFactory(capacity=1)
    register(event, "Ann")
    bo = register(event, "Bo")  # waiting; the mail would go after commit
    registrations.change_capacity(event, 2, actor=None, source=WEB)  # Bo has a seat now

    assert send_status(bo.pk, "waiting") is False
    assert mailoutbox == []


def test_the_status_mail_is_written_in_the_registrants_language(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    event = EventFactory(capacity=1, title="氢能论坛")
    register(event, "Ann")
    user = UserFactory(preferred_language="zh-hant", email="lin@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register(event, actor=user, source=WEB, name="林")

    assert mailoutbox[-1].to == ["lin@example.org"]
    assert mailoutbox[-1].subject == "氢能论坛：您已進入候補名單"
    assert "名額已滿：您在候補名單中排第 1 位" in mailoutbox[-1].body


# QR codes and badges


def test_a_qr_code_is_an_svg_document():
    pytest.importorskip("segno")

    svg = qr_svg("hello")

    assert svg.startswith("<svg")
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg


def test_badges_carry_the_ticket_code_of_confirmed_registrants_only(db):
    event = EventFactory(capacity=2)
    for name in ["Bo", "Ann", "Chen"]:
        register(event, name, organization_name="同济园区")

    made = badges(event)

    assert [b.name for b in made] == ["Ann", "Bo"]
    assert all(b.organization == "同济园区" for b in made)
    assert all(bool(b.qr_data_uri) == qr_available() for b in made)


def test_the_badges_pdf_is_a_pdf(db):
    event = EventFactory(title="2021氢能源产业高峰论坛")
    register(
        event,
        "张焰峰",
        email="zhang@example.org",
        organization_name="上海燃料电池汽车商业化促进中心",
    )

    pdf = badges_pdf(event)

    assert pdf.startswith(b"%PDF-")


def test_registration_ends_no_sooner_than_the_moment_used_by_messages(db):
    """``moment`` prints the site's local time (Asia/Shanghai), the way notices give it."""
    at = datetime(2021, 6, 3, 1, 0, tzinfo=ZoneInfo("UTC"))

    assert registrations.moment(at) == "2021-06-03 09:00"
    assert timezone.now() - timedelta(days=1) < timezone.now()
