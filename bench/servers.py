"""Gunicorn on loopback for the benchmark, and the memory of its worker read from /proc."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.loadgen import fetch

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "var" / "bench"
STATIC_ROOT = OUT / "static"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _status_kib(pid: int, field: str) -> int:
    """A `VmRSS`/`VmHWM`-style field of /proc/<pid>/status, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def rss_kib(pid: int) -> int:
    return _status_kib(pid, "VmRSS")


def peak_rss_kib(pid: int) -> int:
    """The process's high-water mark of resident memory since it started (VmHWM)."""
    return _status_kib(pid, "VmHWM")


class Gunicorn:
    """`with Gunicorn(env) as server:` starts gunicorn on a free loopback port and stops it.

    It runs as the image's CMD does (the Dockerfile): `gunicorn r2p_tracker.wsgi:application
    --config docker/gunicorn.conf.py`, with the worker and thread counts given through the
    environment variables that configuration reads.
    """

    def __init__(
        self,
        env: dict[str, str],
        log: Path,
        workers: int,
        threads: int,
        ready_path: str = "/healthz",
        timeout: int = 600,
    ):
        self.timeout = timeout
        self.env = env
        self.log = log
        self.workers = workers
        self.threads = threads
        self.ready_path = ready_path
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Gunicorn:
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "r2p_tracker.wsgi:application",
            "--config",
            "docker/gunicorn.conf.py",
        ]
        env = {
            **self.env,
            "WEB_CONCURRENCY": str(self.workers),
            "GUNICORN_THREADS": str(self.threads),
            "GUNICORN_TIMEOUT": str(self.timeout),
            "GUNICORN_CMD_ARGS": f"--bind=127.0.0.1:{self.port}",
        }
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        self._wait_ready()
        return self

    def _wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        assert self.process is not None, "started in __enter__"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log}")
            try:
                status, _, _ = fetch(self.base + self.ready_path, timeout=5)
                if status < 500 and len(self.worker_pids()) == self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {seconds:.0f} s; see {self.log}")

    def worker_pids(self) -> list[int]:
        assert self.process is not None, "started in __enter__"
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except FileNotFoundError:
            return []

    def worker_cpu_ticks(self) -> dict[int, int]:
        """Each worker's CPU time so far (user and system, in clock ticks), by process id."""
        ticks = {}
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            ticks[pid] = int(fields[11]) + int(fields[12])
        return ticks

    def __exit__(self, *exc) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


class RssSampler:
    """Samples a process's resident memory every `interval` seconds while in the `with` block."""

    def __init__(self, pid: int, interval: float = 0.02):
        self.pid = pid
        self.interval = interval
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.peak_kib = max(self.peak_kib, rss_kib(self.pid))
            except (FileNotFoundError, ProcessLookupError):
                return
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def base_env(database_url: str, **extra: str) -> dict[str, str]:
    """Production settings (DEBUG off, JSON logs) on loopback, with the API throttle out of the
    way; the cache is local memory unless `extra` gives CACHE_URL."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "DATABASE_", "CACHE_", "SECURE_", "DEBUG", "GUNICORN_", "WEB_", "LOG_")
        )
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="bench-" + os.urandom(24).hex(),
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        SECURE_PROXY_SSL_HEADER_ENABLED="0",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        # The benchmark measures the server, not the anonymous rate limit.
        API_ANON_THROTTLE_RATE="100000000/second",
        PYTHONDONTWRITEBYTECODE="1",
        # Static files collected for the benchmark, apart from the project's own staticfiles/.
        STATIC_ROOT=str(STATIC_ROOT),
    )
    env.update(extra)
    return env
