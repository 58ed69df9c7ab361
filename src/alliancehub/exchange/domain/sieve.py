"""Scoring match-index rows inside PostgreSQL, so that only the best reach Python.

``best_rows`` reads parts of the index (``Part``: one link, a range of region codes, a least
prior, perhaps at most so many rows; with a ``threshold`` only the rows whose *bound* reaches
it), scores the rows it keeps with the formula of ``matching._score`` and returns the ``top``
best with the score it gave them. Python scores those rows again and its score is the one
shown: this is a sieve, and the tests check that the two agree.

The bound is the score with the text part replaced by the most the row's ``signature`` lets
it be: a term the row shares with the post sets a bit in both signatures, so the weight of the
subject's terms on the bits both have bounds the shared weight (the Dice numerator) from above.
It is read from the index alone (``MatchEntry``'s covering indexes), before a post's terms
are.
Other databases read the parts row by row (``matching._read``).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection

from ...organizations.domain.regions import YANGTZE_RIVER_DELTA as DELTA
from ..enums import ListingStatus
from ..models import Listing, MatchEntry, Post
from .index import CONCEPT_WEIGHT, FRESH_DAYS, SIGNATURE_BITS, WEIGHTS, bit
from .text import CONCEPT_PREFIX

#: A region code sorts below this, so ``["", ANYWHERE)`` holds every code, the empty one too.
ANYWHERE = "~"
WIDEN = 10  # a country-wide part with a limit picks by bound among this many × limit rows


@dataclass(frozen=True)
class Part:
    """The rows of one link whose region code lies in ``[low, high)`` (every code: the whole
    country) and whose prior is at least ``floor``; with ``limit``, only that many: the best
    prior first across the country, the best bound first in a region."""

    link_id: int
    fit: float  # the link's best chain fit for the post (× ``from_text`` on rows read so)
    low: str = ""
    high: str = ANYWHERE
    floor: float = -1.0
    limit: int | None = None


@dataclass(frozen=True)
class Query:
    """What the sieve needs to know of the post whose counterparts it reads."""

    direction: str  # the counterparts' direction
    kind_group: str
    organization_id: int  # never its own organisation's posts
    region: str | None
    terms: dict[str, float]  # term → weight
    weight: float  # the sum of the terms' weights
    alliances: set[int] | None  # the viewer's alliances; None: may see everything
    now: datetime
    from_text: float  # the chain fit of a row read from its post's text, × the link's


COLUMNS = ("post_id", "link_id", "by_concept", "region_code", "public", "standing",
           "published_at")  # fmt: skip

REGION = """CASE
  WHEN left({row}.region_code, 4) = %(prefecture)s THEN 1.0
  WHEN left({row}.region_code, 2) = %(province)s THEN 0.7
  WHEN %(in_delta)s AND left({row}.region_code, 2) = ANY(%(delta)s) THEN 0.4
  ELSE 0.0 END"""

CHAIN = "part.fit * CASE WHEN {row}.by_concept THEN %(from_text)s ELSE 1.0 END"

BOUND = """100 * (%(w_chain)s * {chain} + %(w_region)s * {region} + m.prior
  + %(w_text)s * CASE WHEN m.weight = 0 THEN 1.0
    ELSE 2 * least({shared}, m.weight, %(weight)s) / (%(weight)s + m.weight) END)"""

WHERE = """m.link_id = part.link_id AND m.direction = %(direction)s
       AND m.kind_group = %(kind_group)s AND m.prior >= part.floor
       AND m.organization_id <> %(organization)s
       AND (m.public OR %(everything)s OR EXISTS (
         SELECT 1 FROM {listings} l WHERE l.post_id = m.post_id AND l.status = %(approved)s
         AND l.alliance_id = ANY(%(alliances)s)))
       {reaches}"""

# Two branches, so that each part is read through the index that suits it: the whole
# country best prior first (``match_link_prior``), a region by its codes (``match_link_region``).
# A part with a limit takes the rows of best bound: in a region among all its rows, across the
# country among the ``WIDEN`` × limit rows of best prior.
SQL = """
SELECT {columns}, terms, score FROM (
  SELECT DISTINCT ON (e.post_id, e.link_id) {e_columns}, p.terms,
    100 * (
      %(w_chain)s * {e_chain}
      + %(w_text)s * CASE WHEN x.shared = 0 THEN 0.0
                          ELSE 2 * x.shared / (%(weight)s + x.weight) END
      + %(w_region)s * {e_region}
      + %(w_fresh)s * greatest(0.0, least(1.0,
          1 - extract(epoch FROM (%(now)s - e.published_at))::float / 86400 / %(fresh_days)s))
      + %(w_standing)s * e.standing
    ) AS score
  FROM (VALUES {values}) AS part (link_id, fit, low, high, floor, row_limit)
  CROSS JOIN LATERAL (
    (SELECT {m_columns} FROM (
       SELECT {m_columns}, {bound} AS bound FROM {entries} m
       WHERE part.low = '' AND part.high = %(anywhere)s AND {where}
       ORDER BY m.prior DESC LIMIT part.row_limit * %(widen)s) m
     ORDER BY m.bound DESC LIMIT part.row_limit)
    UNION ALL
    (SELECT {m_columns} FROM {entries} m
     WHERE NOT (part.low = '' AND part.high = %(anywhere)s)
       AND m.region_code >= part.low AND m.region_code < part.high AND {where}
     ORDER BY {bound} DESC LIMIT part.row_limit)
  ) e
  JOIN {posts} p ON p.id = e.post_id
  CROSS JOIN LATERAL (
    SELECT coalesce(sum(w) FILTER (WHERE t = ANY(%(terms)s)), 0.0) AS shared,
           coalesce(sum(w), 0.0) AS weight
    FROM (SELECT t, CASE WHEN left(t, 1) = %(concept)s THEN %(concept_weight)s ELSE 1.0 END
          FROM unnest(string_to_array(p.terms, ' ')) AS t) AS each_term (t, w)
  ) x
  ORDER BY e.post_id, e.link_id
) scored
ORDER BY score DESC, published_at DESC, post_id
LIMIT %(top)s
"""


def available() -> bool:
    """PostgreSQL 14 or newer (``bit_count``)."""
    return connection.vendor == "postgresql" and connection.pg_version >= 140000  # type: ignore[attr-defined]


def _masks(terms: dict[str, float]) -> dict[float, int]:
    """The subject's signature bits grouped by the weight of its terms on each (terms whose
    bits collide add up), as weight → mask (a signed 64-bit integer)."""
    on_bit: dict[int, float] = defaultdict(float)
    for term, weight in terms.items():
        on_bit[bit(term)] += weight
    masks: dict[float, int] = defaultdict(int)
    for position, weight in on_bit.items():
        masks[weight] |= 1 << position
    top = 1 << (SIGNATURE_BITS - 1)
    return {w: m - (1 << SIGNATURE_BITS) if m & top else m for w, m in masks.items()}


def _shared(masks: dict[float, int], params: dict[str, Any]) -> str:
    """SQL for the most weight row ``m`` can share with the subject, by its signature."""
    terms = []
    for number, (weight, mask) in enumerate(sorted(masks.items())):
        params[f"mask{number}"], params[f"mask_weight{number}"] = mask, weight
        terms.append(
            f"%(mask_weight{number})s * bit_count((m.signature & %(mask{number})s)::bit(64))"
        )
    return "(" + " + ".join(terms or ["0.0"]) + ")"


def best_rows(
    parts: list[Part], query: Query, *, top: int, threshold: float | None = None
) -> list[tuple[tuple, float]]:
    """The ``top`` best-scored rows the parts hold, as (``COLUMNS`` values and the post's
    terms, score); with a ``threshold``, only rows whose bound reaches it are scored."""
    if not parts:
        return []
    values: list[str] = []
    params: dict[str, Any] = {}
    for number, part in enumerate(parts):
        names = [f"p{number}_{field}" for field in ("link", "fit", "low", "high", "floor", "n")]
        values.append(
            "(%({})s::bigint, %({})s::float, %({})s::text, %({})s::text, %({})s::float, "
            "%({})s::bigint)".format(*names)
        )
        params.update(
            zip(names, (part.link_id, part.fit, part.low, part.high, part.floor, part.limit),
                strict=True)
        )  # fmt: skip
    region = query.region or ""
    params.update(
        w_chain=WEIGHTS["chain"], w_text=WEIGHTS["text"], w_region=WEIGHTS["region"],
        w_fresh=WEIGHTS["fresh"], w_standing=WEIGHTS["standing"], from_text=query.from_text,
        weight=query.weight, prefecture=region[:4] or None, province=region[:2] or None,
        in_delta=region[:2] in DELTA, delta=list(DELTA), now=query.now, fresh_days=FRESH_DAYS,
        direction=query.direction, kind_group=query.kind_group,
        organization=query.organization_id, everything=query.alliances is None,
        alliances=sorted(query.alliances or ()), concept=CONCEPT_PREFIX, anywhere=ANYWHERE,
        concept_weight=CONCEPT_WEIGHT, terms=list(query.terms), top=top,
        approved=ListingStatus.APPROVED, threshold=threshold, widen=WIDEN,
    )  # fmt: skip
    bound = BOUND.format(
        chain=CHAIN.format(row="m"),
        region=REGION.format(row="m"),
        shared=_shared(_masks(query.terms), params),
    )
    reaches = "" if threshold is None else f"AND {bound} >= %(threshold)s"
    sql = SQL.format(
        where=WHERE.format(reaches=reaches, listings=Listing._meta.db_table),
        bound=bound,
        columns=", ".join(COLUMNS),
        e_columns=", ".join(f"e.{column}" for column in COLUMNS),
        m_columns=", ".join(f"m.{column}" for column in COLUMNS),
        e_chain=CHAIN.format(row="e"),
        e_region=REGION.format(row="e"),
        values=", ".join(values),
        entries=MatchEntry._meta.db_table,
        posts=Post._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(tuple(found[:-1]), found[-1]) for found in cursor.fetchall()]
