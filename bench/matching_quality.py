"""Matching quality: recall@10 and nDCG@10 of the exchange matcher on a labelled set.

``python bench/matching_quality.py`` (part of ``make bench``) builds the labelled set of
``bench/matching_set.py`` (600 needs, 3,000 offers; seed 2026), loads it into a throwaway
SQLite database (a temporary ``ALLIANCEHUB_DATA_DIR``) through the exchange's own indexing
(``text.terms`` and ``index.index_post``: one organisation per offer, in the offer's region,
an alliance member and high-tech enterprise as the set says, published as many days ago as
the set says), then asks ``matching.matches`` for the top ten of every need and, in the same
run, the plain keyword baseline of ``matching_set.keyword_baseline``. Results go to
``bench/results/matching_quality.json``, overall and by language, kind and whether the need
states its link.

How the set is built, and its known biases (one author wrote the phrases, the builder and the
baseline; relevant sets are large, so recall@10 asks for any ten relevant offers while nDCG@10
separates same-link offers from suppliers'; 60 % of needs state their link, which the
matcher's chain part uses), is written in ``bench/matching_set.py``'s docstring. The matcher
was written before the set and not tuned on it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_DIR / "src"))
sys.path.insert(0, str(BENCH_DIR))

import matching_set  # noqa: E402

DEFAULT_OUTPUT = BENCH_DIR / "results" / "matching_quality.json"
ALLIANCE = "quality-bench"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--offers", type=int, default=3000)
    parser.add_argument("--needs", type=int, default=600)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    return parser.parse_args(argv)


def setup_django(data_dir: str) -> None:
    os.environ["ALLIANCEHUB_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir}/quality.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "alliancehub.settings"
    os.environ.setdefault("ALLIANCEHUB_SECRET_KEY", "bench-only-not-secret")
    os.environ["ALLIANCEHUB_TASKS_IN_PROCESS_MODE"] = "sync"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_chains", verbosity=0)


def _post(number: int, organization, kind: str, direction: str, text: str, links, region, days):
    from django.utils import timezone

    from alliancehub.exchange.domain import index
    from alliancehub.exchange.domain.text import terms
    from alliancehub.exchange.models import Post

    title, _sep, body = text.partition("\n")
    post = Post.objects.create(
        organization=organization, direction=direction, kind=kind, title=title[:200],
        description=body, region_id=region, valid_until=date.today() + timedelta(days=60),
        status="open", published_at=timezone.now() - timedelta(days=days),
    )  # fmt: skip
    post.links.set(links)
    post.terms = terms(text, [link.key for link in links])
    post.concepts = " ".join(t[1:] for t in post.terms.split() if t.startswith("@"))[:500]
    post.save(update_fields=["terms", "concepts"])
    index.index_post(post)
    return post


def load(data: matching_set.MatchingSet) -> tuple[dict[int, int], dict[int, object]]:
    """(post id → offer id, need id → need post)."""
    from alliancehub.alliances.models import Alliance, Membership
    from alliancehub.chains.models import Link
    from alliancehub.organizations.models import Organization

    links = {link.key: link for link in Link.objects.select_related("chain")}
    alliance = Alliance.objects.create(slug=ALLIANCE, name="评测联盟", name_en="Quality bench")
    offers: dict[int, int] = {}
    for offer in data.offers:
        organization = Organization.objects.create(
            name=f"评测供方{offer.id}", name_normalized=f"评测供方{offer.id}",
            region_id=offer.region, size=offer.organization_size, high_tech=offer.high_tech,
        )  # fmt: skip
        if offer.member:
            Membership.objects.create(
                alliance=alliance, organization=organization, tier="member",
                valid_from=date(2024, 1, 1),
            )  # fmt: skip
        post = _post(offer.id, organization, offer.kind, "offer", offer.text,
                     [links[k] for k in offer.links], offer.region, offer.created_days_ago)  # fmt: skip
        offers[post.pk] = offer.id
    buyer = Organization.objects.create(name="评测需方", name_normalized="评测需方")
    needs = {
        need.id: _post(
            need.id,
            buyer,
            need.kind,
            "need",
            need.text,
            [links[k] for k in need.links],
            need.region,
            0,
        )
        for need in data.needs
    }
    return offers, needs


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data = matching_set.build(args.seed, offers=args.offers, needs=args.needs)
    with tempfile.TemporaryDirectory() as data_dir:
        setup_django(data_dir)
        from django.contrib.auth.models import AnonymousUser

        from alliancehub.exchange.domain import matching

        started = time.perf_counter()
        offers, needs = load(data)
        loading = time.perf_counter() - started
        timings: list[float] = []

        def ranker(need: matching_set.Need) -> list[int]:
            begun = time.perf_counter()
            found = matching.matches(needs[need.id], viewer=AnonymousUser(), limit=10)
            timings.append(time.perf_counter() - begun)
            return [offers[m.post.pk] for m in found if m.post.pk in offers]

        ours = matching_set.evaluate(ranker, data)
        baseline = matching_set.evaluate(matching_set.keyword_baseline(data), data)
    timings.sort()
    report = {
        "benchmark": "matching_quality",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "set": {
            "seed": args.seed,
            "offers": len(data.offers),
            "needs": len(data.needs),
            **data.meta,
        },
        "loading_seconds": round(loading, 1),
        "match_ms_p50": round(1000 * timings[len(timings) // 2], 2),
        "matcher": ours,
        "keyword_baseline": baseline,
        "matcher_tuned_on_this_set": False,
    }
    import directory

    directory.write_report(report, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
