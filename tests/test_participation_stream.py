"""The participation export of many states: the same bytes as deriving every pair from model
instances, a fixed number of queries, and a body handed to the server in large chunks."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments.api.participation import (
    ParticipationRow,
    ParticipationTable,
    participation_csv,
)
from commitments.api.renderers import CSV_BATCH
from commitments.api.serializers import ParticipationSerializer
from commitments.models import State, StatusObservation, Treaty, TreatyAction
from commitments.status import ActionRecord, ObservationRecord, SourceRecord
from commitments.synthetic import generate
from commitments.vocabularies import Action
from tests.helpers import PARTICIPATION_QUERIES, body

pytestmark = pytest.mark.slow


@pytest.fixture
def many_states(dataset, today):
    """The ASEAN dataset and 150 synthetic states, whose records hold the hard cases."""
    generate(states=150, treaties=6, seed=11, today=today)
    assert State.objects.count() == 161
    assert TreatyAction.objects.filter(action=Action.WITHDRAWAL_OF_INSTRUMENT).exists()
    assert StatusObservation.objects.filter(observed_on__isnull=True).exists()


def latest_versions(model) -> dict[int, datetime.datetime]:
    """The time of each fact's latest recorded version."""
    return dict(
        model.history.order_by()
        .values("id")
        .annotate(at=Max("history_date"))
        .values_list("id", "at")
    )


def derived_from_model_instances(on: datetime.date) -> bytes:
    """The export as every pair's status from `State.participation()`, on states loaded with
    `State.objects.for_participation()`; a pair's latest change is the latest of its state, its
    treaty, its facts (as saved, and as recorded in their history) and their sources."""
    treaties = list(Treaty.objects.order_by("adopted_on", "key"))
    recorded = {TreatyAction: latest_versions(TreatyAction)}
    recorded[StatusObservation] = latest_versions(StatusObservation)
    rows = []
    for state in State.objects.for_participation().order_by("short_name", "pk"):
        statuses = state.participation(treaties, on, timezone.localdate())
        facts = [*state.treaty_actions.all(), *state.status_observations.all()]
        for treaty in treaties:
            changes = [state.updated_at, treaty.updated_at]
            for fact in facts:
                if fact.treaty_id == treaty.pk:
                    changes += [fact.updated_at, fact.source.updated_at]
                    changes.append(recorded[type(fact)][fact.pk])
            rows.append(ParticipationRow(state, treaty, statuses[treaty.pk], max(changes)))
    return "".join(participation_csv(ParticipationSerializer(), rows)).encode()


def test_streamed_rows_and_model_instances_are_the_records_a_status_reads(dataset, today):
    table = ParticipationTable(State.objects.all(), Treaty.objects.all(), today, today)
    streamed = [row.participation for row in table.rows()]
    events = [p.event for p in streamed if p.event is not None]
    observations = [p.observation for p in streamed if p.observation is not None]

    assert events and observations
    assert all(isinstance(event, ActionRecord) for event in events)
    assert all(isinstance(event.source, SourceRecord) for event in events)
    assert all(isinstance(observation, ObservationRecord) for observation in observations)
    assert isinstance(TreatyAction.objects.with_related().first(), ActionRecord)
    assert isinstance(StatusObservation.objects.with_related().first(), ObservationRecord)
    assert isinstance(TreatyAction.objects.with_related().first().source, SourceRecord)


def export(api, **params) -> bytes:
    response = api.get("/api/v1/participation/", {"format": "csv", **params})
    assert response.status_code == 200
    return body(response)


def test_export_of_many_states_today_is_what_each_pair_derives(api, many_states):
    exported = export(api)

    assert exported == derived_from_model_instances(timezone.localdate())
    rows = list(csv.DictReader(io.StringIO(exported.decode())))
    assert len(rows) == 161 * Treaty.objects.count()
    statuses = {row["status"] for row in rows}
    # ACTIP, open only to ASEAN members, is not applicable to the synthetic states.
    assert statuses == {"party", "signatory", "withdrawn", "no_action", "unknown", "not_applicable"}
    assert {"day", "month", "year"} <= {r["since_precision"] for r in rows}
    assert any(r["contradiction"] == "true" for r in rows)
    assert any(r["observation_id"] and not r["event_id"] for r in rows)


def test_export_of_many_states_on_a_past_date_is_what_each_pair_derives(api, many_states):
    exported = export(api, as_of="2015-01-01")

    assert exported == derived_from_model_instances(datetime.date(2015, 1, 1))
    rows = list(csv.DictReader(io.StringIO(exported.decode())))
    assert {r["as_of"] for r in rows} == {"2015-01-01"}
    assert any(r["denunciation_effective_on"] for r in rows)
    assert any(r["status"] == "withdrawn" for r in rows)


def test_export_costs_the_same_queries_for_eleven_states_and_for_161(api, today):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            export(api)
        return len(captured.captured_queries)

    with_asean = queries()
    generate(states=150, treaties=6, seed=11, today=today)

    assert queries() == with_asean == PARTICIPATION_QUERIES


def test_export_reaches_the_server_in_chunks_of_many_lines(api, many_states):
    response = api.get("/api/v1/participation/", {"format": "csv"})
    chunks = list(response.streaming_content)

    lines = b"".join(chunks).count(b"\r\n")
    assert lines == 161 * Treaty.objects.count() + 1
    assert 1 < len(chunks) < lines / 100
    assert all(len(chunk) >= CSV_BATCH for chunk in chunks[:-1])


def test_pages_of_the_json_list_hold_every_pair_once_in_the_exports_order(api, many_states):
    exported = list(csv.DictReader(io.StringIO(export(api).decode())))
    paged = []
    # 37 rows a page: pages start and end in the middle of a state's treaties.
    url = "/api/v1/participation/?page_size=37"
    while url:
        answer = api.get(url).json()
        assert answer["count"] == len(exported)
        paged += answer["results"]
        url = answer["next"]

    assert [(r["state"], r["treaty"], r["status"], r["source_id"]) for r in paged] == [
        (r["state_iso3"], r["treaty_key"], r["status"], int(r["source_id"] or 0) or None)
        for r in exported
    ]


def test_a_page_of_the_json_list_derives_only_the_states_on_it(api, many_states, monkeypatch):
    import commitments.api.participation as participation

    derived = []
    real_derive = participation.derive

    def counting_derive(*args, **kwargs):
        derived.append(args)
        return real_derive(*args, **kwargs)

    monkeypatch.setattr(participation, "derive", counting_derive)
    treaties = Treaty.objects.count()

    with CaptureQueriesContext(connection) as captured:
        answer = api.get("/api/v1/participation/", {"page": 3, "page_size": treaties}).json()

    assert len(answer["results"]) == treaties
    assert len(derived) == treaties
    assert len(captured.captured_queries) == PARTICIPATION_QUERIES
