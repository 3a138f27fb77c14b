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
read it, and nothing else decides freshness. A request reads the version once, before it reads
any fact: an answer computed afterwards is at least as new as the version it is kept under.

Reading it costs at most one query. On PostgreSQL it costs none: each change also sends a
notification (`NOTIFY`, delivered when its transaction commits, in commit order), and every web
process keeps the version it last read, re-reading it when notified (`Watch`, one listening
connection per process). The process that made a change re-reads at once when it commits; the
others within milliseconds. Inside a transaction (a request that writes, the tests), while the
listening connection is down, on SQLite, or with `DATA_VERSION_LISTEN=0` (e.g. behind a
connection pooler that cannot LISTEN), every request reads the row instead.

`Version.label` is the one text form of a version, printed in pages, citations, the
`X-Data-Version` header and the dataset zip: the date of the latest change and the number, e.g.
`2026-11-27.1043`.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from commitments.validators import TEXT_VALIDATORS

logger = logging.getLogger(__name__)

# The counter's one row.
ROW = 1


class DataVersion(models.Model):
    """The counter every change to a fact moves; one row (see the module docstring)."""

    number = models.BigIntegerField(_("number"), default=0)
    changed_at = models.DateTimeField(_("time of the latest change"), null=True)
    series = models.CharField(_("series"), max_length=32, validators=TEXT_VALIDATORS)
    # The latest published release: the pages' citations name it, so it is part of freshness.
    release = models.CharField(
        _("latest release"), max_length=20, blank=True, validators=TEXT_VALIDATORS
    )
    # The number of the latest change that may concern every state (see `StateVersion`).
    shared = models.BigIntegerField(_("latest change to every state"), default=0)

    class Meta:
        app_label = "commitments"
        verbose_name = _("data version")

    def __str__(self) -> str:
        return self.as_version().label

    def as_version(self) -> Version:
        return Version(self.number, self.changed_at, self.series, self.release, self.shared)


class StateVersion(models.Model):
    """The number of the latest change to one state's own facts (a treaty action, a focal point,
    a law, ...), for the parts of its scorecard that read nothing else.

    A change confined to named states records the data version's new number here for each of
    them; any other change (a source, a treaty, a state's own record, a regional event, a change
    whose states cannot be told) records it as the data version's `shared` number instead. What
    depends only on a state's facts and the shared data is therefore fresh while
    `Version.of_state` is unchanged, whatever happens to other states. The state is named by its
    primary key without a foreign key: a row outlives its state harmlessly, and a deletion that
    cascades from a state need not order its writes around this table.
    """

    state = models.BigIntegerField(_("state"), primary_key=True)
    number = models.BigIntegerField(_("number of its latest change"))

    class Meta:
        app_label = "commitments"
        verbose_name = _("state's data version")

    def __str__(self) -> str:
        return f"{self.state}: {self.number}"


@dataclass(frozen=True)
class Version:
    """A data version: `number` grows by one with every change, made at `changed_at`."""

    number: int
    changed_at: datetime.datetime | None
    series: str = ""
    # The latest published release (commitments/release_models.py); empty before the first.
    release: str = ""
    # The number of the latest change that may concern every state (`DataVersion.shared`).
    shared: int = 0

    def of_state(self, state_numbers: Mapping[int, int], state: int) -> int:
        """The number of the latest change that may concern the state with primary key `state`:
        to its own facts, or to what every state shares; `state_numbers` as `state_numbers()`
        read them for this version."""
        return max(self.shared, state_numbers.get(state, 0))

    @functools.cached_property
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
CHANNEL = "r2p_data_version"


