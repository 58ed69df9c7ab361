"""Posting: validation, review, visibility, closing and expiry."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliancehub.common.domain.audit import Source
from alliancehub.exchange.domain import posts
from alliancehub.exchange.domain.visibility import visible_posts
from alliancehub.exchange.enums import ListingStatus, PostStatus
from alliancehub.exchange.models import ExchangeSettings, MatchEntry, Post
from tests.exchange.conftest import in_days, link, post
from tests.factories import UserFactory


def test_a_submitted_public_post_opens_is_published_and_indexed_on_its_links(world):
    need = post(world, "sx_stack", direction="need", title="采购膜电极", links=["fuelcell.mea"])

    assert need.status == PostStatus.OPEN
    assert need.published_at is not None
    rows = MatchEntry.objects.filter(post=need, by_concept=False)
    assert [row.link_id for row in rows] == [link("fuelcell.mea").pk]
    assert "@hydrogen:fuelcell.mea" in need.terms.split()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("quantity", Decimal("-1"), "quantity"),
        ("quantity", "many", "quantity"),
        ("valid_until", timezone.localdate() - timedelta(days=1), "valid_until"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(world, field, value, message):
    with pytest.raises(ValidationError) as error:
        post(world, "sx_mea", **{field: value} if field != "valid_until" else {"days": -1})

    assert message in error.value.message_dict
    assert Post.objects.count() == 0


def test_someone_who_does_not_represent_the_organisation_cannot_post_for_it(world):
    outsider = UserFactory(username="outsider")

    with pytest.raises(PermissionDenied):
        posts.create_post(
            {"direction": "offer", "kind": "product", "title": "冒名", "valid_until": in_days(5)},
            organization=world.orgs["sx_mea"], actor=outsider, source=Source.WEB,
        )  # fmt: skip
    assert Post.objects.count() == 0


def test_a_members_only_post_needs_at_least_one_alliance(world):
    with pytest.raises(ValidationError) as error:
        post(world, "sx_mea", visibility="members")

    assert "alliances" in error.value.message_dict
    assert Post.objects.count() == 0


def test_a_members_only_post_is_seen_by_the_alliances_members_only(world):
    offer = post(world, "sx_mea", visibility="members", alliances=[world.alliance])

    def sees(who):
        return visible_posts(who).filter(pk=offer.pk).exists()

    assert sees(world.people["sx_stack"])  # a member of the alliance
    assert sees(world.secretariat)
    assert not sees(world.people["sz_mea"])  # a member of another alliance
    assert not sees(world.people["hz_mea"])  # a member of none
    assert not sees(UserFactory(username="anyone"))


def test_review_holds_a_post_until_the_secretariat_approves(world):
    ExchangeSettings.objects.create(alliance=world.alliance, review_required=True)
    offer = post(world, "sx_mea", alliances=[world.alliance])

    assert offer.status == PostStatus.PENDING_REVIEW
    assert not visible_posts(world.people["hz_mea"]).filter(pk=offer.pk).exists()
    assert not MatchEntry.objects.filter(post=offer).exists()
    listing = offer.listings.get()

    posts.review_listing(listing, approve=True, actor=world.secretariat, source=Source.WEB)

    offer.refresh_from_db()
    assert offer.status == PostStatus.OPEN
    assert visible_posts(world.people["hz_mea"]).filter(pk=offer.pk).exists()


def test_a_rejection_needs_a_reason_and_sends_the_post_back_to_draft(world):
    ExchangeSettings.objects.create(alliance=world.alliance, review_required=True)
    offer = post(world, "sx_mea", alliances=[world.alliance])
    listing = offer.listings.get()

    with pytest.raises(ValidationError):
        posts.review_listing(listing, approve=False, actor=world.secretariat, source=Source.WEB)
    posts.review_listing(
        listing, approve=False, reason="信息不全", actor=world.secretariat, source=Source.WEB
    )

    offer.refresh_from_db()
    listing.refresh_from_db()
    assert (offer.status, listing.status, listing.reason) == (
        PostStatus.DRAFT, ListingStatus.REJECTED, "信息不全"
    )  # fmt: skip
    assert world.people["sx_mea"].notifications.filter(title__contains=offer.title).exists()


def test_posts_expire_by_themselves_after_their_valid_until_date(world):
    old = post(world, "sx_mea", days=1)
    fresh = post(world, "sx_stack", days=10)

    expired = posts.expire_posts(today=in_days(2))

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (expired, old.status, fresh.status) == (1, PostStatus.EXPIRED, PostStatus.OPEN)
    assert not MatchEntry.objects.filter(post=old).exists()


def test_closing_a_post_takes_it_out_of_matching(world):
    offer = post(world, "sx_mea", links=["fuelcell.mea"])

    posts.close_post(offer, actor=world.people["sx_mea"], source=Source.WEB)

    assert not MatchEntry.objects.filter(post=offer).exists()
    with pytest.raises(ValidationError):
        posts.close_post(offer, actor=world.people["sx_mea"], source=Source.WEB)
