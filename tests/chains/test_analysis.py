from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from alliancehub.chains.domain import analysis
from alliancehub.common.domain.audit import Source
from alliancehub.organizations.domain import registry
from alliancehub.organizations.models import Region
from tests.chains.conftest import link, organization, place


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def figure(figures, code: str):
    return next(f for f in figures if f.link.code == code)


def test_a_countys_organisations_count_for_its_prefecture_and_province(population, hydrogen):
    counts = {
        code: figure(
            analysis.chain_map(hydrogen, region=region(code)).links, "production.byproduct"
        ).count
        for code in ("330602", "330681", "330600", "330000", "330100", "320500")
    }

    assert counts == {"330602": 1, "330681": 1, "330600": 2, "330000": 2, "330100": 0, "320500": 0}


def test_the_whole_country_counts_every_position(population, hydrogen):
    figures = analysis.chain_map(hydrogen).links

    assert figure(figures, "fuelcell.mea").count == 7
    assert figure(figures, "fuelcell.stack").count == 1


def test_an_alliance_map_counts_only_its_members_today(population, hydrogen):
    figures = analysis.chain_map(
        hydrogen, region=region("330600"), alliance=population.alliance
    ).links

    assert figure(figures, "production.byproduct").count == 1
    assert figure(figures, "fuelcell.mea").count == 0


def test_a_suggested_position_does_not_count_until_confirmed(hydrogen):
    place(organization("绍兴建议公司", "330602"), hydrogen, "fuelcell.gdl", suggested=True)

    figures = analysis.chain_map(hydrogen, region=region("330600")).links

    assert figure(figures, "fuelcell.gdl").count == 0


def test_expected_is_the_national_median_scaled_by_the_regions_organisations(tiny_population):
    figures = analysis.gaps(tiny_population.chain, region("330600"))

    assert [(f.link.code, f.count, f.expected, f.share) for f in figures] == [
        ("up", 0, 2.0, 0.0),
        ("up.a", 1, 2.0, 0.5),
        ("up.b", 2, 2.0, 1.0),
        ("mid", 0, 2.0, 0.0),
        ("down", 0, 2.0, 0.0),
    ]


def statuses(chain, weak_share: float) -> dict[str, str]:
    figures = analysis.gaps(chain, region("330600"), weak_share=weak_share)
    return {f.link.code: f.status for f in figures}


def test_a_count_exactly_at_the_weak_threshold_is_strong(tiny_population):
    # expected 2.0: a share of 0.5 puts the threshold at exactly 1, the count of up.a.
    assert statuses(tiny_population.chain, 0.5) == {
        "up": "strong", "up.a": "strong", "up.b": "strong", "mid": "missing", "down": "missing",
    }  # fmt: skip


def test_a_count_just_below_the_weak_threshold_is_weak(tiny_population):
    assert statuses(tiny_population.chain, 0.51)["up.a"] == "weak"
    assert statuses(tiny_population.chain, 1.0)["up.b"] == "strong"
    assert statuses(tiny_population.chain, 1.01)["up.b"] == "weak"


def test_a_parent_without_own_positions_takes_its_best_childs_status(tiny_population):
    assert statuses(tiny_population.chain, 1.01) == {
        "up": "weak", "up.a": "weak", "up.b": "weak", "mid": "missing", "down": "missing",
    }  # fmt: skip


def test_the_map_lists_the_templates_supply_edges(tiny):
    edges = analysis.chain_map(tiny).edges

    assert [(source.code, target.code) for source, target in edges] == [
        ("up", "mid"),
        ("mid", "down"),
    ]


def test_the_maps_query_count_does_not_grow_with_the_positions(tiny_population):
    chain, shaoxing = tiny_population.chain, region("330600")
    with CaptureQueriesContext(connection) as before:
        analysis.chain_map(chain, region=shaoxing)
    for index in range(5):
        place(organization(f"新增测试{index}号公司", "330602"), chain, "down")
        place(tiny_population.hangzhou[index % 4], chain, "up") if index < 4 else None
    cache.clear()  # the cached national baseline would save queries the first run paid for
    with CaptureQueriesContext(connection) as after:
        analysis.chain_map(chain, region=shaoxing)

    assert len(after) == len(before)


def test_risks_name_links_resting_on_one_or_two_local_organisations(population, hydrogen):
    with translation.override("en"):
        found = analysis.risks(hydrogen, region("330600"))

    assert [(r.link.code, r.kind, r.detail, [o.name for o in r.organizations]) for r in found] == [
        (
            "production.byproduct", "concentrated",
            "Only 2 organisations in Shaoxing work on Industrial by-product hydrogen.",
            ["绍兴副产氢乙公司", "绍兴副产氢甲公司"],
        ),
        (
            "fuelcell.mea", "concentrated",
            "Only 1 organisation in Shaoxing works on Membrane electrode assemblies.",
            ["诸暨膜电极公司"],
        ),
    ]  # fmt: skip


