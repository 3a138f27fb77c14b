"""No lost updates: concurrent and stale writes through the API (the admin's are in
tests/test_admin.py).

The threaded tests need PostgreSQL, where two requests really run at once and the row lock is
what keeps them apart; on SQLite a stale read is simulated by saving through a serializer that
holds the row as it was before another change.
"""

import threading
from types import SimpleNamespace

import pytest
from django.db import connection

from commitments.api.serializers import LawSerializer
from commitments.models import Law
from tests.helpers import group, token_client

PAIRS = 30


def khmer_law():
    return Law.objects.filter(state__iso3="KHM").order_by("pk").first()


def test_a_save_from_a_stale_read_keeps_the_change_made_meanwhile(editor):
    law = khmer_law()
    stale = Law.objects.get(pk=law.pk)
    token_client(editor).patch(f"/api/v1/laws/{law.pk}/", {"number": "A-1"}, format="json")
    as_editor = {"request": SimpleNamespace(user=editor)}
    serializer = LawSerializer(
        stale, data={"title": "A new title"}, partial=True, context=as_editor
    )
    assert serializer.is_valid(), serializer.errors
    serializer.save()
    law.refresh_from_db()
    assert (law.number, law.title) == ("A-1", "A new title")


def test_a_proposal_from_a_stale_read_proposes_only_what_it_changes(editor, researcher):
    law = khmer_law()
    stale = Law.objects.get(pk=law.pk)
    token_client(editor).patch(f"/api/v1/laws/{law.pk}/", {"number": "A-1"}, format="json")
    as_researcher = {"request": SimpleNamespace(user=researcher)}
    serializer = LawSerializer(
        stale, data={"title": "A new title"}, partial=True, context=as_researcher
    )
    assert serializer.is_valid(), serializer.errors
    serializer.save()
    law.refresh_from_db()
    assert law.number == "A-1"
    assert law.proposed_changes == {"title": "A new title"}


def _at_once(*requests):
    """Runs each request in its own thread, all released together; their answers in order."""
    barrier = threading.Barrier(len(requests))
    answers = [None] * len(requests)

    def run(index, request):
        try:
            barrier.wait()
            answers[index] = request()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.fixture
def writers(editor, django_user_model):
    """The law both write to, its address, and two API clients of different Editors (whose
    changes are published at once, so that both take effect on the row)."""
    law = khmer_law()
    other = django_user_model.objects.create_user("elena", is_staff=True)
    other.groups.add(group("Editors"))
    return law, f"/api/v1/laws/{law.pk}/", token_client(other), token_client(editor)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_patches_to_different_fields_both_take_effect(writers):
    law, url, alice, bob = writers
    lost = 0
    for pair in range(PAIRS):
        answers = _at_once(
            lambda pair=pair: alice.patch(url, {"number": f"N-{pair}"}, format="json"),
            lambda pair=pair: bob.patch(url, {"title": f"Title {pair}"}, format="json"),
        )
        assert [answer.status_code for answer in answers] == [200, 200]
        law.refresh_from_db()
        lost += (law.number, law.title) != (f"N-{pair}", f"Title {pair}")
    assert lost == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_of_two_concurrent_patches_with_the_same_etag_one_is_refused(writers):
    law, url, alice, bob = writers
    tag = alice.get(url)["ETag"]
    answers = _at_once(
        lambda: alice.patch(url, {"number": "Alice"}, format="json", HTTP_IF_MATCH=tag),
        lambda: bob.patch(url, {"number": "Bob"}, format="json", HTTP_IF_MATCH=tag),
    )
    assert sorted(answer.status_code for answer in answers) == [200, 412]
    [winner] = [answer for answer in answers if answer.status_code == 200]
    law.refresh_from_db()
    assert law.number == winner.json()["number"]
