"""The labelled matching set (bench/matching_set.py): builder, labels and metrics."""

import csv
import importlib.util
import math
import sys
from pathlib import Path

import pytest

from alliancehub.chains.domain import templates

ROOT = Path(__file__).resolve().parents[2]


def _load_module():
    spec = importlib.util.spec_from_file_location(
        "matching_set", ROOT / "bench" / "matching_set.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


ms = _load_module()
SMALL = {"offers": 800, "needs": 160}


@pytest.fixture(scope="module")
def small():
    return ms.build(7, **SMALL)


@pytest.fixture(scope="module")
def links():
    return ms.load_links()


@pytest.fixture(scope="module")
def bank():
    return ms._read_yaml(ms.PHRASES)


def test_build_is_deterministic_for_a_seed(small):
    again = ms.build(7, **SMALL)

    assert again.offers == small.offers
    assert again.needs == small.needs
    assert again.meta == small.meta


def test_another_seed_gives_another_set(small):
    other = ms.build(8, **SMALL)

    assert [o.text for o in other.offers] != [o.text for o in small.offers]


def test_default_set_has_600_needs_and_3000_offers():
    full = ms.build()

    assert (len(full.offers), len(full.needs)) == (3000, 600)
    assert full.meta["live_links"] == 79
    assert 0.65 <= full.meta["offers_by_kind"]["product"] / 3000 <= 0.75


def test_sizes_and_language_mix_follow_the_quotas(small):
    by_language = small.meta["needs_by_language"]

    assert (len(small.offers), len(small.needs)) == (800, 160)
    assert by_language == {"zh-hans": 72, "zh-hant": 32, "en": 56}
    assert sum(not need.links for need in small.needs) == 64  # 40 %
    assert small.meta["offers_by_language"] == {"zh-hans": 400, "zh-hant": 120, "en": 280}


def test_every_live_link_has_offers_and_headings_have_none(small, links):
    live = ms.live_links(links)
    on = {key for offer in small.offers for key in offer.links}

    assert on == set(live)
    assert "hydrogen:production" not in live
    assert "photovoltaic:module" in live  # a parent with keywords of its own
    assert small.meta["offers_per_link"]["min"] >= 3


def test_too_few_offers_are_refused():
    with pytest.raises(ValueError, match="offers are needed"):
        ms.build(1, offers=100, needs=10)


def test_every_label_points_to_an_existing_offer(small):
    ids = {offer.id for offer in small.offers}

    for need in small.needs:
        assert need.relevant == set(need.graded)
        assert need.relevant <= ids
        assert set(need.graded.values()) <= {1, 2}
        assert 2 in need.graded.values()


def test_labels_follow_the_relevance_rule_exactly(small, links):
    supply = ms.suppliers(links)
    classes = {"product": "product", "capacity": "capacity", "technology": "technology",
               "rd": "technology"}  # fmt: skip
    for need in small.needs:
        target = small.meta["need_targets"][need.id]
        expected = {}
        for offer in small.offers:
            if classes.get(offer.kind) != classes[need.kind]:
                continue
            if target in offer.links:
                expected[offer.id] = 2
            elif need.kind == "product" and supply[target] & set(offer.links):
                expected[offer.id] = 1
        assert need.graded == expected, need.id


def test_stated_links_are_the_target(small):
    for need in small.needs:
        assert need.links in ((), (small.meta["need_targets"][need.id],))


def test_supplier_rule_reaches_heading_children_but_not_siblings(links):
    supply = ms.suppliers(links)

    assert "hydrogen:storage.gas_cylinder" in supply["hydrogen:application.vehicles"]
    assert "photovoltaic:cell.paste" in supply["photovoltaic:cell"]
    assert "photovoltaic:module.ribbon" in supply["photovoltaic:module"]
    assert supply["photovoltaic:module.glass"] == frozenset()
    assert supply["nev:battery.cell"] == frozenset(
        f"nev:battery.{c}" for c in ("cathode", "anode", "electrolyte", "separator", "foil")
    )


def test_links_read_like_the_project_parser_reads_them(links):
    for path in sorted(templates.DATA_DIR.glob("*.yaml")):
        spec = templates.parse(path.read_text(encoding="utf-8"), path.name)
        for item in spec.links:
            link = links[f"{spec.slug}:{item.code}"]
            assert list(link.keywords) == item.keywords
            assert [key.split(":")[1] for key in link.feeds] == item.feeds


def test_need_texts_never_contain_offer_sentences_and_the_reverse(small, bank):
    offer_sentences = {
        s for link in bank["links"].values() for e in link.values() for s in e["offer"]
    }
    need_sentences = {
        s for link in bank["links"].values() for e in link.values() for s in e["need"]
    }

    assert not offer_sentences & need_sentences
    for need in small.needs:
        assert not any(sentence in need.text for sentence in offer_sentences), need.id
    for offer in small.offers:
        assert not any(sentence in offer.text for sentence in need_sentences), offer.id


def test_phrase_bank_covers_every_live_link_in_every_language(links, bank):
    ms.check_phrases(bank, ms.live_links(links))
    assert set(bank["links"]) == set(ms.live_links(links))


def test_regions_are_real_county_codes():
    path = ROOT / "src" / "alliancehub" / "organizations" / "data" / "regions.csv"
    with path.open(encoding="utf-8") as rows:
        counties = {row["code"] for row in csv.DictReader(rows) if row["level"] == "county"}

    assert set(ms.REGIONS_NEAR + ms.REGIONS_FAR) <= counties


def test_meta_reports_keyword_shares(small):
    meta = small.meta

    for name in ("needs_with_target_keyword_share", "offers_with_own_keyword_share",
                 "offers_with_other_link_keyword_share"):  # fmt: skip
        assert 0.0 <= meta[name] <= 1.0
    assert set(meta["needs_with_target_keyword_share_by_language"]) == set(ms.LANGUAGES)
    assert meta["needs_without_link_share"] == 0.4
    assert sum(meta["needs_by_kind"].values()) == len(small.needs)


def test_strict_set_has_no_plain_names():
    strict = ms.build(7, plain_share=0.0, **SMALL)

    assert strict.meta["texts_with_plain_name"] == 0
    assert strict.meta["needs_with_target_keyword_share"] < 0.05


def test_contains_keyword_matches_whole_latin_words_and_chinese_substrings():
    assert ms.contains_keyword("We sell Solar Cells.", "cell")
    assert not ms.contains_keyword("An excellent partner", "cell")
    assert ms.contains_keyword("供应碱性电解槽", "电解槽")
    assert not ms.contains_keyword("供應鹼性電解槽", "电解槽")  # no script folding


# --- Metrics ----------------------------------------------------------------------------------


def test_recall_divides_by_k_or_the_number_of_relevant_offers():
    assert ms.recall_at_k([1, 2, 3, 4], {2, 4, 9}, k=3) == pytest.approx(1 / 3)
    assert ms.recall_at_k([5, 2], {2}, k=10) == 1.0
    assert ms.recall_at_k(range(100), set(range(50, 100)), k=10) == 0.0
    assert ms.recall_at_k(range(20), set(range(5, 45)), k=10) == pytest.approx(5 / 10)


def test_recall_counts_a_repeated_id_once_and_is_zero_without_relevant_offers():
    assert ms.recall_at_k([2, 2, 2], {2, 3}, k=2) == pytest.approx(1 / 2)
    assert ms.recall_at_k([1, 2], set(), k=10) == 0.0


def test_ndcg_on_a_hand_computed_ranking():
    graded = {1: 2, 2: 1, 3: 2}

    found = ms.ndcg_at_k([2, 1, 4], graded, k=3)

    dcg = (2**1 - 1) / math.log2(2) + (2**2 - 1) / math.log2(3) + 0
    ideal = 3 / math.log2(2) + 3 / math.log2(3) + 1 / math.log2(4)
    assert found == pytest.approx(dcg / ideal)
    assert found == pytest.approx(0.5364, abs=1e-4)


def test_ndcg_is_one_for_the_ideal_order_and_zero_for_nothing():
    graded = {7: 1, 8: 2, 9: 2}

    assert ms.ndcg_at_k([8, 9, 7], graded, k=10) == pytest.approx(1.0)
    assert ms.ndcg_at_k([9, 8, 7, 100], graded, k=2) == pytest.approx(1.0)
    assert ms.ndcg_at_k([], graded) == 0.0
    assert ms.ndcg_at_k([1, 2], {}) == 0.0


def test_evaluate_averages_over_needs(small):
    perfect = ms.evaluate(lambda n: sorted(n.graded, key=lambda i: -n.graded[i]), small)
    empty = ms.evaluate(lambda n: [], small)

    assert (perfect["recall_at_k"], perfect["ndcg_at_k"]) == (1.0, 1.0)
    assert (empty["recall_at_k"], empty["ndcg_at_k"]) == (0.0, 0.0)
    assert (
        perfect["needs"]
        == len(small.needs)
        == sum(group["needs"] for group in perfect["by_language"].values())
    )
    assert set(perfect["by_stated_link"]) == {"with_link", "without_link"}


def test_keyword_baseline_counts_shared_keywords_and_breaks_ties_by_id():
    def offer(id, text):
        return ms.Offer(id, "product", ("hydrogen:fuelcell.stack",), "330602", text, "zh-hans",
                        "small", True, None, 1)  # fmt: skip

    need = ms.Need(1, "product", (), "330602", "求购电解槽和压缩机", "zh-hans", frozenset(), {})
    toy = ms.MatchingSet(
        [offer(4, "电解槽"), offer(1, "压缩机"), offer(3, "无关"), offer(2, "电解槽与压缩机")],
        [need],
        {},
    )

    assert ms.keyword_baseline(toy)(need) == [2, 1, 4]


def test_keyword_baseline_ranks_existing_offers_of_the_set(small):
    rank = ms.keyword_baseline(small)
    ids = {offer.id for offer in small.offers}

    for need in small.needs[:20]:
        ranked = rank(need)
        assert set(ranked) <= ids
        assert len(ranked) == len(set(ranked))
