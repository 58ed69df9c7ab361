"""The matching score, rule by rule, and what matching may show."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import translation

from alliancehub.common.domain.audit import Source
from alliancehub.exchange.domain import matching, posts
from alliancehub.exchange.domain.index import WEIGHTS
from alliancehub.exchange.models import MatchEntry
from tests.exchange.conftest import post
from tests.factories import UserFactory


def ranked(need, viewer):
    return [(m.post.organization.name, m.score) for m in matching.matches(need, viewer=viewer)]


def by_org(found):
    return {m.post.organization.name: m for m in found}


def test_a_need_matches_offers_on_its_link_before_offers_of_its_suppliers(world):
    need = post(
        world, "sx_stack", direction="need", title="采购电堆用膜电极", links=["fuelcell.mea"]
    )
    same = post(world, "hz_mea", title="膜电极批量供货", links=["fuelcell.mea"])
    supplier = post(world, "sz_mea", title="质子交换膜供货", links=["fuelcell.membrane"])
    unrelated = post(world, "bj_mea", title="加氢站建设运营", links=["refueling.operation"])

    found = by_org(matching.matches(need, viewer=world.people["sx_stack"]))

    assert found[same.organization.name].parts["chain"] == 1.0
    assert found[supplier.organization.name].parts["chain"] == pytest.approx(0.6)
    assert unrelated.organization.name not in found
    assert found[same.organization.name].score > found[supplier.organization.name].score


def test_an_offer_finds_the_needs_of_the_links_it_feeds(world):
    offer = post(world, "sx_mea", title="膜电极供货", links=["fuelcell.mea"])
    need = post(
        world, "sx_stack", direction="need", title="电堆项目寻求合作", links=["fuelcell.stack"]
    )

    found = by_org(matching.matches(offer, viewer=world.people["sx_mea"]))

    relation = found[need.organization.name]
    assert relation.parts["chain"] == pytest.approx(0.6)
    with translation.override("zh-hans"):
        reasons = matching.pair(offer, need).reasons
    assert reasons[0] == "下游需求：膜电极 → 电堆"


def test_capacity_matches_capacity_on_the_same_link_only(world):
    need = post(world, "sx_stack", direction="need", kind="capacity", title="委托加工双极板",
                links=["fuelcell.bipolar_plate"])  # fmt: skip
    same_link = post(world, "hz_mea", kind="capacity", title="冲压产线可共享",
                     links=["fuelcell.bipolar_plate"])  # fmt: skip
    feeder = post(
        world, "sz_mea", kind="capacity", title="涂布产线可共享", links=["fuelcell.catalyst"]
    )
    product = post(world, "bj_mea", title="双极板现货", links=["fuelcell.bipolar_plate"])

    names = [
        m.post.organization.name for m in matching.matches(need, viewer=world.people["sx_stack"])
    ]

    assert same_link.organization.name in names
    assert feeder.organization.name not in names
    assert product.organization.name not in names


@pytest.mark.parametrize(
    ("who", "region"), [("sx_bus", 1.0), ("hz_mea", 0.7), ("sz_mea", 0.4), ("bj_mea", 0.0)]
)
def test_region_tiers_same_city_province_yangtze_river_delta_elsewhere(world, who, region):
    need = post(world, "sx_stack", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    offer = post(world, who, title="膜电极", links=["fuelcell.mea"])

    assert matching.pair(need, offer).parts["region"] == region


def test_traditional_text_meets_simplified_and_english_meets_chinese(world):
    need = post(world, "sx_stack", direction="need", title="採購燃料電池膜電極組件")
    chinese = post(world, "hz_mea", title="膜电极组件批量供货")
    english = post(world, "sz_mea", title="Membrane electrode assemblies for PEM fuel cells")

    assert matching.pair(need, chinese).parts["text"] > 0
    assert matching.pair(need, english).parts["text"] > 0
    assert matching.pair(need, english).parts["chain"] > 0  # both read as fuelcell.mea


def test_standing_counts_membership_and_high_tech_status(world):
    need = post(world, "hz_mea", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    both = post(world, "sx_mea", title="膜电极", links=["fuelcell.mea"])  # member, high-tech
    member = post(world, "sx_stack", title="膜电极", links=["fuelcell.mea"])  # member only
    neither = post(world, "bj_mea", title="膜电极", links=["fuelcell.mea"])

    parts = [matching.pair(need, p).parts["standing"] for p in (both, member, neither)]

    assert parts == [1.0, 0.6, 0.0]


def test_the_score_is_the_documented_weighted_sum(world):
    need = post(world, "sx_stack", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    offer = post(world, "hz_mea", title="膜电极", links=["fuelcell.mea"])

    match = matching.pair(need, offer)

    expected = 100 * sum(WEIGHTS[name] * value for name, value in match.parts.items())
    assert match.score == pytest.approx(expected, abs=0.01)


def test_a_members_only_post_never_appears_in_an_outsiders_matches(world):
    need = post(world, "bj_mea", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    hidden = post(world, "sx_mea", title="膜电极", links=["fuelcell.mea"], visibility="members",
                  alliances=[world.alliance])  # fmt: skip

    outsider = [m.post.pk for m in matching.matches(need, viewer=world.people["bj_mea"])]
    insider = [m.post.pk for m in matching.matches(need, viewer=world.people["sx_stack"])]

    assert hidden.pk not in outsider
    assert hidden.pk in insider


def test_expired_and_closed_posts_are_not_matched(world):
    need = post(
        world, "sx_stack", direction="need", title="采购膜电极", links=["fuelcell.mea"], days=30
    )
    expiring = post(world, "hz_mea", title="膜电极", links=["fuelcell.mea"], days=1)
    closed = post(world, "sz_mea", title="膜电极", links=["fuelcell.mea"])
    posts.close_post(closed, actor=world.people["sz_mea"], source=Source.WEB)
    posts.expire_posts(today=expiring.valid_until + timedelta(days=1))

    found = [m.post.pk for m in matching.matches(need, viewer=world.people["sx_stack"])]

    assert expiring.pk not in found
    assert closed.pk not in found


def test_the_index_ranking_equals_the_brute_force_ranking_on_a_small_market(world):
    need = post(world, "sx_stack", direction="need", title="采购膜电极与质子交换膜",
                links=["fuelcell.mea"])  # fmt: skip
    for index, who in enumerate(["sx_mea", "hz_mea", "sz_mea", "bj_mea", "sx_bus"]):
        post(world, who, title=f"膜电极{index}", links=["fuelcell.mea"])
        post(world, who, title=f"质子交换膜{index}", links=["fuelcell.membrane"])
        post(world, who, title=f"催化剂{index}", links=["fuelcell.catalyst"])
    viewer = world.people["sx_stack"]

    fast = [(m.post.pk, m.score) for m in matching.matches(need, viewer=viewer)]
    exact = [(m.post.pk, m.score) for m in matching.brute_force(need, viewer=viewer)]

    assert fast == exact
    assert len(fast) == 10


def market(world):
    """A need in Shaoxing and 24 offers on its link and its supplier's, near and far."""
    need = post(world, "sx_stack", direction="need", title="采购膜电极与质子交换膜",
                links=["fuelcell.mea"])  # fmt: skip
    for index, who in enumerate(["sx_mea", "hz_mea", "sz_mea", "bj_mea"] * 3):
        post(world, who, title=f"膜电极供货{index}", links=["fuelcell.mea"], days=30 + index)
        post(world, who, title=f"质子交换膜{index}", links=["fuelcell.membrane"])
    return need