def _read(connection: BaseDatabaseWrapper) -> Version:
    """The version row, read through `connection` in one query (without the ORM: it is read on
    every request that is not told of changes)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT number, changed_at, series, release, shared "
            f"FROM {DataVersion._meta.db_table} WHERE id = %s",
            [ROW],
        )
        row = cursor.fetchone()
    if row is None:
        return UNRECORDED
    number, changed_at, series, release, shared = row
    if isinstance(changed_at, str):
        changed_at = datetime.datetime.fromisoformat(changed_at)
    if changed_at is not None and timezone.is_naive(changed_at):
        changed_at = timezone.make_aware(changed_at, datetime.UTC)
    return Version(number, changed_at, series, release, shared)


def current(using: str = DEFAULT_DB_ALIAS) -> Version:
    """The data version now, read from the database in one query."""
    return _read(connections[using])


def announce_change(using: str | None = None, states: Collection[int] | None = None) -> None:
    """Move the data version: call inside the transaction that changes a fact.

    `states` are the primary keys of the states whose own facts the change concerns, all of
    them; None when it may concern every state (the default, always safe). The row stays locked
    until the transaction ends, so changes are counted in the order they commit. The time
    recorded never goes back, whichever writer's clock is behind.
    """
    using = using or router.db_for_write(DataVersion)
    now = timezone.now()
    rows = DataVersion.objects.using(using).filter(pk=ROW)
    moved = rows.update(
        number=F("number") + 1,
        changed_at=Greatest(Coalesce(F("changed_at"), Value(now)), Value(now)),
        **({"shared": F("number") + 1} if states is None else {}),
    )
    if not moved:
        # The row is made by the migration; only a flushed database lacks it.
        _, created = DataVersion.objects.using(using).get_or_create(
            pk=ROW,
            defaults={"number": 1, "changed_at": now, "series": uuid.uuid4().hex, "shared": 1},
        )
        if not created:
            announce_change(using, states)
            return
    elif states:
        number = rows.values_list("number", flat=True).get()
        StateVersion.objects.using(using).bulk_create(
            [StateVersion(state=state, number=number) for state in sorted(set(states))],
            update_conflicts=True,
            unique_fields=["state"],
            update_fields=["number"],
        )
    _notify(using)


def announce_release(release: str, using: str | None = None) -> None:
    """Record that `release` is the latest published release: every answer that names the latest
    release (the pages' citations) is made again. The data version's number does not move: the
    facts have not changed."""
    using = using or router.db_for_write(DataVersion)
    if not DataVersion.objects.using(using).filter(pk=ROW).update(release=release):
        announce_change(using)
        DataVersion.objects.using(using).filter(pk=ROW).update(release=release)
    _notify(using)


def _notify(using: str) -> None:
    connection = connections[using]
    if connection.vendor == "postgresql":
        # Delivered to every listening process when the transaction commits; identical
        # notifications of one transaction are delivered once.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, '')", [CHANNEL])
    transaction.on_commit(watch.forget, using=using)


class Watch:
    """This process's copy of the data version, kept current by PostgreSQL notifications.

    Started in each web process (docker/gunicorn.conf.py), a thread holds one connection that
    LISTENs; after it starts listening, after every notification and at least every
    `HEARTBEAT_SECONDS`, it reads the version. Until it listens, and whenever its connection
    fails, `version()` says nothing and requests read the row.
    """

    HEARTBEAT_SECONDS = 30.0
    RETRY_SECONDS = 1.0

    def __init__(self) -> None:
        self._version: Version | None = None
        # Moves whenever the copy must be dropped, so that a read begun before is not kept.
        self._epoch = 0
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def version(self) -> Version | None:
        """The version as last read by the listening thread, or None when it is not listening."""
        return self._version

    def forget(self) -> None:
        """Drop the copy (this process committed a change): requests read the row until the
        listening thread has read the new version."""
        self._epoch += 1
        self._version = None

    def start(self) -> None:
        """Listen from now on, if the database can tell (PostgreSQL) and it is not switched off."""
        if (
            not settings.DATA_VERSION_LISTEN
            or connections[DEFAULT_DB_ALIAS].vendor != "postgresql"
            or (self._thread is not None and self._thread.is_alive())
        ):
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="r2p-data-version", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening (tests); requests read the row again."""
        thread, self._thread = self._thread, None
        self._stopping.set()
        self.forget()
        if thread is not None and thread.is_alive():
            with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
                cursor.execute("SELECT pg_notify(%s, '')", [CHANNEL])
            thread.join(timeout=10)

    def _keep(self, epoch: int, version: Version) -> None:
        if epoch == self._epoch and not self._stopping.is_set():
            self._version = version

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self._listen()
            except Exception:
                logger.warning("Not told of data changes; reading the version on each request")
            self.forget()
            self._stopping.wait(self.RETRY_SECONDS)

    def _listen(self) -> None:
        connection = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            connection.ensure_connection()
            connection.connection.execute(f"LISTEN {CHANNEL}")
            while not self._stopping.is_set():
                # Read after listening, and after each notification: a change committed in
                # between is either read now or notified again.
                epoch = self._epoch
                self._keep(epoch, _read(connection))
                for _notified in connection.connection.notifies(
                    timeout=self.HEARTBEAT_SECONDS, stop_after=1
                ):
                    pass
        finally:
            connection.close()


watch = Watch()


def known(using: str = DEFAULT_DB_ALIAS) -> Version:
    """The data version for a request: this process's copy when it has a current one, else read
    in one query (see the module docstring for when)."""
    connection = connections[using]
    if using == DEFAULT_DB_ALIAS and not connection.in_atomic_block:
        copy = watch.version()
        if copy is not None:
            return copy
    return _read(connection)


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
        return f"{version.series}:{version.number}:{version.release}:{self.today.isoformat()}"

    @property
    def last_modified(self) -> datetime.datetime:
        """When an answer about today last changed: at the latest change, or at midnight."""
        midnight = timezone.make_aware(datetime.datetime.combine(self.today, datetime.time()))
        changed = self.version.changed_at
        return max(changed, midnight) if changed else midnight

    def etag(self, request: HttpRequest) -> str:
        """The validator of the answer to `request`: the same for the same request and freshness.

        It names everything an answer to a read depends on: the freshness, the release of the
        code, the scheme, host, path and query, and the request headers that choose a
        representation (`Accept`, `Origin` for the CORS headers, the reader's language).
        """
        parts = "\n".join(
            [
                self.token,
                release(),
                request.scheme,  # type: ignore[list-item]  # django-stubs: never None
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


@functools.cache
def release() -> str:
    """A fingerprint of the code that renders answers (its Python modules, templates, compiled
    translations and static manifest), read once per process: answers kept by one release are
    never served by another."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    files = [
        path
        for folder in ("commitments", "r2p_tracker", "templates", "locale")
        for path in (root / folder).rglob("*")
        if path.suffix in {".py", ".html", ".mo"}
    ]
    files.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    for path in sorted(files):
        if path.is_file():
            digest.update(str(path.relative_to(path.anchor)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _language(request: HttpRequest) -> str:
    # The path alone chooses the language (r2p_tracker/language.py): unprefixed is English.
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def freshness(request: HttpRequest) -> Freshness:
    """The freshness of everything this request reads, read once per request."""
    found: Freshness | None = getattr(request, "_freshness", None)
    if found is None:
        found = Freshness(known(), timezone.localdate())
        # Kept on the request itself, which declares no such attribute.
        setattr(request, "_freshness", found)  # noqa: B010
    return found


class KeptPerVersion[K: tuple, V]:
    """Values computed from the data of one version, kept in this process under keys that begin
    with that version's series, the least recently used dropped first beyond a limit.

    A key whose series is empty (a database just flushed, with no recorded version) is never
    kept: its values could not be told from those of a later database.
    """

    def __init__(self) -> None:
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        if not key[0]:
            return None
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: K, value: V, limit: int) -> None:
        """Keep `value` under `key`, and at most `limit` keys in all."""
        if not key[0]:
            return
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > limit:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_state_numbers: KeptPerVersion[tuple[str, int], Mapping[int, int]] = KeptPerVersion()


def state_numbers(version: Version, using: str = DEFAULT_DB_ALIAS) -> Mapping[int, int]:
    """Each state's latest own change (`StateVersion`), by state primary key, for `version`.

    Read after `version` (so never older than it) in one query, and kept in this process for
    that version: a scorecard reads it for no query while the data version stays.
    """
    entry_key = (version.series, version.number)
    found = _state_numbers.get(entry_key)
    if found is None:
        with connections[using].cursor() as cursor:
            cursor.execute(f"SELECT state, number FROM {StateVersion._meta.db_table}")
            found = dict(cursor.fetchall())
        _state_numbers.put(entry_key, found, limit=4)
    return found


def forget_state_numbers() -> None:
    """Forget the kept state numbers (tests: their rolled-back versions repeat numbers)."""
    _state_numbers.clear()
