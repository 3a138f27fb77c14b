"""What several test modules share that is not a fixture (those are in conftest.py): constants,
the group helper, request helpers. Test modules import from here, never from each other."""

import datetime
import os
import re
import socket
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from commitments import roles

DATASET = Path(settings.BASE_DIR) / "data" / "asean"
PYTHON = sys.executable
# The password of the staff users the fixtures make (conftest.py).
PASSWORD = "a-long-and-unusual-passphrase"

# A row of the overview's scores table: the state's code and name, its rank, total and coverage.
OVERVIEW_ROW = re.compile(
    r'<th scope="row"><a href="/countries/(\w+)/[^"]*">([^<]+)</a></th>\s*'
    r'<td class="num rank">([^<]*)</td>\s*<td class="num total">(.*?)</td>\s*'
    r'<td class="num">(.*?)</td>',
    re.S,
)

# The window of the browser tests' tabs.
DESKTOP = {"width": 1280, "height": 900}

# A Redis cache that does not answer (nothing listens on port 1).
REDIS_DOWN = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        },
    }
}

# The queries of the participation list and export: version, states, treaties, the latest change
# to each pair from the history of its facts, then the actions with their sources and the
# observations with their sources, each read through one cursor (ParticipationTable): those of
# every chosen state for the CSV export or a filtered list, those of the states on the page for a
# page of the JSON list.
PARTICIPATION_QUERIES = 6

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
    "engagements",
    "upr-recommendations",
    "national-mechanisms",
    "regional-events",
    "sources",
    "scores",
]


def body(response) -> bytes:
    """The whole body of a plain or streamed response."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def group(name: str) -> Group:
    """The group as the migrations make it; made again with the same permissions when a
    transactional test flushed the database."""
    if Group.objects.filter(name__in=roles.ACTIONS).count() != len(roles.ACTIONS):
        roles.ensure_groups()
    return Group.objects.get(name=name)


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def form_data(response) -> dict:
    """What a browser would post back from an admin change page, inlines included."""

    def value(bound):
        data = bound.value()
        if data is None or data is False:
            return ""
        return data.isoformat() if isinstance(data, datetime.date) else data

    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        data[name] = value(form[name])
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for name in formset.management_form.fields:
            data[formset.management_form.add_prefix(name)] = value(formset.management_form[name])
        for inline_form in formset.forms:
            for name in inline_form.fields:
                data[inline_form.add_prefix(name)] = value(inline_form[name])
    return {key: item for key, item in data.items() if item != ""}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**extra: str) -> dict[str, str]:
    """The environment a production container gets (docker-compose.yml), on loopback."""
    env = {
        # The image's `python` and `gunicorn` are the ones installed with the project.
        "PATH": f"{Path(PYTHON).parent}{os.pathsep}{os.environ['PATH']}",
        "DEBUG": "0",
        "SECRET_KEY": "k" * 30 + "-production-test-key-" + "z" * 30,
        "ALLOWED_HOSTS": "r2p.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://r2p.example.org",
        "SITE_URL": "https://r2p.example.org",
        "CACHE_URL": "redis://127.0.0.1:6379/15",
    }
    env.update(extra)
    return env


def empty_the_database() -> None:
    """Deletes every fact and its history, dependants first (the `empty_database` fixture; the
    property-based round trip empties the database once per generated example)."""
    from commitments.models import FACT_MODELS, DatasetLoad

    # Every fact model comes after the models it refers to.
    for model in reversed(FACT_MODELS):
        model.objects.all().delete()
        model.history.all().delete()
    DatasetLoad.objects.all().delete()


def checked_again(objects) -> list:
    """Saves each of `objects` with a note added: a published change of its own in the log,
    after the dataset's first load (which the log shows as one entry). Returns them."""
    objects = list(objects)
    for obj in objects:
        obj.notes = f"{obj.notes} Checked again.".strip()
        obj.save()
    return objects


def _natural_key(obj) -> tuple:
    """What identifies a referenced row independently of database ids."""
    from commitments.models import Source, State, Treaty

    if obj is None:
        return ()
    if isinstance(obj, Source):
        return (obj.url, obj.as_of, obj.as_of_precision, obj.kind, obj.title)
    if isinstance(obj, State):
        return (obj.iso3,)
    if isinstance(obj, Treaty):
        return (obj.key,)
    return (_natural_key(obj.state), obj.acronym)  # an NHRI


def facts_snapshot() -> dict[str, list[tuple]]:
    """Every field of every fact with references as natural keys; no ids, no timestamps, no
    review."""
    from commitments.models import FACT_MODELS, REVIEW_FIELDS

    # The review of a fact is not part of the files: what they hold is published.
    skipped = {"id", "created_at", "updated_at", *REVIEW_FIELDS}
    result = {}
    for model in FACT_MODELS:
        rows = []
        for obj in model.objects.all():
            values = []
            for field in model._meta.concrete_fields:
                if field.name in skipped:
                    continue
                value = getattr(obj, field.name)
                values.append((field.name, _natural_key(value) if field.is_relation else value))
            rows.append(tuple(values))
        result[model.__name__] = sorted(rows, key=repr)
    return result


def write_small_dataset(folder: Path, laws: list[dict]) -> Path:
    """A dataset folder with one source, one state (Cambodia) and `laws` (cells by column, the
    rest filled in); every other file has its header only."""
    import csv

    from commitments.exporters import COLUMNS

    url = "https://example.org/gazette"
    rows = {
        "sources.csv": [{"url": url, "title": "Gazette", "as_of_precision": "unknown"}],
        "states.csv": [
            {
                "iso3": "KHM",
                "iso2": "KH",
                "short_name": "Cambodia",
                "official_name": "Kingdom of Cambodia",
                "source_url": url,
            }
        ],
        "laws.csv": [
            {
                "state_iso3": "KHM",
                "date_precision": "unknown",
                "category": "other",
                "source_url": url,
                **law,
            }
            for law in laws
        ],
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, columns in COLUMNS.items():
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows.get(name, []))
    return folder