def test_the_second_look_finds_what_the_first_one_missed_and_proves_the_ranking(world, monkeypatch):
    need = market(world)
    viewer = world.people["sx_stack"]
    monkeypatch.setattr(matching, "FIRST_ROWS", (1, 1, 1))  # a first look that sees little

    found = matching.ranked(need, viewer=viewer)

    exact = [(m.post.pk, m.score) for m in matching.brute_force(need, viewer=viewer)]
    assert [(m.post.pk, m.score) for m in found.matches] == exact
    assert exact[-1][1] >= 60
    assert found.proven


def test_a_second_look_the_database_cut_short_is_not_called_proven(world, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL scores rows in the database and returns the best")
    need = market(world)
    monkeypatch.setattr(matching, "FIRST_ROWS", (1, 1, 1))
    monkeypatch.setattr(matching, "SIEVED", 1)  # the best 10 rows come back, no more

    found = matching.ranked(need, viewer=world.people["sx_stack"])

    assert len(found.matches) == 10
    assert not found.proven


def test_a_post_on_no_link_is_matched_by_its_words_without_a_proof(world):
    need = post(world, "sx_stack", direction="need", title="寻求办公楼保洁服务")
    worded = post(world, "hz_mea", title="承接办公楼保洁服务")
    assert not MatchEntry.objects.filter(post=need, link__isnull=False).exists()

    found = matching.ranked(need, viewer=world.people["sx_stack"])

    assert worded.pk in [m.post.pk for m in found.matches]
    assert not found.proven


def test_an_organisations_own_posts_are_never_its_matches(world):
    need = post(world, "sx_mea", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    own = post(world, "sx_mea", title="膜电极", links=["fuelcell.mea"])

    assert own.pk not in [m.post.pk for m in matching.matches(need, viewer=UserFactory())]
