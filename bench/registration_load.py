"""Registration load test: 300 people register at once for an event with 100 seats.

``python bench/registration_load.py`` (``make bench``) prepares a PostgreSQL database
(``LOAD_DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/alliancehub_load``,
created and migrated if missing) with one published public event of ``--seats`` seats, starts
the real HTTP server — gunicorn with ``--workers`` processes of ``--threads`` threads, the
production settings (``DEBUG`` off) — on a free local port, and sends ``--people`` anonymous
``POST /api/v1/events/<id>/registrations/`` requests at the same moment from as many client
threads (each a different person and e-mail address), all released by one barrier.

It then checks, from the responses and from the database: every response is 201; exactly
``--seats`` registrations are confirmed and the rest wait, in the order they joined the
list; no seat is sold twice (confirmed registrations = distinct confirmed people ≤ seats).
It reports the throughput reached (requests per second from the barrier to the last answer)
and the response-time percentiles. Results go to ``bench/results/registration_load.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

import directory  # noqa: E402
from directory import log, summary  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/alliancehub_load"
DEFAULT_OUTPUT = BENCH_DIR / "results" / "registration_load.json"
SLUG = "load-test"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per process")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    return parser.parse_args(argv)


def prepare(seats: int) -> int:
    """A fresh published public event of ``seats`` seats, open for registration. Returns its id."""
    from django.core.management import call_command

    from alliancehub.alliances.models import Alliance
    from alliancehub.common.domain.audit import Source
    from alliancehub.events.domain import programme
    from alliancehub.events.models import Event

    call_command("migrate", interactive=False, verbosity=0)
    alliance, _created = Alliance.objects.get_or_create(
        slug=SLUG, defaults={"name": "负载测试联盟", "name_en": "Load test alliance"}
    )
    Event.objects.filter(alliance=alliance).delete()
    now = datetime.now(UTC)
    event = programme.create_event(
        alliance, kind="forum", title="氢能产业峰会（负载测试）", actor=None, source=Source.SYSTEM,
        starts_at=now + timedelta(days=10), ends_at=now + timedelta(days=10, hours=4),
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=9), capacity=seats,
    )  # fmt: skip
    programme.set_status(event, "published", actor=None, source=Source.SYSTEM)
    return event.pk


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(args, database_url: str, port: int) -> subprocess.Popen:
    static = BENCH_DIR / "data" / "static"  # the API serves no static file; whitenoise wants it
    static.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ALLIANCEHUB_SECRET_KEY": "load-test-only-not-secret",
        "ALLIANCEHUB_DATA_DIR": str(BENCH_DIR / "data"),
        "ALLIANCEHUB_STATIC_ROOT": str(static),
        "ALLIANCEHUB_HTTPS": "0",
        "ALLIANCEHUB_ALLOWED_HOSTS": "127.0.0.1",
        "ALLIANCEHUB_EMAIL_URL": "dummymail://",
        "ALLIANCEHUB_TASKS_IN_PROCESS_MODE": "sync",
        "DJANGO_SETTINGS_MODULE": "alliancehub.settings",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "alliancehub.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--threads", str(args.threads), "--log-level", "warning",
         "--chdir", str(PROJECT_DIR / "src")],
        env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/events/", timeout=20)
            return server
        except OSError:  # not listening yet, or still starting up
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("the server did not start")


def fire(port: int, event_id: int, people: int) -> tuple[list[dict], float]:
    url = f"http://127.0.0.1:{port}/api/v1/events/{event_id}/registrations/"
    barrier = threading.Barrier(people + 1)
    results: list[dict] = [{} for _ in range(people)]

    def one(index: int) -> None:
        body = json.dumps({"name": f"参会者{index:03d}", "email": f"guest{index:03d}@example.com",
                           "organization_name": "负载测试单位"}).encode()  # fmt: skip
        request = urllib.request.Request(
            url, data=body, method="POST",
            headers={"Content-Type": "application/json", "Accept-Language": "en"},
        )  # fmt: skip
        barrier.wait()
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, payload = response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            status, payload = error.code, {"error": error.read().decode(errors="replace")[:300]}
        except Exception as error:  # a refused or dropped connection counts as an error
            status, payload = 0, {"error": repr(error)}
        results[index] = {"status": status, "payload": payload,
                          "seconds": time.perf_counter() - started}  # fmt: skip

    threads = [threading.Thread(target=one, args=(i,)) for i in range(people)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url = args.database_url or os.environ.get("LOAD_DATABASE_URL") or DEFAULT_DATABASE_URL
    directory.setup_django(url)
    from django.db import connection

    from alliancehub.events.models import Registration

    log(f"preparing an event of {args.seats} seats")
    event_id = prepare(args.seats)
    connection.close()
    port = free_port()
    log(f"gunicorn: {args.workers} workers × {args.threads} threads on port {port}")
    server = start_server(args, url, port)
    try:
        log(f"{args.people} registrations at once")
        results, elapsed = fire(port, event_id, args.people)
    finally:
        server.terminate()
        server.wait(timeout=30)
    statuses = Counter(r["status"] for r in results)
    answered = Counter(r["payload"].get("status") for r in results if r["status"] == 201)
    rows = Registration.objects.filter(event_id=event_id)
    confirmed = rows.filter(status="confirmed")
    waiting = list(rows.filter(status="waiting").order_by("waiting_since", "pk"))
    checks = {
        "all_responses_201": statuses == Counter({201: args.people}),
        "confirmed_equals_seats": confirmed.count() == args.seats,
        "waiting_equals_rest": len(waiting) == args.people - args.seats,
        "no_seat_sold_twice": confirmed.values("email").distinct().count() == confirmed.count()
        and confirmed.count() <= args.seats,
        "responses_agree_with_database": answered.get("confirmed", 0) == confirmed.count()
        and answered.get("waiting", 0) == len(waiting),
    }
    report = {
        "benchmark": "registration_load",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "setup": {
            "people": args.people,
            "seats": args.seats,
            "server": "gunicorn",
            "workers": args.workers,
            "threads": args.threads,
            "endpoint": "POST /api/v1/events/<id>/registrations/",
        },
        "database": directory.database_info(),
        "machine": directory.machine_info(),
        "responses": {str(code): n for code, n in sorted(statuses.items())},
        "registrations": {"confirmed": confirmed.count(), "waiting": len(waiting)},
        "throughput_requests_per_second": round(args.people / elapsed, 1),
        "elapsed_seconds": round(elapsed, 2),
        "response_ms": summary([r["seconds"] for r in results]),
        "first_errors": [r["payload"] for r in results if r["status"] != 201][:5],
        "checks": checks,
        "target_met": all(checks.values()),
    }
    directory.write_report(report, args.output)
    return 0 if report["target_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
