"""Helpers shared by the API tests."""

from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from commitments import roles

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
    "institution-observations",
    "sources",
    "scores",
]


def body(response) -> bytes:
    """The whole body of a plain or streamed response."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def group(name: str) -> Group:
    """The group the migrations create; made with the same permissions if a flush removed it."""
    if not Group.objects.filter(name=name).exists():
        roles.ensure_groups()
    return Group.objects.get(name=name)


def member_of(django_user_model, name: str):
    user = django_user_model.objects.create_user(username=f"{name.lower()}-member")
    user.groups.add(group(name))
    return user


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client
