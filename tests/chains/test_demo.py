"""The chains demo: seed positions as the issue names them, and a synthetic population that
gives Shaoxing's hydrogen map strong, weak and missing links."""

import pytest

from alliancehub.chains import demo
from alliancehub.chains.data import demo_population
from alliancehub.chains.domain import analysis, positions
from alliancehub.chains.enums import LinkStatus, PositionStatus
from alliancehub.chains.models import Chain, LinkRegionCount, Position
from alliancehub.common.text import normalize_name
from alliancehub.organizations import demo as organizations_demo
from alliancehub.organizations.domain import tallies
from alliancehub.organizations.models import Organization, Region, RegionTally


@pytest.fixture
def loaded(db):
    organizations_demo.load()
    demo.load()


def _links_of(name: str) -> set[str]:
    organization = Organization.objects.get(name_normalized=normalize_name(name))
    return {
        f"{p.link.chain.slug}:{p.link.code}"
        for p in organization.chain_positions.select_related("link__chain")
        if p.status == PositionStatus.CONFIRMED
    }


def test_loading_the_demo_again_adds_nothing(loaded):
    before = (
        Organization.objects.count(),
        Position.objects.count(),
        sorted(LinkRegionCount.objects.values_list("link_id", "region_code", "count")),
    )

    summary = demo.load()

    after = (
        Organization.objects.count(),
        Position.objects.count(),
        sorted(LinkRegionCount.objects.values_list("link_id", "region_code", "count")),
    )
    assert after == before
    assert "0 seed positions, 0 demo organisations and 0 of their positions" in summary


def test_seed_organisations_sit_on_the_links_the_issue_names(loaded):
    assert _links_of("绍兴三元石化有限公司") == {"hydrogen:production.byproduct"}
    assert _links_of("中国石化绍兴分公司") == {"hydrogen:refueling.operation"}
    assert _links_of("浙江蓝能燃气设备有限公司") == {"hydrogen:refueling.equipment"}
    assert _links_of("绍兴宝晶复合材料有限公司") == {"hydrogen:storage.gas_cylinder"}
    assert _links_of("吉利控股集团") == {"nev:vehicle"}


def test_demo_population_is_marked_and_in_the_yangtze_river_delta_mostly(loaded):
    regions = list(
        Organization.objects.filter(description=demo_population.DESCRIPTION).values_list(
            "region_id", flat=True
        )
    )
    in_delta = [code for code in regions if code[:2] in ("31", "32", "33", "34")]

    assert 2000 <= len(regions) <= 8000
    assert len(in_delta) > 0.8 * len(regions)
    assert demo_population.MARKER in demo_population.DESCRIPTION


def test_shaoxing_hydrogen_map_has_strong_weak_and_missing_links(loaded):
    shaoxing = Region.objects.get(code="330600")

    chain_map = analysis.chain_map(Chain.objects.get(slug="hydrogen"), region=shaoxing)

    statuses = {figure.link.code: figure.status for figure in chain_map.links}
    assert statuses["production.byproduct"] == LinkStatus.STRONG
    assert statuses["fuelcell.mea"] == LinkStatus.WEAK
    assert statuses["storage.liquid"] == LinkStatus.MISSING
    assert {LinkStatus.STRONG, LinkStatus.WEAK, LinkStatus.MISSING} <= set(statuses.values())


def test_jiaxing_photovoltaic_and_hangzhou_nev_maps_show_every_status(loaded):
    jiaxing, hangzhou = Region.objects.get(code="330400"), Region.objects.get(code="330100")

    photovoltaic = analysis.chain_map(Chain.objects.get(slug="photovoltaic"), region=jiaxing)
    nev = analysis.chain_map(Chain.objects.get(slug="nev"), region=hangzhou)

    assert {figure.status for figure in photovoltaic.links} == set(LinkStatus.values)
    assert {figure.status for figure in nev.links} == set(LinkStatus.values)


def test_the_demo_keeps_region_tallies_and_link_counts_equal_to_a_rebuild(loaded):
    def kept():
        return (
            sorted(RegionTally.objects.exclude(organizations=0).values_list(
                "region_code", "organizations"
            )),
            sorted(LinkRegionCount.objects.exclude(count=0).values_list(
                "link_id", "region_code", "count"
            )),
        )  # fmt: skip

    incremental = kept()
    tallies.refresh_tallies()
    positions.refresh_counts()

    assert kept() == incremental
    assert incremental[0][0] == ("", Organization.objects.exclude(region=None).count())
