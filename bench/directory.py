"""Directory benchmark: search and region filter at scale, through the real views.

``python bench/directory.py [--orgs N]`` (``make bench``) fills the database in
``DATABASE_URL`` (default: a PostgreSQL database ``alliancehub_bench`` on localhost, created
if missing; SQLite works too) with N synthetic organisations, then times the directory page
(``/organizations/``, full HTML) and the API (``/api/v1/organizations/``) searching by a
selective and a common Chinese keyword and filtering by a prefecture and a province. Next to
each view it times, in the same run, exactly the SQL statements that view executed, replayed
on a raw DB-API cursor. Results go to ``bench/results/directory.json`` and standard output.
See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_DIR / "src"))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/alliancehub_bench"
DEFAULT_OUTPUT = BENCH_DIR / "results" / "directory.json"
MARKER = "benchmark data"  # the description of every generated organisation
TARGET_P95_MS = 100.0
TARGET_RATIO = 3.0
TARGET_ORGS = 1_000_000

# --- Synthetic names -----------------------------------------------------------------------
# Characters of trade names (字号) with their pinyin; every ordered pair is a candidate word.
TRADE_CHARS = {
    "华": "hua", "恒": "heng", "兴": "xing", "达": "da", "鑫": "xin", "源": "yuan",
    "泰": "tai", "丰": "feng", "盛": "sheng", "瑞": "rui", "祥": "xiang", "宏": "hong",
    "嘉": "jia", "和": "he", "信": "xin", "诚": "cheng", "博": "bo", "远": "yuan",
    "辉": "hui", "明": "ming", "德": "de", "安": "an", "康": "kang", "永": "yong",
    "隆": "long", "昌": "chang", "顺": "shun", "通": "tong", "利": "li", "金": "jin",
    "天": "tian", "宇": "yu", "海": "hai", "东": "dong", "中": "zhong", "创": "chuang",
    "联": "lian", "汇": "hui", "聚": "ju", "卓": "zhuo", "越": "yue", "航": "hang",
    "腾": "teng", "飞": "fei", "龙": "long", "万": "wan", "众": "zhong", "广": "guang",
    "亿": "yi", "正": "zheng", "元": "yuan", "三": "san", "九": "jiu", "佳": "jia",
    "美": "mei", "立": "li", "富": "fu", "晶": "jing", "力": "li", "思": "si",
    "捷": "jie", "峰": "feng", "威": "wei", "锦": "jin", "凯": "kai", "润": "run",
    "森": "sen", "荣": "rong", "伟": "wei", "逸": "yi",
}  # fmt: skip
TRADE_WORDS = 1500  # size of the pool of two-character trade words
SELECTIVE_WORD = "三元"  # always in the pool: the selective keyword searched for
COMMON_WORD = "氢能"  # an industry word of about 7 % of the names
# (Chinese, English, GB/T 4754 division, weight)
INDUSTRIES = [
    ("新能源", "New Energy", "38", 8),
    ("氢能", "Hydrogen Energy", "26", 7),
    ("光伏", "Photovoltaic", "38", 7),
    ("汽车零部件", "Auto Parts", "36", 8),
    ("精密机械", "Precision Machinery", "34", 7),
    ("智能装备", "Intelligent Equipment", "35", 6),
    ("新材料", "New Materials", "26", 7),
    ("电子科技", "Electronic Technology", "39", 7),
    ("信息技术", "Information Technology", "65", 6),
    ("生物医药", "Biopharmaceutical", "27", 5),
    ("纺织", "Textile", "17", 5),
    ("化纤", "Chemical Fibre", "28", 4),
    ("储能", "Energy Storage", "38", 5),
    ("半导体", "Semiconductor", "39", 5),
    ("环保科技", "Environmental Technology", "77", 4),
    ("模具", "Mould", "35", 3),
    ("电机", "Electric Motor", "38", 3),
    ("锂电", "Lithium Battery", "38", 4),
]
# (kind, weight, credit-code registration authority + category)
KINDS = [
    ("enterprise", 920, "91"),
    ("research_institute", 30, "12"),
    ("association", 20, "51"),
    ("financial", 10, "91"),
    ("government", 10, "11"),
    ("university", 5, "12"),
    ("other", 5, "52"),
]
# Share of organisations per province (by code prefix); the rest spread over all counties.
PROVINCE_WEIGHTS = {"33": 0.30, "32": 0.20, "31": 0.10}
SIZES = [("micro", 40), ("small", 45), ("medium", 12), ("large", 3)]
COLUMNS = (
    "created_at", "updated_at", "name", "name_en", "name_is_rendering", "name_en_is_rendering",
    "credit_code", "kind", "size", "founded_on", "website", "description", "name_normalized",
    "search_tokens", "industry_id", "region_id",
)  # fmt: skip
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015; as in validators.py
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714-1997 organisation code

# --- The queries ---------------------------------------------------------------------------
CASES = [
    ("search_selective", "search", SELECTIVE_WORD),
    ("search_common", "search", COMMON_WORD),
    ("region_prefecture", "region", "330600"),
    ("region_province", "region", "330000"),
]
ENDPOINTS = {"page": "/organizations/", "api": "/api/v1/organizations/"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=100_000, help="organisations (100000)")
    parser.add_argument("--runs", type=int, default=60, help="timed runs per case (≥ 50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed runs per case first")
    parser.add_argument("--regenerate", action="store_true", help="regenerate the data anyway")
    parser.add_argument("--workers", type=int, default=2, help="processes segmenting names")
    parser.add_argument("--seed", type=int, default=20250, help="random seed of the data")
    parser.add_argument("--database-url", default=None, help="overrides DATABASE_URL")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="results file")
    parser.add_argument(
        "--force",
        action="store_true",
        help="run even if the database holds organisations that are not benchmark data",
    )
    args = parser.parse_args(argv)
    if args.orgs < 1:
        parser.error("--orgs must be positive")
    if args.runs < 50:
        print("note: fewer than 50 timed runs; percentiles are rough", file=sys.stderr)
    return args


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- Environment and database ---------------------------------------------------------------


def ensure_postgres_database(url: str) -> None:
    """Create the database named in ``url`` if the server does not have it yet."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    kwargs = {
        "host": parts.hostname or None,
        "port": parts.port or None,
        "user": parts.username or None,
        "password": parts.password or None,
    }
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    try:
        psycopg.connect(dbname=name, **kwargs).close()
        return
    except psycopg.OperationalError as error:
        if "does not exist" not in str(error):
            raise
    with psycopg.connect(dbname="postgres", autocommit=True, **kwargs) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    log(f"created database {name}")


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "alliancehub.settings"
    os.environ["ALLIANCEHUB_DATA_DIR"] = str(BENCH_DIR / "data")
    # A fixed key: the benchmark signs nothing that matters, and writes no key file.
    os.environ.setdefault("ALLIANCEHUB_SECRET_KEY", "bench-only-not-secret")
    if database_url.startswith(("postgres://", "postgresql://", "pgsql://")):
        ensure_postgres_database(database_url)
    elif database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


