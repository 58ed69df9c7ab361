"""The secretariat's exchange pages (review, setting, figures) and every page in each language."""

import pytest
from django.urls import reverse

from alliancehub.common.domain import audit
from alliancehub.common.domain.audit import Source
from alliancehub.exchange.domain import introductions
from alliancehub.exchange.enums import ListingStatus, PostStatus
from alliancehub.exchange.models import ExchangeSettings
from tests.exchange.conftest import post


def review_url(world):
    return reverse("exchange:review", args=[world.alliance.slug])


@pytest.fixture
def pending(world):
    ExchangeSettings.objects.create(alliance=world.alliance, review_required=True)
    return post(world, "sx_mea", title="待审膜电极", alliances=[world.alliance])


def test_the_secretariat_sees_the_pending_posts_and_approves_one(client, world, pending):
    client.force_login(world.secretariat)
    assert "待审膜电极" in client.get(review_url(world)).content.decode()
    listing = pending.listings.get()

    response = client.post(
        reverse("exchange:review-listing", args=[world.alliance.slug, listing.pk]), {"approve": "1"}
    )

    pending.refresh_from_db()
    assert response.status_code == 302
    assert pending.status == PostStatus.OPEN
    assert "待审膜电极" not in client.get(review_url(world)).content.decode()


def test_a_rejection_needs_a_reason(client, world, pending):
    client.force_login(world.secretariat)
    listing = pending.listings.get()
    address = reverse("exchange:review-listing", args=[world.alliance.slug, listing.pk])

    refused = client.post(address, {"approve": "0", "reason": " "}, HTTP_ACCEPT_LANGUAGE="en")
    listing.refresh_from_db()
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    assert listing.status == ListingStatus.PENDING

    client.post(address, {"approve": "0", "reason": "信息不全"})

    listing.refresh_from_db()
    pending.refresh_from_db()
    assert (listing.status, listing.reason, pending.status) == (
        ListingStatus.REJECTED, "信息不全", PostStatus.DRAFT
    )  # fmt: skip


def test_the_secretariat_turns_the_review_off_and_the_change_is_audited(client, world, pending):
    client.force_login(world.secretariat)

    client.post(reverse("exchange:review-settings", args=[world.alliance.slug]), {})

    row = ExchangeSettings.objects.get(alliance=world.alliance)
    assert not row.review_required
    [entry] = audit.history(row)
    assert entry.changes == {"review_required": [True, False]}


def test_the_review_can_be_turned_on_for_an_alliance_without_settings(client, world):
    client.force_login(world.secretariat)

    client.post(
        reverse("exchange:review-settings", args=[world.alliance.slug]), {"review_required": "on"}
    )

    assert ExchangeSettings.objects.get(alliance=world.alliance).review_required


def test_a_listing_of_another_alliance_cannot_be_reviewed_through_this_one(client, world):
    ExchangeSettings.objects.filter(alliance=world.other_alliance).update(review_required=True)
    elsewhere = post(world, "sz_mea", alliances=[world.other_alliance])
    client.force_login(world.secretariat)

    response = client.post(
        reverse("exchange:review-listing", args=[world.alliance.slug, elsewhere.listings.get().pk]),
        {"approve": "1"},
    )

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == PostStatus.PENDING_REVIEW


@pytest.mark.parametrize("name", ["exchange:review", "exchange:figures"])
def test_the_secretariat_pages_are_forbidden_to_others(client, world, pending, name):
    address = reverse(name, args=[world.alliance.slug])
    assert client.get(address).status_code == 302  # to sign in
    client.force_login(world.people["sx_mea"])  # a member's representative

    assert client.get(address).status_code == 403
    listing = pending.listings.get()
    response = client.post(
        reverse("exchange:review-listing", args=[world.alliance.slug, listing.pk]), {"approve": "1"}
    )
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == PostStatus.PENDING_REVIEW


def test_the_figures_show_the_acceptance_and_deal_rates(client, world):
    offer = post(world, "sx_mea", links=["fuelcell.mea"])
    for n, accept in enumerate([True, False]):
        need = post(world, "sx_stack", direction="need", title=f"需{n}", links=["fuelcell.mea"],
                    alliances=[world.alliance])  # fmt: skip
        asked = introductions.request_introduction(
            need, offer, actor=world.people["sx_stack"], source=Source.WEB
        )
        introductions.respond(asked, accept=accept, actor=world.people["sx_mea"], source=Source.WEB)
    client.force_login(world.secretariat)

    response = client.get(reverse("exchange:figures", args=[world.alliance.slug]))

    assert response.context["overall"]["acceptance_rate"] == 0.5
    [row] = response.context["by_link"]
    assert (row["link"], row["asked"], row["accepted"]) == ("膜电极", 2, 1)
    assert "50%" in response.content.decode()


# Every page, in each language --------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_every_exchange_page_renders_in_each_language(client, world, pending, language):
    ExchangeSettings.objects.filter(alliance=world.alliance).update(review_required=False)
    offer = post(world, "sx_mea", links=["fuelcell.mea"])
    need = post(world, "sx_stack", direction="need", links=["fuelcell.mea"])
    introductions.request_introduction(
        need, offer, actor=world.people["sx_stack"], source=Source.WEB
    )
    slug = world.alliance.slug
    pages = {
        world.people["sx_mea"]: [
            reverse("exchange:marketplace"), reverse("exchange:my-posts"),
            reverse("exchange:post", args=[offer.pk]), reverse("exchange:post", args=[pending.pk]),
            reverse("exchange:post-create"), reverse("exchange:post-edit", args=[offer.pk]),
            reverse("exchange:introductions"), reverse("exchange:notifications"),
        ],
        world.secretariat: [
            reverse("exchange:review", args=[slug]), reverse("exchange:figures", args=[slug]),
        ],
    }  # fmt: skip
    expected = {"en": 'lang="en"', "zh-hant": 'lang="zh-Hant"', "zh-hans": 'lang="zh-Hans"'}
    for person, addresses in pages.items():
        client.force_login(person)
        for address in addresses:
            client.cookies["django_language"] = language
            response = client.get(address)
            assert response.status_code == 200, address
            assert expected[language] in response.content.decode(), address
