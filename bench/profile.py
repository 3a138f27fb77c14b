"""Profile one request in-process against a benchmark database; prints pyinstrument's tree.

    .venv/bin/pip install pyinstrument   # a profiling tool, not a project dependency
    .venv/bin/python -m bench.profile s200_t150 /countries/abw/ [requests]

The first argument names a database made by bench/run.py (r2p_bench_<name>). The request runs
with production settings and the cache off, after one warm-up request, and its body is read to
the end, so a streamed export is profiled whole. With a number of requests (default 1), that
many are profiled together, every 0.5 ms, for a steadier picture of a fast page.
"""

from __future__ import annotations

import os
import sys

from bench.servers import base_env


def main(name: str, path: str, requests: str = "1") -> None:
    prefix = os.environ.get("BENCH_DATABASE_PREFIX", "r2p_bench")
    os.environ.update(base_env(f"postgresql://postgres@127.0.0.1:5432/{prefix}_{name}"))
    os.environ["CACHE_URL"] = "dummy://"
    os.environ["RESPONSE_MEMORY_CACHE_MB"] = "0"
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "r2p_tracker.settings")

    import django
    from pyinstrument import Profiler

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    client = Client()

    def get() -> int:
        response = client.get(path)
        # Iterating a response gives its body, streamed or not.
        return sum(len(chunk) for chunk in response)

    get()
    count = int(requests)
    profiler = Profiler(interval=0.0005 if count > 1 else 0.005)
    with profiler:
        for _ in range(count):
            size = get()
    print(f"{path}: {size} bytes")
    print(profiler.output_text(unicode=False, color=False, show_all=False))


if __name__ == "__main__":
    main(*sys.argv[1:4])