def prepare_site() -> None:
    from django.conf import settings
    from django.core.management import call_command

    log("migrate")
    call_command("migrate", interactive=False, verbosity=0)
    # The page renders {% static %} through the manifest storage, as in production; the
    # copy under bench/data is refreshed every run (only changed files are copied).
    if not settings.DEBUG:
        log("collectstatic")
        call_command("collectstatic", interactive=False, verbosity=0)


def database_info() -> dict:
    from django.db import connection

    info: dict = {"vendor": connection.vendor}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version()")
            info["version"] = cursor.fetchone()[0]
            settings = {}
            for name in (
                "shared_buffers",
                "work_mem",
                "effective_cache_size",
                "random_page_cost",
                "max_parallel_workers_per_gather",
                "jit",
            ):
                cursor.execute(f"SHOW {name}")
                settings[name] = cursor.fetchone()[0]
            info["settings"] = settings
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size(%s))", [TABLE])
            info["organization_table_size"] = cursor.fetchone()[0]
        else:
            cursor.execute("SELECT sqlite_version()")
            info["version"] = f"SQLite {cursor.fetchone()[0]}"
    return info


def machine_info() -> dict:
    import django

    info = {
        "nproc": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
    }
    try:
        with open("/proc/meminfo") as handle:
            total_kb = int(handle.readline().split()[1])
        info["memory_gb"] = round(total_kb / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return info


TABLE = "organizations_organization"


# --- Data generation -------------------------------------------------------------------------


def short_province(name: str) -> str:
    if name.endswith("自治区"):
        return name[:3] if name.startswith("内蒙古") else name[:2]
    if name.endswith("特别行政区"):
        return name[:2]
    return name.removesuffix("省").removesuffix("市")


def short_prefecture(name: str) -> str:
    if "自治州" in name:
        return name[:2]
    for suffix in ("地区", "市", "盟"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name.removesuffix(suffix)
    return name


def region_table() -> list[tuple]:
    """Every county-level region with the prefixes a company name may use, and its weight."""
    from alliancehub.organizations.models import Region

    regions = {r.code: r for r in Region.objects.all()}
    counties = [r for r in regions.values() if r.level == "county"]
    share_rest = 1.0 - sum(PROVINCE_WEIGHTS.values())
    per_province = {p: sum(1 for c in counties if c.code[:2] == p) for p in PROVINCE_WEIGHTS}
    table = []
    for county in sorted(counties, key=lambda r: r.code):
        parent = regions.get(county.parent_id)
        province = regions.get(county.code[:2] + "0000") or parent
        prefecture = parent if parent and parent.level == "prefecture" else province
        if province is None or prefecture is None:
            continue
        weight = share_rest / len(counties)
        if county.code[:2] in PROVINCE_WEIGHTS:
            weight += PROVINCE_WEIGHTS[county.code[:2]] / per_province[county.code[:2]]
        prov = (short_province(province.name), province.name_en)
        if prefecture is province:
            pref = prov
        else:
            pref = (short_prefecture(prefecture.name), prefecture.name_en)
        # Companies in a county-level city or a county may carry its full name (诸暨市…).
        own = (county.name, county.name_en) if county.name[-1] in "市县旗" else None
        table.append((county.code, weight, prov, pref, own))
    return table


def trade_pool(seed: int) -> list[tuple[str, str]]:
    chars = list(TRADE_CHARS)
    pairs = [a + b for a in chars for b in chars if a != b]
    rng = random.Random(seed)
    rng.shuffle(pairs)
    others = [p for p in pairs if p != SELECTIVE_WORD]
    pool = [SELECTIVE_WORD, *others[: TRADE_WORDS - 1]]
    return [(w, "".join(TRADE_CHARS[c] for c in w).capitalize()) for w in pool]


def org_code(number: int, letters: bool) -> str:
    """A 9-character organisation code (GB 11714) unique for ``number`` < 10**8."""
    if letters:  # the "MA…" codes issued since 2015, body in the credit-code alphabet
        digits = []
        for _ in range(6):
            number, rest = divmod(number, len(CREDIT_CHARSET))
            digits.append(CREDIT_CHARSET[rest])
        body = "MA" + "".join(reversed(digits))
    else:
        body = f"{number:08d}"
    total = sum(
        (int(c) if c.isdigit() else ord(c) - 55) * w
        for c, w in zip(body, ORG_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


_WORKER: dict = {}


def init_worker(regions: list[tuple], seed: int, fmt: str) -> None:
    from alliancehub.common.text import normalize_name, search_document
    from alliancehub.organizations.validators import credit_code_check_character

    cum, total = [], 0.0
    for row in regions:
        total += row[1]
        cum.append(total)
    _WORKER.update(
        regions=regions,
        cum=cum,
        total=total,
        trade=trade_pool(seed),
        seed=seed,
        fmt=fmt,
        normalize_name=normalize_name,
        search_document=search_document,
        check=credit_code_check_character,
        now=datetime.now(UTC).isoformat(),
    )


def generate_chunk(task: tuple[int, int]) -> tuple[int, object]:
    """Rows ``start .. start+count`` (deterministic per chunk): COPY text, or tuples."""
    start, count = task
    w = _WORKER
    rng = random.Random(w["seed"] * 1_000_003 + start)
    regions, cum, total, trade = w["regions"], w["cum"], w["total"], w["trade"]
    normalize_name, search_document, check = w["normalize_name"], w["search_document"], w["check"]
    kind_weights = [k[1] for k in KINDS]
    industry_weights = [i[3] for i in INDUSTRIES]
    size_weights = [s[1] for s in SIZES]
    epoch = date(1985, 1, 1)
    rows = []
    for index in range(start, start + count):
        code, _, prov, pref, own = regions[bisect.bisect_left(cum, rng.random() * total)]
        kind, _, authority = rng.choices(KINDS, weights=kind_weights)[0]
        industry, industry_en, industry_code, _ = rng.choices(INDUSTRIES, weights=industry_weights)[
            0
        ]
        r = rng.random()
        prefix = prov if r < 0.25 else own if (own and r > 0.8) else pref
        word, pinyin = trade[rng.randrange(len(trade))]
        if rng.random() < 0.35:  # a four-character trade name: two words
            word2, pinyin2 = trade[rng.randrange(len(trade))]
            word, pinyin = word + word2, pinyin + pinyin2.lower()
        size = ""
        if kind == "enterprise":
            r = rng.random()
            middle, middle_en = (
                ("科技", " Technology") if r < 0.3 and "科技" not in industry else ("", "")
            )
            suffix, suffix_en = (
                ("有限公司", "Co., Ltd.")
                if r < 0.75
                else ("股份有限公司", "Co., Ltd.")
                if r < 0.95
                else ("集团有限公司", "Group Co., Ltd.")
            )
            name = f"{prefix[0]}{word}{industry}{middle}{suffix}"
            name_en = f"{prefix[1]} {pinyin} {industry_en}{middle_en} {suffix_en}"
            size = rng.choices(SIZES, weights=size_weights)[0][0]
        elif kind == "research_institute":
            name = f"{prefix[0]}{word}{industry}研究院"
            name_en = f"{prefix[1]} {pinyin} {industry_en} Research Institute"
        elif kind == "association":
            name = f"{prefix[0]}{industry}行业协会"
            name_en = f"{prefix[1]} {industry_en} Industry Association"
        elif kind == "financial":
            name = f"{prefix[0]}{word}融资租赁有限公司"
            name_en = f"{prefix[1]} {pinyin} Financial Leasing Co., Ltd."
        elif kind == "government":
            name = f"{prefix[0]}{industry}产业发展服务中心"
            name_en = f"{prefix[1]} {industry_en} Industry Development Service Centre"
        elif kind == "university":
            name = f"{prefix[0]}{word}职业技术学院"
            name_en = f"{prefix[1]} {pinyin} Vocational and Technical College"
        else:
            name = f"{prefix[0]}{industry}产业创新联盟"
            name_en = f"{prefix[1]} {industry_en} Industry Innovation Alliance"
        # A unique organisation code per row: a bijection of the row number mod 10**8.
        number = (index * 7_919 + 10_007) % 100_000_000
        first17 = authority + code + org_code(number, letters=rng.random() < 0.5)
        credit_code = first17 + check(first17)
        founded = epoch + timedelta(days=rng.randrange(40 * 365))
        website = (
            f"https://www.{pinyin.lower()}{credit_code[-4:].lower()}.cn"
            if rng.random() < 0.4
            else ""
        )
        rows.append(
            (
                w["now"],
                w["now"],
                name,
                name_en,
                False,
                rng.random() < 0.3,
                credit_code,
                kind,
                size,
                founded.isoformat(),
                website,
                MARKER,
                normalize_name(name),
                search_document(name, name_en, credit_code),
                industry_code,
                code,
            )
        )
    if w["fmt"] != "copy":
        return count, rows
    lines = []
    for row in rows:
        fields = []
        for value in row:
            if value is True or value is False:
                fields.append("t" if value else "f")
            else:
                fields.append(str(value).translate(_COPY_ESCAPES))
        lines.append("\t".join(fields))
    return count, ("\n".join(lines) + "\n").encode()


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def benchmark_rows() -> tuple[int, int]:
    """(generated organisations, other organisations) in the table."""
    from alliancehub.organizations.models import Organization

    generated = Organization.objects.filter(description=MARKER).count()
    return generated, Organization.objects.count() - generated


def chunks(total: int, size: int) -> list[tuple[int, int]]:
    return [(start, min(size, total - start)) for start in range(0, total, size)]


def generate(orgs: int, seed: int, workers: int, others: int) -> float:
    """Replace the benchmark rows by ``orgs`` fresh ones; returns the seconds it took."""
    import multiprocessing

    from django.db import connection, connections, transaction

    started = time.perf_counter()
    regions = region_table()
    postgres = connection.vendor == "postgresql"
    size = 10_000 if orgs >= 100_000 else 1_000
    tasks = chunks(orgs, size)
    # Workers are forked: no database connection may be open across the fork.
    connections.close_all()
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with context.Pool(
        max(1, workers),
        initializer=init_worker,
        initargs=(regions, seed, "copy" if postgres else "rows"),
    ) as pool:
        results = pool.imap(generate_chunk, tasks)
        if postgres:
            _load_postgres(unique_names(results), orgs, truncate=others == 0)
        else:
            with transaction.atomic():
                _delete_benchmark_rows()
                _load_generic(results, orgs)
    log("VACUUM ANALYZE" if postgres else "ANALYZE")
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute(f"VACUUM (ANALYZE) {TABLE}")
        # The small reference tables too, as autovacuum would have done on a live site.
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def unique_names(blocks):
    """The generated COPY blocks with repeated names numbered (…（2）): the registry refuses a
    repeated normalised name (constraint ``organization_unique_name``) and the generator
    repeats a few in a thousand."""
    from alliancehub.common.text import normalize_name, search_document

    name, normalized, tokens = (
        COLUMNS.index(c) for c in ("name", "name_normalized", "search_tokens")
    )
    name_en, credit = COLUMNS.index("name_en"), COLUMNS.index("credit_code")
    seen: set[str] = set()
    renamed = 0
    for count, block in blocks:
        lines = block.decode().rstrip("\n").split("\n")
        for i, line in enumerate(lines):
            fields = line.split("\t")
            if fields[normalized] in seen:
                base, n = fields[name], 2
                while normalize_name(f"{base}（{n}）") in seen:
                    n += 1
                fields[name] = f"{base}（{n}）"
                fields[normalized] = normalize_name(fields[name])
                fields[tokens] = search_document(fields[name], fields[name_en], fields[credit])
                lines[i] = "\t".join(fields)
                renamed += 1
            seen.add(fields[normalized])
        yield count, ("\n".join(lines) + "\n").encode()
    log(f"  {renamed:,} repeated names numbered")


def write_report(report: dict, output: Path) -> None:
    """Write the results as JSON to ``output`` and print them."""
    text = json.dumps(report, ensure_ascii=False, indent=2)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text + "\n", encoding="utf-8")
    print(text)
    log(f"wrote {output}")


def _delete_benchmark_rows() -> None:
    from alliancehub.organizations.models import Organization

    deleted = Organization.objects.filter(description=MARKER)._raw_delete("default")
    if deleted:
        log(f"deleted {deleted} earlier benchmark rows")


def _progress(done: int, total: int, started: float) -> None:
    rate = done / max(time.perf_counter() - started, 1e-9)
    log(f"  {done:>9,} / {total:,} rows  ({rate:,.0f} rows/s)")


def _load_postgres(results, orgs: int, truncate: bool) -> None:
    """One transaction: empty, drop secondary indexes, COPY, rebuild the indexes."""
    from django.db import connection, transaction

    with transaction.atomic():
        raw = connection.connection
        with raw.cursor() as cursor:
            # Check the foreign keys row by row: pending deferred checks would forbid CREATE INDEX.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            if truncate:
                cursor.execute(f"TRUNCATE {TABLE} RESTART IDENTITY CASCADE")
            else:
                cursor.execute(f"DELETE FROM {TABLE} WHERE description = %s", [MARKER])
            # Indexes not backing a constraint are rebuilt after the load, much faster.
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE i.indrelid = %s::regclass "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
                [TABLE],
            )
            indexes = cursor.fetchall()
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            log(f"COPY {orgs:,} rows (secondary indexes dropped: {len(indexes)})")
            # FREEZE: rows loaded into a table truncated in this transaction need no later
            # vacuum to be all-visible (index-only scans).
            freeze = " (FREEZE)" if truncate else ""
            started, done, next_report = time.perf_counter(), 0, 0
            with cursor.copy(f"COPY {TABLE} ({', '.join(COLUMNS)}) FROM STDIN{freeze}") as copy:
                for count, block in results:
                    copy.write(block)
                    done += count
                    if done >= next_report:
                        _progress(done, orgs, started)
                        next_report += max(orgs // 10, 1)
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for name, definition in indexes:
                log(f"CREATE INDEX {name}")
                cursor.execute(definition)
            log("commit")


def _load_generic(results, orgs: int) -> None:
    from django.db import connection

    placeholders = ", ".join(["%s"] * len(COLUMNS))
    statement = f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({placeholders})"
    started, done = time.perf_counter(), 0
    with connection.cursor() as cursor:
        for count, rows in results:
            cursor.executemany(statement, rows)
            done += count
    _progress(done, orgs, started)


# --- Measuring -------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(values_s: list[float]) -> dict:
    ms = [v * 1000 for v in values_s]
    return {
        "p50": round(percentile(ms, 0.50), 2),
        "p95": round(percentile(ms, 0.95), 2),
        "mean": round(statistics.fmean(ms), 2),
        "min": round(min(ms), 2),
        "max": round(max(ms), 2),
    }


def replay(statements: list[str]) -> tuple[float, list[float]]:
    """Run ``statements`` on the DB-API connection under Django; total and per-statement time."""
    from django.db import connection

    connection.ensure_connection()
    cursor = connection.connection.cursor()
    times = []
    try:
        begin = time.perf_counter()
        for sql in statements:
            started = time.perf_counter()
            cursor.execute(sql)
            if cursor.description is not None:
                cursor.fetchall()
            times.append(time.perf_counter() - started)
        total = time.perf_counter() - begin
    finally:
        cursor.close()
    return total, times


def explain(sql: str) -> list[str]:
    from django.db import connection

    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()


def measure_case(client, name: str, param: str, value: str, endpoint: str, args) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"{ENDPOINTS[endpoint]}?{param}={quote(value)}"
    headers = {"accept": "application/json"} if endpoint == "api" else {}

    def get():
        response = client.get(url, secure=True, headers=headers)
        if response.status_code != 200:
            raise SystemExit(f"GET {url}: HTTP {response.status_code}")
        return response

    for _ in range(args.warmup):
        get()
    with CaptureQueriesContext(connection) as captured:
        response = get()
    statements = [q["sql"] for q in captured.captured_queries]
    for _ in range(max(1, args.warmup // 2)):
        replay(statements)
    view_times, raw_times, per_statement = [], [], [[] for _ in statements]
    for _ in range(args.runs):  # interleaved, so drift affects both alike
        started = time.perf_counter()
        get()
        view_times.append(time.perf_counter() - started)
        total, times = replay(statements)
        raw_times.append(total)
        for bucket, t in zip(per_statement, times, strict=True):
            bucket.append(t)
    view, raw = summary(view_times), summary(raw_times)
    shown = json.loads(response.content) if endpoint == "api" else {}
    return {
        "case": f"{name}_{endpoint}",
        "filter": {param: value},
        "endpoint": endpoint,
        "url": url,
        "rows_matched": None,
        "api_count": shown.get("count"),
        "api_count_capped": shown.get("count_capped"),
        "response_bytes": len(response.content),
        "queries": len(statements),
        "view_ms": view,
        "raw_sql_ms": raw,
        "ratio_p50": round(view["p50"] / raw["p50"], 2) if raw["p50"] else None,
        "ratio_p95": round(view["p95"] / raw["p95"], 2) if raw["p95"] else None,
        "_sql": statements,
        "statements": [
            {"sql": sql if len(sql) <= 400 else sql[:400] + " …", **summary(times)}
            for sql, times in zip(statements, per_statement, strict=True)
        ],
    }


def exact_count(param: str, value: str) -> int | None:
    """How many organisations the filter matches (untimed; the views may cap their count)."""
    from alliancehub.organizations.filtersets import OrganizationFilterSet
    from alliancehub.organizations.models import Organization

    filterset = OrganizationFilterSet({param: value}, queryset=Organization.objects.all())
    return filterset.qs.count() if filterset.is_valid() else None


def measure(args) -> list[dict]:
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    results = []
    for name, param, value in CASES:
        matched = exact_count(param, value)
        for endpoint in ("page", "api"):
            log(f"measure {name} ({param}={value}) {endpoint}")
            result = measure_case(client, name, param, value, endpoint, args)
            result["rows_matched"] = matched
            results.append(result)
    for result in results:
        statements = result.pop("_sql")
        met = (
            result["view_ms"]["p95"] <= TARGET_P95_MS
            and result["ratio_p50"] is not None
            and result["ratio_p50"] <= TARGET_RATIO
        )
        result["target_met"] = met
        if connection.vendor == "postgresql" and not met:
            slowest = max(result["statements"], key=lambda s: s["p50"])
            index = result["statements"].index(slowest)
            result["slowest_statement"] = index
            result["slowest_statement_plan"] = explain(statements[index])
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    database_url = args.database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    setup_django(database_url)
    prepare_site()
    from django.db import connection

    generated, others = benchmark_rows()
    if others and not args.force:
        print(
            f"The database holds {others:,} organisations that are not benchmark data; "
            "point DATABASE_URL at a benchmark database or pass --force.",
            file=sys.stderr,
        )
        return 2
    generation_s = None
    if args.regenerate or generated != args.orgs:
        log(f"generating {args.orgs:,} organisations on {connection.vendor}")
        generation_s = round(generate(args.orgs, args.seed, args.workers, others), 1)
        log(f"generated in {generation_s} s")
    else:
        log(f"reusing {generated:,} generated organisations (--regenerate to rebuild)")
    generated, others = benchmark_rows()
    total = generated + others
    cases = measure(args)
    applies = total >= TARGET_ORGS and connection.vendor == "postgresql"
    report = {
        "benchmark": "directory",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "data": {
            "organizations": total,
            "benchmark_organizations": generated,
            "generation_seconds": generation_s,
            "seed": args.seed,
        },
        "database": database_info(),
        "machine": machine_info(),
        "method": {
            "runs": args.runs,
            "warmup": args.warmup,
            "view": "django.test.Client GET through the full middleware stack, anonymous; "
            "page = full HTML page, api = JSON",
            "raw_sql": "the statements the view executed (CaptureQueriesContext), replayed "
            "verbatim on the DB-API cursor with all rows fetched, interleaved with the views",
            "ratio": "view p50 / raw SQL p50",
        },
        "target": {
            "view_p95_ms": TARGET_P95_MS,
            "max_view_raw_ratio": TARGET_RATIO,
            "at_organizations": TARGET_ORGS,
            "vendor": "postgresql",
            "applies_to_this_run": applies,
        },
        "all_targets_met": all(c["target_met"] for c in cases),
        "cases": cases,
    }
    write_report(report, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
