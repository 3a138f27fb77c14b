"""Load scenario: gunicorn, PostgreSQL and Redis on loopback; N clients over the pages and API.

    .venv/bin/python bench/load.py [--clients 50] [--duration 60] [--cache redis|none]

It creates a fresh PostgreSQL database (`r2p_bench` on 127.0.0.1:5432 as user postgres, or
BENCH_DATABASE_URL), migrates it, loads the ASEAN dataset, starts gunicorn with the container's
configuration (docker/gunicorn.conf.py) and production settings, then drives it with `wrk` when
installed (one Lua script cycling through the URLs below) or else with a bounded Python client.
It prints throughput, latency percentiles and the number of errors (any status other than 200,
and any socket error), and exits 1 if there was any error. It is a benchmark, not a test.

The anonymous API rate limit is raised for the run: every client shares the loopback address, and
the run measures capacity, not the limiter.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent

ISO3 = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "TLS", "VNM"]
TREATIES = ["genocide_1948", "rome_statute_1998", "gc_1949", "att_2013", "iccpr_1966"]
PAGES = [
    "/",
    "/?as_of=2015-01-01",
    *[f"/countries/{code.lower()}/" for code in ISO3],
    "/countries/phl/?as_of=2015-01-01",
    *[f"/treaties/{key}/" for key in TREATIES],
    "/methodology/",
    "/changes/",
    "/data/",
    "/countries/khm/embed/",
]
API = [
    "/api/v1/states/",
    "/api/v1/states/KHM/",
    "/api/v1/treaties/",
    "/api/v1/participation/",
    "/api/v1/participation/?as_of=2015-01-01&treaty=rome_statute_1998",
    "/api/v1/treaty-actions/?state=PHL",
    "/api/v1/status-observations/?state=BRN",
    "/api/v1/nhris/",
    "/api/v1/laws/?format=csv",
]
URLS = PAGES + API


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command: list[str], env: dict) -> None:
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare_database(database_url: str, env: dict) -> None:
    parts = urllib.parse.urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = [
        "psql",
        "-h",
        parts.hostname or "127.0.0.1",
        "-p",
        str(parts.port or 5432),
        "-U",
        parts.username or "postgres",
        "-d",
        "postgres",
        "-q",
    ]
    subprocess.run([*admin, "-c", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run([*admin, "-c", f'CREATE DATABASE "{name}"'], check=True)
    # As in the image: hashed static file names need the manifest that collectstatic writes.
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env)
    run([PYTHON, "manage.py", "migrate", "--noinput"], env)
    run([PYTHON, "manage.py", "load_dataset"], env)


def wait_until_up(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz", headers={"Host": "localhost"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not come up")


def _wrk_number(pattern: str, output: str) -> str:
    found = re.search(pattern, output)
    if found is None:
        raise RuntimeError(f"wrk's output has no {pattern!r}:\n{output}")
    return found.group(1)


def with_wrk(port: int, clients: int, duration: int) -> dict:
    paths = ", ".join(f'"{url}"' for url in URLS)
    script = Path(tempfile.mkdtemp()) / "urls.lua"
    script.write_text(
        f"""
paths = {{{paths}}}
counter = 0
wrk.headers["Host"] = "localhost"
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  for _, p in ipairs({{50, 90, 95, 99}}) do
    io.write(string.format("p%d %.2f\\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("max %.2f\\n", latency.max / 1000))
end
"""
    )
    threads = min(clients, os.cpu_count() or 2)
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{clients}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    shutil.rmtree(script.parent)
    requests = int(_wrk_number(r"(\d+) requests in", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    failed_status = int(non_2xx.group(1)) if non_2xx else 0
    failed_socket = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    latency = dict(re.findall(r"^(p\d+|max) ([\d.]+)$", output, re.M))
    return {
        "tool": "wrk",
        "requests": requests,
        "errors": failed_status + failed_socket,
        "detail": f"{failed_status} not 200, {failed_socket} socket errors or timeouts",
        "rps": float(_wrk_number(r"Requests/sec:\s+([\d.]+)", output)),
        **{key: float(value) for key, value in latency.items()},
    }


def with_python(port: int, clients: int, duration: int) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        index = offset
        mine, failed = [], 0
        while time.monotonic() < stop:
            url = URLS[index % len(URLS)]
            index += 1
            started = time.perf_counter()
            try:
                connection.request("GET", url, headers={"Host": "localhost"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "tool": "python",
        "requests": len(latencies),
        "errors": errors[0],
        "detail": f"{errors[0]} not 200, failed or timed out",
        "rps": len(latencies) / duration,
        "p50": cuts[49],
        "p90": cuts[89],
        "p95": cuts[94],
        "p99": cuts[98],
        "max": max(latencies),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--cache", choices=["redis", "none"], default="redis")
    parser.add_argument("--python-client", action="store_true", help="do not use wrk")
    args = parser.parse_args()

    port = free_port()
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/r2p_bench"
    )
    env = {
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database_url,
        "CACHE_URL": "redis://127.0.0.1:6379/14" if args.cache == "redis" else "dummy://",
        "SECURE_SSL_REDIRECT": "0",
        "API_ANON_THROTTLE_RATE": "1000000/minute",
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_CMD_ARGS": f"--bind 127.0.0.1:{port}",
    }
    if args.cache == "redis":
        subprocess.run(["redis-cli", "-n", "14", "flushdb"], check=True, stdout=subprocess.DEVNULL)
    prepare_database(database_url, env)
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "r2p_tracker.wsgi:application", "-c", "docker/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(port)
        use_wrk = shutil.which("wrk") and not args.python_client
        drive = with_wrk if use_wrk else with_python
        result = drive(port, args.clients, args.duration)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    print(
        f"{result['tool']}: {args.clients} clients, {args.duration} s, {len(URLS)} URLs "
        f"({len(PAGES)} pages, {len(API)} API), {args.workers} gunicorn workers, "
        f"cache {args.cache}"
    )
    print(
        f"requests {result['requests']}  errors {result['errors']} ({result['detail']})  "
        f"throughput {result['rps']:.0f}/s"
    )
    print(
        "latency ms: "
        + "  ".join(f"{key} {result[key]:.1f}" for key in ("p50", "p90", "p95", "p99", "max"))
    )
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
