"""Organisations per region: kept in step by every registry write, equal to a rebuild."""

import pytest

from alliancehub.common.domain.audit import Source
from alliancehub.organizations.domain import registry, tallies
from alliancehub.organizations.models import Region, RegionTally
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def tally() -> dict[str, int]:
    return dict(
        RegionTally.objects.exclude(organizations=0).values_list("region_code", "organizations")
    )


def test_enclosing_codes_run_from_the_county_to_the_country():
    assert tallies.enclosing_codes("330602") == ["330602", "330600", "330000", ""]
    assert tallies.enclosing_codes("330600") == ["330600", "330000", ""]
    assert tallies.enclosing_codes("330000") == ["330000", ""]
    assert tallies.enclosing_codes(None) == []


def test_registering_counts_in_the_county_its_prefecture_province_and_the_country():
    OrganizationFactory(name="绍兴越城计数公司", region_id="330602")
    OrganizationFactory(name="诸暨计数公司", region_id="330681")
    OrganizationFactory(name="杭州计数公司", region_id="330100")
    OrganizationFactory(name="无地区计数公司", region_id=None)

    assert tally() == {
        "330602": 1, "330681": 1, "330600": 2, "330100": 1, "330000": 3, "": 3,
    }  # fmt: skip


def test_moving_and_deleting_keep_the_tallies_equal_to_a_rebuild():
    moving = OrganizationFactory(name="搬迁计数公司", region_id="330602")
    leaving = OrganizationFactory(name="注销计数公司", region_id="330681")

    suzhou = Region.objects.get(code="320505")
    registry.update_organization(moving, {"region": suzhou}, actor=None, source=Source.SYSTEM)
    registry.delete_organization(leaving, actor=None, source=Source.SYSTEM)

    incremental = tally()
    tallies.refresh_tallies()
    assert incremental == tally() == {"320505": 1, "320500": 1, "320000": 1, "": 1}


def test_organizations_in_gives_zero_for_a_region_without_any():
    OrganizationFactory(name="计数公司", region_id="330602")

    assert tallies.organizations_in("330600", "110000", "") == {"330600": 1, "110000": 0, "": 1}
