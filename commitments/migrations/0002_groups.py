"""The Researchers and Editors groups.

Researchers add, change and view every fact and view its history, but may not delete; Editors may
also delete. Permissions are created here first, because Django only creates them after all
migrations have run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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
RESEARCHER_ACTIONS = ["add", "change", "view"]
EDITOR_ACTIONS = ["add", "change", "delete", "view"]


def codenames(actions):
    return [f"{action}_{model}" for model in FACT_MODELS for action in actions] + [
        f"view_historical{model}" for model in FACT_MODELS
    ]


GROUPS = {"Researchers": codenames(RESEARCHER_ACTIONS), "Editors": codenames(EDITOR_ACTIONS)}


def create_groups(apps, schema_editor):
    # A migration's app config has no models module, which create_permissions() would skip.
    app_config = apps.get_app_config("commitments")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    finally:
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    for name, wanted in GROUPS.items():
        permissions = list(
            Permission.objects.using(db).filter(
                content_type__app_label="commitments", codename__in=wanted
            )
        )
        missing = set(wanted) - {p.codename for p in permissions}
        if missing:
            raise RuntimeError(f"Permissions not found: {', '.join(sorted(missing))}")
        group, _ = Group.objects.using(db).get_or_create(name=name)
        group.permissions.set(permissions)


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("commitments", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
