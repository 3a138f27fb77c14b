"""The gunicorn worker the container runs: gthread, with a deadline for a request's headers.

gthread waits for a connection's first bytes without holding a thread, but then reads the request
line and headers with a blocking socket: a client that sends half a request and stops would hold
that thread until it hangs up, and a few such clients would stall every request. This worker gives
the headers `GUNICORN_HEADER_TIMEOUT` seconds (default 10) to arrive; a client that takes longer
is treated as gone and its connection closed. The application then reads the body and writes the
answer without that deadline (a slow download is not cut off); the reverse proxy in front
(docs/deployment.md) buffers whole requests and answers, so slow clients never reach a worker.

Threads per worker (`GUNICORN_THREADS`) bound how many half-sent requests a worker can wait on at
once; the others are served meanwhile.
"""

from __future__ import annotations

import errno
import functools
import os

from gunicorn.workers import gthread

HEADER_TIMEOUT = float(os.environ.get("GUNICORN_HEADER_TIMEOUT", "10"))


def _until_deadline(read, size_hint=None) -> bytes:
    try:
        return read(size_hint)
    except TimeoutError:
        # Read as the client hanging up: the worker closes the connection without a traceback.
        return b""


class _Connection(gthread.TConn):
    def init(self) -> None:
        super().init()
        unreader = getattr(self.parser, "unreader", None)
        if unreader is None:
            return
        # Each request on the connection, the first and the kept-alive ones, gets the deadline.
        self.sock.settimeout(HEADER_TIMEOUT)
        if not getattr(unreader, "_until_deadline", False):
            unreader.chunk = functools.partial(_until_deadline, unreader.chunk)
            unreader._until_deadline = True


class ThreadWorker(gthread.ThreadWorker):
    def accept(self, listener) -> None:
        # As gthread's, with the connection above.
        try:
            client_sock, client_addr = listener.accept()
            self.nr_conns += 1
            client_sock.setblocking(True)
            server = listener.getsockname()
            self.enqueue_req(_Connection(self.cfg, client_sock, client_addr, server))
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise

    def handle_request(self, req, conn):
        # The headers are in: the body and the answer go at the client's pace.
        conn.sock.settimeout(None)
        return super().handle_request(req, conn)


def warm_up() -> None:
    """Do once, as a worker starts, what its first requests would otherwise do while readers wait:
    fingerprint the release of the code (every answer's ETag names it), load the translation
    catalogue of every language, and build the URL resolver."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    from commitments import versioning

    versioning.release()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Summary")
    get_resolver().resolve("/")
