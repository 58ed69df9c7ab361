"""The match index: one row per open post and chain link, read by ``matching``.

A post is indexed when it opens or changes and leaves the index when it closes or expires.
Its rows carry what ranking needs before the text is compared (direction, kind group,
region, public or not, standing, publication time), ``prior``, the freshness and standing
share of the score at indexing time, by which a link's rows are read best first, and the
text's ``signature`` and term ``weight``, from which the text part is bounded before the text
is read (``sieve``).
"""

import zlib
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from ...alliances.domain.membership import in_force_on
from ...alliances.models import Membership
from ...chains.domain.keys import links_by_key
from ..enums import PostStatus, Visibility
from ..models import MatchEntry, MatchTerm, Post
from . import kinds
from .text import CONCEPT_PREFIX

WEIGHTS = {"chain": 0.40, "text": 0.25, "region": 0.15, "fresh": 0.10, "standing": 0.10}
FRESH_DAYS = 90  # a post's freshness falls from 1 to 0 over this many days
MEMBER, HIGH_TECH = 0.6, 0.4  # the standing of an alliance member, of a high-tech enterprise
CONCEPT_WEIGHT = 2.0  # the weight of a link a text speaks of among its terms (words weigh 1)
SIGNATURE_BITS = 64


def term_weights(terms: str) -> dict[str, float]:
    """Each of a post's terms (``Post.terms``) with its weight in the text score."""
    return {t: CONCEPT_WEIGHT if t.startswith(CONCEPT_PREFIX) else 1.0 for t in terms.split()}


def text_weight(terms: list[str]) -> float:
    """The sum of the weights of ``terms`` (one post's, split)."""
    return len(terms) + (CONCEPT_WEIGHT - 1) * sum(t.startswith(CONCEPT_PREFIX) for t in terms)


def bit(term: str) -> int:
    """The bit of ``term`` in a signature (a stable hash: signatures are stored)."""
    return zlib.crc32(term.encode()) % SIGNATURE_BITS


def signature(terms: str) -> int:
    """A bit for each term, as a signed 64-bit integer: two posts share a term only if their
    signatures share its bit, which bounds their text score before it is computed."""
    found = 0
    for term in terms.split():
        found |= 1 << bit(term)
    return found - (1 << SIGNATURE_BITS) if found >> (SIGNATURE_BITS - 1) else found


def freshness(published_at: datetime, now: datetime) -> float:
    age = (now - published_at).total_seconds() / 86400
    return max(0.0, min(1.0, 1 - age / FRESH_DAYS))


def standing(post: Post, *, today: date | None = None) -> float:
    """0–1: the posting organisation is a member of an alliance today (0.6), and a recognised
    high-tech enterprise (0.4; unknown counts as not)."""
    today = today or timezone.localdate()
    member = Membership.objects.filter(in_force_on(today), organization_id=post.organization_id)
    high_tech = bool(post.organization.high_tech)
    return (MEMBER if member.exists() else 0.0) + (HIGH_TECH if high_tech else 0.0)


def entries(post: Post, *, now: datetime | None = None) -> list[MatchEntry]:
    """The index rows of an open post (not saved)."""
    now = now or timezone.now()
    published = post.published_at or now
    stated = set(post.links.values_list("pk", flat=True))
    keys = [key for key in post.concepts.split() if ":" in key]
    by_key = {link.key: link.pk for link in links_by_key(keys)[0]}
    concept = {by_key[key] for key in keys if key in by_key} - stated
    rank = standing(post)
    common = {
        "post": post, "direction": post.direction, "kind_group": kinds.group(post.kind),
        "region_code": post.region_id or "", "public": post.visibility == Visibility.PUBLIC,
        "organization_id": post.organization_id, "standing": rank, "published_at": published,
        "prior": WEIGHTS["fresh"] * freshness(published, now) + WEIGHTS["standing"] * rank,
        "signature": signature(post.terms), "weight": text_weight(post.terms.split()),
    }  # fmt: skip
    rows = [MatchEntry(link_id=pk, by_concept=False, **common) for pk in sorted(stated)]
    rows += [MatchEntry(link_id=pk, by_concept=True, **common) for pk in sorted(concept)]
    return rows or [MatchEntry(link_id=None, **common)]


MAX_WORDS = 40  # words of a post indexed (its text's first, the longest first)


def words_of(post: Post) -> list[str]:
    found = [t for t in post.terms.split() if not t.startswith(CONCEPT_PREFIX) and len(t) <= 64]
    return sorted(found, key=lambda w: (-len(w), w))[:MAX_WORDS]


def word_rows(post: Post, entry: MatchEntry) -> list[MatchTerm]:
    """The word rows of an indexed post (``entry``: one of its ``entries``)."""
    return [
        MatchTerm(
            post=post,
            term=word,
            direction=entry.direction,
            kind_group=entry.kind_group,
            prior=entry.prior,
        )
        for word in words_of(post)
    ]


@transaction.atomic
def index_post(post: Post) -> None:
    """(Re)write the post's rows; a post that is not open or matched has none."""
    unindex_post(post)
    if post.status in (PostStatus.OPEN, PostStatus.MATCHED):
        rows = MatchEntry.objects.bulk_create(entries(post))
        MatchTerm.objects.bulk_create(word_rows(post, rows[0]))


def unindex_post(post: Post) -> None:
    MatchEntry.objects.filter(post=post).delete()
    MatchTerm.objects.filter(post=post).delete()


def rebuild(batch: int = 2000) -> int:
    """Rewrite the whole index from the open posts (freshness recomputed). Returns rows."""
    written = 0
    now = timezone.now()
    with transaction.atomic():
        MatchEntry.objects.all().delete()
        MatchTerm.objects.all().delete()
        posts = (
            Post.objects.filter(status__in=[PostStatus.OPEN, PostStatus.MATCHED])
            .select_related("organization").order_by("pk")
        )  # fmt: skip
        rows: list[MatchEntry] = []
        words: list[MatchTerm] = []
        for post in posts.iterator(chunk_size=batch):
            made = entries(post, now=now)
            rows += made
            words += word_rows(post, made[0])
            if len(rows) >= batch:
                MatchEntry.objects.bulk_create(rows)
                MatchTerm.objects.bulk_create(words)
                written, rows, words = written + len(rows), [], []
        MatchEntry.objects.bulk_create(rows)
        MatchTerm.objects.bulk_create(words)
    return written + len(rows)
