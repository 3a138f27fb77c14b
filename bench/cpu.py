"""CPU time of one request in the application, for the figures the load test divides by the
static file: measured in-process, so they hold on a machine busy with other work.

    .venv/bin/python -m bench.cpu s200_t150 [requests]

The first argument names a database made by bench/run.py (BENCH_DATABASE_PREFIX, default
r2p_bench, and the size). Requests go through Django's WSGI handler, with production settings,
the Redis cache (BENCH_CACHE_URL) and the data version learned from PostgreSQL notifications as
in a gunicorn worker; the time is this process's CPU time (`time.process_time`), so neither the
database server's work nor the HTTP server's is counted, and other programs on the machine do not
change it much. It prints microseconds per request and each page's ratio to the static file of
its size (static time divided by page time).
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable

from bench.run import CACHE_URL, DATABASE_PREFIX, state_codes
from bench.servers import STATIC_ROOT, base_env


def main(name: str, requests: str = "300") -> None:
    count = int(requests)
    url = f"postgresql://postgres@127.0.0.1:5432/{DATABASE_PREFIX}_{name}"
    os.environ.update(base_env(url, CACHE_URL=CACHE_URL, LOG_LEVEL="WARNING"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "r2p_tracker.settings")

    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()

    from commitments import versioning

    versioning.watch.start()
    deadline = time.monotonic() + 10
    while versioning.watch.version() is None and time.monotonic() < deadline:
        time.sleep(0.05)

    def get(path: str) -> None:
        route, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        statuses: list[str] = []

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: object = None
        ) -> Callable[[bytes], object]:
            statuses.append(status)
            return lambda data: None

        body = application(environ, start_response)
        for _chunk in body:
            pass
        if hasattr(body, "close"):
            body.close()
        if not statuses[0].startswith("200"):
            raise SystemExit(f"{path} answered {statuses[0]}")

    def cpu_per_request(
        paths: list[str], before_each=None, requests: int = count, warm=None
    ) -> float:
        for path in paths[:2]:
            get(path)
        if warm is not None:
            warm()
        started = time.process_time()
        for number in range(requests):
            if before_each is not None:
                before_each(number)
            get(paths[number % len(paths)])
        return (time.process_time() - started) / requests * 1e6

    codes = [code.lower() for code in state_codes(url)]
    scorecard = f"/countries/{codes[0]}/"
    every_scorecard = [f"/countries/{code}/" for code in codes]
    baselines = {
        kind: f"/static/bench/baseline-{name}-{kind}.html" for kind in ("scorecard", "overview")
    }
    for path in baselines.values():
        if not (STATIC_ROOT / "bench" / path.rsplit("/", 1)[1]).exists():
            raise SystemExit(f"{path} is missing: run bench/run.py for {name} first")

    from commitments.models import State

    pks = dict(State.objects.values_list("iso3", "pk"))
    every_pk = [pks[code.upper()] for code in codes]

    def read_every_scorecard() -> None:
        # As readers do between changes: what a change to one state leaves valid is then kept.
        for path in every_scorecard:
            get(path)

    def change_to_a_state(number: int) -> None:
        # A change to one state's facts, as a save makes it, before each page's first request;
        # a different state each round.
        if number % len(every_scorecard) == 0:
            round_ = number // len(every_scorecard)
            versioning.announce_change(states=[every_pk[round_ % len(every_pk)]])

    def change_to_its_state(number: int) -> None:
        # A change to the facts of the state whose scorecard is asked for next.
        versioning.announce_change(states=[every_pk[number % len(every_pk)]])

    def change_to_every_state(number: int) -> None:
        # A change that may concern every state (a source, a treaty), before each round.
        if number % len(every_scorecard) == 0:
            versioning.announce_change()

    rows = [
        ("static file, scorecard size", "scorecard", cpu_per_request([baselines["scorecard"]])),
        ("static file, overview size", "overview", cpu_per_request([baselines["overview"]])),
        ("scorecard (cached)", "scorecard", cpu_per_request([scorecard])),
        ("/ (cached)", "overview", cpu_per_request(["/"])),
        (
            "scorecard, first request after a change to a state's facts",
            "scorecard",
            cpu_per_request(every_scorecard, change_to_a_state, warm=read_every_scorecard),
        ),
        (
            "scorecard of the changed state, first request after its change",
            "scorecard",
            cpu_per_request(
                every_scorecard, change_to_its_state, max(count // 3, 3), read_every_scorecard
            ),
        ),
        (
            "scorecard, first request after a change to every state",
            "scorecard",
            cpu_per_request(every_scorecard, change_to_every_state),
        ),
        (
            # The overview scores every state: a few requests, each after a change.
            "/, first request after a change",
            "overview",
            cpu_per_request(["/"], lambda _: versioning.announce_change(), max(count // 30, 3)),
        ),
    ]
    static = {kind: micros for label, kind, micros in rows if label.startswith("static")}
    print(f"| {name}: request | CPU us | static file / request |")
    print("|---|---:|---:|")
    for label, kind, micros in rows:
        print(f"| {label} | {micros:,.0f} | {static[kind] / micros:.3g}x |")
    versioning.watch.stop()


if __name__ == "__main__":
    main(*sys.argv[1:3])
