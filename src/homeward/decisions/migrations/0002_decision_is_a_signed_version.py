"""A decision is a `SignedVersion` like the assessment and the agreement (its old fields go in 0003).

Its own signature fields (`status`, `manager`, `manager_name`, `manager_at`) become `SignedVersion`'s
(`signed_by`, `signed_by_name`, `signed_at`) when the manager signed it off, and `returned_by`,
`returned_by_name`, `returned_at` when the manager returned it to the worker; `status` is then read
from them. The manager's reasons stay where they were.
"""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _check_now(schema_editor: Any) -> None:
    # PostgreSQL defers the foreign-key checks of the rows just saved to the end of the transaction, and
    # refuses to alter the table while they are pending (when reversing, the columns go right after).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def to_signed_version(apps: Any, schema_editor: Any) -> None:
    Decision = apps.get_model("decisions", "Decision")
    for decision in Decision.objects.exclude(status="proposed"):
        # A decision signed off before the time was kept still counts as signed: its proposal's time
        # is the earliest it can have been signed.
        at = decision.manager_at or decision.proposed_at
        if decision.status == "signed_off":
            decision.signed_by_id = decision.manager_id
            decision.signed_by_name = decision.manager_name
            decision.signed_at = at
        else:
            decision.returned_by_id = decision.manager_id
            decision.returned_by_name = decision.manager_name
            decision.returned_at = at
        decision.save(
            update_fields=[
                "signed_by",
                "signed_by_name",
                "signed_at",
                "returned_by",
                "returned_by_name",
                "returned_at",
            ]
        )
    _check_now(schema_editor)


def to_own_signature_fields(apps: Any, schema_editor: Any) -> None:
    Decision = apps.get_model("decisions", "Decision")
    for decision in Decision.objects.all():
        if decision.signed_at is not None:
            decision.status = "signed_off"
            decision.manager_id = decision.signed_by_id
            decision.manager_name = decision.signed_by_name
            decision.manager_at = decision.signed_at
        elif decision.returned_at is not None:
            decision.status = "returned"
            decision.manager_id = decision.returned_by_id
            decision.manager_name = decision.returned_by_name
            decision.manager_at = decision.returned_at
        else:
            continue
        decision.save(update_fields=["status", "manager", "manager_name", "manager_at"])
    _check_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="signed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="signed_by_name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="decision",
            name="signed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="returned_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="returned_by_name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="decision",
            name="returned_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(to_signed_version, to_own_signature_fields),
    ]
