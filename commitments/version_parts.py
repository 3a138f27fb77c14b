"""What every scorecard of one data version reads alike, kept per data version in each process.

A scorecard prints parts that do not depend on its state: the treaties (their names and links),
the edition a citation names (the latest release) and the newest date a source speaks for; and
it finds its state's own record (names, dates of independence and admission) among every
state's. They
change only when the data version does (a change to any fact, a source or a treaty included, or
a new release: commitments/versioning.py), so they are read once per version and method in each
process instead of four queries on every scorecard. The key is the version's series, number and
release and the method's version, read before the parts (as for the ASEAN medians,
commitments/medians.py): parts read afterwards are at least as new as the version they are kept
under. At most `MAX_ENTRIES` keys are kept, least recently used first out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from commitments.freshness import DataDates
from commitments.models import State, Treaty
from commitments.release_models import Edition
from commitments.versioning import KeptPerVersion, Version

MAX_ENTRIES = 16

Key = tuple[str, int, str, str]


@dataclass(frozen=True)
class VersionParts:
    """Every treaty (with its source), the edition a citation names, the data's dates and every
    state's record (with the source of its independence date) by ISO alpha-3 code."""

    treaties: list[Treaty]
    edition: Edition
    data_dates: DataDates
    states: dict[str, State]


_kept: KeptPerVersion[Key, VersionParts] = KeptPerVersion()


def key(version: Version, method_version: str) -> Key:
    return (version.series, version.number, version.release, method_version)


def kept_or_read(entry_key: Key, read: Callable[[], VersionParts]) -> VersionParts:
    """The parts kept for `entry_key`, else `read()` and kept (never without a recorded
    version: a database just flushed has none)."""
    found = _kept.get(entry_key)
    if found is None:
        found = read()
        _kept.put(entry_key, found, MAX_ENTRIES)
    return found


def clear() -> None:
    """Forget every kept part (tests: their rolled-back versions repeat numbers)."""
    _kept.clear()
