"""A hydrogen chain, two alliances and organisations in Shaoxing, Hangzhou, Suzhou and Beijing,
each with a representative who posts for it."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from alliancehub.accounts.models import AllianceRole
from alliancehub.alliances.domain import membership
from alliancehub.alliances.enums import MembershipTier
from alliancehub.alliances.models import Alliance
from alliancehub.chains.models import Link
from alliancehub.common.domain.audit import Source
from alliancehub.exchange.domain import posts
from alliancehub.exchange.models import ExchangeSettings
from tests.chains.conftest import chains, hydrogen  # noqa: F401  (fixtures)
from tests.factories import OrganizationFactory, UserFactory


@dataclass
class World:
    alliance: object
    other_alliance: object
    secretariat: object
    people: dict  # short name → representative user
    orgs: dict  # short name → organisation


def link(code: str, chain: str = "hydrogen") -> Link:
    return Link.objects.get(chain__slug=chain, code=code)


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def world(hydrogen) -> World:  # noqa: F811
    alliance = Alliance.objects.create(name="绍兴氢能联盟", name_en="Shaoxing H2", slug="sx-h2")
    other = Alliance.objects.create(name="苏州氢能联盟", name_en="Suzhou H2", slug="sz-h2")
    specs = {
        # short name: (organisation, region, member of, high-tech)
        "sx_mea": ("绍兴膜电极科技有限公司", "330602", alliance, True),
        "sx_stack": ("绍兴电堆动力有限公司", "330681", alliance, None),
        "hz_mea": ("杭州膜电极材料有限公司", "330106", None, None),
        "sz_mea": ("苏州膜电极有限公司", "320505", other, True),
        "bj_mea": ("北京膜电极有限公司", "110105", None, None),
        "sx_bus": ("绍兴公交集团有限公司", "330602", alliance, None),
    }
    people, orgs = {}, {}
    for key, (name, region, member_of, high_tech) in specs.items():
        organization = OrganizationFactory(name=name, region_id=region, high_tech=high_tech)
        person = UserFactory(username=key, organization=organization, email=f"{key}@example.com")
        if member_of is not None:
            membership.admit(
                member_of, organization, MembershipTier.MEMBER, on=date(2024, 1, 1),
                actor=None, source=Source.SYSTEM,
            )  # fmt: skip
            AllianceRole.objects.create(
                user=person, alliance=member_of, role=AllianceRole.Kind.MEMBER,
                organization=organization,
            )  # fmt: skip
        people[key], orgs[key] = person, organization
    secretariat = UserFactory(username="sx_secretariat")
    AllianceRole.objects.create(
        user=secretariat, alliance=alliance, role=AllianceRole.Kind.SECRETARIAT
    )
    ExchangeSettings.objects.create(alliance=other, review_required=False)
    return World(alliance, other, secretariat, people, orgs)


def post(world: World, who: str, *, direction="offer", kind="product", title="", links=(),
         description="", visibility="public", alliances=(), submit=True, days=30, **extra):  # fmt: skip
    data = {
        "direction": direction, "kind": kind, "title": title or f"{who} {direction}",
        "description": description, "valid_until": in_days(days), "visibility": visibility,
        "region": world.orgs[who].region, **extra,
    }  # fmt: skip
    return posts.create_post(
        data, organization=world.orgs[who], actor=world.people[who], source=Source.WEB,
        links=[link(code) for code in links], alliances=list(alliances), submit=submit,
    )  # fmt: skip


QUANTITY = Decimal("500")
