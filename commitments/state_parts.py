"""What a scorecard reads of one state alone, kept until that state's own facts change.

A change to one state's facts moves the data version, so every answer kept under the version
before is computed again (commitments/versioning.py). Most of a scorecard, though, reads only its
state's facts and what every state shares (the treaties, the sources): its indicators, timeline,
institutions, laws, statements, promises and engagement, and the state's scores. These are kept
under the number of the latest change that may concern the state (`Version.of_state`: a change to
its own facts, or one that may concern every state), so that after a change to state A the
scorecards of the other states, and the ASEAN medians, reuse what they had:

- `Summary`: a state's total, coverage and group scores on a date under a method (what the
  medians, the ranks and a scorecard's summary read), small enough to keep for every state;
- the HTML of the state's own sections (templates/commitments/_country_facts.html) in one
  language;
- the whole scorecard page as a shell (r2p_tracker/shells.py): everything but its citation and
  its footer's data dates, which name the data version and are rendered on every request. Its key
  adds to the sections' what the page shows of the other states (`Medians.beside`: the ASEAN
  medians, the rank, the neighbours) and of the request (scheme, host, path and query), so after
  a change to another state that leaves these as they were, the scorecard is not rendered again.

All are kept in the shared cache (Redis in production), so one process's work serves the
others; the pages are also kept in each process's memory, within the budget of bytes its kept
answers have (`RESPONSE_MEMORY_CACHE_MB`, least recently used out first), so a process that
shows a scorecard again after a change reads it without a round trip (the sections are read only
to render a page, beside which a round trip is small). The keys name the release of the code,
the version's series, the state's number, the state, the date asked for, today's date and the
method's version (and the language for HTML; and for a page, the digest of what else it shows).
The state's number is read after the data version and before the facts, so what is kept is never
older than its key. A cache that cannot be read or written only costs the computation.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.safestring import SafeString

from commitments import scoring
from commitments.scoring.core import Coverage, GroupScore
from commitments.versioning import Version, release
from r2p_tracker.cache import pages as _memory
from r2p_tracker.shells import Shell

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Summary:
    """A state's scorecard without its indicators: totals, coverage and each group's score."""

    total: float | None
    raw_total: float | None
    coverage: Coverage
    groups: tuple[tuple[str, float | None, Coverage], ...]
    applicable: bool

    @classmethod
    def of(cls, card: scoring.Scorecard) -> Summary:
        return cls(
            total=card.total,
            raw_total=card.raw_total,
            coverage=card.coverage,
            groups=tuple((g.group.key, g.score, g.coverage) for g in card.groups),
            applicable=card.applicable,
        )

    def card(self, method: scoring.Method, on: datetime.date) -> scoring.Scorecard:
        """The scorecard under `method` (the one it was computed under) with no indicators:
        what the medians, the ranks and the summary of a scorecard read."""
        groups = {key: (score, coverage) for key, score, coverage in self.groups}
        return scoring.Scorecard(
            on=on,
            method=method,
            total=self.total,
            raw_total=self.raw_total,
            coverage=self.coverage,
            groups=tuple(GroupScore(g, *groups[g.key], indicators=()) for g in method.groups),
            applicable=self.applicable,
        )


@dataclass(frozen=True)
class Facts:
    """The HTML of a state's own sections of its scorecard, and its summary."""

    html: SafeString
    summary: Summary


def _key(
    kind: str,
    version: Version,
    number: int,
    state: int,
    on: datetime.date,
    today: datetime.date,
    method: scoring.Method,
    *more: str,
) -> str:
    parts = [release(), version.series, number, state, on, today, method.version, *more]
    return f"r2p:{kind}:" + ":".join(map(str, parts))


def summary_key(
    version: Version,
    number: int,
    state: int,
    on: datetime.date,
    today: datetime.date,
    method: scoring.Method,
) -> str:
    """The key of the summary of `state` (primary key) whose latest change is `number`."""
    return _key("summary", version, number, state, on, today, method)


def facts_key(
    version: Version,
    number: int,
    state: int,
    on: datetime.date,
    today: datetime.date,
    method: scoring.Method,
    language: str,
) -> str:
    """The key of the HTML of `state`'s own sections in `language` (and under the age at which
    evidence is marked stale, a setting they print)."""
    stale = str(settings.STALE_SOURCE_MONTHS)
    return _key("facts", version, number, state, on, today, method, language, stale)


def page_key(facts_key: str, beside: str, request: HttpRequest) -> str:
    """The key of a scorecard page whose own sections are kept under `facts_key`, showing the
    other states as `beside` digests them (`Medians.beside`), in answer to `request`."""
    asked = "\n".join(
        [
            beside,
            request.scheme,  # type: ignore[list-item]  # django-stubs: never None
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
        ]
    )
    digest = hashlib.sha256(asked.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return facts_key.replace("r2p:facts:", "r2p:page:", 1) + ":" + digest


def summaries(keys: Iterable[str]) -> dict[str, Summary]:
    """The summaries kept under `keys` (those that are)."""
    keys = list(keys)
    if not keys or not _keepable(keys[0]):
        return {}
    try:
        return cache.get_many(keys)
    except Exception:
        logger.warning("The shared cache could not be read; scoring every state")
        return {}


def keep_summaries(found: Mapping[str, Summary]) -> None:
    _put_many(dict(found))


def facts(key: str) -> Facts | None:
    """The state's sections kept under `key`, or None."""
    if not _keepable(key):
        return None
    try:
        return cache.get(key)
    except Exception:
        logger.warning("The shared cache could not be read; rendering the state's sections")
        return None


def keep_facts(key: str, found: Facts, summary_key: str) -> None:
    """Keep the sections, and their summary for the medians."""
    _put_many({key: found, summary_key: found.summary})


def page(key: str) -> Shell | None:
    """The scorecard page kept under `key`, or None."""
    if not _keepable(key):
        return None
    entry = _memory.get(key)
    if entry is not None:
        return entry["content"]
    try:
        found = cache.get(key)
    except Exception:
        logger.warning("The shared cache could not be read; rendering the scorecard")
        return None
    if found is not None:
        _memory.put(key, {"content": found})
    return found


def keep_page(key: str, shell: Shell) -> None:
    if _keepable(key):
        _memory.put(key, {"content": shell})
    _put_many({key: shell})


def forget() -> None:
    """Forget the pages this process keeps (tests: their rolled-back versions repeat)."""
    _memory.clear()


def _keepable(key: str) -> bool:
    # A database just flushed has no recorded version: its series is empty.
    return key.split(":")[3] != ""


def _put_many(values: dict) -> None:
    if not values or not _keepable(next(iter(values))):
        return
    try:
        cache.set_many(values, timeout=settings.CACHE_TIMEOUT)
    except Exception:
        logger.warning("The shared cache could not keep a state's scorecard parts")
