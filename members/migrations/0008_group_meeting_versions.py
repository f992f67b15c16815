from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0007_tenant_moved_to_platform'),
    ]

    operations = [
        migrations.AddField(
            model_name='group',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name='historicalgroup',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name='meeting',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
