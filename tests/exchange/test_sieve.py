"""The database's scoring of index rows (PostgreSQL) agrees with Python's, and its bound
never leaves out a row that reaches the threshold."""

import pytest
from django.db import connection

from alliancehub.exchange.domain import index, matching, sieve
from alliancehub.exchange.models import MatchEntry
from tests.exchange.conftest import post

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the sieve runs on PostgreSQL"
)


def test_a_signature_has_the_bit_of_each_term_and_fits_a_signed_64_bit_integer():
    terms = "膜电极 membrane @hydrogen:fuelcell.mea"
    signed = index.signature(terms)

    assert -(2**63) <= signed < 2**63
    for term in terms.split():
        assert (signed >> index.bit(term)) & 1


def test_terms_on_the_same_bit_add_their_weights_in_the_masks(monkeypatch):
    monkeypatch.setattr(sieve, "bit", lambda term: 63 if term in ("a", "@b") else 5)

    masks = sieve._masks({"a": 1.0, "@b": 2.0, "c": 1.0})

    assert masks == {3.0: -(2**63), 1.0: 1 << 5}


def a_market(world):
    need = post(world, "sx_stack", direction="need", title="采购膜电极 质子交换膜 催化剂",
                links=["fuelcell.mea"])  # fmt: skip
    titles = ["膜电极", "膜电极批量供货", "质子交换膜", "催化剂 膜电极", "Membrane electrode assembly",
              "質子交換膜供貨", "电堆", "加氢站"]  # fmt: skip
    links = [["fuelcell.mea"], [], ["fuelcell.membrane"], ["fuelcell.catalyst"], [],
             ["fuelcell.membrane"], ["fuelcell.stack"], ["refueling.operation"]]  # fmt: skip
    for who in ["sx_mea", "hz_mea", "sz_mea", "bj_mea", "sx_bus"]:
        for title, on in zip(titles, links, strict=True):
            post(world, who, title=title, links=on, days=20)
    post(world, "hz_mea", title="膜电极 会员专享", links=["fuelcell.mea"],
         visibility="members", alliances=[world.other_alliance])  # fmt: skip
    return need


def sieved(need, viewer, threshold=None):
    subject = matching._subject(need)
    ranking = matching._Ranking(subject, viewer, 10)
    parts = [
        sieve.Part(pk, matching._fit(subject, pk)) for pk in subject.relations
    ]  # every row of every related link
    query = sieve.Query(
        subject.opposite, subject.group, need.organization_id, need.region_id, subject.terms,
        subject.weight, ranking.alliances, ranking.now, matching.FROM_TEXT,
    )  # fmt: skip
    found = sieve.best_rows(parts, query, top=1000, threshold=threshold)
    return subject, ranking, [(matching.Row(*values), score) for values, score in found]


@postgresql_only
def test_the_database_scores_each_row_as_python_does(world):
    need = a_market(world)

    subject, ranking, found = sieved(need, world.people["sx_stack"])

    assert len(found) >= 20
    for row, score in found:
        assert score == pytest.approx(matching._score(subject, [row], ranking.now)["score"],
                                      abs=0.006)  # fmt: skip


@postgresql_only
def test_the_bound_keeps_every_row_that_reaches_the_threshold(world):
    need = a_market(world)
    _subject, _ranking, everything = sieved(need, world.people["sx_stack"])

    for row, score in everything:
        _s, _r, kept = sieved(need, world.people["sx_stack"], threshold=score - 0.01)
        assert (row.post_id, row.link_id) in {(r.post_id, r.link_id) for r, _score in kept}


@postgresql_only
def test_the_bound_leaves_out_rows_that_cannot_reach_the_threshold(world):
    need = a_market(world)
    _subject, _ranking, everything = sieved(need, world.people["sx_stack"])
    middle = sorted(score for _row, score in everything)[len(everything) // 2]

    _s, _r, kept = sieved(need, world.people["sx_stack"], threshold=middle)

    assert len(everything) // 2 <= len(kept) < len(everything)


@postgresql_only
def test_members_only_rows_reach_only_members_and_a_row_unsigned_is_never_left_out(world):
    need = a_market(world)
    private = MatchEntry.objects.filter(public=False).values_list("post_id", flat=True)
    outsider = world.people["bj_mea"]

    assert not {r.post_id for r, _s in sieved(need, outsider)[2]} & set(private)
    assert private
    assert set(private) <= {r.post_id for r, _s in sieved(need, world.people["sz_mea"])[2]}

    _subject, _ranking, before = sieved(need, world.people["sx_stack"], threshold=50)
    MatchEntry.objects.update(signature=-1, weight=0)  # as if written before signatures
    _subject, _ranking, after = sieved(need, world.people["sx_stack"], threshold=50)
    assert {r.post_id for r, _s in before} <= {r.post_id for r, _s in after}
