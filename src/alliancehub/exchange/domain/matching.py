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

Candidates come from the match index: for each related link (best fit first) its rows with
the best ``prior`` (freshness and standing at indexing time), and those in P's province and
in its prefecture; and the posts sharing P's most specific words (``MatchTerm``), whatever
their link. Every candidate is then scored exactly. ``brute_force`` scores every indexed counterpart the same
way; the benchmark compares the two. Only what the viewer may see is returned, never the
viewer's own organisation's posts.
"""

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from ...chains.domain.analysis import YANGTZE_RIVER_DELTA
from ...chains.domain.templates import effective_feeds
from ...chains.models import Chain, Link
from ...organizations.domain.regions import prefix_bounds
from ..enums import Direction, ListingStatus
from ..models import Listing, MatchEntry, MatchTerm, Post
from . import kinds
from .index import WEIGHTS, freshness
from .index import entries as entries_of
from .reasons import explain, explanation_of
from .text import CONCEPT_PREFIX
from .visibility import viewer_alliance_ids

CANDIDATES = 150  # rows read when the post has no link
#: Rows read per related link, by the link's fit: (fit at least, (best prior anywhere, best
#: prior in the post's province and again in its prefecture)).
BUDGET = ((0.8, (150, 120)), (0.0, (50, 40)))
RELATED_LINKS = 12
WORDS = 4  # the post's most specific words looked up
WORD_CANDIDATES = 50  # posts per word
SAME, SUPPLY, BRANCH, FROM_TEXT = 1.0, 0.6, 0.5, 0.8
CONCEPT_WEIGHT = 2.0
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
    weight: float = 0.0  # the sum of the terms' weights


def _weights(terms: str) -> dict[str, float]:
    return {t: CONCEPT_WEIGHT if t.startswith(CONCEPT_PREFIX) else 1.0 for t in terms.split()}


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
        feeds, parents, children = structure[link_id]
        if post.direction == Direction.NEED:
            for source in (s for s, targets in feeds.items() if link_id in targets):
                relations[source].append(Relation(SUPPLY * factor, "supplier", link_id, source))
        else:
            for target in feeds.get(link_id, ()):
                relations[target].append(Relation(SUPPLY * factor, "customer", link_id, target))
        for near in [parents.get(link_id), *children.get(link_id, ())]:
            if near is not None:
                relations[near].append(Relation(BRANCH * factor, "branch", link_id, near))
    terms = _weights(post.terms)
    return _Subject(
        post, group, kinds.opposite(post.direction), links, terms, relations, sum(terms.values())
    )


def _structures(chains: dict[int, str]) -> dict[int, tuple[dict, dict, dict]]:
    """Link id → (its chain's feeds, parents, children), cached per template version
    (``chains``: chain id → its template's digest)."""
    found: dict[int, tuple[dict, dict, dict]] = {}
    for chain_id, digest in chains.items():
        key = f"exchange:structure:{chain_id}:{digest}"
        structure: tuple[dict, dict, dict] = cache.get_or_set(
            key, lambda c=chain_id: _structure(Chain(pk=c)), STRUCTURE_SECONDS
        )  # type: ignore[assignment]
        for link_id in structure[1]:
            found[link_id] = structure
    return found


def _structure(chain: Chain) -> tuple[dict, dict, dict]:
    feeds = effective_feeds(chain)
    parents = dict(Link.objects.filter(chain=chain).values_list("pk", "parent_id"))
    children: dict[int, list[int]] = defaultdict(list)
    for child, parent in parents.items():
        if parent is not None:
            children[parent].append(child)
    return feeds, parents, dict(children)


class Row(NamedTuple):
    """An index row as ranking reads it."""

    post_id: int
    link_id: int | None
    by_concept: bool
    region_code: str
    public: bool
    standing: float
    published_at: datetime


ROW_FIELDS = Row._fields


def _pool(subject: _Subject) -> QuerySet[MatchEntry]:
    return MatchEntry.objects.filter(direction=subject.opposite, kind_group=subject.group).exclude(
        organization_id=subject.post.organization_id
    )


def _rows(query: QuerySet[MatchEntry]) -> list[Row]:
    return [Row(*values) for values in query.values_list(*ROW_FIELDS)]


def _candidates(subject: _Subject) -> list[Row]:
    """Index rows worth scoring: for each related link (best fit first, at most
    ``RELATED_LINKS``) its rows with the best prior, and the best in the post's province and in
    its prefecture (``BUDGET``); and the rows of posts sharing the post's most specific words
    (``WORDS``), whatever their link."""
    pool = _pool(subject)
    related = sorted(subject.relations, key=lambda pk: -_fit(subject, pk))
    region = subject.post.region_id
    parts: list[QuerySet[MatchEntry]] = []
    for link_id in related[:RELATED_LINKS]:
        on_link = pool.filter(link_id=link_id).order_by("-prior")
        best, local = BUDGET[0][1] if _fit(subject, link_id) >= BUDGET[0][0] else BUDGET[1][1]
        parts.append(on_link[:best])
        if region:
            parts.append(on_link.filter(_within(region[:2]))[:local])
            parts.append(on_link.filter(_within(region[:4]))[:local])
    if not related:
        parts.append(pool.order_by("-prior")[:CANDIDATES])
    found = _union(parts)
    words = [t for t in subject.terms if not t.startswith(CONCEPT_PREFIX)]
    worded: set[int] = set()
    for word in sorted(words, key=lambda w: (-len(w), w))[:WORDS]:
        worded.update(
            MatchTerm.objects.filter(
                term=word, direction=subject.opposite, kind_group=subject.group
            ).order_by("-prior").values_list("post_id", flat=True)[:WORD_CANDIDATES]
        )  # fmt: skip
    worded -= {row.post_id for row in found}
    if worded:
        found += _rows(pool.filter(post_id__in=worded))
    return found


def _fit(subject: _Subject, link_id: int) -> float:
    return max(r.fit for r in subject.relations[link_id])


def _within(prefix: str) -> Q:
    low, high = prefix_bounds(prefix)
    return Q(region_code__gte=low, region_code__lt=high)


def _union(parts: list[QuerySet[MatchEntry]]) -> list[Row]:
    """The rows of every (ordered, sliced) query: one UNION ALL where the database allows
    ordered parts (PostgreSQL), one query each otherwise (SQLite)."""
    if not parts:
        return []
    if len(parts) == 1 or not connection.features.supports_slicing_ordering_in_compound:
        return [row for part in parts for row in _rows(part)]
    first, *rest = [part.values_list(*ROW_FIELDS) for part in parts]
    return [Row(*values) for values in first.union(*rest, all=True)]


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
    weight = len(other) + (CONCEPT_WEIGHT - 1) * sum(t[0] == CONCEPT_PREFIX for t in other)
    return 2 * sum(subject.terms[t] for t in shared) / (subject.weight + weight), shared


def _best_relation(subject: _Subject, rows: list[Row]) -> Relation | None:
    best = None
    for row in rows:
        for relation in subject.relations.get(row.link_id, ()):  # type: ignore[arg-type]
            fit = relation.fit * (FROM_TEXT if row.by_concept else 1.0)
            if best is None or fit > best.fit:
                best = Relation(fit, relation.kind, relation.subject_link, relation.link)
    return best


def _score(subject: _Subject, rows: list[Row], terms: str, now: Any) -> dict[str, Any]:
    row = rows[0]
    relation = _best_relation(subject, rows)
    text, shared = _text(subject, terms)
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


def _visible(rows: dict[int, list[Row]], viewer: Any) -> set[int]:
    """The candidate post ids the viewer may see."""
    private = [pk for pk, entries in rows.items() if not entries[0].public]
    allowed = set(rows) - set(private)
    if private:
        alliances = viewer_alliance_ids(viewer)
        if alliances is None:  # a platform administrator
            return set(rows)
        allowed |= set(
            Listing.objects.filter(
                post_id__in=private, alliance_id__in=alliances, status=ListingStatus.APPROVED
            ).values_list("post_id", flat=True)
        )
    return allowed


def _rank(subject: _Subject, entries: list[Row], viewer: Any, limit: int) -> list[Match]:
    rows: dict[int, list[Row]] = defaultdict(list)
    for entry in entries:
        rows[entry.post_id].append(entry)
    allowed = _visible(rows, viewer)
    terms = dict(Post.objects.filter(pk__in=allowed).values_list("pk", "terms"))
    now = timezone.now()
    scored = [_score(subject, rows[pk], terms.get(pk, ""), now) for pk in allowed]
    best = heapq.nsmallest(
        limit,
        scored,
        key=lambda s: (-s["score"], -s["row"].published_at.timestamp(), s["row"].post_id),
    )
    found = Post.objects.select_related("organization", "region").prefetch_related(
        Prefetch("links", queryset=Link.objects.select_related("chain")),
        Prefetch("listings", queryset=Listing.objects.select_related("alliance")),
    )
    posts = found.in_bulk([s["row"].post_id for s in best])
    named = Link.objects.in_bulk(
        {
            pk
            for s in best
            if s["relation"]
            for pk in (s["relation"].subject_link, s["relation"].link)
        }
    )
    found_matches = []
    for chosen in best:
        explanation = explanation_of(chosen)
        post = posts[chosen["row"].post_id]
        reasons = explain(explanation, named)
        found_matches.append(Match(post, chosen["score"], reasons, chosen["parts"], explanation))
    return found_matches


def matches(post: Post, *, viewer: Any, limit: int = 10) -> list[Match]:
    """The ``limit`` best counterparts of ``post`` that ``viewer`` may see, best first."""
    subject = _subject(post)
    return _rank(subject, _candidates(subject), viewer, limit)


def brute_force(post: Post, *, viewer: Any, limit: int = 10) -> list[Match]:
    """The same ranking over every indexed counterpart (for tests and the benchmark)."""
    subject = _subject(post)
    return _rank(subject, _rows(_pool(subject)), viewer, limit)


def pair(post: Post, counterpart: Post) -> Match:
    """``counterpart`` scored as a match of ``post`` (0 for a chain fit when unrelated)."""
    subject = _subject(post)
    rows = _rows(MatchEntry.objects.filter(post=counterpart)) or [
        Row(*(getattr(e, f) for f in ROW_FIELDS)) for e in entries_of(counterpart)
    ]
    scored = _score(subject, rows, counterpart.terms, timezone.now())
    relation = scored["relation"]
    named = Link.objects.in_bulk([relation.subject_link, relation.link] if relation else [])
    explanation = explanation_of(scored)
    return Match(
        counterpart, scored["score"], explain(explanation, named), scored["parts"], explanation
    )
