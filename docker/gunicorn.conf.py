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
# Recycle workers now and then, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Requests are logged by the application (one JSON line each, with its request id).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Work files in memory: container file systems can be slow or read-only.
worker_tmp_dir = "/dev/shm"


def post_worker_init(worker):
    """Each worker learns of data changes from PostgreSQL instead of asking on every request
    (commitments/versioning.py)."""
    from commitments import versioning

    versioning.watch.start()
