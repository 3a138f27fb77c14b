"""Review before publication: every fact has a review status, and a change to a published fact
waits beside it as a proposal. Facts recorded before review existed were public, so they (and
their history) become published.
"""

import commitments.validators
import django.core.serializers.json
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


FACTS = [
    "treatyaction",
    "statusobservation",
    "focalpoint",
    "nationalhumanrightsinstitution",
    "accreditation",
    "law",
    "institutionobservation",
]


def publish_existing(apps, schema_editor):
    alias = schema_editor.connection.alias
    for name in FACTS:
        for model_name in (name, f"historical{name}"):
            model = apps.get_model("commitments", model_name)
            model.objects.using(alias).update(review_status="published")


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0007_clean_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="accreditation",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="accreditation",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="accreditation",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="accreditation",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="accreditation",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="accreditation",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="focalpoint",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="focalpoint",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="focalpoint",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="focalpoint",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="focalpoint",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="focalpoint",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="historicalaccreditation",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="historicalaccreditation",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="historicalaccreditation",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="historicalaccreditation",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="historicalaccreditation",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="historicalaccreditation",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="historicalfocalpoint",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="historicalfocalpoint",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="historicalfocalpoint",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="historicalfocalpoint",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="historicalfocalpoint",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="historicalfocalpoint",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="historicalinstitutionobservation",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="historicalinstitutionobservation",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="historicalinstitutionobservation",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="historicalinstitutionobservation",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="historicalinstitutionobservation",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="historicalinstitutionobservation",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="historicallaw",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="historicallaw",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="historicallaw",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="historicallaw",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="historicallaw",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="historicallaw",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="historicalnationalhumanrightsinstitution",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="historicalnationalhumanrightsinstitution",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="historicalnationalhumanrightsinstitution",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="historicalnationalhumanrightsinstitution",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="historicalnationalhumanrightsinstitution",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="historicalnationalhumanrightsinstitution",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatusobservation",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="historicalstatusobservation",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatusobservation",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatusobservation",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatusobservation",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="historicalstatusobservation",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatyaction",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatyaction",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatyaction",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatyaction",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatyaction",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatyaction",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="institutionobservation",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="institutionobservation",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="institutionobservation",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="institutionobservation",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="institutionobservation",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="institutionobservation",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="law",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="law",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="law",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="law",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="law",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="law",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="nationalhumanrightsinstitution",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="nationalhumanrightsinstitution",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="nationalhumanrightsinstitution",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="nationalhumanrightsinstitution",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="nationalhumanrightsinstitution",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="nationalhumanrightsinstitution",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="statusobservation",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="statusobservation",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="statusobservation",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="statusobservation",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="statusobservation",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="statusobservation",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="treatyaction",
            name="proposed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="proposed at"
            ),
        ),
        migrations.AddField(
            model_name="treatyaction",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="treatyaction",
            name="proposed_changes",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="proposed changes",
            ),
        ),
        migrations.AddField(
            model_name="treatyaction",
            name="review_note",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=100000,
                validators=[
                    commitments.validators.validate_clean_text,
                    django.core.validators.MaxLengthValidator(100000),
                ],
                verbose_name="reviewer's note",
            ),
        ),
        migrations.AddField(
            model_name="treatyaction",
            name="review_only",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="review step only"
            ),
        ),
        migrations.AddField(
            model_name="treatyaction",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("pending", "pending review"),
                    ("published", "published"),
                    ("rejected", "rejected"),
                ],
                db_index=True,
                default="pending",
                editable=False,
                max_length=10,
                verbose_name="review",
            ),
        ),
        migrations.RunPython(publish_existing, migrations.RunPython.noop),
    ]
