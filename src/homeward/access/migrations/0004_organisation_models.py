"""Teams, agencies and staff profiles now live in `homeward.organisation` (its 0001), in the same
tables: they leave the access app's state only, and no table is dropped."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0003_audit_listing"),
        ("assessments", "0004_organisation_models"),
        ("children", "0003_organisation_models"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="staffprofile",
                    name="agency",
                ),
                migrations.RemoveField(
                    model_name="staffprofile",
                    name="managed_teams",
                ),
                migrations.RemoveField(
                    model_name="staffprofile",
                    name="team",
                ),
                migrations.RemoveField(
                    model_name="staffprofile",
                    name="user",
                ),
                migrations.DeleteModel(
                    name="Agency",
                ),
                migrations.DeleteModel(
                    name="Team",
                ),
                migrations.DeleteModel(
                    name="StaffProfile",
                ),
            ],
        ),
    ]
