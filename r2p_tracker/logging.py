"""Structured log lines: one JSON object per line, each carrying the request id."""

import json
import logging
import time
from contextvars import ContextVar
from random import getrandbits

request_id: ContextVar[str] = ContextVar("request_id", default="-")

# Never written to logs, whatever a caller passes in `extra`.
_REDACTED_KEYS = {"authorization", "password", "token", "secret_key", "cookie", "sessionid"}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for key in ("method", "path", "status", "duration_ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(
            {k: v for k, v in entry.items() if k.lower() not in _REDACTED_KEYS}, default=str
        )


class RequestIdMiddleware:
    """Gives each request an id (or keeps a sane X-Request-ID from the proxy) and logs it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.logger = logging.getLogger("r2p_tracker.request")

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        # An id to find a request's lines by, not a secret: no system call to make it.
        rid = incoming if incoming.isalnum() and len(incoming) <= 64 else f"{getrandbits(128):032x}"
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            self.logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)
