"""The ASEAN medians kept per data version: found again for the same freshness, bounded."""

import datetime

from commitments import medians
from commitments.versioning import Version

ON = datetime.date(2026, 11, 27)
VERSION = Version(41, datetime.datetime(2026, 11, 27, 9, 30, tzinfo=datetime.UTC), "a" * 32)
KEPT = medians.Medians(groups={"total": 50.0}, state_count=11, ranks={})


def test_medians_are_found_again_for_the_same_version_and_date_only():
    medians.put(medians.key(VERSION, ON, ON), KEPT)

    assert medians.get(medians.key(VERSION, ON, ON)) == KEPT
    # A change committed later moves the number, whatever time it was saved at.
    later = Version(42, VERSION.changed_at, VERSION.series)
    assert medians.get(medians.key(later, ON, ON)) is None
    other_database = Version(41, VERSION.changed_at, "b" * 32)
    assert medians.get(medians.key(other_database, ON, ON)) is None
    assert medians.get(medians.key(VERSION, ON - datetime.timedelta(days=1), ON)) is None
    assert medians.get(medians.key(VERSION, ON, ON + datetime.timedelta(days=1))) is None


def test_nothing_is_kept_without_a_recorded_version():
    unrecorded = Version(0, None)
    medians.put(medians.key(unrecorded, ON, ON), KEPT)
    assert medians.get(medians.key(unrecorded, ON, ON)) is None


def test_only_the_most_recently_used_medians_are_kept(monkeypatch):
    monkeypatch.setattr(medians, "MAX_ENTRIES", 3)
    dates = [ON - datetime.timedelta(days=n) for n in range(4)]
    for on in dates[:3]:
        medians.put(medians.key(VERSION, on, ON), KEPT)
    medians.get(medians.key(VERSION, dates[0], ON))

    medians.put(medians.key(VERSION, dates[3], ON), KEPT)

    assert medians.get(medians.key(VERSION, dates[1], ON)) is None
    assert medians.get(medians.key(VERSION, dates[0], ON)) == KEPT
    assert medians.get(medians.key(VERSION, dates[3], ON)) == KEPT
