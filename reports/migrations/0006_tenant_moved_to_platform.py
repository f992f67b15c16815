"""The foreign keys to the association and imports now point at `finsam` (state only).

The tables did not move (see finsam 0001_platform_models): no column or constraint changes.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("finsam", "0001_platform_models"),
        ("reports", "0005_adoption_texts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="historicalreport",
                    name="association",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finsam.association",
                        verbose_name="förbund",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalreport",
                    name="history_association",
                    field=models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finsam.association",
                        verbose_name="förbund",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalreport",
                    name="history_import",
                    field=models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finsam.importbatch",
                        verbose_name="import",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalreportsection",
                    name="history_association",
                    field=models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finsam.association",
                        verbose_name="förbund",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalreportsection",
                    name="history_import",
                    field=models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finsam.importbatch",
                        verbose_name="import",
                    ),
                ),
                migrations.AlterField(
                    model_name="report",
                    name="association",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reports",
                        to="finsam.association",
                        verbose_name="förbund",
                    ),
                ),
            ],
        ),
    ]
