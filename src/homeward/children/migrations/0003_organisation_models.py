"""The child's team and agency involvements point at the models' new home, `homeward.organisation`; the
tables are the same (see organisation 0001), so this changes Django's state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0002_edit_version"),
        ("organisation", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="agencyinvolvement",
                    name="agency",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="involvements",
                        to="organisation.agency",
                    ),
                ),
                migrations.AlterField(
                    model_name="child",
                    name="team",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="children",
                        to="organisation.team",
                    ),
                ),
            ],
        ),
    ]
