"""Helpers shared by the API tests."""

from django.contrib.auth.models import Group, Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

FACT_MODELS = [
    "source",
    "state",
    "treaty",
    "treatyaction",
    "statusobservation",
    "focalpoint",
    "nationalhumanrightsinstitution",
    "accreditation",
    "law",
]
GROUP_ACTIONS = {
    "Researchers": ["add", "change", "view"],
    "Editors": ["add", "change", "delete", "view"],
}


def body(response) -> bytes:
    """The whole body of a plain or streamed response."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def group(name: str) -> Group:
    """The group the migration creates; made with the same permissions if a flush removed it."""
    found, created = Group.objects.get_or_create(name=name)
    if created:
        codenames = [f"{a}_{m}" for m in FACT_MODELS for a in GROUP_ACTIONS[name]]
        found.permissions.set(
            Permission.objects.filter(content_type__app_label="commitments", codename__in=codenames)
        )
    return found


def member_of(django_user_model, name: str):
    user = django_user_model.objects.create_user(username=f"{name.lower()}-member")
    user.groups.add(group(name))
    return user


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client
