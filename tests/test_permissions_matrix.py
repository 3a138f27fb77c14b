"""Every write route, tried by every kind of user, from the outside.

Anonymous visitors, signed-in staff outside any group, researchers and editors each try to add,
change and delete every fact model through the admin, and to POST, PUT, PATCH and DELETE on every
writable API endpoint. Only what their group allows succeeds (Researchers: add, change; Editors:
add, change, delete); everything else is refused and changes nothing, history included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.db import models
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from commitments.models import (
    Accreditation,
    Engagement,
    Fact,
    FocalPoint,
    Law,
    NationalHumanRightsInstitution,
    NationalMechanism,
    RegionalEvent,
    Source,
    State,
    StatusObservation,
    Treaty,
    TreatyAction,
    UprRecommendation,
)
from tests.factories import SourceFactory, StateFactory
from tests.helpers import form_data, token_client

pytestmark = pytest.mark.usefixtures("dataset")

ROLES = ["anonymous", "outsider", "researcher", "editor"]
ALLOWED = {
    "anonymous": set(),
    "outsider": set(),
    "researcher": {"add", "change"},
    "editor": {"add", "change", "delete"},
}


@dataclass
class Resource:
    model: type[models.Model]
    endpoint: str
    sample: callable
    # Admin form values that make a copy of the sample a new, valid row.
    admin_new: callable
    # API fields that do the same.
    api_new: callable
    changed_field: str = "notes"
    lookup: callable = field(default=lambda obj: obj.pk)


def khm_rome_signature():
    return TreatyAction.objects.get(
        state__iso3="KHM", treaty__key="rome_statute_1998", action="signature"
    )


def mmr():
    return State.objects.get(iso3="MMR")


RESOURCES = [
    Resource(
        Source,
        "sources",
        lambda: Source.objects.order_by("url", "pk").first(),
        lambda: {"url": "https://example.org/new-source"},
        lambda: {"url": "https://example.org/new-source"},
    ),
    Resource(
        State,
        "states",
        lambda: State.objects.get(iso3="KHM"),
        lambda: {"iso3": "FRA", "iso2": "FR", "short_name": "France"},
        lambda: {"iso3": "FRA", "iso2": "FR", "short_name": "France"},
        lookup=lambda obj: obj.iso3,
    ),
    Resource(
        Treaty,
        "treaties",
        lambda: Treaty.objects.get(key="rome_statute_1998"),
        lambda: {"key": "rome_statute_copy"},
        lambda: {"key": "rome_statute_copy"},
        changed_field="depositary",
        lookup=lambda obj: obj.key,
    ),
    Resource(
        TreatyAction,
        "treaty-actions",
        khm_rome_signature,
        lambda: {"state": mmr().pk},
        lambda: {"state": "MMR"},
    ),
    Resource(
        StatusObservation,
        "status-observations",
        lambda: StatusObservation.objects.order_by("pk").first(),
        lambda: {"observed_on": "2001-01-01", "observed_on_precision": "day"},
        lambda: {"observed_on": "2001-01-01", "observed_on_precision": "day"},
    ),
    Resource(
        FocalPoint,
        "focal-points",
        lambda: FocalPoint.objects.get(state__iso3="TLS"),
        lambda: {"office": "Ministry of Foreign Affairs"},
        lambda: {"office": "Ministry of Foreign Affairs"},
    ),
    Resource(
        NationalHumanRightsInstitution,
        "nhris",
        lambda: NationalHumanRightsInstitution.objects.order_by("pk").first(),
        lambda: {"acronym": "NEW-HRC"},
        lambda: {"acronym": "NEW-HRC"},
    ),
    Resource(
        Accreditation,
        "accreditations",
        lambda: Accreditation.objects.order_by("pk").first(),
        lambda: {"status": "B"},
        lambda: {"status": "B"},
    ),
    Resource(
        Law,
        "laws",
        lambda: Law.objects.order_by("pk").first(),
        lambda: {"title": "Law on the Prevention of Atrocity Crimes"},
        lambda: {"title": "Law on the Prevention of Atrocity Crimes"},
    ),
    Resource(
        Engagement,
        "engagements",
        lambda: Engagement.objects.get(state__iso3="IDN", kind="unga_vote"),
        lambda: {"state": mmr().pk},
        lambda: {"state": "MMR"},
    ),
    Resource(
        UprRecommendation,
        "upr-recommendations",
        lambda: UprRecommendation.objects.order_by("pk").first(),
        lambda: {"paragraph": "999.1"},
        lambda: {"paragraph": "999.1"},
    ),
    Resource(
        NationalMechanism,
        "national-mechanisms",
        lambda: NationalMechanism.objects.order_by("pk").first(),
        lambda: {"title": "A national dialogue on atrocity prevention"},
        lambda: {"title": "A national dialogue on atrocity prevention"},
    ),
    Resource(
        RegionalEvent,
        "regional-events",
        lambda: RegionalEvent.objects.order_by("pk").first(),
        lambda: {"title": "A regional meeting on atrocity prevention"},
        lambda: {"title": "A regional meeting on atrocity prevention"},
    ),
]
IDS = [r.model.__name__ for r in RESOURCES]


def deletable(resource: Resource):
    """A row whose deletion the database allows (every shipped source is cited by a fact), and
    that one request may delete (a state with facts needs its deletion confirmed)."""
    if resource.model is Source:
        return SourceFactory()
    if resource.model is State:
        return StateFactory()
    return resource.sample()


@pytest.fixture
def users(django_user_model, researcher, editor):
    outsider = django_user_model.objects.create_user(username="outsider", is_staff=True)
    return {"outsider": outsider, "researcher": researcher, "editor": editor}


def footprint(model) -> tuple[int, int]:
    """Rows and history records: a refused write must change neither."""
    return model.objects.count(), model.history.count()


def assert_changed(obj, field: str, role: str) -> None:
    """The change was recorded: published, or, for a Researcher's change to a fact, proposed for
    review beside the published value, which stays."""
    if role == "researcher" and isinstance(obj, Fact):
        assert getattr(obj, field) != "Checked again"
        assert obj.proposed_changes[field] == "Checked again"
    else:
        assert getattr(obj, field) == "Checked again"


# The admin.


def admin_client(role: str, users) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:commitments_{model._meta.model_name}_{view}", args=args)


def change_form(admin_user, obj) -> dict:
    """What the admin's change page for `obj` posts back, read as a superuser."""
    reader = Client()
    reader.force_login(admin_user)
    return form_data(reader.get(admin_url(type(obj), "change", obj.pk)))


