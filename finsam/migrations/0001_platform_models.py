"""The tenant, roles, invitations and imports move here from `members`: their tables stay.

Only the migration state changes (the tables keep their `members_` names); the content
types are renamed so permissions and history keep pointing at the same rows.
"""

import django.db.models.deletion
import django.utils.timezone
import finsam.imports.kinds
import finsam.models.association
import finsam.validators
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MOVED = [
    "association",
    "userrole",
    "importbatch",
    "invitation",
    "historicalassociation",
    "historicaluserrole",
    "historicalimportbatch",
    "historicalinvitation",
]


def _relabel(apps, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label=old, model__in=MOVED).update(app_label=new)


def rename_content_types(apps, schema_editor) -> None:
    _relabel(apps, "members", "finsam")


def rename_content_types_back(apps, schema_editor) -> None:
    _relabel(apps, "finsam", "members")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        # The tables are created by members' migrations: they must exist before this state.
        ('members', '0006_import_batch_history'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Association',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='namn')),
                        ('slug', models.SlugField(unique=True, validators=[finsam.models.association.validate_not_reserved], verbose_name='kortnamn i adressen')),
                        ('org_number', models.CharField(blank=True, max_length=11, validators=[finsam.validators.validate_orgnr], verbose_name='organisationsnummer')),
                        ('formed_on', models.DateField(blank=True, null=True, verbose_name='bildat')),
                        ('legal_basis', models.TextField(blank=True, verbose_name='rättslig grund')),
                        ('vision', models.TextField(blank=True, verbose_name='vision')),
                        ('purpose', models.TextField(blank=True, verbose_name='ändamål')),
                        ('website', models.URLField(blank=True, verbose_name='webbplats')),
                        ('diary_prefix', models.CharField(blank=True, max_length=30, verbose_name='diarienummerprefix')),
                    ],
                    options={
                        'verbose_name': 'samordningsförbund',
                        'verbose_name_plural': 'samordningsförbund',
                        'db_table': 'members_association',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='ImportBatch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=finsam.imports.kinds.kind_choices, max_length=20, verbose_name='slag')),
                        ('status', models.CharField(choices=[('preview', 'Förhandsgranskas'), ('applied', 'Inläst'), ('discarded', 'Avbruten')], default='preview', max_length=10, verbose_name='status')),
                        ('filename', models.CharField(max_length=255, verbose_name='filnamn')),
                        ('file', models.FileField(max_length=300, upload_to='', verbose_name='fil')),
                        ('size', models.PositiveBigIntegerField(default=0, verbose_name='storlek (byte)')),
                        ('sha256', models.CharField(max_length=64, verbose_name='kontrollsumma (SHA-256)')),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uppladdad')),
                        ('applied_at', models.DateTimeField(blank=True, null=True, verbose_name='inläst')),
                        ('summary', models.TextField(blank=True, verbose_name='resultat')),
                        ('period_end', models.DateField(blank=True, help_text='För råbalanser: vilken dag saldona avser.', null=True, verbose_name='periodens slut')),
                        ('association', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='imports', to='finsam.association')),
                        ('uploaded_by', models.ForeignKey(blank=True, help_text='Tomt: inläst från kommandoraden.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='av')),
                    ],
                    options={
                        'verbose_name': 'import',
                        'verbose_name_plural': 'importer',
                        'db_table': 'members_importbatch',
                        'ordering': ['-uploaded_at'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalUserRole',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('role', models.CharField(choices=[('staff', 'Kansli'), ('board', 'Styrelseledamot'), ('auditor', 'Revisor'), ('admin', 'Administratör')], max_length=10, verbose_name='roll')),
                        ('history_user_id', models.IntegerField(blank=True, db_index=True, null=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('association', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.association', verbose_name='förbund')),
                        ('history_association', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.association', verbose_name='förbund')),
                        ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='användare')),
                        ('history_import', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.importbatch', verbose_name='import')),
                    ],
                    options={
                        'verbose_name': 'historik: användarroll',
                        'verbose_name_plural': 'historik: användarroller',
                        'db_table': 'members_historicaluserrole',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalInvitation',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-postadress')),
                        ('role', models.CharField(choices=[('staff', 'Kansli'), ('board', 'Styrelseledamot'), ('auditor', 'Revisor'), ('admin', 'Administratör')], max_length=10, verbose_name='roll')),
                        ('token_hash', models.CharField(db_index=True, max_length=64, verbose_name='kontrollsumma för länken')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='skickad')),
                        ('expires_at', models.DateTimeField(verbose_name='gäller till')),
                        ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='antagen')),
                        ('history_user_id', models.IntegerField(blank=True, db_index=True, null=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('accepted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='antagen av')),
                        ('association', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.association', verbose_name='förbund')),
                        ('history_association', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.association', verbose_name='förbund')),
                        ('invited_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='inbjuden av')),
                        ('history_import', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.importbatch', verbose_name='import')),
                    ],
                    options={
                        'verbose_name': 'historik: inbjudan',
                        'verbose_name_plural': 'historik: inbjudningar',
                        'db_table': 'members_historicalinvitation',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalImportBatch',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('kind', models.CharField(choices=finsam.imports.kinds.kind_choices, max_length=20, verbose_name='slag')),
                        ('status', models.CharField(choices=[('preview', 'Förhandsgranskas'), ('applied', 'Inläst'), ('discarded', 'Avbruten')], default='preview', max_length=10, verbose_name='status')),
                        ('filename', models.CharField(max_length=255, verbose_name='filnamn')),
                        ('file', models.TextField(max_length=300, verbose_name='fil')),
                        ('size', models.PositiveBigIntegerField(default=0, verbose_name='storlek (byte)')),
                        ('sha256', models.CharField(max_length=64, verbose_name='kontrollsumma (SHA-256)')),
                        ('uploaded_at', models.DateTimeField(blank=True, editable=False, verbose_name='uppladdad')),
                        ('applied_at', models.DateTimeField(blank=True, null=True, verbose_name='inläst')),
                        ('summary', models.TextField(blank=True, verbose_name='resultat')),
                        ('period_end', models.DateField(blank=True, help_text='För råbalanser: vilken dag saldona avser.', null=True, verbose_name='periodens slut')),
                        ('history_user_id', models.IntegerField(blank=True, db_index=True, null=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('association', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.association')),
                        ('history_association', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.association', verbose_name='förbund')),
                        ('uploaded_by', models.ForeignKey(blank=True, db_constraint=False, help_text='Tomt: inläst från kommandoraden.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='av')),
                        ('history_import', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.importbatch', verbose_name='import')),
                    ],
                    options={
                        'verbose_name': 'historik: import',
                        'verbose_name_plural': 'historik: importer',
                        'db_table': 'members_historicalimportbatch',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalAssociation',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='namn')),
                        ('slug', models.SlugField(validators=[finsam.models.association.validate_not_reserved], verbose_name='kortnamn i adressen')),
                        ('org_number', models.CharField(blank=True, max_length=11, validators=[finsam.validators.validate_orgnr], verbose_name='organisationsnummer')),
                        ('formed_on', models.DateField(blank=True, null=True, verbose_name='bildat')),
                        ('legal_basis', models.TextField(blank=True, verbose_name='rättslig grund')),
                        ('vision', models.TextField(blank=True, verbose_name='vision')),
                        ('purpose', models.TextField(blank=True, verbose_name='ändamål')),
                        ('website', models.URLField(blank=True, verbose_name='webbplats')),
                        ('diary_prefix', models.CharField(blank=True, max_length=30, verbose_name='diarienummerprefix')),
                        ('history_user_id', models.IntegerField(blank=True, db_index=True, null=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_association', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.association', verbose_name='förbund')),
                        ('history_import', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='finsam.importbatch', verbose_name='import')),
                    ],
                    options={
                        'verbose_name': 'historik: samordningsförbund',
                        'verbose_name_plural': 'historik: samordningsförbund',
                        'db_table': 'members_historicalassociation',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Invitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-postadress')),
                        ('role', models.CharField(choices=[('staff', 'Kansli'), ('board', 'Styrelseledamot'), ('auditor', 'Revisor'), ('admin', 'Administratör')], max_length=10, verbose_name='roll')),
                        ('token_hash', models.CharField(db_index=True, max_length=64, verbose_name='kontrollsumma för länken')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='skickad')),
                        ('expires_at', models.DateTimeField(verbose_name='gäller till')),
                        ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='antagen')),
                        ('accepted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='antagen av')),
                        ('association', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='finsam.association', verbose_name='förbund')),
                        ('invited_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='inbjuden av')),
                    ],
                    options={
                        'verbose_name': 'inbjudan',
                        'verbose_name_plural': 'inbjudningar',
                        'db_table': 'members_invitation',
                    },
                ),
                migrations.CreateModel(
                    name='UserRole',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('staff', 'Kansli'), ('board', 'Styrelseledamot'), ('auditor', 'Revisor'), ('admin', 'Administratör')], max_length=10, verbose_name='roll')),
                        ('association', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='user_roles', to='finsam.association', verbose_name='förbund')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='association_roles', to=settings.AUTH_USER_MODEL, verbose_name='användare')),
                    ],
                    options={
                        'verbose_name': 'användarroll',
                        'verbose_name_plural': 'användarroller',
                        'db_table': 'members_userrole',
                        'constraints': [models.UniqueConstraint(fields=('user', 'association'), name='members_userrole_one_role_per_association', violation_error_message='Användaren har redan en roll i förbundet.')],
                    },
                ),
            ],
        ),
        migrations.RunPython(rename_content_types, rename_content_types_back),
    ]
