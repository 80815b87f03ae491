"""Agencies consulted and evidence point at the agency's new home, `homeward.organisation`; the table is
the same (see organisation 0001), so this changes Django's state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_signed_document"),
        ("organisation", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="agencyconsulted",
                    name="agency",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.RESTRICT,
                        related_name="+",
                        to="organisation.agency",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="agency",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.RESTRICT,
                        related_name="+",
                        to="organisation.agency",
                    ),
                ),
            ],
        ),
    ]
