"""The data version: the one rule that decides whether anything derived from the facts is fresh.

Every change to a fact moves one counter, a single row of `DataVersion`, inside the transaction
that writes the change (`announce_change`, called from one place in commitments/models.py). The
update locks the row until the transaction ends, so concurrent writers take turns: a change
committed after a later-saved one still moves the number, and a reader that sees a number sees
every change it counts. The row also holds the time of the latest change (never earlier than the
one before) and a random `series`, new whenever the row is created, so that numbers from another
database, or from before a flush, never match.

What is derived from the facts is fresh for a `Freshness`: the data version and the date of
"today" (answers about today change at midnight even when no fact does). The response cache, the
HTTP validators (`ETag`, `Last-Modified`), the ASEAN medians, the dataset zip and the citations all
read it, and nothing else decides freshness. A request reads the version once (one query), before
it reads any fact: an answer computed afterwards is at least as new as the version it is kept
under, never older.

`Version.label` is the one text form of a version, printed in pages, citations, the
`X-Data-Version` header and the dataset zip: the date of the latest change and the number, e.g.
`2026-11-27.1043`.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, models, router
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

# The counter's one row.
ROW = 1


class DataVersion(models.Model):
    """The counter every change to a fact moves; one row (see the module docstring)."""

    number = models.BigIntegerField(_("number"), default=0)
    changed_at = models.DateTimeField(_("time of the latest change"), null=True)
    series = models.CharField(_("series"), max_length=32)

    class Meta:
        app_label = "commitments"
        verbose_name = _("data version")

    def __str__(self) -> str:
        return self.as_version().label

    def as_version(self) -> Version:
        return Version(self.number, self.changed_at, self.series)


@dataclass(frozen=True)
class Version:
    """A data version: `number` grows by one with every change, made at `changed_at`."""

    number: int
    changed_at: datetime.datetime | None
    series: str = ""

    @property
    def label(self) -> str:
        """The version as every output prints it: `YYYY-MM-DD.number` (UTC date of the change)."""
        if self.changed_at is None:
            return str(self.number)
        return f"{self.changed_at.astimezone(datetime.UTC):%Y-%m-%d}.{self.number}"

    @property
    def is_recorded(self) -> bool:
        """Whether the counter exists; without it (an empty, just-flushed database) nothing that
        depends on the version can be kept."""
        return bool(self.series)


UNRECORDED = Version(0, None)


def current(using: str = DEFAULT_DB_ALIAS) -> Version:
    """The data version now, in one query."""
    row = (
        DataVersion.objects.using(using)
        .filter(pk=ROW)
        .values_list("number", "changed_at", "series")
        .first()
    )
    return Version(*row) if row else UNRECORDED


def announce_change(using: str | None = None) -> None:
    """Move the data version: call inside the transaction that changes a fact.

    The row stays locked until that transaction ends, so changes are counted in the order they
    commit. The time recorded never goes back, whichever writer's clock is behind.
    """
    using = using or router.db_for_write(DataVersion)
    now = timezone.now()
    rows = DataVersion.objects.using(using).filter(pk=ROW)
    moved = rows.update(
        number=F("number") + 1,
        changed_at=Greatest(Coalesce(F("changed_at"), Value(now)), Value(now)),
    )
    if not moved:
        # The row is made by the migration; only a flushed database lacks it.
        _, created = DataVersion.objects.using(using).get_or_create(
            pk=ROW, defaults={"number": 1, "changed_at": now, "series": uuid.uuid4().hex}
        )
        if not created:
            announce_change(using)


@dataclass(frozen=True)
class Freshness:
    """What an answer derived from the facts depends on: the data version and today's date."""

    version: Version
    today: datetime.date

    @property
    def is_known(self) -> bool:
        return self.version.is_recorded

    @property
    def token(self) -> str:
        """A text naming this freshness exactly, for cache keys."""
        version = self.version
        return f"{version.series}:{version.number}:{self.today.isoformat()}"

    @property
    def last_modified(self) -> datetime.datetime:
        """When an answer about today last changed: at the latest change, or at midnight."""
        midnight = timezone.make_aware(datetime.datetime.combine(self.today, datetime.time()))
        changed = self.version.changed_at
        return max(changed, midnight) if changed else midnight

    def etag(self, request: HttpRequest) -> str:
        """The validator of the answer to `request`: the same for the same request and freshness.

        It names everything an answer to a read depends on: the freshness, the scheme, host,
        path and query, and the request headers that choose a representation (`Accept`, `Origin`
        for the CORS headers, the reader's language).
        """
        parts = "\n".join(
            [
                self.token,
                request.scheme,
                request.get_host(),
                request.path,
                request.META.get("QUERY_STRING", ""),
                request.headers.get("Accept", ""),
                request.headers.get("Origin", ""),
                _language(request),
            ]
        )
        digest = hashlib.sha256(parts.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        return f'"{self.version.label}-{digest}"'


def _language(request: HttpRequest) -> str:
    if len(settings.LANGUAGES) == 1:
        return settings.LANGUAGE_CODE
    return translation.get_language_from_request(request)


def freshness(request: HttpRequest) -> Freshness:
    """The freshness of everything this request reads, read once per request."""
    found = getattr(request, "_freshness", None)
    if found is None:
        found = request._freshness = Freshness(current(), timezone.localdate())
    return found
