"""Ranking the counterparts of a post, with the reasons shown to the user.

The score (0–100) of a counterpart C for a post P (opposite direction, a kind of the same
group: products; capacity; technology and R&D cooperation; funding; talent; other) is

    100 × (0.40 chain + 0.25 text + 0.15 region + 0.10 freshness + 0.10 standing)

* **chain** (0–1), the best relation between a link of P and a link of C: the same link 1;
  C supplies P's link (P a need, C an offer on a link that feeds it) or C buys from it (P an
  offer, C a need on a link it feeds) 0.6; a parent or child link 0.5. Capacity, funding,
  talent and "other" posts match on the same link only. A link read from a post's text
  rather than chosen by its author counts × 0.8 (on either side).
* **text** (0–1): the weighted Dice overlap of the two posts' terms (``text.terms``: words
  in Simplified Chinese and stemmed English, weight 1; the links the text speaks of, weight 2,
  which is how Chinese meets English).
* **region** (0–1): same prefecture 1, same province 0.7, both in the Yangtze River Delta 0.4.
* **freshness** (0–1): 1 when just published, falling to 0 over 90 days.
* **standing** (0–1): C's organisation is an alliance member today 0.6, a high-tech
  enterprise 0.4.

Only what the viewer may see is ranked, never the viewer's own organisation's posts. The
ranking reads the match index in two looks (``ranked`` says how) and scores in Python every
row that comes back. Whenever the tenth score is 60 or more (and, on PostgreSQL, the second
look's best rows were not all close to it) no counterpart left unread could have entered the
list, so the result equals ``brute_force``, which scores every indexed counterpart the same
way; ``Ranked.proven`` says so, and the benchmark compares the two.
"""

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from ...chains.domain.templates import effective_feeds
from ...chains.models import Chain, Link
from ...organizations.domain.regions import YANGTZE_RIVER_DELTA, prefix_bounds
from ..enums import Direction, ListingStatus
from ..models import Listing, MatchEntry, MatchTerm, Post
from . import kinds, sieve
from .index import WEIGHTS, freshness, term_weights, text_weight
from .index import entries as entries_of
from .reasons import explain, explanation_of
from .sieve import ANYWHERE, Part
from .text import CONCEPT_PREFIX
from .visibility import viewer_alliance_ids

#: The first, cheap look: for the best links, this many rows in the post's prefecture, in its
#: province and anywhere (``_first_look``); their tenth score is the threshold of the second.
FIRST_LINKS, FIRST_ROWS = 2, (15, 15, 15)
#: On PostgreSQL a look returns its best rows only, this many times the matches wanted.
SIEVED = 4
WORDS = 4  # the post's most specific words looked up for counterparts on no related link
WORD_CANDIDATES = 50  # posts per word
PRIOR_MAX = WEIGHTS["fresh"] + WEIGHTS["standing"]
EPSILON = 0.01  # scores are rounded to hundredths: a row this far below may still tie
SAME, SUPPLY, BRANCH, FROM_TEXT = 1.0, 0.6, 0.5, 0.8
STRUCTURE_SECONDS = 300


@dataclass(frozen=True)
class Relation:
    fit: float
    kind: str  # "same" | "supplier" | "customer" | "branch"
    subject_link: int
    link: int  # the counterpart's link


@dataclass
class Match:
    post: Post
    score: float  # 0–100
    reasons: list[str]  # in the active language
    parts: dict[str, float] = field(default_factory=dict)
    explanation: dict[str, Any] = field(default_factory=dict)  # ``explain`` turns it to reasons


@dataclass
class _Subject:
    post: Post
    group: str
    opposite: str
    links: dict[int, bool]  # link id → read from the text
    terms: dict[str, float]
    relations: dict[int, list[Relation]]  # counterpart link id → relations
    weight: float  # the sum of the terms' weights
    named: dict[int, Link]  # the links of the post's chains, by id (for the reasons)


