"""Suggesting chain links from an organisation's profile (name, description, products).

Each link has a vocabulary: its names (Simplified and English, whole and, with a low weight,
cut into jieba words, character bigrams and English words), its template keywords, its
parent's names (low weight) and the hand-written aliases of ``chains/data/suggest/aliases.yaml``
(products, processes, customers that profiles use). A profile is folded (Traditional to
Simplified, lower case, plural ``s`` stripped) and every vocabulary term it contains counts
for the links that have it, weighted by the term's source and by its inverse document
frequency over all links of all chains (BM25's IDF), so ``电解槽`` weighs more than ``系统``.
A term found only inside a longer matched term does not count (``电池`` inside ``燃料电池系统``
says nothing about batteries). A link also gains a tenth of the score of the other links of
its chain: the rest of a profile tells a photovoltaic 储能 from a vehicle battery. Ties go to
the more specific (child) link. ``words`` are the terms that contributed most.

The index is built from the database once per process and rebuilt when a chain template, the
number of links or the alias file changes.
"""

import math
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field

import jieba
import yaml
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from ...common.text import fold
from ..models import Chain, Link
from .templates import DATA_DIR

# Not beside the templates: load_chains reads every *.yaml there as a chain.
ALIASES = DATA_DIR / "suggest" / "aliases.yaml"
NAME, KEYWORD, ALIAS, PARENT, PIECE = 1.0, 1.0, 0.8, 0.3, 0.25  # weight of a term by source
CONTEXT = 0.1  # share of the rest of the chain's score a link gains
MIN_SCORE = 2.0  # below this, a link is noise (one name bigram is worth about 1)
SCALE = 6.0  # raw score at which the shown score is 1 - 1/e
MAX_WORDS = 5

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
_HAS_CJK = re.compile(rf"[{_CJK}]")
_VARIANTS = str.maketrans({"矽": "硅"})  # Taiwanese 矽 is kept by OpenCC's t2s
_STOP = {"and", "of", "the", "for", "in", "on", "to", "with", "a", "an", "by", "etc"}


@dataclass(frozen=True)
class Suggestion:
    """A link a profile points to, with its score (0–1) and the words that led to it."""

    link: Link
    key: str
    score: float
    words: list[str]


@dataclass
class _Index:
    version: tuple
    links: dict[int, Link]
    terms: dict[str, dict[int, float]] = field(default_factory=dict)  # term → link id → weight
    idf: dict[str, float] = field(default_factory=dict)


def stem(word: str) -> str:
    if word.endswith(("sses", "xes", "ches", "shes", "uses")):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def normalize(text: str) -> str:
    """``text`` as matched: Simplified, lower case, runs of CJK or stemmed Latin words, each
    between single spaces (so a term is found by a plain substring search)."""
    runs = _RUN.findall(fold(text).translate(_VARIANTS))
    return " " + " ".join(run if _HAS_CJK.match(run) else stem(run) for run in runs) + " "


def _pieces(name: str) -> set[str]:
    """The parts of a name that still say something on their own."""
    pieces: set[str] = set()
    for run in normalize(name).split():
        if _HAS_CJK.match(run):
            pieces.update(word for word in jieba.cut(run) if len(word) > 1)
            pieces.update(run[i : i + 2] for i in range(len(run) - 1))
        elif run not in _STOP and len(run) > 2:
            pieces.add(run)
    return pieces


def aliases() -> dict[str, list[str]]:
    """``chain:code`` → the extra words of the alias file."""
    data = yaml.safe_load(ALIASES.read_text(encoding="utf-8")) or {}
    return {key: [str(w) for w in (v.get("zh") or []) + (v.get("en") or [])]
            for key, v in data.items()}  # fmt: skip


def _vocabulary(link: Link, extra: dict[str, list[str]]) -> dict[str, float]:
    weights: dict[str, float] = {}

    def add(texts: list[str], weight: float) -> None:
        for text in texts:
            term = normalize(text).strip()
            if term and weights.get(term, 0.0) < weight:
                weights[term] = weight

    names = [link.name, link.name_en]
    for name in names:
        add(sorted(_pieces(name)), PIECE)
    if link.parent is not None:
        add([link.parent.name, link.parent.name_en], PARENT)
    add(extra.get(link.key, []), ALIAS)
    add([str(k) for k in link.keywords], KEYWORD)
    add(names, NAME)
    return weights