def test_risks_name_a_supplier_link_with_nobody_local_feeding_a_strong_local_link(tiny_population):
    chain = tiny_population.chain
    for unit in tiny_population.shaoxing:
        place(unit, chain, "down")
    with translation.override("en"):
        found = [r for r in analysis.risks(chain, region("330600")) if r.kind == "external_supply"]

    assert [(r.link.code, r.detail, len(r.organizations)) for r in found] == [
        (
            "mid",
            "No organisation in Shaoxing works on Midstream, which supplies Downstream there: "
            "the supply comes from elsewhere.",
            4,
        )
    ]


def test_candidates_rank_by_size_distance_and_membership_then_name(population, hydrogen):
    with translation.override("en"):
        found = analysis.candidates(hydrogen, region("330600"), link=link(hydrogen, "fuelcell.mea"))

    assert [(c.organization.name, c.score, c.reasons) for c in found] == [
        (
            "杭州小型联盟膜电极公司",
            80.0,
            ["Size: Small", "In the same province", "Member of 长三角氢能联盟"],
        ),
        ("杭州大型膜电极公司", 75.0, ["Size: Large", "In the same province"]),
        ("杭州中型膜电极A公司", 65.0, ["Size: Medium", "In the same province"]),
        ("杭州中型膜电极B公司", 65.0, ["Size: Medium", "In the same province"]),
        ("苏州大型膜电极公司", 55.0, ["Size: Large", "In the Yangtze River Delta"]),
        ("北京联盟膜电极公司", 35.0, ["Size: Micro", "Member of 长三角氢能联盟"]),
    ]


def test_candidates_cover_the_missing_and_weak_links_within_the_limit(population, hydrogen):
    found = analysis.candidates(hydrogen, region("330600"), limit=2)

    assert [(c.link.code, c.organization.name) for c in found] == [
        ("fuelcell.stack", "杭州大型膜电极公司"),
    ]


def test_partners_list_upstream_and_downstream_links_with_local_organisations_first(
    population, hydrogen
):
    found = analysis.partners(population["诸暨膜电极公司"])

    upstream = [(partner.code, [o.name for o in orgs]) for partner, orgs in found.upstream]
    downstream = [(partner.code, [o.name for o in orgs]) for partner, orgs in found.downstream]
    assert upstream == [
        ("fuelcell.membrane", []), ("fuelcell.catalyst", []), ("fuelcell.gdl", []),
    ]  # fmt: skip
    assert downstream[0] == ("fuelcell.stack", ["杭州大型膜电极公司"])


def test_organizations_on_a_link_in_a_region(population, hydrogen):
    found = analysis.organizations_on(
        link(hydrogen, "production.byproduct"), region=region("330600")
    )

    assert [o.name for o in found] == ["绍兴副产氢乙公司", "绍兴副产氢甲公司"]


def test_a_recognised_high_tech_enterprise_ranks_before_an_otherwise_equal_one(hydrogen):
    from alliancehub.organizations.models import Organization

    plain = organization("杭州普通电解槽公司", "330100", "medium")
    high_tech = organization("杭州高新电解槽公司", "330100", "medium")
    Organization.objects.filter(pk=high_tech.pk).update(high_tech=True)
    for unit in (plain, high_tech):
        place(unit, hydrogen, "production.electrolyzer")

    with translation.override("en"):
        found = analysis.candidates(
            hydrogen, region("330600"), link=link(hydrogen, "production.electrolyzer")
        )

    assert [c.organization.name for c in found] == ["杭州高新电解槽公司", "杭州普通电解槽公司"]
    assert found[0].score - found[1].score == 20
    assert "High-tech enterprise" in found[0].reasons


def test_an_organisation_that_moves_region_takes_its_positions_to_the_new_map(population, hydrogen):
    moving = population["诸暨膜电极公司"]  # Zhuji, Shaoxing → Suzhou (Gusu)

    registry.update_organization(
        moving, {"region": region("320505")}, actor=None, source=Source.SYSTEM
    )

    def mea(code: str) -> int:
        return figure(analysis.chain_map(hydrogen, region=region(code)).links, "fuelcell.mea").count

    assert (mea("330600"), mea("320500"), mea("320000")) == (0, 2, 2)  # Suzhou had one
    assert figure(analysis.chain_map(hydrogen).links, "fuelcell.mea").count == 7
    assert set(moving.chain_positions.values_list("region_code", flat=True)) == {"320505"}