def _subject(post: Post) -> _Subject:
    group = kinds.group(post.kind)
    rows = list(
        MatchEntry.objects.filter(post=post, link__isnull=False).values_list(
            "link_id", "by_concept", "link__chain_id", "link__chain__source_digest"
        )
    )
    if not rows:  # not indexed (a draft): the stated links
        rows = [
            (pk, False, chain_id, digest)
            for pk, chain_id, digest in post.links.values_list(
                "pk", "chain_id", "chain__source_digest"
            )
        ]
    links = {link_id: by_text for link_id, by_text, _chain, _digest in rows}
    relations: dict[int, list[Relation]] = defaultdict(list)
    structure = _structures({chain_id: digest for _link, _text, chain_id, digest in rows})
    for link_id, by_text in links.items():
        factor = FROM_TEXT if by_text else 1.0
        relations[link_id].append(Relation(SAME * factor, "same", link_id, link_id))
        if group in kinds.SAME_LINK_ONLY or link_id not in structure:
            continue
        feeds, parents, children, _links = structure[link_id]
        if post.direction == Direction.NEED:
            for source in (s for s, targets in feeds.items() if link_id in targets):
                relations[source].append(Relation(SUPPLY * factor, "supplier", link_id, source))
        else:
            for target in feeds.get(link_id, ()):
                relations[target].append(Relation(SUPPLY * factor, "customer", link_id, target))
        for near in [parents.get(link_id), *children.get(link_id, ())]:
            if near is not None:
                relations[near].append(Relation(BRANCH * factor, "branch", link_id, near))
    terms = term_weights(post.terms)
    named = {pk: link for found in structure.values() for pk, link in found[3].items()}
    return _Subject(
        post, group, kinds.opposite(post.direction), links, terms, relations,
        sum(terms.values()), named,
    )  # fmt: skip


Structure = tuple[dict, dict, dict, dict[int, Link]]


def _structures(chains: dict[int, str]) -> dict[int, Structure]:
    """Link id → (its chain's feeds, parents, children, links by id), cached per template
    version (``chains``: chain id → its template's digest)."""
    found: dict[int, Structure] = {}
    for chain_id, digest in chains.items():
        key = f"exchange:structure:{chain_id}:{digest}"
        structure: Structure = cache.get_or_set(
            key, lambda c=chain_id: _structure(Chain(pk=c)), STRUCTURE_SECONDS
        )  # type: ignore[assignment]
        for link_id in structure[1]:
            found[link_id] = structure
    return found


def _structure(chain: Chain) -> Structure:
    feeds = effective_feeds(chain)
    links = Link.objects.filter(chain=chain).in_bulk()
    parents = {pk: link.parent_id for pk, link in links.items()}
    children: dict[int, list[int]] = defaultdict(list)
    for child, parent in parents.items():
        if parent is not None:
            children[parent].append(child)
    return feeds, parents, dict(children), links


class Row(NamedTuple):
    """An index row as ranking reads it, with its post's terms."""

    post_id: int
    link_id: int | None
    by_concept: bool
    region_code: str
    public: bool
    standing: float
    published_at: datetime
    terms: str


ROW_FIELDS = (*Row._fields[:-1], "post__terms")


class Ranked(NamedTuple):
    matches: list[Match]
    proven: bool  # no counterpart left unread could have entered the list


def _pool(subject: _Subject) -> QuerySet[MatchEntry]:
    return MatchEntry.objects.filter(direction=subject.opposite, kind_group=subject.group).exclude(
        organization_id=subject.post.organization_id
    )


def _rows(query: QuerySet[MatchEntry]) -> list[Row]:
    return [Row(*values) for values in query.values_list(*ROW_FIELDS)]


def _fit(subject: _Subject, link_id: int) -> float:
    return max(r.fit for r in subject.relations[link_id])


def _floor(threshold: float, fit: float, region: float) -> float:
    """The least prior with which a row of this chain fit and region part, its text matching
    perfectly, reaches ``threshold``."""
    reach = WEIGHTS["chain"] * fit + WEIGHTS["text"] + WEIGHTS["region"] * region
    return (threshold - EPSILON) / 100 - reach