def _version() -> tuple:
    chains = tuple(Chain.objects.order_by("slug").values_list("slug", "source_digest"))
    links = Link.objects.aggregate(n=Count("id"), last=Max("id"))
    return chains, links["n"], links["last"], ALIASES.stat().st_mtime_ns


def _build(version: tuple) -> _Index:
    links = Link.objects.filter(retired=False).select_related("chain", "parent")
    index = _Index(version, {link.pk: link for link in links})
    extra = aliases()
    for link in index.links.values():
        for term, weight in _vocabulary(link, extra).items():
            index.terms.setdefault(term, {})[link.pk] = weight
    total = len(index.links)
    for term, postings in index.terms.items():
        df = len(postings)
        index.idf[term] = math.log((total - df + 0.5) / (df + 0.5) + 1)
    return index


_lock = threading.Lock()
_cache: list[_Index] = []


def _index() -> _Index:
    version = _version()
    with _lock:
        if not _cache or _cache[0].version != version:
            _cache[:] = [_build(version)]
        return _cache[0]


def _found(text: str, term: str) -> list[tuple[int, int]]:
    """Where ``term`` occurs in the normalised ``text``; Latin ends must be word ends."""
    lead = " " if term[0].isascii() else ""
    needle = lead + term + (" " if term[-1].isascii() else "")
    spans, start = [], text.find(needle)
    while start >= 0:
        spans.append((start + len(lead), start + len(lead) + len(term)))
        start = text.find(needle, start + 1)
    return spans


def _matched_terms(text: str, index: _Index) -> list[str]:
    """The vocabulary terms in ``text``, less those found only inside a longer one."""
    found = {term: spans for term in index.terms if (spans := _found(text, term))}
    covered = bytearray(len(text))
    kept = []
    for term in sorted(found, key=len, reverse=True):
        free = [(a, b) for a, b in found[term] if not all(covered[a:b])]
        if not free:
            continue
        kept.append(term)
        for a, b in free:
            covered[a:b] = b"\x01" * (b - a)
    return kept


def _ranked(text: str, index: _Index) -> list[tuple[float, Link, list[str]]]:
    scores: dict[int, float] = defaultdict(float)
    parts: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for term in _matched_terms(normalize(text), index):
        for link_id, weight in index.terms[term].items():
            share = weight * index.idf[term]
            scores[link_id] += share
            parts[link_id].append((share, term))
    by_chain: dict[int, float] = defaultdict(float)
    for link_id, score in scores.items():
        by_chain[index.links[link_id].chain_id] += score
    ranked = []
    for link_id, score in scores.items():
        link = index.links[link_id]
        total = score + CONTEXT * (by_chain[link.chain_id] - score)
        words = [term for _share, term in sorted(parts[link_id], key=lambda p: -p[0])]
        ranked.append((total, link, words[:MAX_WORDS]))
    ranked.sort(key=lambda r: (-r[0], -r[1].code.count("."), r[1].chain.slug, r[1].order))
    return ranked


def suggest(text: str, *, chain: str | None = None, limit: int = 5) -> list[Suggestion]:
    """The links ``text`` (Simplified, Traditional or English) most likely describes, best
    first, at most ``limit``; none that scores below the noise threshold. ``chain`` restricts
    the links to one chain (unknown slug: ValidationError)."""
    index = _index()
    if chain is not None and not any(slug == chain for slug, _digest in index.version[0]):
        raise ValidationError(_("There is no chain “{slug}”.").format(slug=chain))
    suggestions: list[Suggestion] = []
    for total, link, words in _ranked(text, index):
        if total < MIN_SCORE or len(suggestions) >= limit:
            break
        if chain is None or link.chain.slug == chain:
            score = round(1 - math.exp(-total / SCALE), 3)
            suggestions.append(Suggestion(link, link.key, score, words))
    return suggestions


def keyword_baseline(text: str, *, limit: int = 3) -> list[str]:
    """The plain method to beat: links ranked by how many template keywords ``text`` contains
    (case-insensitive, after folding), ties in template order. Keys ``chain:code``."""
    folded = fold(text)
    hits = []
    for link in _index().links.values():
        count = sum(1 for word in link.keywords if fold(str(word)) in folded)
        if count:
            hits.append((-count, link.chain.slug, link.order, link.key))
    return [key for *_rest, key in sorted(hits)[:limit]]
