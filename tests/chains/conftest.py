"""Chains loaded from the real templates, a tiny chain with controlled numbers, and a small
fixed population of organisations placed on them through the domain functions."""

from dataclasses import dataclass, field
from datetime import date

import pytest

from alliancehub.alliances.domain import membership
from alliancehub.alliances.enums import MembershipTier
from alliancehub.alliances.models import Alliance
from alliancehub.chains.domain import positions, templates
from alliancehub.chains.enums import PositionSource
from alliancehub.chains.models import Chain, Link
from alliancehub.common.domain.audit import Source
from alliancehub.organizations.models import Organization
from tests.factories import OrganizationFactory

SHIPPED = ("hydrogen", "nev", "photovoltaic")
TINY = """\
slug: tiny
name: {zh-hans: 测试链, en: Test chain}
links:
  - {code: up, stage: upstream, zh-hans: 上游, en: Upstream, feeds: [mid]}
  - {code: up.a, stage: upstream, zh-hans: 甲环节, en: Link A}
  - {code: up.b, stage: upstream, zh-hans: 乙环节, en: Link B}
  - {code: mid, stage: midstream, zh-hans: 中游, en: Midstream, feeds: [down]}
  - {code: down, stage: downstream, zh-hans: 下游, en: Downstream}
"""


@pytest.fixture
def chains(db) -> dict[str, Chain]:
    """The three shipped templates (read one by one: ``data/`` also holds non-template files)."""
    for slug in SHIPPED:
        path = templates.DATA_DIR / f"{slug}.yaml"
        templates.load(templates.parse(path.read_text(encoding="utf-8"), path.name))
    return {chain.slug: chain for chain in Chain.objects.all()}


@pytest.fixture
def hydrogen(chains) -> Chain:
    return chains["hydrogen"]


@pytest.fixture
def tiny(db) -> Chain:
    chain, _changed = templates.load(templates.parse(TINY, "tiny.yaml"))
    return chain


def link(chain: Chain, code: str) -> Link:
    return Link.objects.get(chain=chain, code=code)


def place(organization: Organization, chain: Chain, code: str, *, suggested: bool = False):
    return positions.add_position(
        organization,
        link(chain, code),
        actor=None,
        source=Source.SYSTEM,
        entered_by=PositionSource.SECRETARIAT,
        suggested=suggested,
    )


def organization(name: str, region: str, size: str = "", **extra) -> Organization:
    return OrganizationFactory(name=name, name_en="", region_id=region, size=size, **extra)


@dataclass
class Population:
    alliance: Alliance
    by_name: dict[str, Organization] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Organization:
        return self.by_name[name]


@dataclass
class Tiny:
    """Eight organisations, four in Shaoxing: the national median per link is 4 and Shaoxing
    holds half the organisations, so its expected count is 2.0 on every link."""

    chain: Chain
    shaoxing: list[Organization]
    hangzhou: list[Organization]


@pytest.fixture
def tiny_population(tiny) -> Tiny:
    shaoxing = [
        organization(f"绍兴测试{i}号公司", "330602" if i % 2 else "330681") for i in range(4)
    ]
    hangzhou = [organization(f"杭州测试{i}号公司", "330100") for i in range(4)]
    s, h = shaoxing, hangzhou
    for code, units in {
        "up.a": [s[0], h[0], h[1], h[2]],  # Shaoxing 1
        "up.b": [s[0], s[1], h[0], h[1]],  # Shaoxing 2
        "mid": [h[0], h[1], h[2], h[3]],  # Shaoxing 0
    }.items():
        for unit in units:
            place(unit, tiny, code)
    return Tiny(tiny, shaoxing, hangzhou)


@pytest.fixture
def population(hydrogen) -> Population:
    """Shaoxing (330600) has by-product hydrogen twice (one in a county of it) and one MEA
    maker; elsewhere six MEA makers of different sizes, places and memberships."""
    alliance = Alliance.objects.create(name="长三角氢能联盟", name_en="YRD hydrogen", slug="yrd-h2")
    found = Population(alliance)
    rows = [
        # name, region, size, links, member of the alliance
        ("绍兴副产氢甲公司", "330602", "large", ["production.byproduct"], True),
        ("绍兴副产氢乙公司", "330681", "small", ["production.byproduct"], False),
        ("诸暨膜电极公司", "330681", "micro", ["fuelcell.mea"], False),
        ("杭州大型膜电极公司", "330100", "large", ["fuelcell.mea", "fuelcell.stack"], False),
        ("杭州小型联盟膜电极公司", "330100", "small", ["fuelcell.mea"], True),
        ("杭州中型膜电极A公司", "330100", "medium", ["fuelcell.mea"], False),
        ("杭州中型膜电极B公司", "330100", "medium", ["fuelcell.mea"], False),
        ("苏州大型膜电极公司", "320500", "large", ["fuelcell.mea"], False),
        ("北京联盟膜电极公司", "110105", "micro", ["fuelcell.mea"], True),
    ]
    for name, region, size, codes, member in rows:
        unit = organization(name, region, size)
        for code in codes:
            place(unit, hydrogen, code)
        if member:
            membership.admit(
                alliance, unit, MembershipTier.MEMBER, on=date(2024, 1, 1), actor=None,
                source=Source.SYSTEM,
            )  # fmt: skip
        found.by_name[name] = unit
    return found