def _first_look(subject: _Subject, related: list[int]) -> list[Part]:
    """Rows likely to rank, read cheaply from the best links (``FIRST_LINKS``): so many rows
    (``FIRST_ROWS``) in the post's prefecture, in its province and anywhere; on PostgreSQL
    those of best bound (``sieve``), elsewhere those of best prior."""
    region = subject.post.region_id or ""
    near, wide, anywhere = FIRST_ROWS
    wheres = [(*prefix_bounds(region[:4]), near), (*prefix_bounds(region[:2]), wide)]
    wheres = [*(wheres if region else []), ("", ANYWHERE, anywhere)]
    return [
        Part(link_id, _fit(subject, link_id), low, high, limit=count)
        for link_id in related[:FIRST_LINKS]
        for low, high, count in wheres
    ]


def _tiers(region: str | None) -> list[tuple[str, str, float]]:
    """The counterparts' region tiers as seen from ``region``: (lowest code, code above,
    region part), widest first; a tier holds the narrower ones."""
    tiers = [("", ANYWHERE, 0.0)]
    if region:
        if region[:2] in YANGTZE_RIVER_DELTA:  # the delta's province codes run on
            low, high = min(YANGTZE_RIVER_DELTA), max(YANGTZE_RIVER_DELTA)
            tiers.append((low, prefix_bounds(high)[1], 0.4))
        tiers += [(*prefix_bounds(region[:2]), 0.7), (*prefix_bounds(region[:4]), 1.0)]
    return tiers


def _second_look(subject: _Subject, related: list[int], threshold: float) -> list[Part]:
    """For every related link and region tier, the rows whose prior is high enough to reach
    ``threshold`` with a perfect text (``_floor``)."""
    parts = []
    for link_id in related:
        fit = _fit(subject, link_id)
        for low, high, region in _tiers(subject.post.region_id):
            floor = _floor(threshold, fit, region)
            if floor > PRIOR_MAX:
                continue
            parts.append(Part(link_id, fit, low, high, floor))
            if floor <= 0:  # every row of the tier, and so of the narrower ones
                break
    return parts


def _worded(subject: _Subject, threshold: float) -> list[int]:
    """Posts sharing one of the post's most specific words (``WORDS``), whatever their link,
    with a prior that could still reach ``threshold``."""
    words = [t for t in subject.terms if not t.startswith(CONCEPT_PREFIX)]
    floor = _floor(threshold, 0.0, 1.0)
    found: set[int] = set()
    for word in sorted(words, key=lambda w: (-len(w), w))[:WORDS]:
        postings = MatchTerm.objects.filter(
            term=word, direction=subject.opposite, kind_group=subject.group
        )
        if floor > 0:
            postings = postings.filter(prior__gte=floor)
        found.update(
            postings.order_by("-prior").values_list("post_id", flat=True)[:WORD_CANDIDATES]
        )
    return sorted(found)


def _read(ranking: "_Ranking", parts: list[Part], threshold: float | None = None) -> bool:
    """Add the rows of ``parts`` to the ranking. On PostgreSQL the rows are scored in the
    database (``sieve``; with a ``threshold``, only those whose bound reaches it) and the best
    ``SIEVED`` × ``limit`` come back: returns whether rows were left out that might still
    rank."""
    subject = ranking.subject
    if not sieve.available():
        pool = _pool(subject)
        ranking.add(
            row
            for part in parts
            for row in _rows(
                pool.filter(
                    link_id=part.link_id, region_code__gte=part.low,
                    region_code__lt=part.high, prior__gte=part.floor,
                ).order_by("-prior")[: part.limit]
            )
        )  # fmt: skip
        return False
    query = sieve.Query(
        subject.opposite, subject.group, subject.post.organization_id, subject.post.region_id,
        subject.terms, subject.weight, ranking.alliances, ranking.now, FROM_TEXT,
    )  # fmt: skip
    top = SIEVED * ranking.limit
    floor = None if threshold is None else threshold - EPSILON
    found = sieve.best_rows(parts, query, top=top, threshold=floor)
    ranking.add(Row(*values) for values, _score in found)
    return len(found) == top and found[-1][1] >= ranking.threshold() - EPSILON


