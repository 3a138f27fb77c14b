"""Engagement with R2P at the UN, UPR recommendations, national mechanisms and ASEAN's regional
events: four fact models, with their history, and the Researchers' and Editors' permissions."""

import commitments.validators
import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from commitments import roles


MODELS = ["engagement", "uprrecommendation", "nationalmechanism", "regionalevent"]


def grant(apps, schema_editor):
    roles.grant(apps, schema_editor, MODELS)


def revoke(apps, schema_editor):
    roles.revoke(apps, schema_editor, MODELS)


class Migration(migrations.Migration):

    dependencies = [
        ('commitments', '0008_review'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalEngagement',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='updated at')),
                ('confidence', models.CharField(blank=True, choices=[('primary', "primary: the depositary's record or a faithful copy of it"), ('secondary', 'secondary: monitor, government, IO, academic or press source'), ('inferred', 'inferred: derived from a statement that implies it')], help_text='How directly the source records this fact; empty when not assessed.', max_length=10, verbose_name='confidence')),
                ('notes', models.TextField(blank=True, max_length=100000, validators=[commitments.validators.validate_clean_text, django.core.validators.MaxLengthValidator(100000)], verbose_name='notes')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('date_precision', models.CharField(choices=[('day', 'day'), ('month', 'month'), ('year', 'year'), ('unknown', 'unknown')], default='day', max_length=10, verbose_name='precision of the date')),
                ('title', models.CharField(max_length=500, validators=[commitments.validators.validate_clean_text], verbose_name='title')),
                ('kind', models.CharField(choices=[('unga_r2p_dialogue_statement', "statement at the General Assembly's R2P dialogue or debate"), ('unga_r2p_dialogue_group_statement', "part of a group statement at the General Assembly's R2P dialogue or debate"), ('unga_vote', 'recorded vote in the General Assembly'), ('focal_point_network_meeting', 'hosted or attended a meeting of the Global Network of R2P Focal Points'), ('group_of_friends_join', 'joined the Group of Friends of R2P'), ('hrc_pledge', 'R2P pledge in a Human Rights Council candidacy')], max_length=40, verbose_name='kind')),
                ('url', models.URLField(blank=True, help_text="The address of the statement's own published text, where there is one.", max_length=2000, validators=[commitments.validators.validate_clean_text], verbose_name='text of the statement')),
                ('vote', models.CharField(blank=True, choices=[('yes', 'yes'), ('no', 'no'), ('abstain', 'abstained')], help_text='For a recorded vote only: yes, no or abstained.', max_length=10, verbose_name='vote')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(blank=True, db_constraint=False, help_text='Every fact needs a source.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='commitments.source', verbose_name='source')),
                ('state', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='commitments.state', verbose_name='state')),
            ],
            options={
                'verbose_name': 'historical engagement',
                'verbose_name_plural': 'historical engagements',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalNationalMechanism',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='updated at')),
                ('confidence', models.CharField(blank=True, choices=[('primary', "primary: the depositary's record or a faithful copy of it"), ('secondary', 'secondary: monitor, government, IO, academic or press source'), ('inferred', 'inferred: derived from a statement that implies it')], help_text='How directly the source records this fact; empty when not assessed.', max_length=10, verbose_name='confidence')),
                ('notes', models.TextField(blank=True, max_length=100000, validators=[commitments.validators.validate_clean_text, django.core.validators.MaxLengthValidator(100000)], verbose_name='notes')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('date_precision', models.CharField(choices=[('day', 'day'), ('month', 'month'), ('year', 'year'), ('unknown', 'unknown')], default='day', max_length=10, verbose_name='precision of the date')),
                ('title', models.CharField(max_length=500, validators=[commitments.validators.validate_clean_text], verbose_name='title')),
                ('kind', models.CharField(choices=[('national_dialogue', 'national dialogue, peace or transitional justice'), ('early_warning', 'early warning'), ('atrocity_prevention_body', 'atrocity-prevention body')], max_length=40, verbose_name='kind')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(blank=True, db_constraint=False, help_text='Every fact needs a source.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='commitments.source', verbose_name='source')),
                ('state', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='commitments.state', verbose_name='state')),
            ],
            options={
                'verbose_name': 'historical national mechanism',
                'verbose_name_plural': 'historical national mechanisms',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalRegionalEvent',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='updated at')),
                ('confidence', models.CharField(blank=True, choices=[('primary', "primary: the depositary's record or a faithful copy of it"), ('secondary', 'secondary: monitor, government, IO, academic or press source'), ('inferred', 'inferred: derived from a statement that implies it')], help_text='How directly the source records this fact; empty when not assessed.', max_length=10, verbose_name='confidence')),
                ('notes', models.TextField(blank=True, max_length=100000, validators=[commitments.validators.validate_clean_text, django.core.validators.MaxLengthValidator(100000)], verbose_name='notes')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('date_precision', models.CharField(choices=[('day', 'day'), ('month', 'month'), ('year', 'year'), ('unknown', 'unknown')], default='day', max_length=10, verbose_name='precision of the date')),
                ('title', models.CharField(max_length=500, validators=[commitments.validators.validate_clean_text], verbose_name='title')),
                ('body', models.CharField(choices=[('ASEAN', 'ASEAN'), ('AICHR', 'ASEAN Intergovernmental Commission on Human Rights (AICHR)'), ('ACWC', 'ASEAN Commission on the Promotion and Protection of the Rights of Women and Children (ACWC)'), ('AIPR', 'ASEAN Institute for Peace and Reconciliation (AIPR)')], max_length=10, verbose_name='body')),
                ('kind', models.CharField(choices=[('activity', 'activity'), ('advisory_panel', 'advisory panel'), ('appointment', 'appointment'), ('declaration', 'declaration'), ('establishment', 'establishment'), ('host_country_agreement', 'host country agreement'), ('launch', 'launch'), ('meeting', 'meeting'), ('plan_of_action', 'plan of action'), ('publication', 'publication'), ('report', 'report'), ('rules_of_procedure', 'rules of procedure'), ('terms_of_reference', 'terms of reference'), ('tor_review', 'review of the terms of reference'), ('treaty_entry_into_force', 'treaty entry into force'), ('treaty_signature', 'treaty signature')], max_length=40, verbose_name='kind')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(blank=True, db_constraint=False, help_text='Every fact needs a source.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='commitments.source', verbose_name='source')),
            ],
            options={
                'verbose_name': 'historical regional event',
                'verbose_name_plural': 'historical regional events',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalUprRecommendation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='updated at')),
                ('confidence', models.CharField(blank=True, choices=[('primary', "primary: the depositary's record or a faithful copy of it"), ('secondary', 'secondary: monitor, government, IO, academic or press source'), ('inferred', 'inferred: derived from a statement that implies it')], help_text='How directly the source records this fact; empty when not assessed.', max_length=10, verbose_name='confidence')),
                ('notes', models.TextField(blank=True, max_length=100000, validators=[commitments.validators.validate_clean_text, django.core.validators.MaxLengthValidator(100000)], verbose_name='notes')),
                ('cycle', models.PositiveSmallIntegerField(verbose_name='UPR cycle')),
                ('review_date', models.DateField(blank=True, help_text="The day of the Working Group's review.", null=True, verbose_name='review date')),
                ('recommending_states', models.CharField(help_text="Separated by ';'. For the state's own pledge: '(commitment by ...)' or '(voluntary pledge by ...)'.", max_length=1000, validators=[commitments.validators.validate_clean_text], verbose_name='recommending states')),
                ('recommendation', models.TextField(max_length=100000, validators=[commitments.validators.validate_clean_text, django.core.validators.MaxLengthValidator(100000)], verbose_name='recommendation')),
                ('target', models.CharField(help_text="A treaty's key, nhri, focal_point, or law:<category>.", max_length=60, validators=[commitments.validators.validate_clean_text], verbose_name='target')),
                ('response', models.CharField(choices=[('supported', 'supported'), ('noted', 'noted'), ('unknown', 'response unknown')], max_length=10, verbose_name='response')),
                ('response_date', models.DateField(blank=True, help_text='The day the response was recorded; empty when not recorded.', null=True, verbose_name='response date')),
                ('document', models.CharField(blank=True, help_text="The UN symbol of the Working Group's report.", max_length=200, validators=[commitments.validators.validate_clean_text], verbose_name='document')),
                ('paragraph', models.CharField(blank=True, max_length=30, validators=[commitments.validators.validate_clean_text], verbose_name='paragraph')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(blank=True, db_constraint=False, help_text='Every fact needs a source.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='commitments.source', verbose_name='source')),
                ('state', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='commitments.state', verbose_name='state')),
            ],
            options={
                'verbose_name': 'historical UPR recommendation',
                'verbose_name_plural': 'historical UPR recommendations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Engagement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, db_index=True, verbose_name='updated at')),
                ('confidence', models.CharField(blank=True, choices=[('primary', "primary: the depositary's record or a faithful copy of it"), ('secondary', 'secondary: monitor, government, IO, academic or press source'), ('inferred', 'inferred: derived from a statement that implies it')], help_text='How directly the source records this fact; empty when not assessed.', max_length=10, verbose_name='confidence')),
                ('notes', models.TextField(blank=True, max_length=100000, validators=[commitments.validators.validate_clean_text, django.core.validators.MaxLengthValidator(100000)], verbose_name='notes')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('date_precision', models.CharField(choices=[('day', 'day'), ('month', 'month'), ('year', 'year'), ('unknown', 'unknown')], default='day', max_length=10, verbose_name='precision of the date')),
                ('title', models.CharField(max_length=500, validators=[commitments.validators.validate_clean_text], verbose_name='title')),
                ('kind', models.CharField(choices=[('unga_r2p_dialogue_statement', "statement at the General Assembly's R2P dialogue or debate"), ('unga_r2p_dialogue_group_statement', "part of a group statement at the General Assembly's R2P dialogue or debate"), ('unga_vote', 'recorded vote in the General Assembly'), ('focal_point_network_meeting', 'hosted or attended a meeting of the Global Network of R2P Focal Points'), ('group_of_friends_join', 'joined the Group of Friends of R2P'), ('hrc_pledge', 'R2P pledge in a Human Rights Council candidacy')], max_length=40, verbose_name='kind')),
                ('url', models.URLField(blank=True, help_text="The address of the statement's own published text, where there is one.", max_length=2000, validators=[commitments.validators.validate_clean_text], verbose_name='text of the statement')),
                ('vote', models.CharField(blank=True, choices=[('yes', 'yes'), ('no', 'no'), ('abstain', 'abstained')], help_text='For a recorded vote only: yes, no or abstained.', max_length=10, verbose_name='vote')),
                ('source', models.ForeignKey(help_text='Every fact needs a source.', on_delete=django.db.models.deletion.PROTECT, related_name='%(class)s_facts', to='commitments.source', verbose_name='source')),
                ('state', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='engagements', to='commitments.state', verbose_name='state')),
            ],
            options={
                'verbose_name': 'engagement',
                'verbose_name_plural': 'engagements',
                'ordering': ['state__short_name', 'date', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('confidence__in', ['primary', 'secondary', 'inferred', ''])), name='engagement_confidence_known', violation_error_message='Confidence must be primary, secondary or inferred.'), models.UniqueConstraint(condition=models.Q(('date__isnull', False)), fields=('state', 'kind', 'title', 'date'), name='engagement_unique', violation_error_message='This engagement is already recorded for this state and date.'), models.UniqueConstraint(condition=models.Q(('date__isnull', True)), fields=('state', 'kind', 'title'), name='engagement_unique_undated', violation_error_message='This engagement is already recorded for this state and date.'), models.CheckConstraint(condition=models.Q(('kind__in', ['unga_r2p_dialogue_statement', 'unga_r2p_dialogue_group_statement', 'unga_vote', 'focal_point_network_meeting', 'group_of_friends_join', 'hrc_pledge'])), name='engagement_kind_known', violation_error_message='Choose one of the kinds of engagement.'), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'unga_vote'), ('vote__in', ['yes', 'no', 'abstain'])), models.Q(models.Q(('kind', 'unga_vote'), _negated=True), ('vote', '')), _connector='OR'), name='engagement_vote_only_on_votes', violation_error_message='A recorded vote needs its value (yes, no or abstained); other engagements have none.'), models.CheckConstraint(condition=models.Q(models.Q(('date__isnull', True), ('date_precision', 'unknown')), models.Q(('date__isnull', False), ('date_precision__in', ['day', 'month', 'year'])), _connector='OR'), name='engagement_date_precision', violation_error_message='Give a date with a day, month or year precision, or neither.')],
            },
        ),
        migrations.CreateModel(
            name='NationalMechanism',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, db_index=True, verbose_name='updated at')),
                ('confidence', models.CharField(blank=True, choices=[('primary', "primary: the depositary's record or a faithful copy of it"), ('secondary', 'secondary: monitor, government, IO, academic or press source'), ('inferred', 'inferred: derived from a statement that implies it')], help_text='How directly the source records this fact; empty when not assessed.', max_length=10, verbose_name='confidence')),
                ('notes', models.TextField(blank=True, max_length=100000, validators=[commitments.validators.validate_clean_text, django.core.validators.MaxLengthValidator(100000)], verbose_name='notes')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('date_precision', models.CharField(choices=[('day', 'day'), ('month', 'month'), ('year', 'year'), ('unknown', 'unknown')], default='day', max_length=10, verbose_name='precision of the date')),
                ('title', models.CharField(max_length=500, validators=[commitments.validators.validate_clean_text], verbose_name='title')),
                ('kind', models.CharField(choices=[('national_dialogue', 'national dialogue, peace or transitional justice'), ('early_warning', 'early warning'), ('atrocity_prevention_body', 'atrocity-prevention body')], max_length=40, verbose_name='kind')),
                ('source', models.ForeignKey(help_text='Every fact needs a source.', on_delete=django.db.models.deletion.PROTECT, related_name='%(class)s_facts', to='commitments.source', verbose_name='source')),
                ('state', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='national_mechanisms', to='commitments.state', verbose_name='state')),
            ],
            options={
                'verbose_name': 'national mechanism',
                'verbose_name_plural': 'national mechanisms',
                'ordering': ['state__short_name', 'date', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('confidence__in', ['primary', 'secondary', 'inferred', ''])), name='national_mechanism_confidence_known', violation_error_message='Confidence must be primary, secondary or inferred.'), models.UniqueConstraint(condition=models.Q(('date__isnull', False)), fields=('state', 'kind', 'title', 'date'), name='national_mechanism_unique', violation_error_message='This milestone is already recorded for this state and date.'), models.UniqueConstraint(condition=models.Q(('date__isnull', True)), fields=('state', 'kind', 'title'), name='national_mechanism_unique_undated', violation_error_message='This milestone is already recorded for this state and date.'), models.CheckConstraint(condition=models.Q(('kind__in', ['national_dialogue', 'early_warning', 'atrocity_prevention_body'])), name='national_mechanism_kind_known', violation_error_message='Choose one of the kinds of mechanism.'), models.CheckConstraint(condition=models.Q(models.Q(('date__isnull', True), ('date_precision', 'unknown')), models.Q(('date__isnull', False), ('date_precision__in', ['day', 'month', 'year'])), _connector='OR'), name='national_mechanism_date_precision', violation_error_message='Give a date with a day, month or year precision, or neither.')],
            },
        ),
        migrations.CreateModel(
            name='RegionalEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, db_index=True, verbose_name='updated at')),
                ('confidence', models.CharField(blank=True, choices=[('primary', "primary: the depositary's record or a faithful copy of it"), ('secondary', 'secondary: monitor, government, IO, academic or press source'), ('inferred', 'inferred: derived from a statement that implies it')], help_text='How directly the source records this fact; empty when not assessed.', max_length=10, verbose_name='confidence')),
                ('notes', models.TextField(blank=True, max_length=100000, validators=[commitments.validators.validate_clean_text, django.core.validators.MaxLengthValidator(100000)], verbose_name='notes')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('date_precision', models.CharField(choices=[('day', 'day'), ('month', 'month'), ('year', 'year'), ('unknown', 'unknown')], default='day', max_length=10, verbose_name='precision of the date')),
                ('title', models.CharField(max_length=500, validators=[commitments.validators.validate_clean_text], verbose_name='title')),
                ('body', models.CharField(choices=[('ASEAN', 'ASEAN'), ('AICHR', 'ASEAN Intergovernmental Commission on Human Rights (AICHR)'), ('ACWC', 'ASEAN Commission on the Promotion and Protection of the Rights of Women and Children (ACWC)'), ('AIPR', 'ASEAN Institute for Peace and Reconciliation (AIPR)')], max_length=10, verbose_name='body')),
                ('kind', models.CharField(choices=[('activity', 'activity'), ('advisory_panel', 'advisory panel'), ('appointment', 'appointment'), ('declaration', 'declaration'), ('establishment', 'establishment'), ('host_country_agreement', 'host country agreement'), ('launch', 'launch'), ('meeting', 'meeting'), ('plan_of_action', 'plan of action'), ('publication', 'publication'), ('report', 'report'), ('rules_of_procedure', 'rules of procedure'), ('terms_of_reference', 'terms of reference'), ('tor_review', 'review of the terms of reference'), ('treaty_entry_into_force', 'treaty entry into force'), ('treaty_signature', 'treaty signature')], max_length=40, verbose_name='kind')),
                ('source', models.ForeignKey(help_text='Every fact needs a source.', on_delete=django.db.models.deletion.PROTECT, related_name='%(class)s_facts', to='commitments.source', verbose_name='source')),
            ],
            options={
                'verbose_name': 'regional event',
                'verbose_name_plural': 'regional events',
                'ordering': ['body', 'date', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('confidence__in', ['primary', 'secondary', 'inferred', ''])), name='regional_event_confidence_known', violation_error_message='Confidence must be primary, secondary or inferred.'), models.UniqueConstraint(condition=models.Q(('date__isnull', False)), fields=('body', 'kind', 'title', 'date'), name='regional_event_unique', violation_error_message='This event is already recorded for this body and date.'), models.UniqueConstraint(condition=models.Q(('date__isnull', True)), fields=('body', 'kind', 'title'), name='regional_event_unique_undated', violation_error_message='This event is already recorded for this body and date.'), models.CheckConstraint(condition=models.Q(('body__in', ['ASEAN', 'AICHR', 'ACWC', 'AIPR'])), name='regional_event_body_known', violation_error_message='Choose one of the ASEAN bodies.'), models.CheckConstraint(condition=models.Q(('kind__in', ['activity', 'advisory_panel', 'appointment', 'declaration', 'establishment', 'host_country_agreement', 'launch', 'meeting', 'plan_of_action', 'publication', 'report', 'rules_of_procedure', 'terms_of_reference', 'tor_review', 'treaty_entry_into_force', 'treaty_signature'])), name='regional_event_kind_known', violation_error_message='Choose one of the kinds of event.'), models.CheckConstraint(condition=models.Q(models.Q(('date__isnull', True), ('date_precision', 'unknown')), models.Q(('date__isnull', False), ('date_precision__in', ['day', 'month', 'year'])), _connector='OR'), name='regional_event_date_precision', violation_error_message='Give a date with a day, month or year precision, or neither.')],
            },
        ),
        migrations.CreateModel(
            name='UprRecommendation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, db_index=True, verbose_name='updated at')),
                ('confidence', models.CharField(blank=True, choices=[('primary', "primary: the depositary's record or a faithful copy of it"), ('secondary', 'secondary: monitor, government, IO, academic or press source'), ('inferred', 'inferred: derived from a statement that implies it')], help_text='How directly the source records this fact; empty when not assessed.', max_length=10, verbose_name='confidence')),
                ('notes', models.TextField(blank=True, max_length=100000, validators=[commitments.validators.validate_clean_text, django.core.validators.MaxLengthValidator(100000)], verbose_name='notes')),
                ('cycle', models.PositiveSmallIntegerField(verbose_name='UPR cycle')),
                ('review_date', models.DateField(blank=True, help_text="The day of the Working Group's review.", null=True, verbose_name='review date')),
                ('recommending_states', models.CharField(help_text="Separated by ';'. For the state's own pledge: '(commitment by ...)' or '(voluntary pledge by ...)'.", max_length=1000, validators=[commitments.validators.validate_clean_text], verbose_name='recommending states')),
                ('recommendation', models.TextField(max_length=100000, validators=[commitments.validators.validate_clean_text, django.core.validators.MaxLengthValidator(100000)], verbose_name='recommendation')),
                ('target', models.CharField(help_text="A treaty's key, nhri, focal_point, or law:<category>.", max_length=60, validators=[commitments.validators.validate_clean_text], verbose_name='target')),
                ('response', models.CharField(choices=[('supported', 'supported'), ('noted', 'noted'), ('unknown', 'response unknown')], max_length=10, verbose_name='response')),
                ('response_date', models.DateField(blank=True, help_text='The day the response was recorded; empty when not recorded.', null=True, verbose_name='response date')),
                ('document', models.CharField(blank=True, help_text="The UN symbol of the Working Group's report.", max_length=200, validators=[commitments.validators.validate_clean_text], verbose_name='document')),
                ('paragraph', models.CharField(blank=True, max_length=30, validators=[commitments.validators.validate_clean_text], verbose_name='paragraph')),
                ('source', models.ForeignKey(help_text='Every fact needs a source.', on_delete=django.db.models.deletion.PROTECT, related_name='%(class)s_facts', to='commitments.source', verbose_name='source')),
                ('state', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='upr_recommendations', to='commitments.state', verbose_name='state')),
            ],
            options={
                'verbose_name': 'UPR recommendation',
                'verbose_name_plural': 'UPR recommendations',
                'ordering': ['state__short_name', 'cycle', 'review_date', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('confidence__in', ['primary', 'secondary', 'inferred', ''])), name='upr_recommendation_confidence_known', violation_error_message='Confidence must be primary, secondary or inferred.'), models.UniqueConstraint(fields=('state', 'cycle', 'document', 'paragraph', 'target'), name='upr_recommendation_unique', violation_error_message='This recommendation is already recorded for this state, cycle, document, paragraph and target.'), models.CheckConstraint(condition=models.Q(('cycle__gte', 1)), name='upr_recommendation_cycle_positive', violation_error_message='UPR cycles are numbered from 1.'), models.CheckConstraint(condition=models.Q(('response__in', ['supported', 'noted', 'unknown'])), name='upr_recommendation_response_known', violation_error_message='The response is supported, noted or unknown.'), models.CheckConstraint(condition=models.Q(('response_date__isnull', True), ('review_date__isnull', True), ('response_date__gte', models.F('review_date')), _connector='OR'), name='upr_recommendation_response_after_review', violation_error_message='A response cannot come before the review.')],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
