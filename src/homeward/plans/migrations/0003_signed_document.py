"""What each signed version of the written agreement shows is frozen on it (`signed_document`); the versions
signed before this get theirs from the records as they stand now (`freeze_signed_rows`)."""

from django.db import migrations, models

from homeward.plans import documents
from homeward.base.documents import freeze_signed_rows


class Migration(migrations.Migration):

    dependencies = [
        ('children', '0002_edit_version'),
        ('plans', '0002_edit_version'),
    ]

    operations = [
        migrations.AddField(
            model_name='agreement',
            name='signed_document',
            field=models.JSONField(blank=True, editable=False, help_text='Everything this version shows, as it was when it was signed (a FrozenDocument)', null=True),
        ),
        migrations.RunPython(
            # Versions signed before layouts were numbered were signed as layout 1.
            freeze_signed_rows('plans', 'Agreement', lambda a: documents.build(a, layout=1)),
            migrations.RunPython.noop,
        ),
    ]
