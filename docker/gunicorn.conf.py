"""gunicorn settings for the container; each can be overridden with GUNICORN_CMD_ARGS."""

import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# WEB_CONCURRENCY workers (default: 2 per CPU + 1, at most 9), each with GUNICORN_THREADS threads.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# gthread, with GUNICORN_HEADER_TIMEOUT seconds for a request's headers (r2p_tracker/workers.py):
# clients that send half a request and stop never hold every thread.
worker_class = "r2p_tracker.workers.ThreadWorker"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows without bound; seldom, since a new
# worker costs about a second of CPU to start and begins with empty in-process caches: at 1,000
# requests a second on two workers, each lasts well over a minute.
max_requests = 100_000
max_requests_jitter = 10_000
# Requests are logged by the application (one JSON line each, with its request id).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Work files in memory: container file systems can be slow or read-only.
worker_tmp_dir = "/dev/shm"


def post_worker_init(worker):
    """Each worker learns of data changes from PostgreSQL instead of asking on every request
    (commitments/versioning.py), and does before it accepts a request what its first requests
    would otherwise do while readers wait (r2p_tracker/workers.py)."""
    from commitments import versioning
    from r2p_tracker.workers import warm_up

    versioning.watch.start()
    warm_up()
