"""The decision's own signature fields, copied into `SignedVersion`'s by 0002, go. (A migration of its
own: PostgreSQL refuses to alter a table with the copy's foreign-key checks still pending.)"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0002_decision_is_a_signed_version"),
    ]

    operations = [
        migrations.RemoveField(model_name="decision", name="status"),
        migrations.RemoveField(model_name="decision", name="manager"),
        migrations.RemoveField(model_name="decision", name="manager_name"),
        migrations.RemoveField(model_name="decision", name="manager_at"),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.CheckConstraint(
                condition=models.Q(("signed_at__isnull", True), ("returned_at__isnull", True), _connector="OR"),
                name="decision_signed_off_or_returned_not_both",
            ),
        ),
    ]
