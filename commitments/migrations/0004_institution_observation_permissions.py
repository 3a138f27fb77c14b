"""Researchers and Editors work with institution observations as with every other fact."""

from django.db import migrations

from commitments import roles

MODELS = ["institutionobservation"]


def grant(apps, schema_editor):
    roles.grant(apps, schema_editor, MODELS)


def revoke(apps, schema_editor):
    roles.revoke(apps, schema_editor, MODELS)


class Migration(migrations.Migration):
    dependencies = [("commitments", "0003_sourced_absence")]

    operations = [migrations.RunPython(grant, revoke)]
