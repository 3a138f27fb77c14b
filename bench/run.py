"""Benchmark: the pages and the API against a static file served by the same server, in one run.

    make bench                      # or: .venv/bin/python -m bench.run [--quick]

For each data size (the real ASEAN dataset, 11 states; synthetic 200 states x 150 treaties) it
resets a PostgreSQL database of its own on 127.0.0.1:5432 (user postgres), migrates and loads it,
and starts gunicorn on loopback in the production configuration: as the Dockerfile runs it
(docker/gunicorn.conf.py), with production settings (DEBUG off, JSON logs) and the Redis cache
(BENCH_CACHE_URL, default redis://127.0.0.1:6379/14, emptied first); databases are named
BENCH_DATABASE_PREFIX (default r2p_bench) and the size. It then measures, with wrk
where it is installed and a bounded Python client otherwise:

- static files as large as the scorecard and as the overview, served by the same gunicorn +
  WhiteNoise (the baselines the pages are divided by);
- `/`, `/countries/<iso3>/` and `/api/v1/participation/` (JSON, first full page) answered from
  the cache;
- the same three as the first request after a change to the data: before the requests the
  client moves the data version as a save does, so nothing kept for an earlier version is used
  (the response cache in Redis and in each process, the ASEAN medians). The scorecard is
  measured after three kinds of change: to one state's facts, every scorecard in turn (what
  the other states keep of themselves stays valid); to the facts of the state asked for; and
  one that may concern every state (a source, a treaty);
- the full CSV export `/api/v1/participation/?format=csv`, downloaded whole, beside the same rows
  fetched with one plain psycopg query and written with the csv module.

Each page's ratio ("x baseline" for requests per second, and the targets) divides it by the
static file of its size loaded right before it, not minutes earlier: a kept answer is loaded
five times (`--repeats`), each load after one of the static file, and the median of the five
ratios is reported; a first request after a change is measured after one load of the static
file. The note of each row gives that static file's requests per second.

SQL queries per request are counted in-process (Django test client and CaptureQueriesContext) for
every page and API list, and compared across sizes. Then the worker's peak resident memory during
the full CSV export is measured at ~20 000 and ~200 000 participation rows. Every load is bounded
in time and in requests; every server started is stopped. Results are printed as Markdown tables
and written as JSON to var/bench/.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import cast

import psycopg
from psycopg import sql

from bench import fastpath, loadgen
from bench.servers import (
    OUT,
    REPO,
    STATIC_ROOT,
    Gunicorn,
    RssSampler,
    base_env,
    peak_rss_kib,
    rss_kib,
)

PG = "postgresql://postgres@127.0.0.1:5432"
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/14")
DATABASE_PREFIX = os.environ.get("BENCH_DATABASE_PREFIX", "r2p_bench")

# Every page and API list whose query count must not depend on the amount of data.
COUNTED_PATHS = [
    "/",
    "/countries/{iso3}/",
    "/treaties/{key}/",
    "/methodology/",
    "/changes/",
    "/data/",
    "/api/v1/states/",
    "/api/v1/treaties/",
    "/api/v1/treaty-actions/",
    "/api/v1/status-observations/",
    "/api/v1/participation/",
    "/api/v1/participation/?format=csv",
    "/api/v1/focal-points/",
    "/api/v1/nhris/",
    "/api/v1/accreditations/",
    "/api/v1/laws/",
    "/api/v1/sources/",
]
SCORECARD = "/countries/{iso3}/"
BASELINE = "same bytes as the page"
PARTICIPATION = "/api/v1/participation/"
# The row the target for a first request after a change reads: every scorecard in turn after a
# change to one state's facts, as a researcher's edit makes it.
AFTER_A_CHANGE = "scorecard, first request after a change to a state's facts"
# Slower answers than this (median, warm) are measured with one client per worker thread
# instead of wrk.
SLOW_REQUEST_MS = 100
EXPORT = "/api/v1/participation/?format=csv"


@dataclass(frozen=True)
class Size:
    name: str
    label: str
    load: tuple[str, ...]

    @property
    def database(self) -> str:
        return f"{DATABASE_PREFIX}_{self.name}"

    @property
    def url(self) -> str:
        return f"{PG}/{self.database}"


SIZES = [
    Size("asean", "11 states x 21 treaties (ASEAN dataset)", ("load_dataset",)),
    Size(
        "s200_t150",
        "200 states x 150 treaties (synthetic)",
        ("generate_synthetic", "--states", "200", "--treaties", "150", "--seed", "1"),
    ),
]
MEMORY_SIZES = [
    Size(
        "s200_t100",
        "200 x 100 = 20 000 rows (synthetic)",
        ("generate_synthetic", "--states", "200", "--treaties", "100", "--seed", "2"),
    ),
    Size(
        "s200_t1000",
        "200 x 1000 = 200 000 rows (synthetic)",
        ("generate_synthetic", "--states", "200", "--treaties", "1000", "--seed", "3"),
    ),
]


@dataclass
class Row:
    endpoint: str
    path: str
    rps: float
    p50_ms: float
    p99_ms: float
    queries: int | None = None
    bytes: int | None = None
    requests: int | None = None
    errors: int | None = None
    tool: str = ""
    note: str = ""
    # The static file it is divided by: as large as the scorecard or as the overview.
    baseline: str = "scorecard"
    # Requests per second divided by those of that static file, loaded right before it (the
    # median of the pairs' ratios when loaded several times); None for a static file.
    ratio: float | None = None
    beside_rps: float | None = None


@dataclass
class SizeResult:
    size: str
    label: str
    states: int = 0
    treaties: int = 0
    rows: list[Row] = field(default_factory=list)
    query_counts: dict = field(default_factory=dict)
    statuses: dict = field(default_factory=dict)
    export_seconds: float | None = None
    fastpath_seconds: float | None = None
    fastpath_rows: int | None = None


@dataclass
class MemoryResult:
    size: str
    label: str
    rows: int
    export_seconds: float
    fastpath_seconds: float
    rss_before_kib: int
    peak_kib: int


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def manage(env: dict, *args: str, capture: bool = False) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        timeout=1800,
    )
    return done.stdout or ""


def prepare_database(size: Size, reuse: bool) -> None:
    """Create (or reset) the size's database, migrate it and load its data."""
    spec = " ".join(size.load)
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        found = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [size.database],
        ).fetchone()
        fresh = not (reuse and found and found[0] == spec)
        if fresh:
            name = sql.Identifier(size.database)
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    env = base_env(size.url)
    manage(env, "migrate", "--noinput")
    if fresh:
        log(f"{size.name}: loading ({spec})")
        started = time.perf_counter()
        manage(env, *size.load)
        log(f"{size.name}: loaded in {time.perf_counter() - started:.0f} s")
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
            connection.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                    sql.Identifier(size.database), sql.Literal(spec)
                )
            )
        with psycopg.connect(size.url, autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")
    else:
        log(f"{size.name}: reusing the loaded database")


def count_queries(size: Size) -> dict:
    # No response cache at all, so that every request does its full work.
    env = base_env(size.url, CACHE_URL="dummy://", RESPONSE_MEMORY_CACHE_MB="0")
    done = subprocess.run(
        [sys.executable, "-m", "bench.querycount", *COUNTED_PATHS],
        cwd=REPO,
        env=env,
        check=True,
        text=True,
        capture_output=True,
        timeout=1800,
    )
    return json.loads(done.stdout)


def empty_cache() -> None:
    """Empty the benchmark's Redis database, so that no answer survives from an earlier run."""
    host, _, rest = CACHE_URL.removeprefix("redis://").partition(":")
    port, _, database = rest.partition("/")
    subprocess.run(
        ["redis-cli", "-h", host, "-p", port or "6379", "-n", database or "0", "flushdb"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


class DataChange:
    """Moves the data version as every save of a fact does (commitments/versioning.py), from
    the client's thread, so that the next request finds nothing kept for the version before.

    Called with a state's primary key, it is a change to that state's facts (a treaty action, a
    law): the state's own number moves with the version, and what other states' scorecards
    keep of themselves stays valid. Without one, it is a change that may concern every state (a
    source corrected, a treaty renamed). Like a save, it notifies the web processes when it
    commits; it then gives them `SETTLE_SECONDS` to hear of it (outside the request's timing),
    so that the request after it is answered for the new version.
    """

    EVERY_STATE = (
        "UPDATE commitments_dataversion SET number = number + 1, shared = number + 1, "
        "changed_at = GREATEST(changed_at, now()) WHERE id = 1"
    )
    ONE_STATE = (
        "UPDATE commitments_dataversion SET number = number + 1, "
        "changed_at = GREATEST(changed_at, now()) WHERE id = 1 RETURNING number"
    )
    STATE_NUMBER = (
        "INSERT INTO commitments_stateversion (state, number) VALUES (%s, %s) "
        "ON CONFLICT (state) DO UPDATE SET number = EXCLUDED.number"
    )
    NOTIFY = "SELECT pg_notify('r2p_data_version', '')"
    SETTLE_SECONDS = 0.02

    def __init__(self, url: str):
        self.url = url
        self.local = threading.local()
        self.connections: list[psycopg.Connection] = []
        self.versions: list[str] = []

    def __call__(self, state: int | None = None) -> None:
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = psycopg.connect(self.url, autocommit=True)
            self.connections.append(connection)
        with connection.transaction():
            if state is None:
                connection.execute(self.EVERY_STATE)
            else:
                (number,) = cast(tuple[int], connection.execute(self.ONE_STATE).fetchone())
                connection.execute(self.STATE_NUMBER, (state, number))
            connection.execute(self.NOTIFY)
        time.sleep(self.SETTLE_SECONDS)

    def seen(self, response) -> None:
        self.versions.append(response.getheader("X-Data-Version", ""))

    def close(self) -> None:
        for connection in self.connections:
            connection.close()


def write_baseline(root: Path, name: str, size: int) -> str:
    """A static HTML file of exactly `size` bytes; returns its URL path."""
    line = "<p>Static baseline for the benchmark: the same number of bytes as the page.</p>\n"
    body = ("<!doctype html>\n" + line * (size // len(line) + 1)).encode()[:size]
    target = root / "bench" / f"baseline-{name}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    return f"/static/bench/{target.name}"


def warm(url: str, clients: int, cached: bool, max_seconds: float) -> loadgen.Measurement:
    """Warm every worker; for a cached answer, until a whole round is served from the cache.

    Each worker process has its own local-memory cache, and a keep-alive connection sticks to one
    worker, so warming opens a new connection per request and repeats until no request is slow.
    """
    deadline = time.monotonic() + max_seconds
    while True:
        round_ = loadgen.run_python(
            url, clients, max_seconds, max_requests=3 * clients, keep_alive=False
        )
        if round_.errors:
            raise SystemExit(f"{url} failed {round_.errors} times while warming")
        if not cached or round_.p99_ms < SLOW_REQUEST_MS or time.monotonic() > deadline:
            return round_


def measure_load(server: Gunicorn, path: str, args, cached: bool = False) -> loadgen.Measurement:
    url = server.base + path
    clients = server.workers * server.threads
    warmed = warm(url, clients, cached, max_seconds=args.duration * 20)
    if warmed.p50_ms > SLOW_REQUEST_MS:
        # wrk would leave queued requests running in the workers after it stops, and they would
        # load the next measurement; the Python client's threads wait for every answer.
        return loadgen.run_python(url, clients, args.duration, max_requests=4 * clients)
    # A fast answer is loaded several times and the run with the median throughput is kept, so
    # that a moment when the machine is busy with something else does not decide a ratio.
    runs = [spread_load(server, path, args) for _ in range(args.repeats)]
    return sorted(runs, key=lambda run: run.rps)[len(runs) // 2]


# A load is spread over the workers when none did less than this share of the busiest one's work.
SPREAD = 0.5
SPREAD_ATTEMPTS = 5


def spread_load(server: Gunicorn, path: str, args) -> loadgen.Measurement:
    """One load of `path` (wrk, or the Python client) spread over the workers."""
    return spread(
        server,
        path,
        lambda: loadgen.measure(
            server.base + path, args.connections, args.duration, args.python_client
        ),
    )


def spread(
    server: Gunicorn, path: str, load: Callable[[], loadgen.Measurement]
) -> loadgen.Measurement:
    """A load whose connections were spread over the workers, as many readers' connections are.

    A load generator opens its connections once, at the start; a worker still busy with the
    previous load when they arrive may take none of them, and the other worker then serves the
    whole load alone, at about 40% of the pair's throughput. Such a load (seen from each
    worker's CPU time during it) is run again, up to `SPREAD_ATTEMPTS` times in all.
    """
    for _ in range(SPREAD_ATTEMPTS):
        before = server.worker_cpu_ticks()
        measured = load()
        after = server.worker_cpu_ticks()
        work = [after[pid] - before[pid] for pid in before if pid in after]
        if len(work) < 2 or min(work) >= SPREAD * max(work):
            return measured
        log(f"  {path}: one worker did {min(work)} of {sum(work)} ticks; loading again")
    return measured


@dataclass(frozen=True)
class Paired:
    """A page's load and its ratio to the static file of its size loaded right before it."""

    page: loadgen.Measurement
    ratio: float
    static_rps: float


def measure_beside(server: Gunicorn, path: str, static: str, args) -> Paired:
    """A kept (fast) answer loaded `repeats` times, each load right after one of the static
    file: the pair with the median ratio.

    A ratio of two loads minutes apart measures the machine as much as the page (on a shared
    machine, a static file's throughput was seen to vary threefold from one minute to the next);
    two loads back to back see the same machine.
    """
    clients = server.workers * server.threads
    warm(server.base + path, clients, True, max_seconds=args.duration * 20)
    pairs = []
    for _ in range(args.repeats):
        before = spread_load(server, static, args)
        page = spread_load(server, path, args)
        pairs.append((page.rps / before.rps, page, before.rps))
        log(f"  {path}: {page.rps:,.0f} req/s beside the static file's {before.rps:,.0f}")
    pairs.sort(key=lambda pair: pair[0])
    ratio, page, static_rps = pairs[len(pairs) // 2]
    return Paired(page, ratio, static_rps)


def static_now(server: Gunicorn, static: str, args) -> float:
    """The static file's requests per second, loaded once, now (before a slow measurement)."""
    return spread_load(server, static, args).rps


# What changes before the requests of `measure_after_change`: a change that may concern every
# state, before each round; a change to one state's facts (each round another state), before each
# round; a change to the facts of the state whose scorecard is asked for, before each request.
EVERY_STATE, A_STATE, ITS_STATE = "every state", "a state", "its state"


def measure_after_change(
    server: Gunicorn, paths: list[str], size: Size, args, changed: str = EVERY_STATE
):
    """Requests that each come first after a change to the data, for its page.

    The client moves the data version as a save does (`changed` says which kind of save), then
    asks for `paths` in turn, each once, before it moves the version again: every request finds
    nothing kept for its page's answer (in Redis or in a process), as the first reader of each
    page after a change does. What a change makes every page recompute once (the ASEAN medians)
    is computed for the first of them and shared, as it is after a real change. Before a change
    to a state's facts, every path is read once (untimed), as readers do between changes. With
    one path,
    or with `ITS_STATE`, the version moves before every request. `paths` are scorecards, in the
    order of `state_ids`, unless `changed` is `EVERY_STATE`. Returns the measurement and how
    many versions the answers were computed for.
    """
    change = DataChange(size.url)
    clients = server.workers * server.threads
    states = state_ids(size.url) if changed != EVERY_STATE else []
    if states:
        # Every scorecard read once since the latest change, untimed, as readers read them
        # between changes: what a change to one state leaves valid is then there to reuse.
        loadgen.run_python(
            server.base,
            clients,
            args.duration * 20,
            max_requests=len(paths),
            path_for=lambda number: paths[(number - 1) % len(paths)],
        )

    def path_for(number: int) -> str:
        at = (number - 1) % len(paths)
        if changed == ITS_STATE:
            change(states[at])
        elif at == 0 or len(paths) == 1:
            change(states[(number - 1) // len(paths) % len(states)] if states else None)
        return paths[at]

    def load() -> loadgen.Measurement:
        change.versions.clear()
        return loadgen.run_python(
            server.base,
            clients,
            args.duration,
            max_requests=max(40 * clients, 2 * len(paths)),
            path_for=path_for,
            seen=change.seen,
        )

    try:
        measured = spread(server, paths[0], load)
    finally:
        change.close()
    return measured, len(set(change.versions))


def measure_export(server: Gunicorn, args) -> loadgen.Measurement:
    loadgen.fetch(server.base + EXPORT)
    return loadgen.run_sequential(server.base + EXPORT, args.exports, max_seconds=120)


def fastpath_seconds(size: Size, repeats: int) -> tuple[int, float]:
    times, rows = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeats):
            rows, seconds = fastpath.export(size.url, Path(tmp) / "export.csv", today())
            times.append(seconds)
    return rows, statistics.median(times)


def today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


def _row(name: str, path: str, m: loadgen.Measurement, counted: dict | None, note="") -> Row:
    return Row(
        endpoint=name,
        path=path,
        rps=m.rps,
        p50_ms=m.p50_ms,
        p99_ms=m.p99_ms,
        queries=counted["queries"] if counted else None,
        bytes=counted["bytes"] if counted else None,
        requests=m.requests,
        errors=m.errors,
        tool=m.tool,
        note=note,
    )


def _beside(row: Row, kind: str, ratio: float, static_rps: float) -> None:
    row.baseline = kind
    row.ratio = ratio
    row.beside_rps = static_rps
    beside = f"static file beside it: {static_rps:,.0f} req/s"
    row.note = f"{row.note}; {beside}" if row.note else beside


def run_size(size: Size, root: Path, args) -> SizeResult:
    prepare_database(size, args.reuse)
    counts = count_queries(size)
    result = SizeResult(size.name, size.label, counts["states"], counts["treaties"])
    result.query_counts = {p: c["queries"] for p, c in counts["paths"].items()}
    result.statuses = {p: c["status"] for p, c in counts["paths"].items()}
    paths = counts["paths"]
    missing = [p for p in (SCORECARD, PARTICIPATION, EXPORT, "/") if paths[p]["status"] != 200]
    if missing:
        raise SystemExit(f"These answer {[paths[p]['status'] for p in missing]}: {missing}")
    scorecard, overview = paths[SCORECARD], paths["/"]
    baselines = {
        "scorecard": write_baseline(root, f"{size.name}-scorecard", scorecard["bytes"]),
        "overview": write_baseline(root, f"{size.name}-overview", overview["bytes"]),
    }
    log_dir = OUT / "logs"

    log(f"{size.name}: measuring in the production configuration (Redis cache)")
    empty_cache()
    with Gunicorn(
        base_env(size.url, CACHE_URL=CACHE_URL),
        log_dir / f"{size.name}-production.log",
        args.workers,
        args.threads,
    ) as server:
        for name, counted in (("scorecard", scorecard), ("overview", overview)):
            measured = measure_load(server, baselines[name], args)
            result.rows.append(
                _row(f"static file, {name} size", baselines[name], measured, None, BASELINE)
            )
            result.rows[-1].bytes = counted["bytes"]
            result.rows[-1].baseline = name
        for name, path, counted in (
            ("/ (cached)", "/", overview),
            ("scorecard (cached)", scorecard["path"], scorecard),
            ("participation JSON (cached)", PARTICIPATION, paths[PARTICIPATION]),
        ):
            kind = "overview" if path == "/" else "scorecard"
            paired = measure_beside(server, path, baselines[kind], args)
            result.rows.append(_row(name, path, paired.page, counted))
            _beside(result.rows[-1], kind, paired.ratio, paired.static_rps)
        export = measure_export(server, args)
        result.rows.append(
            _row("participation CSV, full export", EXPORT, export, paths[EXPORT], "streamed")
        )
        result.export_seconds = export.p50_ms / 1000
        participation = paths[PARTICIPATION]
        every_scorecard = [SCORECARD.format(iso3=code.lower()) for code in state_codes(size.url)]
        for name, path, targets, counted, changed in (
            (AFTER_A_CHANGE, SCORECARD, every_scorecard, scorecard, A_STATE),
            (
                "scorecard of the changed state, first request after its change",
                SCORECARD,
                every_scorecard,
                scorecard,
                ITS_STATE,
            ),
            (
                "scorecard, first request after a change to every state",
                SCORECARD,
                every_scorecard,
                scorecard,
                EVERY_STATE,
            ),
            ("/, first request after a change", "/", ["/"], overview, EVERY_STATE),
            (
                "participation JSON, first request after a change",
                PARTICIPATION,
                [PARTICIPATION],
                participation,
                EVERY_STATE,
            ),
        ):
            kind = "overview" if path == "/" else "scorecard"
            static_rps = static_now(server, baselines[kind], args)
            measured, versions = measure_after_change(server, targets, size, args, changed)
            note = f"{measured.requests} answers for {versions} versions"
            result.rows.append(_row(name, path, measured, counted, note))
            _beside(result.rows[-1], kind, measured.rps / static_rps, static_rps)
    result.fastpath_rows, result.fastpath_seconds = fastpath_seconds(size, args.exports)
    return result


def run_memory(size: Size, args) -> MemoryResult:
    """Peak resident memory of a single worker while it streams the full CSV export."""
    prepare_database(size, args.reuse)
    env = base_env(size.url, CACHE_URL="dummy://")
    log(f"{size.name}: peak memory during the full export")
    memory_log = OUT / "logs" / f"{size.name}-memory.log"
    with Gunicorn(env, memory_log, workers=1, threads=1, timeout=3600) as server:
        (worker,) = server.worker_pids()
        # Warm the code paths with a one-state export, so the peak shows what the size adds.
        first_state = loadgen.fetch(server.base + "/api/v1/states/?format=json&page_size=1")
        assert first_state[0] == 200, first_state
        loadgen.fetch(server.base + EXPORT + "&state=" + _first_iso3(size))
        before = rss_kib(worker)
        with RssSampler(worker) as sampler:
            status, _, seconds = loadgen.fetch(server.base + EXPORT)
        if status != 200:
            raise SystemExit(f"{EXPORT} answered {status} at {size.name}")
        peak = max(sampler.peak_kib, peak_rss_kib(worker))
    rows, fast = fastpath_seconds(size, 1)
    return MemoryResult(size.name, size.label, rows, seconds, fast, before, peak)


def state_ids(database_url: str) -> list[int]:
    """The states' primary keys, in the order of `state_codes`."""
    with psycopg.connect(database_url) as connection:
        rows = connection.execute("SELECT id FROM commitments_state ORDER BY iso3")
        return [pk for (pk,) in rows]


def state_codes(database_url: str) -> list[str]:
    with psycopg.connect(database_url) as connection:
        return [
            code
            for (code,) in connection.execute("SELECT iso3 FROM commitments_state ORDER BY iso3")
        ]


def _first_iso3(size: Size) -> str:
    with psycopg.connect(size.url) as connection:
        row = connection.execute("SELECT iso3 FROM commitments_state ORDER BY iso3 LIMIT 1")
        (iso3,) = cast(tuple[str], row.fetchone())
        return iso3


# Reporting


def _f(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def baselines(result: SizeResult) -> dict[str, Row]:
    return {row.baseline: row for row in result.rows if row.note == BASELINE}


def size_table(result: SizeResult) -> str:
    assert result.export_seconds is not None and result.fastpath_seconds is not None
    bases = baselines(result)
    lines = [
        f"### {result.label}: {result.states} states, {result.treaties} treaties",
        "",
        "| endpoint | req/s | x baseline | p50 ms | x baseline | p99 ms | x baseline "
        "| SQL queries | bytes | requests | errors | note |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in result.rows:
        base = bases[row.baseline]
        ratio = row.rps / base.rps if row.ratio is None else row.ratio
        lines.append(
            f"| {row.endpoint} | {_f(row.rps)} | {_f(ratio, 2)} "
            f"| {_f(row.p50_ms, 2)} | {_f(row.p50_ms / base.p50_ms, 1)} "
            f"| {_f(row.p99_ms, 2)} | {_f(row.p99_ms / base.p99_ms, 1)} "
            f"| {'' if row.queries is None else row.queries} | {row.bytes or ''} "
            f"| {row.requests} | {row.errors} | {row.note} |"
        )
    lines += [
        "",
        f"Full CSV export: {_f(result.export_seconds, 3)} s (median of the downloads); "
        f"plain psycopg + csv for the same {result.fastpath_rows} rows: "
        f"{_f(result.fastpath_seconds, 3)} s; ratio "
        f"{_f(result.export_seconds / result.fastpath_seconds, 2)}x.",
        "",
    ]
    return "\n".join(lines)


def query_table(results: list[SizeResult]) -> str:
    header = " | ".join(f"{r.states} states" for r in results)
    lines = [
        "### SQL queries per request",
        "",
        f"| path | {header} | identical |",
        "|---|" + "---:|" * len(results) + "---|",
    ]
    for path in COUNTED_PATHS:
        counts = [r.query_counts.get(path) for r in results]
        failed = [r.statuses.get(path) for r in results if r.statuses.get(path) != 200]
        same = "yes" if len(set(counts)) == 1 else "**no**"
        if failed:
            same = f"answered {', '.join(map(str, failed))}"
        lines.append(f"| `{path}` | " + " | ".join(map(str, counts)) + f" | {same} |")
    return "\n".join(lines) + "\n"


def memory_table(results: list[MemoryResult]) -> str:
    lines = [
        "### Peak memory of the worker during the full CSV export",
        "",
        "| size | rows | export s | psycopg+csv s | ratio | RSS before MiB | peak MiB "
        "| growth MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in results:
        lines.append(
            f"| {m.label} | {m.rows} | {_f(m.export_seconds, 2)} | {_f(m.fastpath_seconds, 2)} "
            f"| {_f(m.export_seconds / m.fastpath_seconds, 2)} | {_f(m.rss_before_kib / 1024)} "
            f"| {_f(m.peak_kib / 1024)} | {_f((m.peak_kib - m.rss_before_kib) / 1024)} |"
        )
    return "\n".join(lines) + "\n"


def targets(results: list[SizeResult], memory: list[MemoryResult]) -> str:
    checks = []
    if len(results) > 1:
        differ = [p for p in COUNTED_PATHS if len({r.query_counts.get(p) for r in results}) > 1]
        checks.append(
            ("SQL queries identical at every size", not differ, ", ".join(differ) or "all equal")
        )
    for r in results:
        bases = {name: row.rps for name, row in baselines(r).items()}
        ratio = {
            row.endpoint: row.rps / bases[row.baseline] if row.ratio is None else row.ratio
            for row in r.rows
        }
        assert r.export_seconds is not None and r.fastpath_seconds is not None
        export = r.export_seconds / r.fastpath_seconds
        # The targets are set at 200 states; the first request after a change is also
        # reported at 11, where one scorecard in eleven is the changed state's own.
        for endpoint, target in (
            ("scorecard (cached)", 0.8),
            ("/ (cached)", 0.8),
            *([(AFTER_A_CHANGE, 0.05)] if r.states >= 200 else []),
        ):
            checks.append(
                (
                    f"{r.size}: {endpoint} >= {target}x a static file of its size",
                    ratio[endpoint] >= target,
                    f"{ratio[endpoint]:.2f}x",
                )
            )
        checks.append((f"{r.size}: CSV export <= 2x psycopg+csv", export <= 2, f"{export:.2f}x"))
    for m in memory:
        memory_ratio = m.export_seconds / m.fastpath_seconds
        checks.append(
            (
                f"{m.size}: CSV export <= 2x psycopg+csv",
                memory_ratio <= 2,
                f"{memory_ratio:.2f}x",
            )
        )
    if len(memory) == 2:
        small, large = memory
        growth = (large.peak_kib - small.peak_kib) / small.peak_kib
        checks.append(
            ("peak memory grows < 20% from small to large", growth < 0.2, f"{growth:+.0%}")
        )
    lines = ["### Targets", "", "| target | met | measured |", "|---|---|---|"]
    lines += [f"| {name} | {'yes' if ok else '**no**'} | {value} |" for name, ok, value in checks]
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    with psycopg.connect(f"{PG}/postgres") as connection:
        (version,) = cast(tuple[str], connection.execute("SHOW server_version").fetchone())
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {sys.version.split()[0]}, "
        f"PostgreSQL {version}, load generator: "
        f"{'wrk' if loadgen.has_wrk() else 'Python threads'}"
    )


def parse_args(argv: list[str] | None = None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per load (10)")
    parser.add_argument(
        "--connections", type=int, default=32, help="concurrent wrk connections (32)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per worker (4, as in the image)"
    )
    parser.add_argument("--exports", type=int, default=3, help="full CSV downloads per size (3)")
    parser.add_argument(
        "--repeats",
        type=int,
        default=5,
        help="loads of each fast answer, each after one of its static file; the median (5)",
    )
    parser.add_argument("--quick", action="store_true", help="3 s loads, run once, no memory run")
    parser.add_argument("--skip-memory", action="store_true", help="skip the memory run")
    parser.add_argument(
        "--sizes",
        nargs="*",
        choices=[size.name for size in SIZES],
        help="measure only these sizes (default: all)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a benchmark database that already holds the same data",
    )
    parser.add_argument(
        "--python-client", action="store_true", help="use the Python client even if wrk exists"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.duration = 3
        args.repeats = 1
        args.skip_memory = True
    return args


def _stop(signum, frame):
    # Exiting through SystemExit runs the `with Gunicorn(...)` blocks, which stop the servers.
    raise SystemExit(f"stopped by signal {signum}")


def main(argv: list[str] | None = None) -> None:
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
    args = parse_args(argv)
    started = time.strftime("%Y-%m-%dT%H-%M-%S")
    OUT.mkdir(parents=True, exist_ok=True)
    about = machine()
    log(about)
    manage(base_env(SIZES[0].url), "collectstatic", "--noinput")
    root = STATIC_ROOT
    sizes = [size for size in SIZES if not args.sizes or size.name in args.sizes]
    results = [run_size(size, root, args) for size in sizes]
    memory = [] if args.skip_memory else [run_memory(size, args) for size in MEMORY_SIZES]

    report = "\n".join(
        [
            f"## Benchmark {started} UTC",
            "",
            f"Machine: {about}. gunicorn as the Dockerfile runs it (docker/gunicorn.conf.py), "
            f"{args.workers} workers x {args.threads} threads; Redis cache; "
            f"{args.connections} connections, {args.duration} s per load.",
            "",
            *[size_table(r) for r in results],
            query_table(results),
            memory_table(memory) if memory else "",
            targets(results, memory),
        ]
    )
    print(report)
    record = {
        "started": started,
        "machine": about,
        "args": vars(args),
        "sizes": [asdict(r) for r in results],
        "memory": [asdict(m) for m in memory],
    }
    (OUT / f"results-{started}.json").write_text(json.dumps(record, indent=2))
    (OUT / f"results-{started}.md").write_text(report)
    log(f"written to {OUT}/results-{started}.md and .json")


if __name__ == "__main__":
    main()
