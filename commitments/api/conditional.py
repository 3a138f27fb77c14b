"""ETag and Last-Modified for every read, from the dataset version alone.

An answer changes only when the data does (or the request does), so the validators cost one query
(`data_last_updated()`) and an unchanged answer is a 304 without computing it.
"""

import datetime
import hashlib

from django.utils.decorators import method_decorator
from django.views.decorators.http import condition

from commitments.data_version import data_last_updated, version_text

SAFE = ("GET", "HEAD")


def data_version(request) -> datetime.datetime | None:
    """The time the data last changed, read once per request."""
    if not hasattr(request, "_data_version"):
        request._data_version = data_last_updated()
    return request._data_version


def etag(request, *args, **kwargs) -> str | None:
    if request.method not in SAFE:
        return None
    parts = [
        version_text(data_version(request)),
        request.get_full_path(),
        request.headers.get("Accept", ""),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def last_modified(request, *args, **kwargs) -> datetime.datetime | None:
    if request.method not in SAFE:
        return None
    return data_version(request)


conditional = condition(etag_func=etag, last_modified_func=last_modified)
conditional_dispatch = method_decorator(conditional, name="dispatch")
