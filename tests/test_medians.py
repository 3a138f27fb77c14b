"""The ASEAN medians kept per data version: found again, dropped when old, bounded in number."""

import datetime

from commitments import medians

ON = datetime.date(2026, 11, 27)
VERSION = datetime.datetime(2026, 11, 27, 9, 30, tzinfo=datetime.UTC)
KEPT = medians.Medians(groups={"total": 50.0}, state_count=11, ranks={})


def test_medians_are_found_again_for_the_same_version_and_date_only():
    medians.put(medians.key(VERSION, ON, ON), KEPT)

    assert medians.get(medians.key(VERSION, ON, ON)) == KEPT
    later_version = VERSION + datetime.timedelta(microseconds=1)
    assert medians.get(medians.key(later_version, ON, ON)) is None
    assert medians.get(medians.key(VERSION, ON - datetime.timedelta(days=1), ON)) is None
    assert medians.get(medians.key(VERSION, ON, ON + datetime.timedelta(days=1))) is None


def test_medians_older_than_the_maximum_age_are_computed_again(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(medians.time, "monotonic", lambda: clock[0])
    medians.put(medians.key(VERSION, ON, ON), KEPT)

    clock[0] += medians.MAX_AGE_SECONDS - 1
    assert medians.get(medians.key(VERSION, ON, ON)) == KEPT
    clock[0] += 2
    assert medians.get(medians.key(VERSION, ON, ON)) is None


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
