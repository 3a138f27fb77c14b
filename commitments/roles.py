"""The Researchers and Editors groups and the permissions each holds on every fact model.

Researchers add, change and view every fact and view its history, but may not delete; Editors may
also delete. Migrations call `grant()` when they add a fact model, so the groups always cover
every model; the module reads models only through the `apps` registry a migration passes in.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace
from typing import cast

from django.contrib.auth.management import create_permissions

RESEARCHERS = "Researchers"
EDITORS = "Editors"
ACTIONS = {RESEARCHERS: ("add", "change", "view"), EDITORS: ("add", "change", "delete", "view")}


def codenames(group: str, model_names: Iterable[str]) -> list[str]:
    """The permission codenames `group` holds on the models named (lower-case model names)."""
    model_names = list(model_names)
    return [f"{action}_{model}" for model in model_names for action in ACTIONS[group]] + [
        f"view_historical{model}" for model in model_names
    ]


def _create_permissions(apps, schema_editor) -> None:
    # A migration's app config has no models module, which create_permissions() would skip.
    app_config = apps.get_app_config("commitments")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    finally:
        app_config.models_module = models_module


def grant(apps, schema_editor, model_names: Iterable[str]) -> None:
    """Give both groups their permissions on the models named, creating what is missing."""
    _create_permissions(apps, schema_editor)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    model_names = list(model_names)
    for name in ACTIONS:
        wanted = codenames(name, model_names)
        permissions = list(
            Permission.objects.using(db).filter(
                content_type__app_label="commitments", codename__in=wanted
            )
        )
        missing = set(wanted) - {p.codename for p in permissions}
        if missing:
            raise RuntimeError(f"Permissions not found: {', '.join(sorted(missing))}")
        group, _ = Group.objects.using(db).get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor, model_names: Iterable[str]) -> None:
    """Take the groups' permissions on the models named away again."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    model_names = list(model_names)
    for group in Group.objects.using(db).filter(name__in=ACTIONS):
        group.permissions.remove(
            *Permission.objects.using(db).filter(
                content_type__app_label="commitments",
                codename__in=codenames(group.name, model_names),
            )
        )


def fact_model_names() -> list[str]:
    """The lower-case names of every fact model the groups work with."""
    from commitments.models import FACT_MODELS

    # A concrete model always has a model name.
    return [cast(str, model._meta.model_name) for model in FACT_MODELS]


def ensure_groups() -> None:
    """Make both groups hold their permissions on every fact model of the running code (after a
    test flushed the database, or for a database made without migrations)."""
    from django.apps import apps
    from django.db import connection

    grant(apps, SimpleNamespace(connection=connection), fact_model_names())


def can_review(user) -> bool:
    """Whether `user` approves and rejects pending facts: an Editor, or a superuser."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS).exists()


def publishes_directly(user) -> bool:
    """Whether what `user` saves is published at once (an Editor, when the setting
    `EDITORS_PUBLISH_DIRECTLY` is on) rather than pending an Editor's review."""
    from django.conf import settings

    return settings.EDITORS_PUBLISH_DIRECTLY and can_review(user)
