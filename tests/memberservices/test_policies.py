"""Policy eligibility, condition by condition, and telling the members a new policy concerns."""

from datetime import date

import pytest

from alliancehub.accounts.models import AllianceRole
from alliancehub.alliances.domain import membership
from alliancehub.alliances.enums import MembershipTier
from alliancehub.alliances.models import Alliance
from alliancehub.chains.models import Link
from alliancehub.common.domain.audit import Source
from alliancehub.memberservices.domain import policies
from alliancehub.organizations.models import Region
from tests.chains.conftest import chains, hydrogen, place  # noqa: F401  (fixtures)
from tests.factories import OrganizationFactory, UserFactory

TODAY = date(2026, 12, 6)


@pytest.fixture
def alliance(db):
    return Alliance.objects.create(name="绍兴市科技创新促进会", name_en="STIPA", slug="stipa")


def policy(alliance, *, regions=(), links=(), **conditions):
    data = {"title": "高新技术企业培育奖励", "issuer": "绍兴市科学技术局", "issued_on": date(2026, 3, 1),
            "summary": "对首次认定的高新技术企业给予奖励。", **conditions}  # fmt: skip
    return policies.create_policy(
        alliance, data, actor=None, source=Source.SYSTEM, regions=regions, links=links
    )


def met(found, organization):
    return [c.met for c in policies.eligibility(found, organization, today=TODAY)]


def test_a_policy_without_conditions_applies_to_everyone(alliance):
    assert met(policy(alliance), OrganizationFactory(name="任意公司")) == []


def test_a_region_includes_its_sub_regions(alliance):
    shaoxing = policy(alliance, regions=[Region.objects.get(code="330600")])

    assert met(shaoxing, OrganizationFactory(name="越城公司", region_id="330602")) == [True]
    assert met(shaoxing, OrganizationFactory(name="杭州公司", region_id="330106")) == [False]
    assert met(shaoxing, OrganizationFactory(name="无地区公司", region_id=None)) == [False]


def test_a_chain_link_counts_its_sub_links_and_only_confirmed_positions(alliance, hydrogen):  # noqa: F811
    fuelcell = Link.objects.get(chain=hydrogen, code="fuelcell")
    on_cells = policy(alliance, links=[fuelcell])
    mea_maker = OrganizationFactory(name="膜电极公司", region_id="330602")
    place(mea_maker, hydrogen, "fuelcell.mea")
    suggested = OrganizationFactory(name="建议公司", region_id="330602")
    place(suggested, hydrogen, "fuelcell.stack", suggested=True)

    assert met(on_cells, mea_maker) == [True]
    assert met(on_cells, suggested) == [False]


@pytest.mark.parametrize(
    ("founded", "expected"),
    [(date(2023, 12, 6), [True, True]), (date(2023, 12, 7), [False, True]),
     (date(2016, 12, 6), [True, True]), (date(2015, 12, 6), [True, False]), (None, [False, False])],
)  # fmt: skip
def test_age_limits_count_whole_years_and_an_unknown_founding_date_fails(
    alliance, founded, expected
):
    young = policy(alliance, min_age_years=3, max_age_years=10)

    assert met(young, OrganizationFactory(name="年限公司", founded_on=founded)) == expected


def test_kind_size_and_high_tech_conditions(alliance):
    strict = policy(alliance, kinds=["enterprise"], sizes=["small", "micro"], high_tech_only=True)

    fits = OrganizationFactory(name="小微高企", kind="enterprise", size="small", high_tech=True)
    unknown = OrganizationFactory(name="未知高企", kind="enterprise", size="small", high_tech=None)
    large = OrganizationFactory(name="大型企业", kind="enterprise", size="large", high_tech=True)

    assert met(strict, fits) == [True, True, True]
    assert met(strict, unknown) == [True, True, False]
    assert met(strict, large) == [True, False, True]


def test_policies_for_an_organisation_are_the_published_ones_in_force_it_meets(alliance):
    organization = OrganizationFactory(name="越城公司", region_id="330602")
    yes = policy(alliance, regions=[Region.objects.get(code="330000")])
    policies.publish_policy(yes, actor=None, source=Source.SYSTEM)
    draft = policy(alliance)
    expired = policy(alliance, effective_until=date(2025, 1, 1))
    policies.publish_policy(expired, actor=None, source=Source.SYSTEM)

    assert policies.policies_for(organization, today=TODAY) == [yes]
    assert draft.published_at is None


def test_publishing_tells_the_eligible_members_people_only(
    alliance, django_capture_on_commit_callbacks
):
    near = OrganizationFactory(name="越城会员公司", region_id="330602")
    far = OrganizationFactory(name="杭州会员公司", region_id="330106")
    for organization in (near, far):
        membership.admit(alliance, organization, MembershipTier.MEMBER, on=date(2024, 1, 1),
                         actor=None, source=Source.SYSTEM)  # fmt: skip
    told = UserFactory(username="near", organization=near)
    untold = UserFactory(username="far", organization=far)
    AllianceRole.objects.create(user=told, alliance=alliance, role=AllianceRole.Kind.MEMBER,
                                organization=near)  # fmt: skip
    found = policy(alliance, regions=[Region.objects.get(code="330600")])

    with django_capture_on_commit_callbacks(execute=True):
        policies.publish_policy(found, actor=None, source=Source.SYSTEM)

    assert told.notifications.count() == 1
    assert untold.notifications.count() == 0
