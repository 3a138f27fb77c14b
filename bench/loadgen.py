"""Load generators: wrk where it is installed, otherwise a bounded Python client.

Both are bounded in time and in request count, and talk only to 127.0.0.1.
"""

from __future__ import annotations

import http.client
import re
import shutil
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

# The Python client never sends more than this many requests per measurement.
MAX_REQUESTS = 200_000


@dataclass
class Measurement:
    """Throughput and latency of one endpoint under load."""

    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    tool: str


def _check_loopback(url: str) -> None:
    if urlsplit(url).hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError(f"The benchmark only loads loopback servers, not {url}")


def has_wrk() -> bool:
    return shutil.which("wrk") is not None


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(match[1]) * _UNITS_MS[match[2]]


def parse_wrk(output: str) -> Measurement:
    """Read requests, rps, p50/p99 and errors from `wrk --latency` output."""
    requests = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", output)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    if not (requests and rps and p50 and p99):
        raise ValueError(f"could not read wrk output:\n{output}")
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx[1])
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if sockets:
        errors += sum(int(n) for n in sockets.groups())
    return Measurement(
        requests=int(requests[1]),
        seconds=_ms(requests[2] + requests[3]) / 1000,
        rps=float(rps[1]),
        p50_ms=_ms(p50[1]),
        p99_ms=_ms(p99[1]),
        errors=errors,
        tool="wrk",
    )


def run_wrk(url: str, connections: int, seconds: int, timeout: int = 30) -> Measurement:
    _check_loopback(url)
    command = [
        "wrk",
        "--latency",
        f"--threads={min(connections, 2)}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        f"--timeout={timeout}s",
        url,
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + timeout + 30, check=True
    )
    return parse_wrk(done.stdout)


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def fetch(url: str, timeout: float = 300) -> tuple[int, int, float]:
    """One GET, reading the whole body: (status, bytes, seconds)."""
    _check_loopback(url)
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    # _check_loopback has seen a host name.
    connection = http.client.HTTPConnection(cast(str, parts.hostname), parts.port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        size = 0
        while chunk := response.read(65536):
            size += len(chunk)
        return response.status, size, time.perf_counter() - started
    finally:
        connection.close()


def run_python(
    url: str,
    connections: int,
    seconds: float,
    max_requests: int = MAX_REQUESTS,
    keep_alive: bool = True,
    query_for: Callable[[int], str] | None = None,
    path_for: Callable[[int], str] | None = None,
    seen: Callable[[http.client.HTTPResponse], None] | None = None,
) -> Measurement:
    """`connections` threads, until `seconds` or `max_requests`.

    Without `keep_alive` every request opens a new connection, so that requests spread over the
    server's worker processes instead of sticking to the one that accepted a connection. With
    `query_for`, the n-th request asks for `url` with the query string `query_for(n)`, so that
    no two requests ask for the same thing; with `path_for`, it asks for the path `path_for(n)`
    on the same server instead (called in the client's thread, outside the request's timing).
    `seen` is given each answer.
    """
    _check_loopback(url)
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    budget = [max_requests]

    def worker() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection(cast(str, parts.hostname), parts.port, timeout=600)
        mine: list[float] = []
        failed = 0
        while time.perf_counter() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
                number = max_requests - budget[0]
            target = f"{parts.path}?{query_for(number)}" if query_for else path
            if path_for is not None:
                target = path_for(number)
            started = time.perf_counter()
            try:
                connection.request("GET", target)
                response = connection.getresponse()
                response.read()
                if seen is not None:
                    seen(response)
                if response.status >= 400:
                    failed += 1
                if not keep_alive or response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors += failed

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return Measurement(
        requests=len(latencies),
        seconds=elapsed,
        rps=len(latencies) / elapsed if elapsed else 0.0,
        p50_ms=_percentile(latencies, 0.50),
        p99_ms=_percentile(latencies, 0.99),
        errors=errors,
        tool="python",
    )


def run_sequential(url: str, count: int, max_seconds: float) -> Measurement:
    """`count` full downloads one after another (stopping early after `max_seconds`)."""
    latencies: list[float] = []
    errors = 0
    started = time.perf_counter()
    for _ in range(count):
        status, _size, seconds = fetch(url)
        latencies.append(seconds * 1000)
        errors += status >= 400
        if time.perf_counter() - started > max_seconds:
            break
    elapsed = time.perf_counter() - started
    latencies.sort()
    return Measurement(
        requests=len(latencies),
        seconds=elapsed,
        rps=len(latencies) / elapsed,
        p50_ms=_percentile(latencies, 0.50),
        p99_ms=_percentile(latencies, 0.99),
        errors=errors,
        tool="sequential",
    )


def measure(url: str, connections: int, seconds: int, force_python: bool = False) -> Measurement:
    """Load `url` for `seconds` with `connections` concurrent clients."""
    if has_wrk() and not force_python:
        return run_wrk(url, connections, seconds)
    return run_python(url, connections, seconds)
