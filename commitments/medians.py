"""The ASEAN median of every group score, kept per data version, so a scorecard scores one state.

A country scorecard shows the median of all states' group scores beside the state's own. The
median needs every state scored, yet it changes only when a fact changes (or the date it speaks
for does). It is therefore computed once per *data version* and kept in this process:

- the key is the data version (`data_last_updated()`, the time of the latest change to any fact,
  deletions included, which a page reads anyway), the date asked for, today's date and the scoring
  method's version, so a save, a new day or a new method makes a new key;
- an entry is also dropped `MAX_AGE_SECONDS` after it was computed. The data version is the time a
  change was *saved*, not committed, so a change committed after a later one could otherwise leave
  a median computed without it in place; the age bounds that to a few minutes;
- at most `MAX_ENTRIES` keys are kept (least recently used first out), so readers asking for many
  past dates cannot grow the process.

Nothing is shared between processes; each computes its own once per version. When the median is
not kept, the caller already loads every state to compute it, and takes the state it shows from
the same load, so a scorecard costs the same number of queries either way.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass

from commitments import scoring

MAX_ENTRIES = 256
MAX_AGE_SECONDS = 300.0


@dataclass(frozen=True)
class Medians:
    """The median of each group score (and of the total) across `state_count` states, and each
    state's rank among them (by ISO alpha-3 code)."""

    groups: dict[str, float | None]
    state_count: int
    ranks: dict[str, scoring.Rank]

    @classmethod
    def of(cls, scorecards: Mapping[str, scoring.Scorecard]) -> Medians:
        """The medians and ranks of the scorecards of every state, keyed by ISO alpha-3 code."""
        cards = list(scorecards.values())
        return cls(
            groups=scoring.group_medians(cards),
            state_count=sum(1 for card in cards if card.applicable),
            ranks=scoring.ranks(scorecards),
        )


Key = tuple[datetime.datetime | None, datetime.date, datetime.date, str]

_entries: OrderedDict[Key, tuple[float, Medians]] = OrderedDict()
_lock = threading.Lock()


def key(
    version: datetime.datetime | None,
    on: datetime.date,
    today: datetime.date,
    method: scoring.Method = scoring.CURRENT,
) -> Key:
    return (version, on, today, method.version)


def get(entry_key: Key) -> Medians | None:
    """The medians kept for `entry_key`, or None when they must be computed."""
    with _lock:
        found = _entries.get(entry_key)
        if found is None:
            return None
        stored_at, medians = found
        if time.monotonic() - stored_at > MAX_AGE_SECONDS:
            del _entries[entry_key]
            return None
        _entries.move_to_end(entry_key)
        return medians


def put(entry_key: Key, medians: Medians) -> None:
    with _lock:
        _entries[entry_key] = (time.monotonic(), medians)
        _entries.move_to_end(entry_key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)


def clear() -> None:
    """Forget every kept median (tests; a process that changed the scoring constants)."""
    with _lock:
        _entries.clear()