def _region(a: str | None, b: str) -> float:
    if not a or not b:
        return 0.0
    if a[:4] == b[:4]:
        return 1.0
    if a[:2] == b[:2]:
        return 0.7
    if a[:2] in YANGTZE_RIVER_DELTA and b[:2] in YANGTZE_RIVER_DELTA:
        return 0.4
    return 0.0


def _text(subject: _Subject, terms: str) -> tuple[float, set[str]]:
    """The weighted Dice overlap of the subject's terms and ``terms``, and the shared terms."""
    other = terms.split()
    shared = subject.terms.keys() & set(other)
    if not shared:
        return 0.0, set()
    weight = subject.weight + text_weight(other)
    return 2 * sum(subject.terms[t] for t in shared) / weight, shared


def _best_relation(subject: _Subject, rows: list[Row]) -> Relation | None:
    best = None
    for row in rows:
        for relation in subject.relations.get(row.link_id, ()):  # type: ignore[arg-type]
            fit = relation.fit * (FROM_TEXT if row.by_concept else 1.0)
            if best is None or fit > best.fit:
                best = Relation(fit, relation.kind, relation.subject_link, relation.link)
    return best


def _score(subject: _Subject, rows: list[Row], now: Any) -> dict[str, Any]:
    row = rows[0]
    relation = _best_relation(subject, rows)
    text, shared = _text(subject, row.terms)
    parts = {
        "chain": relation.fit if relation else 0.0,
        "text": text,
        "region": _region(subject.post.region_id, row.region_code),
        "fresh": freshness(row.published_at, now),
        "standing": row.standing,
    }
    total = 100 * sum(WEIGHTS[name] * value for name, value in parts.items())
    return {"score": round(total, 2), "parts": parts, "relation": relation, "shared": shared,
            "row": row}  # fmt: skip


def _order(scored: dict[str, Any]) -> tuple:
    return -scored["score"], -scored["row"].published_at.timestamp(), scored["row"].post_id


def _visible(rows: dict[int, list[Row]], alliances: set[int] | None) -> set[int]:
    """The candidate post ids a viewer of ``alliances`` (None: an administrator) may see."""
    private = [pk for pk, entries in rows.items() if not entries[0].public]
    allowed = set(rows) - set(private)
    if private:
        if alliances is None:  # a platform administrator
            return set(rows)
        allowed |= set(
            Listing.objects.filter(
                post_id__in=private, alliance_id__in=alliances, status=ListingStatus.APPROVED
            ).values_list("post_id", flat=True)
        )
    return allowed


class _Ranking:
    """The counterparts read so far, each scored on all of its rows read so far."""

    def __init__(self, subject: _Subject, viewer: Any, limit: int) -> None:
        self.subject, self.viewer, self.limit = subject, viewer, limit
        self.now = timezone.now()
        self.rows: dict[int, list[Row]] = defaultdict(list)
        self.read: set[tuple[int, int | None]] = set()
        self.hidden: set[int] = set()
        self.scored: dict[int, dict[str, Any]] = {}
        self.alliances = viewer_alliance_ids(viewer)

    def add(self, rows: Iterable[Row]) -> None:
        touched: set[int] = set()
        for row in rows:
            if (row.post_id, row.link_id) not in self.read:
                self.read.add((row.post_id, row.link_id))
                self.rows[row.post_id].append(row)
                touched.add(row.post_id)
        new = touched - self.scored.keys() - self.hidden
        self.hidden |= new - _visible({pk: self.rows[pk] for pk in new}, self.alliances)
        for pk in touched - self.hidden:
            self.scored[pk] = _score(self.subject, self.rows[pk], self.now)

    def threshold(self) -> float:
        """The score to reach to enter the list (0 while it is not full)."""
        if len(self.scored) < self.limit:
            return 0.0
        return min(heapq.nlargest(self.limit, (s["score"] for s in self.scored.values())))

    def best(self) -> list[dict[str, Any]]:
        return heapq.nsmallest(self.limit, self.scored.values(), key=_order)


