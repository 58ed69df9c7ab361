"""The secretariat's event pages: the event and its programme, registrations (decisions,
search, export, seats), the check-in desk, badges, attendance and the news draft."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import answers, programme, tickets
from alliancehub.events.enums import EventStatus, QuestionKind, RegistrationStatus
from alliancehub.events.models import Event, EventBody, Question, Registration, Session
from tests.factories import OrganizationFactory, UserFactory
from tests.factories.events import AllianceFactory, EventFactory, register, secretariat_of

from .test_views import text

SYSTEM = Source.SYSTEM
Status = RegistrationStatus


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def event(db):
    return EventFactory(title="氢能产业论坛", capacity=2)


@pytest.fixture
def desk(client, event):
    """The client, signed in as the event's secretariat."""
    client.force_login(secretariat_of(event.alliance))
    return client


def url(name: str, event: Event, *args) -> str:
    return reverse(f"events:{name}", args=[event.alliance.slug, event.pk, *args])


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# Access ------------------------------------------------------------------------------------


def test_only_the_alliances_secretariat_opens_its_event_pages(client, event):
    other = AllianceFactory()
    pages = ["manage", "edit", "registrations", "check-in", "report", "news-draft"]

    anonymous = {page: client.get(url(page, event)).status_code for page in pages}
    client.force_login(secretariat_of(other))
    foreign = {page: client.get(url(page, event)).status_code for page in pages}
    # Another alliance's secretariat, through its own alliance's address: not found.
    through_own = client.get(reverse("events:manage", args=[other.slug, event.pk])).status_code

    assert set(anonymous.values()) == {302}
    assert set(foreign.values()) == {403}
    assert through_own == 404


# The event and its programme ---------------------------------------------------------------


def test_the_secretariat_creates_an_event_as_a_draft(client, db):
    alliance = AllianceFactory()
    client.force_login(secretariat_of(alliance))
    starts = timezone.now() + timedelta(days=20)

    response = client.post(reverse("events:create", args=[alliance.slug]), {
        "kind": "forum", "title": "2026氢能论坛", "starts_at": local(starts),
        "ends_at": local(starts + timedelta(hours=6)), "venue": "安亭", "capacity": "100",
        "visibility": "public",
    })  # fmt: skip

    event = Event.objects.get()
    assert response["Location"] == url("manage", event)
    assert (event.status, event.capacity, event.alliance) == (EventStatus.DRAFT, 100, alliance)


def test_an_event_ending_before_it_starts_is_refused_with_the_reason(desk, event):
    data = {"kind": "forum", "title": "改", "visibility": "public",
            "starts_at": local(event.starts_at), "ends_at": local(event.starts_at - timedelta(hours=1))}  # fmt: skip

    response = desk.post(url("edit", event), data)

    assert response.status_code == 400
    assert "An event cannot end before it starts." in text(response)


def test_publishing_and_cancelling_an_event(desk, db):
    event = EventFactory(status=EventStatus.DRAFT)
    desk.force_login(secretariat_of(event.alliance))

    desk.post(url("status", event, "published"))
    event.refresh_from_db()
    published = event.status
    desk.post(url("status", event, "cancelled"))
    response = desk.post(url("status", event, "published"), follow=True)

    event.refresh_from_db()
    assert (published, event.status) == (EventStatus.PUBLISHED, EventStatus.CANCELLED)
    assert "The event was cancelled." in text(response)


def test_a_body_is_linked_to_the_registry_by_its_name_or_named_as_typed(desk, event):
    OrganizationFactory(name="上海同济经济园区发展有限公司")

    desk.post(url("body-add", event), {"role": "organizer", "name": "上海同济经济园区发展有限公司"})
    desk.post(url("body-add", event), {"role": "guiding", "name": "嘉定区侨联"})

    bodies = {
        b.role: (b.organization and b.organization.name, b.name) for b in EventBody.objects.all()
    }
    assert bodies == {"organizer": ("上海同济经济园区发展有限公司", ""),
                      "guiding": (None, "嘉定区侨联")}  # fmt: skip


