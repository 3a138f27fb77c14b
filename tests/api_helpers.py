"""Helpers shared by the API tests."""

import importlib

from django.contrib.auth.models import Group, Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

GROUPS = importlib.import_module("commitments.migrations.0002_groups").GROUPS

# Every collection of the API.
LISTS = [
    "states",
    "treaties",
    "treaty-actions",
    "status-observations",
    "participation",
    "focal-points",
    "nhris",
    "accreditations",
    "laws",
    "sources",
]


def body(response) -> bytes:
    """The whole body of a plain or streamed response."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def group(name: str) -> Group:
    """The group the migration creates; made with the same permissions if a flush removed it."""
    found, created = Group.objects.get_or_create(name=name)
    if created:
        found.permissions.set(
            Permission.objects.filter(
                content_type__app_label="commitments", codename__in=GROUPS[name]
            )
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
