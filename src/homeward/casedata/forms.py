"""The case-data upload: the case system's 903 extracts, and the team new children join."""

from __future__ import annotations

from django import forms

from homeward.base.forms import GovUKForm, MultipleFileField
from homeward.casedata.models import MissingDecision
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


class MissingDecisionForm(GovUKForm):
    decision = forms.ChoiceField(
        label="What should happen to this child's record?",
        choices=MissingDecision.choices,
        widget=forms.RadioSelect,
        help_text="The record is never deleted. Either way, it stays in Homeward.",
        error_messages={"required": "Select what should happen to this child's record"},
    )
    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="For example: the child turned 18 and left care; the case system merged two records.",
        error_messages={"required": "Say why"},
    )
