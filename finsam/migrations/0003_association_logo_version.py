import finsam.models.association
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('finsam', '0002_association_require_two_factor'),
    ]

    operations = [
        migrations.AddField(
            model_name='association',
            name='logo',
            field=models.FileField(blank=True, max_length=200, upload_to=finsam.models.association.logo_upload_to, verbose_name='logotyp'),
        ),
        migrations.AddField(
            model_name='association',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name='historicalassociation',
            name='logo',
            field=models.TextField(blank=True, max_length=200, verbose_name='logotyp'),
        ),
        migrations.AddField(
            model_name='historicalassociation',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
