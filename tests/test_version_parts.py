"""What every scorecard of a data version shares (treaties, the latest release, the newest source
date) is kept per version, and never outlives a change: the next scorecard shows the change."""

import datetime

from commitments import version_parts, versioning
from commitments.models import Source, State, TreatyAction
from commitments.releases import publish_release
from commitments.vocabularies import Precision


def test_a_renamed_treaty_shows_on_the_next_scorecard(dataset, client):
    action = TreatyAction.objects.filter(state__iso3="PHL").select_related("treaty").first()
    treaty = action.treaty
    assert treaty.short_name in client.get("/countries/phl/").content.decode()

    treaty.short_name = "Convention renamed for this test"
    treaty.save()

    assert "Convention renamed for this test" in client.get("/countries/phl/").content.decode()


def test_a_state_renamed_after_its_scorecard_shows_on_the_next_one(dataset, client):
    client.get("/countries/phl/")
    state = State.objects.get(iso3="PHL")
    state.official_name = "Republic renamed for this test"
    state.save()

    assert "Republic renamed for this test" in client.get("/countries/phl/").content.decode()


def test_a_newer_source_date_shows_on_the_next_scorecard(dataset, client):
    client.get("/countries/phl/")
    source = Source.objects.first()
    source.as_of = datetime.date.today()
    source.as_of_precision = Precision.DAY
    source.save()

    page = client.get("/countries/khm/").content.decode()

    assert f'<time datetime="{datetime.date.today().isoformat()}">' in page


def test_a_release_published_after_a_scorecard_is_named_by_the_next_one(dataset, client):
    assert "Release 2026.11.27" not in client.get("/countries/phl/").content.decode()

    publish_release(now=datetime.datetime(2026, 11, 27, 12, 0, tzinfo=datetime.UTC))

    assert "Release 2026.11.27" in client.get("/countries/phl/").content.decode()


def test_parts_are_kept_per_version_and_never_without_a_recorded_one():
    reads = []

    def read():
        reads.append(1)
        return version_parts.VersionParts(treaties=[], edition=None, data_dates=None, states={})

    recorded = versioning.Version(3, None, "series")
    for _ in range(2):
        version_parts.kept_or_read(version_parts.key(recorded, "2.0"), read)
    assert len(reads) == 1
    moved = versioning.Version(4, None, "series")
    version_parts.kept_or_read(version_parts.key(moved, "2.0"), read)
    assert len(reads) == 2
    for _ in range(2):
        version_parts.kept_or_read(version_parts.key(versioning.UNRECORDED, "2.0"), read)
    assert len(reads) == 4
