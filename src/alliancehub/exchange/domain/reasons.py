"""Why a counterpart matches, in words: built from what its score was made of.

``explanation_of`` keeps the parts as plain data (an introduction stores them), ``explain``
writes them in the active language, so each side of an introduction reads them in its own.
"""

from typing import Any

from django.utils.translation import gettext as _

from ...chains.domain.names import localized
from ...chains.models import Link
from .index import HIGH_TECH, MEMBER
from .text import CONCEPT_PREFIX


def explanation_of(scored: dict[str, Any]) -> dict[str, Any]:
    """What a match's reasons are made of, as plain data (kept with an introduction, so each
    side reads the reasons in its own language)."""
    relation = scored["relation"]  # matching.Relation, or None when no link relates them
    words = sorted(
        (t for t in scored["shared"] if not t.startswith(CONCEPT_PREFIX)),
        key=lambda w: (-len(w), w),
    )
    return {
        "relation": [relation.kind, relation.subject_link, relation.link] if relation else None,
        "words": words[:3],
        "parts": {name: round(value, 4) for name, value in scored["parts"].items()},
    }


def explain(explanation: dict[str, Any], links: dict[int, Link]) -> list[str]:
    """Why the counterpart matches, in the active language (``links``: by id)."""
    found: list[str] = []
    relation = explanation.get("relation")
    if relation and relation[1] in links and relation[2] in links:
        kind, own, theirs = (
            relation[0],
            localized(links[relation[1]]),
            localized(links[relation[2]]),
        )
        found.append(
            {
                "same": _("Same link: {link}").format(link=own),
                "supplier": _("Upstream supply: {supplier} → {link}").format(
                    supplier=theirs, link=own
                ),
                "customer": _("Downstream demand: {link} → {customer}").format(
                    link=own, customer=theirs
                ),
                "branch": _("Related link: {link}").format(link=theirs),
            }[kind]
        )
    if explanation.get("words"):
        found.append(_("Shared words: {words}").format(words=", ".join(explanation["words"])))
    parts = explanation.get("parts", {})
    region = parts.get("region", 0)
    if region:
        found.append(
            {1.0: _("Same city"), 0.7: _("Same province")}.get(
                region, _("Both in the Yangtze River Delta")
            )
        )
    standing = parts.get("standing", 0)
    if standing >= MEMBER:
        found.append(_("Alliance member"))
    if standing in (HIGH_TECH, MEMBER + HIGH_TECH):
        found.append(_("High-tech enterprise"))
    if parts.get("fresh", 0) >= 1 - 7 / 90:
        found.append(_("Posted this week"))
    return found


def explain_all(explanations: list[Any]) -> list[list[str]]:
    """``explain`` for many stored explanations, reading their links in one query. A stored
    list of texts (written before explanations were kept) is returned as it is."""
    ids = {
        pk
        for e in explanations
        if isinstance(e, dict) and e.get("relation")
        for pk in e["relation"][1:]
    }
    links = Link.objects.in_bulk(ids) if ids else {}
    return [explain(e, links) if isinstance(e, dict) else list(e or []) for e in explanations]
