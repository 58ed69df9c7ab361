import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from alliancehub.chains.domain import templates
from alliancehub.chains.models import Chain, Link, LinkRegionCount, Position, SupplyEdge
from tests.chains.conftest import TINY, link, organization, place


def load(text: str) -> Chain:
    chain, _changed = templates.load(templates.parse(text, "tiny.yaml"))
    return chain


def test_the_shipped_templates_load_with_their_links_and_edges(chains):
    hydrogen = chains["hydrogen"]

    assert sorted(chains) == ["hydrogen", "nev", "photovoltaic"]
    assert link(hydrogen, "fuelcell.mea").parent == link(hydrogen, "fuelcell")
    assert SupplyEdge.objects.filter(
        source=link(hydrogen, "fuelcell.mea"), target=link(hydrogen, "fuelcell.stack")
    ).exists()
    assert hydrogen.name_en == "Hydrogen energy"


def test_loading_the_same_template_again_changes_nothing(tiny):
    _chain, changed = templates.load(templates.parse(TINY, "tiny.yaml"))

    assert changed is False


def test_reloading_keeps_positions_and_retires_a_link_that_left_the_template(tiny):
    unit = organization("重载测试公司", "330602")
    position = place(unit, tiny, "down")
    without_down = TINY.replace("feeds: [down]", "").replace(
        "  - {code: down, stage: downstream, zh-hans: 下游, en: Downstream}\n", ""
    )

    load(without_down)

    down = link(tiny, "down")
    assert (down.retired, Position.objects.get().pk) == (True, position.pk)
    assert dict(LinkRegionCount.objects.filter(link=down).values_list("region_code", "count")) == {
        "330602": 1, "330600": 1, "330000": 1, "": 1,
    }  # fmt: skip
    reloaded = load(TINY)
    assert link(reloaded, "down").retired is False
    assert link(reloaded, "down").positions.get() == position


def test_reloading_deletes_a_vacant_link_that_left_the_template(tiny):
    load(TINY.replace("  - {code: up.b, stage: upstream, zh-hans: 乙环节, en: Link B}\n", ""))

    assert not Link.objects.filter(chain=tiny, code="up.b").exists()


def refusal(text: str) -> str:
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        templates.parse(text, "tiny.yaml")
    return raised.value.messages[0]


def test_a_dangling_feeds_target_is_refused_naming_the_line():
    text = TINY.replace("feeds: [down]", "feeds: [nowhere]")

    assert refusal(text) == (
        "tiny.yaml, line 7: “mid” feeds “nowhere”, which is not a link of this chain."
    )


def test_a_supply_cycle_is_refused_naming_the_line():
    text = TINY.replace("en: Downstream}", "en: Downstream, feeds: [up]}")

    assert (
        refusal(text) == "tiny.yaml, line 8: the supply links form a cycle: up → mid → down → up."
    )


def test_a_refused_template_leaves_the_loaded_chain_as_it_was(tiny):
    before = list(Link.objects.filter(chain=tiny).values_list("code", "name", "order"))
    broken = TINY.replace("中游", "改过的中游").replace("feeds: [down]", "feeds: [nowhere]")

    with pytest.raises(ValidationError):
        load(broken)

    assert list(Link.objects.filter(chain=tiny).values_list("code", "name", "order")) == before
    assert SupplyEdge.objects.filter(chain=tiny).count() == 2
