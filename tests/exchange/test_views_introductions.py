"""The introduction pages: asking from a match, answering, contacts, outcome; notifications."""

import pytest
from django.urls import reverse

from alliancehub.common.domain.audit import Source
from alliancehub.common.models import Notification
from alliancehub.exchange.domain import introductions
from alliancehub.exchange.enums import IntroductionStatus, Outcome
from alliancehub.exchange.models import Introduction
from alliancehub.organizations.models import Contact
from tests.exchange.conftest import post

INTRODUCTIONS = reverse("exchange:introductions")
INTRODUCE = reverse("exchange:introduce")


@pytest.fixture
def pair(world):
    """sx_stack needs MEAs; sx_mea offers them. Each organisation has a registered contact."""
    Contact.objects.create(organization=world.orgs["sx_mea"], name="王工", phone="0575-1111")
    Contact.objects.create(organization=world.orgs["sx_stack"], name="李经理", phone="0575-2222")
    need = post(world, "sx_stack", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    offer = post(world, "sx_mea", title="膜电极供应", links=["fuelcell.mea"])
    return need, offer


def ask(client, world, need, offer, message="希望对接"):
    client.force_login(world.people["sx_stack"])
    return client.post(
        INTRODUCE, {"post": need.pk, "counterpart": offer.pk, "message": message,
                    "next": reverse("exchange:post", args=[need.pk])},
    )  # fmt: skip


def page(response) -> str:
    return response.content.decode()


def test_asking_from_a_match_then_accepting_reveals_the_contacts_to_both_sides(client, world, pair):
    need, offer = pair

    response = ask(client, world, need, offer)

    introduction = Introduction.objects.get()
    assert response.status_code == 302
    assert response.url == INTRODUCTIONS
    assert (introduction.post, introduction.counterpart_post) == (need, offer)
    assert introduction.reasons
    assert introduction.score
    asker_page = page(client.get(INTRODUCTIONS))
    assert "膜电极供应" in asker_page
    assert "王工" not in asker_page

    client.force_login(world.people["sx_mea"])
    before = page(client.get(INTRODUCTIONS))
    assert "希望对接" in before
    assert "李经理" not in before
    assert "sx_stack@example.com" not in before
    client.post(
        reverse("exchange:introduction-respond", args=[introduction.pk]),
        {"accept": "1", "reply": "欢迎来访"},
    )

    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED
    answerer_page = page(client.get(INTRODUCTIONS))
    assert "李经理" in answerer_page
    assert "sx_stack@example.com" in answerer_page
    client.force_login(world.people["sx_stack"])
    asker_page = page(client.get(INTRODUCTIONS))
    assert "王工" in asker_page
    assert "0575-1111" in asker_page
    assert "欢迎来访" in asker_page


def test_the_counterpart_declines_and_no_contacts_are_shown(client, world, pair):
    need, offer = pair
    ask(client, world, need, offer)
    introduction = Introduction.objects.get()
    client.force_login(world.people["sx_mea"])

    client.post(
        reverse("exchange:introduction-respond", args=[introduction.pk]),
        {"accept": "0", "reply": "暂无需求"},
    )

    introduction.refresh_from_db()
    assert (introduction.status, introduction.reply) == (IntroductionStatus.DECLINED, "暂无需求")
    client.force_login(world.people["sx_stack"])
    text = page(client.get(INTRODUCTIONS))
    assert "暂无需求" in text
    assert "王工" not in text


def test_the_asker_withdraws_and_cannot_answer_its_own_request(client, world, pair):
    need, offer = pair
    ask(client, world, need, offer)
    introduction = Introduction.objects.get()

    client.post(reverse("exchange:introduction-respond", args=[introduction.pk]), {"accept": "1"})
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.REQUESTED
    client.post(reverse("exchange:introduction-withdraw", args=[introduction.pk]))

    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.WITHDRAWN


def test_either_side_records_the_outcome_of_an_accepted_introduction(client, world, pair):
    need, offer = pair
    introduction = introductions.request_introduction(
        need, offer, actor=world.people["sx_stack"], source=Source.WEB
    )
    introductions.respond(
        introduction, accept=True, actor=world.people["sx_mea"], source=Source.WEB
    )
    client.force_login(world.people["sx_stack"])

    client.post(
        reverse("exchange:introduction-outcome", args=[introduction.pk]),
        {"outcome": "deal", "note": "签约五千片"},
    )

    introduction.refresh_from_db()
    assert (introduction.outcome, introduction.outcome_note) == (Outcome.DEAL, "签约五千片")


def test_asking_twice_is_refused_with_a_message(client, world, pair):
    need, offer = pair
    ask(client, world, need, offer)

    response = client.post(
        INTRODUCE, {"post": need.pk, "counterpart": offer.pk}, follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip

    assert Introduction.objects.count() == 1
    assert "already under way" in page(response)


def test_a_viewer_asks_from_the_counterparts_page_with_one_of_its_own_posts(client, world, pair):
    need, offer = pair
    client.force_login(world.people["sx_stack"])

    response = client.get(reverse("exchange:post", args=[offer.pk]))

    assert response.context["answering"] == [need]
    assert f'name="counterpart" value="{offer.pk}"' in page(response)


def test_a_match_already_in_touch_either_way_offers_no_second_request(client, world, pair):
    need, offer = pair
    ask(client, world, need, offer)
    client.force_login(world.people["sx_mea"])

    response = client.get(reverse("exchange:post", args=[offer.pk]))

    [row] = response.context["matches"]
    assert row.match.post == need
    assert row.introduced


def test_an_outsider_cannot_touch_an_introduction(client, world, pair):
    need, offer = pair
    ask(client, world, need, offer)
    introduction = Introduction.objects.get()
    client.force_login(world.people["bj_mea"])

    response = client.post(
        reverse("exchange:introduction-respond", args=[introduction.pk]), {"accept": "1"}
    )

    assert response.status_code == 404
    assert "膜电极供应" not in page(client.get(INTRODUCTIONS))


def test_an_introduction_cannot_be_asked_to_a_post_one_may_not_see(client, world):
    hidden = post(world, "sx_mea", visibility="members", alliances=[world.alliance],
                  links=["fuelcell.mea"])  # fmt: skip
    need = post(world, "bj_mea", direction="need", links=["fuelcell.mea"])
    client.force_login(world.people["bj_mea"])

    response = client.post(INTRODUCE, {"post": need.pk, "counterpart": hidden.pk})

    assert response.status_code == 404
    assert not Introduction.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
def test_the_introductions_query_count_does_not_grow_with_rows(
    client, world, django_assert_num_queries, count
):
    offer = post(world, "sx_mea", links=["fuelcell.mea"])
    for n in range(count):
        need = post(world, "sx_stack", direction="need", title=f"需{n}", links=["fuelcell.mea"])
        introduction = introductions.request_introduction(
            need, offer, actor=world.people["sx_stack"], source=Source.WEB
        )
        introductions.respond(
            introduction, accept=True, actor=world.people["sx_mea"], source=Source.WEB
        )
    client.force_login(world.people["sx_stack"])

    # session, user, the count, the page, the two sides' contacts, the links the reasons name
    with django_assert_num_queries(7):
        response = client.get(INTRODUCTIONS)

    assert len(response.context["rows"]) == count


# Notifications -----------------------------------------------------------------------------


def test_the_counterpart_is_notified_and_marks_everything_read(
    client, world, pair, django_capture_on_commit_callbacks
):
    need, offer = pair
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, world, need, offer)
    client.force_login(world.people["sx_mea"])
    address = reverse("exchange:notifications")

    badge = page(client.get(reverse("exchange:notifications-badge")))
    listing = page(client.get(address))
    client.post(address)

    assert ">1<" in badge
    assert world.orgs["sx_stack"].name in listing
    assert not Notification.objects.filter(user=world.people["sx_mea"], read_at=None).exists()
    assert page(client.get(reverse("exchange:notifications-badge"))) == ""


def test_one_notification_is_marked_read(client, world):
    person = world.people["sx_mea"]
    first = Notification.objects.create(user=person, title="一")
    second = Notification.objects.create(user=person, title="二")
    client.force_login(person)

    client.post(reverse("exchange:notifications"), {"id": first.pk})

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None


def test_the_notifications_page_needs_sign_in(client, db):
    assert client.get(reverse("exchange:notifications")).status_code == 302
    assert page(client.get(reverse("exchange:notifications-badge"))) == ""