def test_a_session_outside_the_event_is_refused_and_a_speaker_joins_a_session(desk, event):
    late = local(event.ends_at + timedelta(hours=2))
    refused = desk.post(url("session-add", event), {"title": "晚宴", "starts_at": late})
    desk.post(url("session-add", event), {"title": "主旨演讲"})
    session = Session.objects.get()
    desk.post(url("speaker-add", event), {"session": session.pk, "name": "张焰峰",
                                          "title": "秘书长", "keynote": "on"})  # fmt: skip

    assert refused.status_code == 400
    assert "A session must take place during the event." in text(refused)
    speaker = session.speakers.get()
    assert (speaker.name, speaker.keynote) == ("张焰峰", True)


def test_a_choice_question_needs_two_options(desk, event):
    refused = desk.post(url("question-add", event), {"text": "饮食", "kind": "single_choice",
                                                     "choices": "素食"})  # fmt: skip
    desk.post(url("question-add", event), {"text": "饮食", "kind": "single_choice",
                                           "choices": "素食\n清真\n", "required": "on"})  # fmt: skip

    assert refused.status_code == 400
    assert "Give at least two different options." in text(refused)
    assert list(Question.objects.values_list("choices", "required")) == [(["素食", "清真"], True)]


def test_the_seats_cannot_drop_below_those_taken_and_new_seats_go_to_the_waiting_list(desk, event):
    for name in ["Ann", "Bo", "Chen"]:
        register(event, name)

    refused = desk.post(url("capacity", event), {"capacity": "1"})
    desk.post(url("capacity", event), {"capacity": "3"})

    assert "2 seats are already taken; the event cannot have fewer." in text(refused)
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 3


# Registrations -----------------------------------------------------------------------------


def rows(response) -> list[str]:
    return [row.record.name for row in response.context["table"].paginated_rows]