def without_inline_rows(data: dict) -> dict:
    kept = {k: v for k, v in data.items() if not re.match(r"^.+-\d+-.+$", k)}
    for key in kept:
        if key.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")):
            kept[key] = "0"
    return kept


def refused(response, role: str) -> bool:
    if role == "anonymous":
        return response.status_code == 302 and "/login/" in response["Location"]
    return response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_admin_add(resource, role, users, admin_user):
    data = {
        **without_inline_rows(change_form(admin_user, resource.sample())),
        **resource.admin_new(),
    }
    before = footprint(resource.model)
    response = admin_client(role, users).post(admin_url(resource.model, "add"), data)
    if "add" in ALLOWED[role]:
        assert response.status_code == 302
        assert resource.model.objects.count() == before[0] + 1
    else:
        assert refused(response, role)
        assert footprint(resource.model) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_admin_change(resource, role, users, admin_user):
    obj = resource.sample()
    data = {**change_form(admin_user, obj), resource.changed_field: "Checked again"}
    before = footprint(resource.model)
    response = admin_client(role, users).post(admin_url(resource.model, "change", obj.pk), data)
    obj.refresh_from_db()
    if "change" in ALLOWED[role]:
        assert response.status_code == 302
        assert_changed(obj, resource.changed_field, role)
        assert resource.model.history.count() > before[1]
    else:
        assert refused(response, role)
        assert getattr(obj, resource.changed_field) != "Checked again"
        assert footprint(resource.model) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_admin_delete(resource, role, users):
    obj = deletable(resource)
    before = footprint(resource.model)
    response = admin_client(role, users).post(
        admin_url(resource.model, "delete", obj.pk), {"post": "yes"}
    )
    exists = resource.model.objects.filter(pk=obj.pk).exists()
    if "delete" in ALLOWED[role]:
        assert response.status_code == 302
        assert not exists
    else:
        assert refused(response, role)
        assert exists
        assert footprint(resource.model) == before


# The API.


def api_client(role: str, users) -> APIClient:
    return APIClient() if role == "anonymous" else token_client(users[role])


def api_refused(response, role: str) -> bool:
    return response.status_code == (401 if role == "anonymous" else 403)


def detail(resource: Resource, obj) -> str:
    return f"/api/v1/{resource.endpoint}/{resource.lookup(obj)}/"


def representation(resource: Resource, obj) -> dict:
    response = APIClient().get(detail(resource, obj))
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_api_post(resource, role, users):
    payload = {**representation(resource, resource.sample()), **resource.api_new()}
    before = footprint(resource.model)
    response = api_client(role, users).post(f"/api/v1/{resource.endpoint}/", payload, format="json")
    if "add" in ALLOWED[role]:
        assert response.status_code == 201, response.json()
        assert resource.model.objects.count() == before[0] + 1
    else:
        assert api_refused(response, role)
        assert footprint(resource.model) == before


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_api_update(resource, role, method, users):
    obj = resource.sample()
    payload = {resource.changed_field: "Checked again"}
    if method == "put":
        payload = {**representation(resource, obj), **payload}
    before = footprint(resource.model)
    response = getattr(api_client(role, users), method)(
        detail(resource, obj), payload, format="json"
    )
    obj.refresh_from_db()
    if "change" in ALLOWED[role]:
        assert response.status_code == 200, response.json()
        assert_changed(obj, resource.changed_field, role)
    else:
        assert api_refused(response, role)
        assert footprint(resource.model) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_api_delete(resource, role, users):
    obj = deletable(resource)
    before = footprint(resource.model)
    response = api_client(role, users).delete(detail(resource, obj))
    exists = resource.model.objects.filter(pk=obj.pk).exists()
    if "delete" in ALLOWED[role]:
        assert response.status_code == 204
        assert not exists
    else:
        assert api_refused(response, role)
        assert exists
        assert footprint(resource.model) == before


def test_read_only_participation_refuses_writes_from_everyone(users):
    for role in ROLES:
        response = api_client(role, users).post("/api/v1/participation/", {}, format="json")
        assert response.status_code in (401, 403, 405)


def test_admin_path_in_settings_is_where_the_admin_is():
    assert reverse("admin:index") == f"/{settings.ADMIN_PATH}"
