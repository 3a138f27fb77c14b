"""The data version counter (commitments/versioning.py): one row, made here.

The row starts at the time of the latest change already in the history tables, so a database
that held facts before this migration keeps its "data last changed" time.
"""

import uuid

from django.db import migrations, models
from django.db.models import Max

HISTORIES = [
    "historicalsource",
    "historicalstate",
    "historicaltreaty",
    "historicaltreatyaction",
    "historicalstatusobservation",
    "historicalfocalpoint",
    "historicalnationalhumanrightsinstitution",
    "historicalaccreditation",
    "historicallaw",
    "historicalinstitutionobservation",
]


def create_row(apps, schema_editor):
    alias = schema_editor.connection.alias
    latest_release = (
        apps.get_model("commitments", "Release")
        .objects.using(alias)
        .order_by("-published_at", "-pk")
        .values_list("version", flat=True)
        .first()
    )
    latest = [
        apps.get_model("commitments", name)
        .objects.using(alias)
        .aggregate(latest=Max("history_date"))["latest"]
        for name in HISTORIES
    ]
    changed_at = max((time for time in latest if time is not None), default=None)
    apps.get_model("commitments", "DataVersion").objects.using(alias).create(
        pk=1,
        number=0 if changed_at is None else 1,
        changed_at=changed_at,
        series=uuid.uuid4().hex,
        release=latest_release or "",
    )


class Migration(migrations.Migration):
    dependencies = [("commitments", "0005_releases")]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0, verbose_name="number")),
                (
                    "changed_at",
                    models.DateTimeField(null=True, verbose_name="time of the latest change"),
                ),
                ("series", models.CharField(max_length=32, verbose_name="series")),
                (
                    "release",
                    models.CharField(blank=True, max_length=20, verbose_name="latest release"),
                ),
            ],
            options={"verbose_name": "data version"},
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
