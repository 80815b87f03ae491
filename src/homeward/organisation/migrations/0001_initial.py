"""Teams, partner agencies and staff profiles move here from `access`, in Django's state only: their
tables keep the names the access app gave them (`access_team`, `access_agency`, `access_staffprofile`
and its managed-teams table), so no row moves. The content types follow them, so the admin's history
and permissions still point at the right models."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["team", "agency", "staffprofile"]


def _content_types_to(app_label: str, from_label: str):  # type: ignore[no-untyped-def]
    def move(apps, schema_editor):  # type: ignore[no-untyped-def]
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label=from_label, model__in=MOVED).update(app_label=app_label)

    return move


STATE = [
    migrations.CreateModel(
        name="Agency",
        fields=[
            (
                "id",
                models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
            ),
            ("name", models.CharField(max_length=200, unique=True)),
            (
                "agency_type",
                models.CharField(
                    choices=[
                        ("adult_mental_health", "Adult mental health services"),
                        ("substance_misuse", "Substance misuse service"),
                        ("adult_social_care", "Adult social care"),
                        ("health", "Health visitor, GP or health"),
                        ("school", "School or education"),
                        ("police", "Police"),
                        ("probation", "Probation"),
                        ("housing", "Housing"),
                        ("domestic_abuse", "Domestic abuse service"),
                        ("youth_offending", "Youth offending service"),
                        ("other", "Other"),
                    ],
                    max_length=40,
                ),
            ),
        ],
        options={
            "verbose_name_plural": "agencies",
            "db_table": "access_agency",
            "ordering": ["name"],
        },
    ),
    migrations.CreateModel(
        name="Team",
        fields=[
            (
                "id",
                models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
            ),
            ("name", models.CharField(max_length=120, unique=True)),
        ],
        options={
            "db_table": "access_team",
            "ordering": ["name"],
        },
    ),
    migrations.CreateModel(
        name="StaffProfile",
        fields=[
            (
                "id",
                models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
            ),
            (
                "edit_version",
                models.PositiveIntegerField(
                    default=1,
                    editable=False,
                    help_text="Raised by one on every save; a form saved from an older one is refused.",
                ),
            ),
            (
                "role",
                models.CharField(
                    choices=[
                        ("social_worker", "Social worker"),
                        ("team_manager", "Team manager"),
                        ("iro", "Independent reviewing officer (IRO)"),
                        ("partner", "Partner agency worker"),
                        ("analyst", "Performance analyst"),
                        ("administrator", "Administrator"),
                    ],
                    max_length=20,
                ),
            ),
            (
                "agency",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="workers",
                    to="organisation.agency",
                ),
            ),
            (
                "user",
                models.OneToOneField(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="profile",
                    to=settings.AUTH_USER_MODEL,
                ),
            ),
            (
                "managed_teams",
                models.ManyToManyField(blank=True, related_name="managers", to="organisation.team"),
            ),
            (
                "team",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="members",
                    to="organisation.team",
                ),
            ),
        ],
        options={
            "db_table": "access_staffprofile",
        },
    ),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("access", "0003_audit_listing"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunPython(
                    _content_types_to("organisation", "access"), _content_types_to("access", "organisation")
                ),
            ],
            state_operations=STATE,
        ),
    ]
