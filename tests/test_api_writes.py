"""Writes through the API: admin permissions, model validation, history with the user."""

import pytest
from rest_framework.test import APIClient

from commitments.models import Law, Source, State, TreatyAction
from tests.factories import StateFactory
from tests.helpers import token_client

NEW_SIGNATURE = {
    "state": "mmr",
    "treaty": "rome_statute_1998",
    "action": "signature",
    "date": "2001-05-02",
    "date_precision": "day",
}


@pytest.fixture
def source(dataset):
    return Source.objects.first()


def test_anonymous_write_is_refused_and_writes_nothing(source):
    before = TreatyAction.objects.count()
    response = APIClient().post(
        "/api/v1/treaty-actions/", {**NEW_SIGNATURE, "source": source.pk}, format="json"
    )
    assert response.status_code == 401
    assert TreatyAction.objects.count() == before


def test_signed_in_user_without_permission_cannot_write(source, django_user_model):
    outsider = django_user_model.objects.create_user(username="reader")
    response = token_client(outsider).post(
        "/api/v1/treaty-actions/", {**NEW_SIGNATURE, "source": source.pk}, format="json"
    )
    assert response.status_code == 403


def test_researcher_with_a_token_records_an_action_in_the_history(researcher, source):
    response = token_client(researcher).post(
        "/api/v1/treaty-actions/", {**NEW_SIGNATURE, "source": source.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["state"] == "MMR"
    assert response.json()["source_url"] == source.url
    action = TreatyAction.objects.get(pk=response.json()["id"])
    [record] = action.history.all()
    assert record.history_type == "+"
    assert record.history_user == researcher


def test_editors_new_action_changes_the_derived_status(editor, source):
    client = token_client(editor)
    client.post("/api/v1/treaty-actions/", {**NEW_SIGNATURE, "source": source.pk}, format="json")
    [row] = (
        APIClient()
        .get(
            "/api/v1/participation/",
            {"state": "MMR", "treaty": "rome_statute_1998", "as_of": "2002-01-01"},
        )
        .json()["results"]
    )
    assert row["status"] == "signatory"
    assert row["since"] == "2001-05-02"


def test_editors_update_records_who_changed_it(editor):
    law = Law.objects.filter(state__iso3="KHM").first()
    response = token_client(editor).patch(
        f"/api/v1/laws/{law.pk}/", {"number": "NS/RKM/0613/007"}, format="json"
    )
    assert response.status_code == 200, response.json()
    law.refresh_from_db()
    assert law.number == "NS/RKM/0613/007"
    latest = law.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == editor


def test_session_login_can_write_too(researcher, source):
    client = APIClient()
    client.force_login(researcher)
    response = client.post(
        "/api/v1/treaty-actions/", {**NEW_SIGNATURE, "source": source.pk}, format="json"
    )
    assert response.status_code == 201
    action = TreatyAction.objects.get(pk=response.json()["id"])
    assert action.history.first().history_user == researcher


def test_model_validation_errors_come_back_per_field_and_nothing_is_written(researcher, source):
    before = TreatyAction.objects.count()
    response = token_client(researcher).post(
        "/api/v1/treaty-actions/",
        {
            **NEW_SIGNATURE,
            "action": "denunciation",
            "date": "1990-01-01",
            "source": source.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert "adopted" in " ".join(errors["date"])
    assert "effective_on" in errors
    assert TreatyAction.objects.count() == before


def test_future_date_is_refused_with_the_admins_message(researcher, source):
    response = token_client(researcher).post(
        "/api/v1/treaty-actions/",
        {**NEW_SIGNATURE, "date": "2999-01-01", "source": source.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "future" in response.json()["date"][0]


def test_unknown_state_or_missing_source_is_a_400_per_field(researcher):
    response = token_client(researcher).post(
        "/api/v1/treaty-actions/", {**NEW_SIGNATURE, "state": "XYZ"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"state", "source"}


def test_nul_character_in_a_code_is_a_400_per_field(researcher, source):
    response = token_client(researcher).post(
        "/api/v1/treaty-actions/",
        {**NEW_SIGNATURE, "state": "MM\x00R", "treaty": "rome\x00", "source": source.pk},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"state", "treaty"}


def test_duplicate_event_is_refused(researcher):
    existing = TreatyAction.objects.filter(state__iso3="KHM").first()
    response = token_client(researcher).post(
        "/api/v1/treaty-actions/",
        {
            "state": "KHM",
            "treaty": existing.treaty.key,
            "action": existing.action,
            "date": existing.date.isoformat(),
            "date_precision": existing.date_precision,
            "source": existing.source_id,
        },
        format="json",
    )
    assert response.status_code == 400


def test_year_precise_date_is_stored_as_the_first_day_of_the_year(researcher, source):
    response = token_client(researcher).post(
        "/api/v1/treaty-actions/",
        {**NEW_SIGNATURE, "date": "2001-05-02", "date_precision": "year", "source": source.pk},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["date"] == "2001-01-01"


def test_researcher_cannot_delete(researcher):
    law = Law.objects.first()
    response = token_client(researcher).delete(f"/api/v1/laws/{law.pk}/")
    assert response.status_code == 403
    assert Law.objects.filter(pk=law.pk).exists()


def test_editor_can_delete_and_the_history_keeps_who(editor):
    law = Law.objects.first()
    response = token_client(editor).delete(f"/api/v1/laws/{law.pk}/")
    assert response.status_code == 204
    assert not Law.objects.filter(pk=law.pk).exists()
    deletion = Law.history.filter(id=law.pk).first()
    assert deletion.history_type == "-"
    assert deletion.history_user == editor


def test_deleting_a_source_that_facts_cite_is_a_conflict(editor):
    cited = TreatyAction.objects.first().source
    response = token_client(editor).delete(f"/api/v1/sources/{cited.pk}/")
    assert response.status_code == 409
    assert Source.objects.filter(pk=cited.pk).exists()


def test_state_is_updated_through_its_iso_code(researcher):
    response = token_client(researcher).patch(
        "/api/v1/states/khm/", {"notes": "Checked 2026."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["notes"] == "Checked 2026."


def test_nested_accreditation_history_is_read_only_on_an_institution(researcher):
    response = token_client(researcher).patch(
        "/api/v1/nhris/1/", {"accreditations": [{"status": "C"}]}, format="json"
    )
    assert response.status_code in {200, 404}
    if response.status_code == 200:
        assert "C" not in {a["status"] for a in response.json()["accreditations"]}


# Optimistic concurrency: ETags and If-Match.


def khmer_law():
    return Law.objects.filter(state__iso3="KHM").order_by("pk").first()


def test_a_change_sent_with_the_current_etag_is_made_and_answers_a_new_etag(editor):
    law = khmer_law()
    client = token_client(editor)
    read = client.get(f"/api/v1/laws/{law.pk}/")
    assert read["ETag"]
    response = client.patch(
        f"/api/v1/laws/{law.pk}/",
        {"number": "NS/RKM/0613/007"},
        format="json",
        HTTP_IF_MATCH=read["ETag"],
    )
    assert response.status_code == 200, response.json()
    assert response["ETag"] != read["ETag"]
    assert response["ETag"] == client.get(f"/api/v1/laws/{law.pk}/")["ETag"]
    law.refresh_from_db()
    assert law.number == "NS/RKM/0613/007"


def test_a_change_based_on_a_stale_etag_is_refused_with_412_and_nothing_written(researcher, editor):
    law = khmer_law()
    alice, bob = token_client(editor), token_client(researcher)
    stale = bob.get(f"/api/v1/laws/{law.pk}/")["ETag"]
    alice.patch(f"/api/v1/laws/{law.pk}/", {"number": "A-1"}, format="json")
    response = bob.patch(
        f"/api/v1/laws/{law.pk}/", {"title": "Bob's title"}, format="json", HTTP_IF_MATCH=stale
    )
    assert response.status_code == 412
    assert "changed since" in response.json()["detail"]
    assert response["ETag"] == bob.get(f"/api/v1/laws/{law.pk}/")["ETag"]
    law.refresh_from_db()
    assert law.title != "Bob's title"
    assert law.number == "A-1"


def test_a_change_elsewhere_in_the_data_leaves_an_objects_etag_valid(researcher):
    law, other = Law.objects.order_by("pk")[:2]
    client = token_client(researcher)
    tag = client.get(f"/api/v1/laws/{law.pk}/")["ETag"]
    client.patch(f"/api/v1/laws/{other.pk}/", {"number": "B-2"}, format="json")
    assert client.get(f"/api/v1/laws/{law.pk}/")["ETag"] == tag
    response = client.patch(
        f"/api/v1/laws/{law.pk}/", {"number": "C-3"}, format="json", HTTP_IF_MATCH=tag
    )
    assert response.status_code == 200


def test_the_weak_form_of_the_current_etag_a_compressing_proxy_sends_is_accepted(researcher):
    law = khmer_law()
    client = token_client(researcher)
    tag = client.get(f"/api/v1/laws/{law.pk}/")["ETag"]
    response = client.patch(
        f"/api/v1/laws/{law.pk}/", {"number": "W-1"}, format="json", HTTP_IF_MATCH=f"W/{tag}"
    )
    assert response.status_code == 200


def test_if_match_star_is_honoured_for_an_object_that_exists_and_not_for_a_deleted_one(editor):
    law = khmer_law()
    client = token_client(editor)
    response = client.patch(
        f"/api/v1/laws/{law.pk}/", {"number": "S-1"}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 200
    assert client.delete(f"/api/v1/laws/{law.pk}/").status_code == 204
    response = client.patch(
        f"/api/v1/laws/{law.pk}/", {"number": "S-2"}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 412


def test_a_stale_delete_is_refused_and_the_row_stays(editor):
    law = khmer_law()
    client = token_client(editor)
    stale = client.get(f"/api/v1/laws/{law.pk}/")["ETag"]
    client.patch(f"/api/v1/laws/{law.pk}/", {"number": "D-1"}, format="json")
    response = client.delete(f"/api/v1/laws/{law.pk}/", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert Law.objects.filter(pk=law.pk).exists()


def test_the_etag_changes_when_the_source_it_shows_changes(editor):
    law = khmer_law()
    client = token_client(editor)
    tag = client.get(f"/api/v1/laws/{law.pk}/")["ETag"]
    client.patch(
        f"/api/v1/sources/{law.source_id}/",
        {"url": "https://www.example.org/criminal-code"},
        format="json",
    )
    assert client.get(f"/api/v1/laws/{law.pk}/")["ETag"] != tag


def test_a_patch_that_changes_nothing_writes_no_history(researcher):
    law = khmer_law()
    before = law.history.count()
    response = token_client(researcher).patch(
        f"/api/v1/laws/{law.pk}/", {"number": law.number}, format="json"
    )
    assert response.status_code == 200
    assert law.history.count() == before


# A state with facts is not deleted by one request.


def test_deleting_a_state_with_facts_is_refused_naming_them(editor):
    response = token_client(editor).delete("/api/v1/states/KHM/")
    assert response.status_code == 409
    body = response.json()
    assert "treaty actions" in body["detail"]
    assert body["facts"]["treaty actions"] == TreatyAction.objects.filter(state__iso3="KHM").count()
    assert State.objects.filter(iso3="KHM").exists()


def test_a_state_without_facts_can_be_deleted(editor):
    StateFactory(iso3="FRA")
    response = token_client(editor).delete("/api/v1/states/FRA/")
    assert response.status_code == 204
    assert not State.objects.filter(iso3="FRA").exists()
