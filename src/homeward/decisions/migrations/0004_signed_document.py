"""What each signed version of the gate decision shows is frozen on it (`signed_document`); the versions
signed before this get theirs from the records as they stand now (`freeze_signed_rows`)."""

from django.db import migrations, models

from homeward.decisions import documents
from homeward.base.documents import freeze_signed_rows


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0002_edit_version'),
        ('decisions', '0003_remove_own_signature_fields'),
    ]

    operations = [
        migrations.AddField(
            model_name='decision',
            name='signed_document',
            field=models.JSONField(blank=True, editable=False, help_text='Everything this version shows, as it was when it was signed (a FrozenDocument)', null=True),
        ),
        migrations.RunPython(
            freeze_signed_rows('decisions', 'Decision', documents.build), migrations.RunPython.noop
        ),
    ]
