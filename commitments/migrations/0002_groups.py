"""The Researchers and Editors groups.

Researchers add, change and view every fact and view its history, but may not delete; Editors may
also delete. Permissions are created here first, because Django only creates them after all
migrations have run.
"""

from django.db import migrations

from commitments import roles

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
GROUPS = {name: roles.codenames(name, FACT_MODELS) for name in roles.ACTIONS}


def create_groups(apps, schema_editor):
    roles.grant(apps, schema_editor, FACT_MODELS)


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