def test_the_registrations_are_searched_in_either_script_and_by_status(desk, event):
    register(event, "陈明", email="chen.ming@example.org", organization_name="绍兴氢能")
    register(event, "Bo")
    register(event, "Chen")

    assert rows(desk.get(url("registrations", event), {"search": "紹興"})) == ["陈明"]
    assert rows(desk.get(url("registrations", event), {"status": "waiting"})) == ["Chen"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_registrations_list_query_count_does_not_grow_with_registrations(
    desk, event, django_assert_num_queries, count
):
    for n in range(count):
        register(event, f"P{n}")

    # the alliance, session, user, roles, the event, the figures, the count, the page
    with django_assert_num_queries(8):
        response = desk.get(url("registrations", event))

    assert len(rows(response)) == count


def test_approving_and_rejecting_registrations_of_an_event_that_needs_approval(desk, db):
    event = EventFactory(requires_approval=True, capacity=1)
    desk.force_login(secretariat_of(event.alliance))
    ann, bo, chen = (register(event, name) for name in ["Ann", "Bo", "Chen"])

    desk.post(url("registration-decide", event, ann.pk, "approve"))
    full = desk.post(url("registration-decide", event, bo.pk, "approve"), follow=True)
    no_reason = desk.post(url("registration-decide", event, chen.pk, "reject"), follow=True)
    desk.post(url("registration-decide", event, chen.pk, "reject"), {"reason": "名额已满"})

    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {"Ann": Status.CONFIRMED, "Bo": Status.WAITING, "Chen": Status.REJECTED}
    assert "No seat is free: the registration went to the waiting list." in text(full)
    assert "Give the reason for rejecting the registration." in text(no_reason)


def test_a_registration_of_another_event_is_not_found(desk, event):
    other = register(EventFactory(alliance=event.alliance), "Ann")

    response = desk.post(url("registration-decide", event, other.pk, "cancel"))

    assert response.status_code == 404


def test_the_registrations_export_holds_the_answers_as_typed(desk, event):
    diet = answers.add_question(event, text="饮食", kind=QuestionKind.MULTIPLE_CHOICE,
                                choices=["素食", "清真"], actor=None, source=SYSTEM)  # fmt: skip
    register(event, '=HYPERLINK("x")', email="x@example.org", answers={diet.pk: ["清真", "素食"]})

    response = desk.get(url("registrations-export", event))

    sheet = load_workbook(io.BytesIO(response.content)).active
    header, row = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert header[:3] == ["No.", "Name", "E-mail"]
    assert header[-1] == "饮食"
    assert row[1] == '=HYPERLINK("x")'
    assert row[-1] == "素食；清真"
    assert sheet.cell(2, 2).data_type == "s"


# Check-in ----------------------------------------------------------------------------------


def checked(response) -> tuple[str, str]:
    outcome = response.context["outcome"]
    return ("admitted" if outcome.admitted else outcome.code), outcome.message


def test_a_ticket_is_checked_in_once_and_a_second_scan_says_when(desk, event):
    ann = register(event, "Ann")
    code = tickets.ticket_token(ann)

    first = desk.post(url("check-in", event), {"token": code})
    second = desk.post(url("check-in", event), {"token": code})

    ann.refresh_from_db()
    at = timezone.localtime(ann.checked_in_at).strftime("%H:%M")
    assert checked(first) == ("admitted", f"Ann is checked in ({at}).")
    assert checked(second) == ("reused", f"Already checked in at {at}.")
    assert second.status_code == 400


def test_every_refusal_at_the_door_says_why(desk, event):
    other_event = EventFactory(alliance=event.alliance)
    full = EventFactory(alliance=event.alliance, capacity=1)
    register(full, "Seated")
    waiting = register(full, "Waiting")
    cancelled = register(event, "Gone")
    token = tickets.ticket_token(cancelled)
    Registration.objects.filter(pk=cancelled.pk).update(status=Status.CANCELLED)
    elsewhere = tickets.ticket_token(register(other_event, "Elsewhere"))

    def scan(target, code):
        return checked(desk.post(url("check-in", target), {"token": code}))

    assert scan(event, "not-a-ticket") == ("forged", "This code is not a valid ticket.")
    assert scan(event, elsewhere) == ("other_event", "This ticket is for another event.")
    assert scan(event, token) == ("cancelled", "This registration was cancelled.")
    assert scan(full, tickets.ticket_token(waiting)) == (
        "not_confirmed", "This registration is not confirmed.")  # fmt: skip


def test_the_code_is_read_from_a_scanned_ticket_address_too(desk, event):
    code = tickets.ticket_token(register(event, "Ann"))
    address = "https://hub.example.org" + reverse("events:ticket", kwargs={"token": code})

    assert checked(desk.post(url("check-in", event), {"token": address}))[0] == "admitted"


def test_the_desk_finds_a_person_by_name_and_checks_them_in(desk, event):
    ann = register(event, "陈明", email="chen.ming@example.org")

    found = desk.get(url("check-in", event), {"q": "陳"}, HTTP_HX_REQUEST="true",
                     HTTP_HX_TARGET="check-in-found")  # fmt: skip
    admitted = desk.post(url("check-in", event), {"registration": ann.pk},
                         HTTP_HX_REQUEST="true", HTTP_HX_TARGET="check-in-result")  # fmt: skip

    assert "陈明" in text(found)
    assert "<form" in text(found)
    assert "<html" not in text(found)
    assert 'data-outcome="admitted"' in text(admitted)
    assert 'id="check-in-count" hx-swap-oob="true"' in text(admitted)
    assert "1 of 1 checked in" in text(admitted)


def test_the_desk_page_loads_the_scanner_script(desk, event):
    page = text(desk.get(url("check-in", event)))

    assert "events/checkin.js" in page
    assert "data-scanner" in page


def test_the_badges_are_a_pdf(desk, event):
    register(event, "王明", email="wang@example.org", organization_name="绍兴氢能")

    response = desk.get(url("badges", event))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


# After the event ---------------------------------------------------------------------------


def test_the_attendance_page_gives_the_check_in_rate(desk, event):
    ann = register(event, "Ann")
    register(event, "Bo")
    register(event, "Chen")
    tickets.check_in(event, registration=ann, actor=None, source=SYSTEM)

    response = desk.get(url("report", event))

    assert response.context["figures"].confirmed == 2
    assert '<div class="display-6" id="check-in-rate">50.0%</div>' in text(response)


def test_the_news_draft_is_written_from_the_record(desk, event):
    tickets.check_in(event, registration=register(event, "Ann"), actor=None, source=SYSTEM)

    draft = desk.get(url("news-draft", event)).context["draft"]

    assert draft.title == "氢能产业论坛"
    assert "氢能产业论坛 was held on" in draft.text
    assert "1 registered participant attended." in draft.text


def test_a_judge_or_member_is_no_secretariat(client, event):
    client.force_login(UserFactory(username="nobody"))

    assert client.get(url("registrations", event)).status_code == 403


# Bad input and the rules of the programme ---------------------------------------------------


@pytest.mark.parametrize("picked", ["abc", "12abc", "99999999999999999999999", "-1", "²"])
def test_a_picked_registration_that_is_no_id_is_refused_at_the_desk(desk, event, picked):
    register(event, "Ann")

    response = desk.post(url("check-in", event), {"registration": picked})

    assert response.status_code == 400
    assert checked(response) == ("other_event", "This registration is not on this event's list.")
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()


def test_a_registration_of_another_event_picked_at_the_desk_is_refused(desk, event):
    other = register(EventFactory(alliance=event.alliance), "Ann")

    response = desk.post(url("check-in", event), {"registration": other.pk},
                         HTTP_HX_REQUEST="true", HTTP_HX_TARGET="check-in-result")  # fmt: skip

    assert 'data-outcome="other_event"' in text(response)
    assert "This registration is not on this event&#x27;s list." in text(response)
    other.refresh_from_db()
    assert other.checked_in_at is None


def test_an_unknown_decision_on_a_registration_is_not_found_and_changes_nothing(desk, event):
    ann = register(event, "Ann")

    response = desk.post(url("registration-decide", event, ann.pk, "delete"))

    assert response.status_code == 404
    ann.refresh_from_db()
    assert ann.status == Status.CONFIRMED


def test_an_unknown_status_is_named_as_such(desk, event):
    response = desk.post(url("status", event, "archived"), follow=True)

    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    assert "Unknown status: archived." in text(response)


def test_an_event_with_segments_does_not_become_a_segment_itself(desk, event):
    EventFactory(alliance=event.alliance, title="路演专场", part_of=event)
    other_main = EventFactory(alliance=event.alliance, title="年会")
    form = {
        "kind": event.kind, "title": event.title, "starts_at": local(event.starts_at),
        "ends_at": local(event.ends_at), "visibility": event.visibility,
        "part_of": other_main.pk,
    }  # fmt: skip

    response = desk.post(url("edit", event), form)

    assert response.status_code == 400
    assert response.context["form"].errors["part_of"] == [
        "This event has segments of its own; it cannot become a segment."
    ]
    event.refresh_from_db()
    assert event.part_of is None


@pytest.mark.parametrize(
    ("main", "message"),
    [
        ("other_alliance", "The main event belongs to another alliance."),
        ("itself", "An event cannot be a segment of itself."),
        ("a_segment", "The main event is itself a segment; choose the event it belongs to."),
    ],
)
def test_update_event_keeps_segments_one_level_deep_within_the_alliance(event, main, message):
    segment = EventFactory(alliance=event.alliance, part_of=event)
    chosen = {
        "other_alliance": EventFactory(alliance=AllianceFactory()),
        "itself": event,
        "a_segment": segment,
    }[main]

    with pytest.raises(ValidationError) as refusal, translation.override("en"):
        programme.update_event(event, {"part_of": chosen}, actor=None, source=SYSTEM)

    assert refusal.value.message_dict == {"part_of": [message]}
    event.refresh_from_db()
    assert event.part_of is None


def test_update_event_never_moves_an_event_to_another_alliance(event):
    with pytest.raises(ValidationError):
        programme.update_event(event, {"alliance": AllianceFactory()}, actor=None, source=SYSTEM)

    assert Event.objects.get(pk=event.pk).alliance_id == event.alliance_id


def test_a_rejection_reason_too_long_is_refused_with_the_forms_own_message(desk, db):
    event = EventFactory(requires_approval=True)
    desk.force_login(secretariat_of(event.alliance))
    ann = register(event, "Ann")

    empty = desk.post(url("registration-decide", event, ann.pk, "reject"), {"reason": " "},
                      follow=True)  # fmt: skip
    long = desk.post(url("registration-decide", event, ann.pk, "reject"), {"reason": "长" * 1001},
                     follow=True)  # fmt: skip

    assert "Give the reason for rejecting the registration." in text(empty)
    assert "Ensure this value has at most 1000 characters (it has 1001)." in text(long)
    ann.refresh_from_db()
    assert ann.status == Status.PENDING