def _matches(subject: _Subject, best: list[dict[str, Any]]) -> list[Match]:
    """The matches, with their posts (organisation and region loaded) and reasons."""
    found = Post.objects.select_related("organization", "region")
    posts = found.in_bulk([s["row"].post_id for s in best])
    matches = []
    for chosen in best:
        explanation = explanation_of(chosen)
        reasons = explain(explanation, subject.named)
        matches.append(
            Match(posts[chosen["row"].post_id], chosen["score"], reasons, chosen["parts"],
                  explanation)
        )  # fmt: skip
    return matches


def ranked(post: Post, *, viewer: Any, limit: int = 10) -> Ranked:
    """The ``limit`` best counterparts of ``post`` that ``viewer`` may see, best first, and
    whether the ranking is proven equal to scoring every counterpart.

    A first cheap look (``_first_look``) sets a threshold, the lowest score of its list. A
    row can only beat it with a prior of at least ``_floor`` for its link, so the second
    look reads all those rows of every related link; on PostgreSQL it keeps only the rows
    whose bound reaches the threshold, scores them in the database and returns the best
    ``SIEVED`` × ``limit`` (``sieve``). A counterpart on no
    related link scores at most 60 (no chain part); only when the threshold is lower are
    the posts sharing the post's words, and the best-prior rows when it has no link, read
    as well, and the ranking is not proven.
    """
    subject = _subject(post)
    ranking = _Ranking(subject, viewer, limit)
    related = sorted(subject.relations, key=lambda pk: -_fit(subject, pk))
    proven = bool(related)
    if related:
        _read(ranking, _first_look(subject, related))
        threshold = ranking.threshold()
        cut = _read(ranking, _second_look(subject, related, threshold), threshold)
        proven = not cut
    else:
        ranking.add(_rows(_pool(subject).order_by("-prior")[: sum(FIRST_ROWS)]))
    threshold = ranking.threshold()
    if threshold < 100 * (1 - WEIGHTS["chain"]) + EPSILON:  # no chain part: at most 60
        proven = False
        worded = _worded(subject, threshold)
        if worded:
            ranking.add(_rows(_pool(subject).filter(post_id__in=worded)))
    return Ranked(_matches(subject, ranking.best()), proven)


def matches(post: Post, *, viewer: Any, limit: int = 10) -> list[Match]:
    """The ``limit`` best counterparts of ``post`` that ``viewer`` may see, best first."""
    return ranked(post, viewer=viewer, limit=limit).matches


def brute_force(post: Post, *, viewer: Any, limit: int = 10) -> list[Match]:
    """The same ranking over every indexed counterpart (for tests and the benchmark)."""
    subject = _subject(post)
    ranking = _Ranking(subject, viewer, limit)
    ranking.add(_rows(_pool(subject)))
    return _matches(subject, ranking.best())


def pair(post: Post, counterpart: Post) -> Match:
    """``counterpart`` scored as a match of ``post`` (0 for a chain fit when unrelated)."""
    subject = _subject(post)
    rows = _rows(MatchEntry.objects.filter(post=counterpart)) or [
        Row(e.post_id, e.link_id, e.by_concept, e.region_code, e.public, e.standing,
            e.published_at, counterpart.terms)
        for e in entries_of(counterpart)
    ]  # fmt: skip
    scored = _score(subject, rows, timezone.now())
    explanation = explanation_of(scored)
    reasons = explain(explanation, subject.named)
    return Match(counterpart, scored["score"], reasons, scored["parts"], explanation)
