"""The events pages anyone may open: the lists, an event's page, registering, the
registration's own page, the ticket and the calendar feed."""

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from alliancehub.accounts.models import AllianceRole
from alliancehub.alliances.domain import membership
from alliancehub.alliances.enums import MembershipTier
from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import answers, programme, roadshow, tickets
from alliancehub.events.domain import registration as registrations
from alliancehub.events.domain.receipts import receipt_token
from alliancehub.events.enums import BodyRole, EventStatus, QuestionKind, RegistrationStatus
from alliancehub.events.models import Registration
from tests.factories import OrganizationFactory, UserFactory
from tests.factories.events import (
    AllianceFactory,
    EventFactory,
    build_roadshow,
    register,
    secretariat_of,
)

SYSTEM = Source.SYSTEM
LIST = reverse("events:list")


@pytest.fixture
def client(client):
    """Pages in English: the assertions match the English source strings."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def member_of(alliance, username: str):
    """A representative of a member unit of ``alliance``."""
    unit: Any = OrganizationFactory(name=f"{username}科技有限公司")
    membership.admit(alliance, unit, MembershipTier.MEMBER, on=date(2021, 1, 1), actor=None,
                     source=SYSTEM)  # fmt: skip
    user: Any = UserFactory(username=username, organization=unit)
    AllianceRole.objects.create(user=user, alliance=alliance, role=AllianceRole.Kind.MEMBER,
                                organization=unit)  # fmt: skip
    return user


def listed(response) -> list[str]:
    return [row.record.title for row in response.context["table"].paginated_rows]


def text(response) -> str:
    return response.content.decode()


def receipt_url(registration) -> str:
    return reverse("events:registration", kwargs={"token": receipt_token(registration)})


# Lists -------------------------------------------------------------------------------------


def test_a_members_only_event_is_listed_and_shown_to_the_alliances_members_only(client, db):
    alliance, other = AllianceFactory(), AllianceFactory()
    EventFactory(alliance=alliance, title="公开论坛")
    hidden = EventFactory(alliance=alliance, title="会员年会", visibility="members")
    member, outsider = member_of(alliance, "member"), member_of(other, "outsider")
    page = reverse("events:event", args=[hidden.pk])

    anonymous = listed(client.get(LIST))
    client.force_login(outsider)
    outsiders = listed(client.get(LIST)), client.get(page).status_code
    client.force_login(member)
    members = sorted(listed(client.get(LIST))), client.get(page).status_code

    assert anonymous == ["公开论坛"]
    assert outsiders == (["公开论坛"], 404)
    assert members == (["会员年会", "公开论坛"], 200)


def test_a_draft_is_listed_for_its_secretariat_on_the_alliances_page_only(client, db):
    alliance = AllianceFactory()
    EventFactory(alliance=alliance, title="筹备中", status=EventStatus.DRAFT)
    EventFactory(alliance=alliance, title="已发布")
    alliance_page = reverse("events:alliance", args=[alliance.slug])

    anonymous = listed(client.get(alliance_page))
    client.force_login(secretariat_of(alliance))

    assert anonymous == ["已发布"]
    assert sorted(listed(client.get(alliance_page))) == ["已发布", "筹备中"]
    assert listed(client.get(LIST)) == ["已发布"]
    assert "New event" in text(client.get(alliance_page))


def test_the_list_filters_by_words_kind_and_time(client, db):
    EventFactory(title="氢能产业论坛")
    EventFactory(title="项目路演", kind="roadshow")
    EventFactory(title="去年的年会", kind="annual_meeting",
                 starts_at=timezone.now() - timedelta(days=400),
                 registration_opens_at=None, registration_closes_at=None)  # fmt: skip

    assert listed(client.get(LIST, {"search": "论坛"})) == ["氢能产业论坛"]
    assert listed(client.get(LIST, {"kind": "roadshow"})) == ["项目路演"]
    assert listed(client.get(LIST, {"when": "past"})) == ["去年的年会"]
    assert sorted(listed(client.get(LIST, {"when": "upcoming"}))) == ["氢能产业论坛", "项目路演"]


def test_an_htmx_search_gets_only_the_results(client, db):
    EventFactory(title="氢能产业论坛")

    response = client.get(LIST, {"search": "氢能"}, HTTP_HX_REQUEST="true")

    assert "<form" not in text(response)
    assert "氢能产业论坛" in text(response)


@pytest.mark.parametrize("count", [1, 3])
def test_the_events_list_query_count_does_not_grow_with_events(
    client, db, django_assert_num_queries, count
):
    for n in range(count):
        EventFactory(title=f"论坛{n}")

    # alliance choices, the count, the page of events (with their alliance)
    with django_assert_num_queries(3):
        response = client.get(LIST)

    assert len(listed(response)) == count


@pytest.mark.parametrize("count", [1, 3])
def test_a_members_alliance_events_query_count_does_not_grow_with_events(
    client, db, django_assert_num_queries, count
):
    alliance = AllianceFactory()
    for n in range(count):
        EventFactory(alliance=alliance, title=f"会员活动{n}", visibility="members")
    client.force_login(member_of(alliance, "member"))

    # the alliance, session, user, roles in force, secretariat roles, the count, the user's
    # roles in the alliance (tabs), the page
    with django_assert_num_queries(8):
        response = client.get(reverse("events:alliance", args=[alliance.slug]))

    assert len(listed(response)) == count


# An event's page ---------------------------------------------------------------------------


def test_the_event_page_shows_the_bodies_by_role_the_agenda_and_the_speakers(client, db):
    event = EventFactory(title="氢能源产业高峰论坛", theme="比学赶超新四化")
    unit = OrganizationFactory(name="上海同济经济园区发展有限公司", name_en="Tongji Park Co.")
    programme.add_body(event, BodyRole.ORGANIZER, organization=unit, actor=None, source=SYSTEM)
    programme.add_body(event, BodyRole.GUIDING_UNIT, name="嘉定区侨联", actor=None, source=SYSTEM)
    session = programme.add_session(event, title="主旨演讲", actor=None, source=SYSTEM)
    programme.add_speaker(session, name="张焰峰", title="秘书长", talk="氢能和燃料电池产业发展概况",
                          keynote=True, actor=None, source=SYSTEM)  # fmt: skip

    page = text(client.get(reverse("events:event", args=[event.pk])))

    bodies = page[page.index('id="bodies"') : page.index("</dl>", page.index('id="bodies"'))]
    assert bodies.index("Guiding unit") < bodies.index("嘉定区侨联") < bodies.index("Organiser")
    assert "Tongji Park Co." in bodies  # the registry's name, in English on English pages
    assert "主旨演讲" in page
    assert "张焰峰" in page
    assert "Keynote" in page
    assert "比学赶超新四化" in page


def test_the_event_page_says_why_registration_is_closed(client, db):
    event = EventFactory(registration_opens_at=timezone.now() + timedelta(days=2))

    page = text(client.get(reverse("events:event", args=[event.pk])))

    assert "Registration opens on" in page


# Registering -------------------------------------------------------------------------------


def test_registering_without_an_account_confirms_the_seat_and_shows_the_ticket_link(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=10)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:register", args=[event.pk]), {
            "name": "王明", "email": "wang@example.org", "organization_name": "绍兴氢能有限公司",
        })  # fmt: skip

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == receipt_url(registration)
    page = text(client.get(response["Location"]))
    assert "Your registration is confirmed." in page
    assert 'id="ticket-link"' in page
    assert registration.status == RegistrationStatus.CONFIRMED
    assert mailoutbox[0].to == ["wang@example.org"]


def test_a_full_event_puts_the_registrant_on_the_waiting_list_with_their_position(client, db):
    event = EventFactory(capacity=1)
    register(event, "Ann")
    register(event, "Bo")

    response = client.post(reverse("events:register", args=[event.pk]),
                           {"name": "Chen", "email": "chen@example.org"}, follow=True)  # fmt: skip

    assert "You are on the waiting list (position 2)." in text(response)
    assert 'id="ticket-link"' not in text(response)


def test_a_signed_in_users_profile_fills_the_form_and_the_event_page_shows_the_registration(
    client, db
):
    event = EventFactory()
    user = UserFactory(username="li", display_name="李华", email="li@example.org")
    client.force_login(user)

    form = client.get(reverse("events:register", args=[event.pk])).context["form"]
    client.post(reverse("events:register", args=[event.pk]), {"name": "李华",
                                                              "email": "li@example.org"})  # fmt: skip
    page = text(client.get(reverse("events:event", args=[event.pk])))

    assert (form.initial["name"], form.initial["email"]) == ("李华", "li@example.org")
    assert Registration.objects.get().user == user
    assert "You are registered: Confirmed." in page


def test_the_events_own_questions_are_asked_and_their_answers_checked(client, db):
    event = EventFactory()
    diet = answers.add_question(event, text="饮食需求", kind=QuestionKind.SINGLE_CHOICE,
                                choices=["无", "清真", "素食"], required=True, actor=None,
                                source=SYSTEM)  # fmt: skip
    topics = answers.add_question(event, text="感兴趣的议题", kind=QuestionKind.MULTIPLE_CHOICE,
                                  choices=["制氢", "储运", "加氢站"], actor=None, source=SYSTEM)  # fmt: skip
    url = reverse("events:register", args=[event.pk])
    person = {"name": "王明", "email": "wang@example.org"}

    missing = client.post(url, person)
    wrong = client.post(url, {**person, f"question_{diet.pk}": "海鲜"})
    client.post(url, {**person, f"question_{diet.pk}": "素食",
                      f"question_{topics.pk}": ["加氢站", "制氢"]})  # fmt: skip

    assert missing.status_code == 400
    assert missing.context["form"].errors[f"question_{diet.pk}"] == ["This field is required."]
    assert "Select a valid choice." in wrong.context["form"].errors[f"question_{diet.pk}"][0]
    saved = {a.question.text: a.value for a in Registration.objects.get().answers.all()}
    assert saved == {"饮食需求": "素食", "感兴趣的议题": ["制氢", "加氢站"]}


def test_registering_twice_and_after_the_deadline_is_refused_with_the_reason(client, db):
    event = EventFactory()
    register(event, "Ann")
    closed = EventFactory(registration_opens_at=timezone.now() - timedelta(days=5),
                          registration_closes_at=timezone.now() - timedelta(days=1))  # fmt: skip

    twice = client.post(reverse("events:register", args=[event.pk]),
                        {"name": "Ann", "email": "ann@example.org"})  # fmt: skip
    late = client.post(reverse("events:register", args=[closed.pk]),
                       {"name": "Bo", "email": "bo@example.org"})  # fmt: skip

    assert twice.status_code == 400
    assert twice.context["form"].non_field_errors() == [
        "You are already registered for this event."
    ]
    assert late.status_code == 400
    assert late.context["form"].non_field_errors()[0].startswith("Registration closed on ")
    assert Registration.objects.filter(event=closed).count() == 0


def test_a_non_member_cannot_register_for_a_members_only_event(client, db):
    event = EventFactory(visibility="members")

    response = client.post(reverse("events:register", args=[event.pk]),
                           {"name": "Ann", "email": "ann@example.org"})  # fmt: skip

    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_the_registrant_cancels_from_the_registrations_page_and_the_seat_goes_on(client, db):
    event = EventFactory(capacity=1)
    ann, bo = register(event, "Ann"), register(event, "Bo")

    response = client.post(
        reverse("events:registration-cancel", kwargs={"token": receipt_token(ann)}), follow=True
    )

    assert "Your registration is cancelled." in text(response)
    bo.refresh_from_db()
    assert bo.status == RegistrationStatus.CONFIRMED
    again = client.post(reverse("events:registration-cancel",
                                kwargs={"token": receipt_token(ann)}), follow=True)  # fmt: skip
    assert "This registration is no longer active." in text(again)


def test_the_registrations_page_offers_cancelling_only_while_the_domain_allows_it(client, db):
    event = EventFactory()
    ann, bo = register(event, "Ann"), register(event, "Bo")
    tickets.check_in(event, registration=ann, actor=None, source=SYSTEM)
    cancel = "Cancel my registration"

    checked_in = text(client.get(receipt_url(ann)))
    open_one = text(client.get(receipt_url(bo)))

    assert cancel not in checked_in
    assert cancel in open_one


def test_a_forged_registration_link_is_not_found(client, db):
    event = EventFactory()
    ann = register(event, "Ann")
    token = receipt_token(ann)

    assert (
        client.get(reverse("events:registration", kwargs={"token": token + "x"})).status_code == 404
    )
    assert client.post(reverse("events:registration-cancel",
                               kwargs={"token": token[:-2]})).status_code == 404  # fmt: skip


# The ticket --------------------------------------------------------------------------------


def test_the_ticket_page_shows_the_qr_code_inline_and_the_code(client, db):
    event = EventFactory(title="氢能论坛")
    ann = register(event, "Ann", organization_name="绍兴氢能")
    token = tickets.ticket_token(ann)

    response = client.get(reverse("events:ticket", kwargs={"token": token}))

    page = text(response)
    assert response.status_code == 200
    assert re.search(r'<div class="ah-qr[^"]*"[^>]*><svg', page)
    assert token in page
    assert "绍兴氢能" in page
    assert "氢能论坛" in page


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda token, ann: token[:-3] + "abc", "This code is not a valid ticket."),
        (lambda token, ann: Registration.objects.filter(pk=ann.pk).update(
            status=RegistrationStatus.CANCELLED) and token, "This registration was cancelled."),
    ],
)  # fmt: skip
def test_a_forged_or_cancelled_ticket_says_why(client, db, spoil, message):
    ann = register(EventFactory(), "Ann")
    token = spoil(tickets.ticket_token(ann), ann)

    response = client.get(reverse("events:ticket", kwargs={"token": token}))

    assert response.status_code == 404
    assert message in text(response)


# The calendar feed -------------------------------------------------------------------------


def test_the_calendar_feed_holds_public_events_for_everyone_and_members_only_ones_for_members(
    client, db
):
    alliance = AllianceFactory()
    EventFactory(alliance=alliance, title="公开论坛")
    EventFactory(alliance=alliance, title="会员年会", visibility="members")
    EventFactory(alliance=alliance, title="草稿", status=EventStatus.DRAFT)
    feed = reverse("events:ical", args=[alliance.slug])

    anonymous = client.get(feed)
    client.force_login(member_of(alliance, "member"))
    member = client.get(feed).content.decode()

    assert anonymous["Content-Type"] == "text/calendar; charset=utf-8"
    assert "SUMMARY:公开论坛" in anonymous.content.decode()
    assert "会员年会" not in anonymous.content.decode()
    assert "SUMMARY:会员年会" in member
    assert "草稿" not in member


def test_my_page_lists_my_registrations_with_their_links(client, db):
    event = EventFactory(title="氢能论坛")
    user = UserFactory(username="li", email="li@example.org")
    client.force_login(user)
    client.post(
        reverse("events:register", args=[event.pk]), {"name": "李", "email": "li@example.org"}
    )

    page = text(client.get(reverse("events:mine")))

    assert "氢能论坛" in page
    assert receipt_url(Registration.objects.get()) in page


@pytest.mark.parametrize("count", [1, 3])
def test_my_page_query_count_does_not_grow_with_my_registrations_and_projects(
    client, db, django_assert_num_queries, count
):
    user: Any = UserFactory(username="li", email="li@example.org")
    setup = build_roadshow(pitches=0, judges=0)
    for n in range(count):
        event = EventFactory(title=f"论坛{n}")
        registrations.register(event, actor=user, source=SYSTEM, email=f"li{n}@example.org")
        roadshow.submit_project(setup.roadshow, title=f"项目{n}", organization_name="氢维科技",
                                actor=user, source=SYSTEM)  # fmt: skip
    client.force_login(user)

    # session, user, the registrations (with their event), the projects (with their event),
    # the roadshows judged
    with django_assert_num_queries(5):
        response = client.get(reverse("events:mine"))

    assert len(response.context["registrations"]) == count
    assert len(response.context["projects"]) == count
