"""The ASEAN median of every group score, kept per data version, so a scorecard scores one state.

A country scorecard shows the median of all states' group scores beside the state's own. The
median needs every state scored, yet it changes only when a fact changes (or the date it speaks
for does). It is therefore computed once per freshness and kept in this process: the key is the
data version (commitments/versioning.py, read before the facts), the date asked for, today's date
and the scoring method's version, so a change, a new day or a new method makes a new key. At most
`MAX_ENTRIES` keys are kept (least recently used first out), so readers asking for many past dates
cannot grow the process.

Medians computed by one process are also put in the shared cache (Redis in production), so after
a change they are computed once for all processes; within a process, requests that need the same
medians at the same time wait for one computation instead of each making its own.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from commitments import scoring
from commitments.versioning import KeptPerVersion, Version

logger = logging.getLogger(__name__)

MAX_ENTRIES = 256


@dataclass(frozen=True)
class Standing:
    """A ranked state's place, as a scorecard shows its neighbours: code, name, published total
    and rank."""

    iso3: str
    name: str
    total: float | None
    position: int | None


@dataclass(frozen=True)
class Medians:
    """The median of each group score (and of the total) across `state_count` states, each
    state's rank among them (by ISO alpha-3 code), and the ranked states best first."""

    groups: dict[str, float | None]
    state_count: int
    ranks: dict[str, scoring.Rank]
    # A class-level default, so medians kept before the standings existed still read as none.
    standings: tuple[Standing, ...] = ()

    @classmethod
    def of(
        cls, scorecards: Mapping[str, scoring.Scorecard], names: Mapping[str, str] | None = None
    ) -> Medians:
        """The medians and ranks of the scorecards of every state, keyed by ISO alpha-3 code;
        `names` are the states' short names, which the standings print."""
        cards = list(scorecards.values())
        ranks = scoring.ranks(scorecards)
        standings = sorted(
            (
                Standing(
                    iso3,
                    (names or {}).get(iso3, iso3),
                    scoring.published(card.total),
                    ranks[iso3].position,
                )
                for iso3, card in scorecards.items()
                if card.total is not None
            ),
            key=lambda s: (s.position, s.name),
        )
        return cls(
            groups=scoring.group_medians(cards),
            state_count=sum(1 for card in cards if card.applicable),
            ranks=ranks,
            standings=tuple(standings),
        )

    def neighbours(self, iso3: str, around: int = 1) -> list[Standing]:
        """The state's standing with up to `around` ranked states either side of it, best
        first; empty when the state has no rank."""
        codes = [s.iso3 for s in self.standings]
        if iso3 not in codes:
            return []
        at = codes.index(iso3)
        return list(self.standings[max(0, at - around) : at + around + 1])

    def tied(self, iso3: str) -> bool:
        """Whether another state shares the state's rank."""
        rank = self.ranks.get(iso3)
        if rank is None or rank.position is None:
            return False
        return sum(1 for other in self.ranks.values() if other.position == rank.position) > 1

    def beside(self, iso3: str) -> str:
        """A digest of what a scorecard of `iso3` shows of the other states: the medians, the
        number of states, its rank (tied or not) and its neighbours. Scorecards with the same
        state sections and the same digest are the same page (commitments/state_parts.py)."""
        shown = (
            tuple(self.groups.items()),
            self.state_count,
            self.ranks.get(iso3),
            self.tied(iso3),
            tuple(self.neighbours(iso3)),
        )
        return hashlib.sha256(repr(shown).encode()).hexdigest()[:32]


Key = tuple[str, int, datetime.date, datetime.date, str]

_kept: KeptPerVersion[Key, Medians] = KeptPerVersion()
# Held while medians are computed, so that concurrent requests wait for one computation.
_computing = threading.Lock()


def key(
    version: Version,
    on: datetime.date,
    today: datetime.date,
    method: scoring.Method = scoring.CURRENT,
) -> Key:
    return (version.series, version.number, on, today, method.version)


def _keepable(entry_key: Key) -> bool:
    # Without a recorded version (a database just flushed) nothing can be kept.
    return bool(entry_key[0])


def get(entry_key: Key) -> Medians | None:
    """The medians kept for `entry_key`, or None when they must be computed."""
    return _kept.get(entry_key)


def put(entry_key: Key, medians: Medians) -> None:
    _kept.put(entry_key, medians, MAX_ENTRIES)


def _shared_key(entry_key: Key) -> str:
    return "r2p:medians:" + ":".join(map(str, entry_key))


def kept_or_computed(entry_key: Key, compute: Callable[[], Medians]) -> Medians:
    """The medians for `entry_key`: kept in this process, else in the shared cache, else made
    by `compute()` (once, however many requests ask at the same time) and kept in both."""
    found = get(entry_key)
    if found is not None:
        return found
    with _computing:
        found = get(entry_key)
        if found is not None:
            return found
        try:
            found = cache.get(_shared_key(entry_key)) if _keepable(entry_key) else None
        except Exception:
            logger.warning("The shared cache could not be read; computing the medians")
        if found is None:
            found = compute()
            share(entry_key, found)
        put(entry_key, found)
        return found


def share(entry_key: Key, medians: Medians) -> None:
    """Put `medians` in the shared cache, for the other processes."""
    if not _keepable(entry_key):
        return
    try:
        cache.set(_shared_key(entry_key), medians, timeout=settings.CACHE_TIMEOUT)
    except Exception:
        logger.warning("The shared cache could not keep the medians")


def clear() -> None:
    """Forget every kept median (tests; a process that changed the scoring constants)."""
    _kept.clear()
