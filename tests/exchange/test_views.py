"""The exchange pages: the marketplace, a post's page with its matches, and writing posts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alliancehub.exchange.enums import PostStatus
from alliancehub.exchange.models import Post
from tests.exchange.conftest import in_days, post
from tests.factories import UserFactory

MARKETPLACE = reverse("exchange:marketplace")
NEW = reverse("exchange:post-create")


def listed(response) -> list[str]:
    return [row.record.title for row in response.context["table"].paginated_rows]


def page(response) -> str:
    return response.content.decode()


# The marketplace ------------------------------------------------------------------------------


def test_a_members_only_post_is_listed_for_the_alliances_members_only(client, world):
    post(world, "sx_mea", title="公开膜电极")
    post(world, "sx_mea", title="会员膜电极", visibility="members", alliances=[world.alliance])

    anonymous = listed(client.get(MARKETPLACE))
    client.force_login(world.people["hz_mea"])
    outsider = listed(client.get(MARKETPLACE))
    client.force_login(world.people["sx_stack"])
    member = listed(client.get(MARKETPLACE))

    assert anonymous == outsider == ["公开膜电极"]
    assert sorted(member) == ["会员膜电极", "公开膜电极"]


def test_a_members_only_post_page_is_not_found_for_an_outsider(client, world):
    hidden = post(world, "sx_mea", visibility="members", alliances=[world.alliance])
    address = reverse("exchange:post", args=[hidden.pk])

    client.force_login(world.people["hz_mea"])
    assert client.get(address).status_code == 404
    client.force_login(world.people["sx_stack"])
    assert client.get(address).status_code == 200


def test_drafts_and_closed_posts_are_not_listed_even_for_their_own_organisation(client, world):
    post(world, "sx_mea", title="草稿", submit=False)
    post(world, "sx_mea", title="已发布")
    client.force_login(world.people["sx_mea"])

    assert listed(client.get(MARKETPLACE)) == ["已发布"]
    assert sorted(listed(client.get(reverse("exchange:my-posts")))) == ["已发布", "草稿"]


def test_the_newest_post_comes_first(client, world):
    post(world, "sx_mea", title="先")
    post(world, "sx_stack", title="后")

    assert listed(client.get(MARKETPLACE)) == ["后", "先"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"direction": "need"}, ["苏州需要电堆"]),
        ({"kind": "technology"}, ["北京膜电极技术"]),
        ({"link": "hydrogen:fuelcell"}, ["苏州需要电堆", "绍兴膜电极"]),  # sub-links included
        ({"link": "hydrogen:fuelcell.mea"}, ["绍兴膜电极"]),
        ({"region": "330600"}, ["绍兴膜电极", "绍兴电堆"]),  # the prefecture's counties
        ({"region": "浙江省"}, ["杭州催化剂", "绍兴膜电极", "绍兴电堆"]),
        ({"alliance": "sx-h2"}, ["绍兴膜电极"]),
        ({"search": "催化"}, ["杭州催化剂"]),
        ({"search": "stack 电堆"}, ["苏州需要电堆"]),
    ],
)
def test_the_marketplace_filters(client, world, query, expected):
    post(world, "sx_mea", title="绍兴膜电极", links=["fuelcell.mea"], alliances=[world.alliance])
    post(world, "sx_stack", title="绍兴电堆", links=["refueling"])
    post(world, "hz_mea", title="杭州催化剂", description="铂催化剂")
    post(world, "sz_mea", direction="need", title="苏州需要电堆", description="fuel-cell stack",
         links=["fuelcell.stack"])  # fmt: skip
    post(world, "bj_mea", kind="technology", title="北京膜电极技术")

    response = client.get(MARKETPLACE, query)

    assert response.status_code == 200
    assert sorted(listed(response)) == sorted(expected)


def test_an_unknown_region_is_explained_beside_the_filters(client, world):
    post(world, "sx_mea")

    response = client.get(MARKETPLACE, {"region": "火星"}, HTTP_ACCEPT_LANGUAGE="en")

    assert "Unknown region" in page(response)


def test_an_htmx_request_gets_only_the_results(client, world):
    post(world, "sx_mea", title="绍兴膜电极")

    response = client.get(MARKETPLACE, HTTP_HX_REQUEST="true")

    assert "绍兴膜电极" in page(response)
    assert "<html" not in page(response)


@pytest.mark.parametrize("count", [1, 3])
def test_the_marketplace_query_count_does_not_grow_with_posts(
    client, world, django_assert_num_queries, count
):
    for n in range(count):
        post(world, "sx_mea", title=f"膜电极{n}", links=["fuelcell.mea", "fuelcell.stack"])

    # link choices, alliance choices, the count, the page, the posts' links
    with django_assert_num_queries(5):
        response = client.get(MARKETPLACE)

    assert len(listed(response)) == count


@pytest.mark.parametrize("count", [1, 3])
def test_a_members_query_count_does_not_grow_with_posts(
    client, world, django_assert_num_queries, count
):
    for n in range(count):
        post(world, "sx_mea", title=f"膜电极{n}", links=["fuelcell.mea"],
             visibility="members", alliances=[world.alliance])  # fmt: skip
    client.force_login(world.people["sx_stack"])

    # session, user, roles, memberships, secretariat roles, the region, then as above
    with django_assert_num_queries(11):
        response = client.get(MARKETPLACE, {"region": "330600"})

    assert len(listed(response)) == count


# A post's page -----------------------------------------------------------------------------


def test_the_post_page_shows_every_field(client, world):
    offer = post(
        world, "sx_mea", title="膜电极供应", description="年产十万片", links=["fuelcell.mea"],
        quantity="500", unit="片", price_terms="面议",
    )  # fmt: skip

    text = page(client.get(reverse("exchange:post", args=[offer.pk])))

    for value in (
        "膜电极供应",
        "年产十万片",
        "膜电极",
        "500",
        "片",
        "面议",
        "绍兴膜电极科技有限公司",
    ):
        assert value in text
    assert offer.valid_until.isoformat() in text


def test_the_owner_sees_the_matches_with_their_reasons_in_chinese(client, world):
    offer = post(world, "sx_mea", title="膜电极供应", links=["fuelcell.mea"])
    post(world, "sx_stack", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    client.force_login(world.people["sx_mea"])

    response = client.get(reverse("exchange:post", args=[offer.pk]))

    [row] = response.context["matches"]
    assert row.match.post.title == "采购膜电极"
    assert row.reasons == "；".join(row.match.reasons)
    assert len(row.match.reasons) > 1
    assert "同一环节" in row.reasons or "膜电极" in row.reasons
    assert "采购膜电极" in page(response)
    assert reverse("exchange:introduce") in page(response)


def test_the_reasons_are_joined_the_english_way_on_english_pages(client, world):
    offer = post(world, "sx_mea", links=["fuelcell.mea"])
    post(world, "sx_stack", direction="need", links=["fuelcell.mea"])
    client.force_login(world.people["sx_mea"])

    response = client.get(reverse("exchange:post", args=[offer.pk]), HTTP_ACCEPT_LANGUAGE="en")

    [row] = response.context["matches"]
    assert row.reasons == "; ".join(row.match.reasons)
    assert "Membrane electrode assemblies" in row.reasons


def test_the_owner_closes_and_marks_a_post_matched(client, world):
    first = post(world, "sx_mea")
    second = post(world, "sx_mea")
    client.force_login(world.people["sx_mea"])

    client.post(reverse("exchange:post-action", args=[first.pk, "matched"]))
    client.post(reverse("exchange:post-action", args=[second.pk, "close"]))

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (PostStatus.MATCHED, PostStatus.CLOSED)


def test_the_owner_publishes_a_draft_from_its_page(client, world):
    draft = post(world, "sx_mea", submit=False)
    client.force_login(world.people["sx_mea"])

    response = client.post(reverse("exchange:post-action", args=[draft.pk, "submit"]))

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.status == PostStatus.OPEN


def test_someone_else_cannot_close_a_post_and_is_told_why(client, world):
    offer = post(world, "sx_mea")
    client.force_login(world.people["sx_stack"])

    response = client.post(
        reverse("exchange:post-action", args=[offer.pk, "close"]), follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip

    offer.refresh_from_db()
    assert offer.status == PostStatus.OPEN
    assert "You do not represent this organisation." in page(response)


# Writing a post ------------------------------------------------------------------------------


def form_data(**changes):
    data = {
        "direction": "offer", "kind": "product", "title": "膜电极供应", "description": "年产十万片",
        "links": ["hydrogen:fuelcell.mea"], "region": "330602", "quantity": "500", "unit": "片",
        "price_terms": "面议", "valid_until": in_days(30).isoformat(), "visibility": "public",
        "publish": "1",
    }  # fmt: skip
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_representative_publishes_a_post_through_the_form(client, world):
    client.force_login(world.people["sx_mea"])

    response = client.post(NEW, form_data(alliances=[world.alliance.pk]))

    created = Post.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("exchange:post", args=[created.pk])
    assert (created.status, created.organization, created.region_id) == (
        PostStatus.OPEN, world.orgs["sx_mea"], "330602"
    )  # fmt: skip
    assert [link.key for link in created.links.select_related("chain")] == ["hydrogen:fuelcell.mea"]
    assert list(created.alliances.all()) == [world.alliance]
    assert str(created.quantity) == "500.00"


def test_save_as_draft_keeps_the_post_unpublished(client, world):
    client.force_login(world.people["sx_mea"])

    client.post(NEW, form_data(publish=None, draft="1"))

    assert Post.objects.get().status == PostStatus.DRAFT


def test_the_form_offers_only_the_alliances_the_organisation_belongs_to(client, world):
    client.force_login(world.people["sx_mea"])

    form = client.get(NEW).context["form"]

    assert list(form.fields["alliances"].queryset) == [world.alliance]
    assert form["region"].value() == "330602"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"quantity": "-3"}, "quantity", "Ensure this value is greater than or equal to 0."),
        ({"quantity": "many"}, "quantity", "Enter a number."),
        ({"valid_until": (timezone.localdate() - timedelta(days=1)).isoformat()}, "valid_until",
         "The valid-until date is in the past."),
        ({"links": ["hydrogen:fuelcell.mea", "hydrogen:warp_drive"]}, "links",
         "Unknown chain link: hydrogen:warp_drive."),
        ({"region": "火星"}, "region", "Unknown region"),
        ({"visibility": "members"}, "alliances", "Choose the alliances whose members may see"),
        ({"alliances": ["999999"]}, "alliances", "Select a valid choice."),
        ({"title": ""}, "title", "This field is required."),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_the_message_beside_the_field_and_nothing_saved(
    client, world, changes, field, message
):
    client.force_login(world.people["sx_mea"])

    response = client.post(NEW, form_data(**changes), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert message.split("“")[0] in page(response)
    assert Post.objects.count() == 0


def test_the_form_speaks_the_users_language(client, world):
    client.force_login(world.people["sx_mea"])

    response = client.post(NEW, form_data(quantity="many"), HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert "输入一个数字" in page(response)


def test_only_a_representative_of_an_organisation_may_post(client, world):
    assert client.get(NEW).status_code == 302  # to sign in
    client.force_login(UserFactory(username="nobody"))

    response = client.post(NEW, form_data())

    assert response.status_code == 403
    assert Post.objects.count() == 0


def test_the_owner_edits_a_post_and_someone_else_may_not(client, world):
    offer = post(world, "sx_mea", title="旧标题", links=["fuelcell.mea"])
    address = reverse("exchange:post-edit", args=[offer.pk])
    client.force_login(world.people["sx_mea"])

    form = client.get(address).context["form"]
    assert form["links"].value() == ["hydrogen:fuelcell.mea"]
    response = client.post(address, form_data(title="新标题", publish=None, save="1"))

    offer.refresh_from_db()
    assert response.status_code == 302
    assert (offer.title, offer.status) == ("新标题", PostStatus.OPEN)
    client.force_login(world.people["sx_stack"])
    assert client.get(address).status_code == 403
    assert client.post(address, form_data(title="冒名")).status_code == 403


def test_editing_a_draft_and_publishing_it_opens_it(client, world):
    draft = post(world, "sx_mea", submit=False)
    client.force_login(world.people["sx_mea"])

    client.post(reverse("exchange:post-edit", args=[draft.pk]), form_data())

    draft.refresh_from_db()
    assert draft.status == PostStatus.OPEN


def test_a_refused_edit_changes_nothing(client, world):
    offer = post(world, "sx_mea", title="旧标题")
    client.force_login(world.people["sx_mea"])

    response = client.post(
        reverse("exchange:post-edit", args=[offer.pk]),
        form_data(
            title="新标题", valid_until=(timezone.localdate() - timedelta(days=1)).isoformat()
        ),
    )

    offer.refresh_from_db()
    assert response.status_code == 400
    assert offer.title == "旧标题"
