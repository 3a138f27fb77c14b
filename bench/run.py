"""Benchmark: the pages and the API against a static file served by the same server, in one run.

    make bench                      # or: .venv/bin/python -m bench.run [--quick]

For each data size (the real ASEAN dataset, 11 states; synthetic 200 states x 150 treaties) it
resets a PostgreSQL database of its own on 127.0.0.1:5432 (user postgres), migrates and loads it,
starts gunicorn on loopback with production settings (DEBUG off) and measures, with wrk where it is
installed and a bounded Python client otherwise:

- a static file as large as the scorecard page, served by the same gunicorn + WhiteNoise
  (the baseline every other figure is divided by);
- `/`, `/countries/<iso3>/` from the cache and uncached (a second server with CACHE_URL=dummy://),
  and the scorecard for a new date on every request, so that its ASEAN medians are computed each
  time, as after a change to the data;
- `/api/v1/participation/` (JSON, first full page);
- the full CSV export `/api/v1/participation/?format=csv`, downloaded whole, beside the same rows
  fetched with one plain psycopg query and written with the csv module.

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
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

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
PARTICIPATION = "/api/v1/participation/"
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
        return f"r2p_bench_{self.name}"

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
    rps: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    queries: int | None = None
    bytes: int | None = None
    requests: int | None = None
    errors: int | None = None
    tool: str = ""
    note: str = ""


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
    env = base_env(size.url, CACHE_URL="dummy://")
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
    runs = [
        loadgen.measure(url, args.connections, args.duration, args.python_client)
        for _ in range(args.repeats)
    ]
    return sorted(runs, key=lambda run: run.rps)[len(runs) // 2]


def measure_median_misses(server: Gunicorn, path: str, args) -> loadgen.Measurement:
    """The scorecard when its ASEAN medians must be computed, as after a change to the data.

    Each request asks for another past date, so no worker has the medians for it yet; the
    page then loads and scores every state (commitments/medians.py).
    """
    first = datetime.date(2000, 1, 1)

    def query_for(number: int) -> str:
        return f"as_of={first + datetime.timedelta(days=number)}"

    clients = server.workers * server.threads
    return loadgen.run_python(
        server.base + path,
        clients,
        args.duration,
        max_requests=40 * clients,
        query_for=query_for,
    )


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
    scorecard = paths[SCORECARD]
    baseline_path = write_baseline(root, size.name, scorecard["bytes"])
    log_dir = OUT / "logs"

    log(f"{size.name}: measuring with the cache on")
    with Gunicorn(
        base_env(size.url), log_dir / f"{size.name}-cached.log", args.workers, args.threads
    ) as server:
        baseline = measure_load(server, baseline_path, args)
        result.rows.append(
            _row("static file (baseline)", baseline_path, baseline, None, "same bytes as page")
        )
        result.rows[-1].bytes = scorecard["bytes"]
        result.rows.append(
            _row("/ (cached)", "/", measure_load(server, "/", args, cached=True), paths["/"])
        )
        result.rows.append(
            _row(
                "scorecard (cached)",
                scorecard["path"],
                measure_load(server, scorecard["path"], args, cached=True),
                scorecard,
            )
        )
        result.rows.append(
            _row(
                "participation JSON (cached)",
                PARTICIPATION,
                measure_load(server, PARTICIPATION, args, cached=True),
                paths[PARTICIPATION],
                "first page",
            )
        )
        export = measure_export(server, args)
        result.rows.append(
            _row("participation CSV, full export", EXPORT, export, paths[EXPORT], "streamed")
        )
        result.export_seconds = export.p50_ms / 1000

    log(f"{size.name}: measuring with the cache off (CACHE_URL=dummy://)")
    with Gunicorn(
        base_env(size.url, CACHE_URL="dummy://"),
        log_dir / f"{size.name}-uncached.log",
        args.workers,
        args.threads,
    ) as server:
        result.rows.append(_row("/ (uncached)", "/", measure_load(server, "/", args), paths["/"]))
        result.rows.append(
            _row(
                "scorecard (uncached)",
                scorecard["path"],
                measure_load(server, scorecard["path"], args),
                scorecard,
            )
        )
        result.rows.append(
            _row(
                "scorecard (uncached, medians computed)",
                scorecard["path"] + "?as_of=...",
                measure_median_misses(server, scorecard["path"], args),
                scorecard,
                "a new date each request",
            )
        )
        result.rows.append(
            _row(
                "participation JSON (uncached)",
                PARTICIPATION,
                measure_load(server, PARTICIPATION, args),
                paths[PARTICIPATION],
                "first page",
            )
        )
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


def _first_iso3(size: Size) -> str:
    with psycopg.connect(size.url) as connection:
        return connection.execute(
            "SELECT iso3 FROM commitments_state ORDER BY iso3 LIMIT 1"
        ).fetchone()[0]


# Reporting


def _f(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def size_table(result: SizeResult) -> str:
    base = result.rows[0]
    lines = [
        f"### {result.label}: {result.states} states, {result.treaties} treaties",
        "",
        "| endpoint | req/s | x baseline | p50 ms | x baseline | p99 ms | x baseline "
        "| SQL queries | bytes | requests | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result.rows:
        lines.append(
            f"| {row.endpoint} | {_f(row.rps)} | {_f(row.rps / base.rps, 2)} "
            f"| {_f(row.p50_ms, 2)} | {_f(row.p50_ms / base.p50_ms, 1)} "
            f"| {_f(row.p99_ms, 2)} | {_f(row.p99_ms / base.p99_ms, 1)} "
            f"| {'' if row.queries is None else row.queries} | {row.bytes or ''} "
            f"| {row.requests} | {row.errors} |"
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
        rps = {row.endpoint: row.rps for row in r.rows}
        base = rps["static file (baseline)"]
        cached = rps["scorecard (cached)"] / base
        uncached = rps["scorecard (uncached)"] / base
        export = r.export_seconds / r.fastpath_seconds
        checks += [
            (f"{r.size}: cached scorecard >= 0.8x baseline", cached >= 0.8, f"{cached:.2f}x"),
            (
                f"{r.size}: uncached scorecard >= 0.25x baseline",
                uncached >= 0.25,
                f"{uncached:.2f}x",
            ),
            (f"{r.size}: CSV export <= 2x psycopg+csv", export <= 2, f"{export:.2f}x"),
        ]
    for m in memory:
        ratio = m.export_seconds / m.fastpath_seconds
        checks.append((f"{m.size}: CSV export <= 2x psycopg+csv", ratio <= 2, f"{ratio:.2f}x"))
    if len(memory) == 2:
        small, large = memory
        growth = (large.peak_kib - small.peak_kib) / small.peak_kib
        checks.append(
            ("peak memory grows < 20% from small to large", growth < 0.2, f"{growth:+.0%}")
        )
    lines = ["### Targets (issue 6)", "", "| target | met | measured |", "|---|---|---|"]
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
        version = connection.execute("SHOW server_version").fetchone()[0]
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {sys.version.split()[0]}, "
        f"PostgreSQL {version}, load generator: "
        f"{'wrk' if loadgen.has_wrk() else 'Python threads'}"
    )


def parse_args(argv: list[str] | None = None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per load (10)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (2)")
    parser.add_argument("--exports", type=int, default=3, help="full CSV downloads per size (3)")
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="loads of each fast answer; the median run is kept (3)",
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
            f"Machine: {about}. gunicorn gthread, {args.workers} workers x {args.threads} "
            f"threads; {args.connections} connections, {args.duration} s per load.",
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
