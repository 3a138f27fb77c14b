"""Review before publication: a Researcher's fact is pending until an Editor publishes it."""

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from commitments import medians, versioning
from commitments.models import Law, Source, State, TreatyAction
from commitments.vocabularies import Precision, ReviewStatus
from r2p_tracker import cache
from tests.factories import LawFactory, SourceFactory, StateFactory

NEW_SIGNATURE = {
    "state": "mmr",
    "treaty": "rome_statute_1998",
    "action": "signature",
    "date": "2001-05-02",
    "date_precision": "day",
}
AS_OF = {"state": "MMR", "treaty": "rome_statute_1998", "as_of": "2002-01-01"}


@pytest.fixture
def source(dataset):
    return Source.objects.first()


def _public_status() -> str:
    """The status readers get, computed afresh: no answer kept from an earlier read (which the
    unchanged data version would otherwise serve) can hide a pending fact."""
    cache.clear()
    medians.clear()
    [row] = APIClient().get("/api/v1/participation/", AS_OF).json()["results"]
    return row["status"]


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _propose_signature(researcher, source) -> int:
    response = _client(researcher).post(
        "/api/v1/treaty-actions/", {**NEW_SIGNATURE, "source": source.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["review_status"] == "pending"
    return response.json()["id"]


def test_researchers_new_action_is_pending_and_changes_nothing_public(researcher, source):
    before_status = _public_status()
    before_version = versioning.current()
    pk = _propose_signature(researcher, source)
    assert _public_status() == before_status
    assert versioning.current() == before_version
    anonymous = APIClient()
    assert anonymous.get(f"/api/v1/treaty-actions/{pk}/").status_code == 404
    listed = anonymous.get("/api/v1/treaty-actions/", {"state": "MMR", "page_size": 500}).json()
    assert pk not in {row["id"] for row in listed["results"]}
    # The researcher still sees what they proposed.
    mine = _client(researcher).get(f"/api/v1/treaty-actions/{pk}/")
    assert mine.json()["review_status"] == "pending"


def test_editor_publishes_and_the_status_and_data_version_change(researcher, editor, source):
    pk = _propose_signature(researcher, source)
    before_version = versioning.current()
    response = _client(editor).post(f"/api/v1/treaty-actions/{pk}/publish/")
    assert response.status_code == 200, response.json()
    assert response.json()["review_status"] == "published"
    assert _public_status() == "signatory"
    assert versioning.current().number > before_version.number
    latest = TreatyAction.objects.get(pk=pk).history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason.startswith("Approved")


def test_a_researcher_cannot_publish_or_reject(researcher, source):
    pk = _propose_signature(researcher, source)
    client = _client(researcher)
    assert client.post(f"/api/v1/treaty-actions/{pk}/publish/").status_code == 403
    assert client.post(f"/api/v1/treaty-actions/{pk}/reject/", {"reason": "x"}).status_code == 403
    assert TreatyAction.objects.get(pk=pk).review_status == ReviewStatus.PENDING


def test_rejection_needs_a_reason_and_keeps_it_in_the_history(researcher, editor, source):
    pk = _propose_signature(researcher, source)
    client = _client(editor)
    refused = client.post(f"/api/v1/treaty-actions/{pk}/reject/", {}, format="json")
    assert refused.status_code == 400
    assert "reason" in refused.json()
    response = client.post(
        f"/api/v1/treaty-actions/{pk}/reject/",
        {"reason": "The depositary lists no signature on that date."},
        format="json",
    )
    assert response.status_code == 200
    action = TreatyAction.objects.get(pk=pk)
    assert action.review_status == ReviewStatus.REJECTED
    assert action.review_note == "The depositary lists no signature on that date."
    assert "no signature" in action.history.first().history_change_reason
    assert _public_status() != "signatory"


def test_a_change_to_a_published_fact_leaves_the_published_version_in_place(researcher, editor):
    law = Law.objects.filter(state__iso3="KHM").first()
    published_number = law.number
    before_version = versioning.current()
    response = _client(researcher).patch(
        f"/api/v1/laws/{law.pk}/", {"number": "NS/RKM/0613/007"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["review_status"] == "pending"
    assert response.json()["proposed_changes"] == {"number": "NS/RKM/0613/007"}
    public = APIClient().get(f"/api/v1/laws/{law.pk}/").json()
    assert public["number"] == published_number
    assert "review_status" not in public
    assert versioning.current() == before_version

    published = _client(editor).post(f"/api/v1/laws/{law.pk}/publish/")
    assert published.status_code == 200, published.json()
    assert APIClient().get(f"/api/v1/laws/{law.pk}/").json()["number"] == "NS/RKM/0613/007"
    assert versioning.current().number > before_version.number


def test_rejecting_a_proposed_change_keeps_the_published_fact(researcher, editor):
    law = Law.objects.filter(state__iso3="KHM").first()
    _client(researcher).patch(f"/api/v1/laws/{law.pk}/", {"number": "typo"}, format="json")
    response = _client(editor).post(
        f"/api/v1/laws/{law.pk}/reject/", {"reason": "Not the gazette's number."}, format="json"
    )
    assert response.status_code == 200
    law.refresh_from_db()
    assert law.review_status == ReviewStatus.PUBLISHED
    assert law.number != "typo"
    assert law.proposed_changes == {}
    assert APIClient().get(f"/api/v1/laws/{law.pk}/").status_code == 200


def test_publishing_a_published_fact_is_a_400(editor):
    law = Law.objects.first()
    response = _client(editor).post(f"/api/v1/laws/{law.pk}/publish/")
    assert response.status_code == 400


@override_settings(EDITORS_PUBLISH_DIRECTLY=False)
def test_without_direct_publication_an_editors_change_waits_too(editor, source):
    response = _client(editor).post(
        "/api/v1/treaty-actions/", {**NEW_SIGNATURE, "source": source.pk}, format="json"
    )
    assert response.json()["review_status"] == "pending"
    assert _public_status() != "signatory"


def test_editors_own_change_is_published_directly_by_default(editor, source):
    response = _client(editor).post(
        "/api/v1/treaty-actions/", {**NEW_SIGNATURE, "source": source.pk}, format="json"
    )
    assert response.json()["review_status"] == "published"
    assert _public_status() == "signatory"


def test_pending_fact_is_left_out_of_the_dataset_bundle(researcher, source):
    pk = _propose_signature(researcher, source)
    response = APIClient().get("/api/v1/treaty-actions/", {"format": "csv", "state": "MMR"})
    ids = {
        line.split(",")[0] for line in b"".join(response.streaming_content).decode().splitlines()
    }
    assert str(pk) not in ids


# The admin: a Researcher's save waits; the queue shows it; an Editor decides.


def _admin_add_law(client, state: State, source: Source, title: str):
    return client.post(
        reverse("admin:commitments_law_add"),
        {
            "state": state.pk,
            "title": title,
            "number": "",
            "enacted_on": "2019-03-01",
            "enacted_on_precision": Precision.DAY,
            "category": "other",
            "source": source.pk,
            "confidence": "",
            "notes": "",
        },
    )


def test_the_queue_shows_who_proposed_what_and_an_editor_approves(client, researcher, editor):
    state, source = State.objects.get(iso3="KHM"), Source.objects.first()
    client.force_login(researcher)
    added = _admin_add_law(client, state, source, "Law on Witness Protection")
    assert added.status_code == 302
    law = Law.objects.get(title="Law on Witness Protection")
    assert law.review_status == ReviewStatus.PENDING
    country = APIClient().get("/api/v1/laws/", {"state": "KHM"}).json()["results"]
    assert "Law on Witness Protection" not in {row["title"] for row in country}

    queue = client.get(reverse("admin:commitments_review"))
    page = queue.content.decode()
    assert "Law on Witness Protection" in page
    assert researcher.username in page
    assert source.url in page
    assert 'value="approve"' not in page  # a Researcher sees the queue, without the buttons

    client.force_login(editor)
    refused = client.post(
        reverse("admin:commitments_review"),
        {"model": "law", "pk": law.pk, "decision": "reject", "reason": ""},
    )
    assert refused.status_code == 302
    law.refresh_from_db()
    assert law.review_status == ReviewStatus.PENDING
    client.post(
        reverse("admin:commitments_review"), {"model": "law", "pk": law.pk, "decision": "approve"}
    )
    law.refresh_from_db()
    assert law.review_status == ReviewStatus.PUBLISHED
    country = APIClient().get("/api/v1/laws/", {"state": "KHM"}).json()["results"]
    assert "Law on Witness Protection" in {row["title"] for row in country}


def test_the_queue_shows_a_change_field_by_field(client, researcher, editor):
    law = LawFactory(number="1/2019")
    client.force_login(researcher)
    _client(researcher).patch(f"/api/v1/laws/{law.pk}/", {"number": "2/2019"}, format="json")
    client.force_login(editor)
    page = client.get(reverse("admin:commitments_review")).content.decode()
    row = page[page.index(f"review-law-{law.pk}") :]
    assert "<td>1/2019</td><td>2/2019</td>" in row


def test_a_researcher_cannot_decide_in_the_queue(client, researcher, source):
    pk = _propose_signature(researcher, source)
    client.force_login(researcher)
    response = client.post(
        reverse("admin:commitments_review"),
        {"model": "treatyaction", "pk": pk, "decision": "approve"},
    )
    assert response.status_code == 403
    assert TreatyAction.objects.get(pk=pk).review_status == ReviewStatus.PENDING


def _pending_laws(count: int, researcher) -> None:
    for _ in range(count):
        LawFactory(
            state=StateFactory(),
            source=SourceFactory(),
            review_status=ReviewStatus.PENDING,
            proposed_by=researcher,
        )


def test_the_queue_costs_the_same_queries_for_one_fact_or_many(
    client, editor, researcher, django_assert_num_queries
):
    client.force_login(editor)
    _pending_laws(1, researcher)
    # The session and its user; the user's own and their groups' permissions (may they view?);
    # the user's groups (may they decide?); one query per kind of fact (eleven: the seven of the
    # treaties and institutions, and engagements, UPR recommendations, national mechanisms and
    # regional events); none for related rows: no proposal names one that the facts do not hold.
    with django_assert_num_queries(16):
        client.get(reverse("admin:commitments_review"))
    _pending_laws(4, researcher)
    TreatyAction.objects.filter(pk__in=TreatyAction.objects.values("pk")[:3]).update(
        review_status=ReviewStatus.PENDING
    )
    with django_assert_num_queries(16):
        response = client.get(reverse("admin:commitments_review"))
    assert response.content.decode().count('value="approve"') == 8
