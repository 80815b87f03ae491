"""The case-data upload: the case system's 903 extracts, and the team new children join."""

from __future__ import annotations

from django import forms

from homeward.base.forms import GovUKForm, MultipleFileField
from homeward.organisation.models import Team


class SyncUploadForm(GovUKForm):
    extract_files = MultipleFileField(
        label="The case system's 903 extracts",
        help_text=(
            "Choose every file at once: the Header and Episodes CSV files of each year, or EXPSSDA903 XML "
            "files. You can choose several years together."
        ),
        error_messages={"required": "Choose at least one extract file"},
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.order_by("name"),
        required=False,
        label="Team for children new to Homeward (optional)",
        help_text="Children already in Homeward keep their team. Leave this blank if every child is known.",
        empty_label="",
    )
