from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from alliancehub.alliances.domain import membership as domain
from alliancehub.alliances.enums import MembershipTier
from alliancehub.alliances.models import Alliance, Membership
from alliancehub.common.domain.audit import Source
from tests.factories import OrganizationFactory


def admit(alliance, organization, tier, on):
    application = domain.apply_for_membership(
        alliance, organization, actor=None, source=Source.SYSTEM, tier=tier
    )
    return domain.approve_membership(application, actor=None, source=Source.SYSTEM, on=on)


@pytest.fixture
def alliance(db):
    return Alliance.objects.create(
        name="绍兴市氢能产业“双创”联盟", slug="sx-hydrogen", region_id="330600"
    )


def test_public_page_lists_member_units_by_tier_from_the_chair_down(client, alliance):
    chair = OrganizationFactory(name="绍兴三元石化有限公司")
    vice = OrganizationFactory(name="上海大学绍兴研究院")
    admit(alliance, vice, MembershipTier.VICE_CHAIR, date(2021, 11, 10))
    admit(alliance, chair, MembershipTier.CHAIR, date(2021, 11, 10))

    response = client.get(
        reverse("alliances:detail", args=[alliance.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    tiers = [
        (str(label), [m.organization.name for m in ms]) for label, ms in response.context["roster"]
    ]
    assert tiers == [
        ("Chair unit", ["绍兴三元石化有限公司"]),
        ("Vice-chair unit", ["上海大学绍兴研究院"]),
    ]
    body = response.content.decode()
    assert body.index("Chair unit") < body.index("Vice-chair unit")


def test_public_page_shows_the_members_on_a_past_date(client, alliance):
    member = OrganizationFactory()
    admit(alliance, member, MembershipTier.MEMBER, date(2022, 1, 1))
    url = reverse("alliances:detail", args=[alliance.slug])

    before = client.get(url, {"on": "2021-12-31"})
    after = client.get(url, {"on": "2022-01-01"})
    nonsense = client.get(url, {"on": "not-a-date"})

    assert before.context["roster"] == []
    assert [m for _tier, ms in after.context["roster"] for m in ms] == [
        Membership.objects.get(organization=member)
    ]
    assert nonsense.status_code == 200


def test_unknown_alliance_is_404(client, db):
    assert client.get(reverse("alliances:detail", args=["nope"])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_public_page_query_count_does_not_grow_with_members(
    client, alliance, django_assert_num_queries, count
):
    for _ in range(count):
        admit(alliance, OrganizationFactory(), MembershipTier.MEMBER, date(2021, 1, 1))

    with django_assert_num_queries(2):  # the alliance, the roster
        client.get(reverse("alliances:detail", args=[alliance.slug]))


@pytest.mark.parametrize("count", [1, 3])
def test_list_page_counts_members_in_one_query(client, db, django_assert_num_queries, count):
    for n in range(count):
        created = Alliance.objects.create(name=f"联盟{n}", slug=f"a{n}")
        admit(created, OrganizationFactory(), MembershipTier.MEMBER, date(2021, 1, 1))

    with django_assert_num_queries(1):
        response = client.get(reverse("alliances:list"))

    assert [a.member_count for a in response.context["alliances"]] == [1] * count


def test_demo_loads_the_seed_alliances_once(db):
    call_command("load_demo", stdout=None)
    call_command("load_demo", stdout=None)

    hydrogen = Alliance.objects.get(slug="sx-hydrogen")
    on_founding = domain.members_on(hydrogen, date(2021, 11, 10))
    assert (
        on_founding.filter(tier=MembershipTier.CHAIR).get().organization.name
        == "绍兴三元石化有限公司"
    )
    assert on_founding.filter(tier=MembershipTier.VICE_CHAIR).count() == 8
    assert (
        Alliance.objects.get(slug="yrd-nev").memberships.get().tier == MembershipTier.ROTATING_CHAIR
    )


def test_api_lists_alliances_and_their_members_on_a_date(api, alliance):
    chair = OrganizationFactory(name="绍兴三元石化有限公司")
    member = OrganizationFactory(name="绍兴测试会员有限公司")
    admit(alliance, member, MembershipTier.MEMBER, date(2021, 11, 10))
    admit(alliance, chair, MembershipTier.CHAIR, date(2021, 11, 10))

    listing = api.get("/api/v1/alliances/").json()
    members = api.get(f"/api/v1/alliances/{alliance.slug}/members/", {"on": "2021-11-10"}).json()
    before = api.get(f"/api/v1/alliances/{alliance.slug}/members/", {"on": "2021-11-09"}).json()

    assert listing["results"] == [
        {
            "slug": "sx-hydrogen",
            "name": "绍兴市氢能产业“双创”联盟",
            "name_en": "",
            "region": "330600",
            "founded_on": None,
            "focus_chains": [],
            "status": "active",
            "description": "",
        }
    ]
    assert members == [
        {
            "organization": chair.pk,
            "organization_name": "绍兴三元石化有限公司",
            "tier": "chair",
            "valid_from": "2021-11-10",
            "valid_to": None,
            "basis": "",
        },
        {
            "organization": member.pk,
            "organization_name": "绍兴测试会员有限公司",
            "tier": "member",
            "valid_from": "2021-11-10",
            "valid_to": None,
            "basis": "",
        },
    ]
    assert before == []


def test_api_refuses_a_malformed_date_with_400(api, alliance):
    response = api.get(f"/api/v1/alliances/{alliance.slug}/members/", {"on": "yesterday"})

    assert response.status_code == 400
    assert set(response.json()) == {"on"}
