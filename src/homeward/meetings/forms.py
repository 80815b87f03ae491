"""Forms of the meetings pages (GOV.UK components through crispy-forms-gds)."""

from __future__ import annotations

from typing import Any

from django import forms

from homeward.base.forms import GovUKForm, date_field
from homeward.meetings.models import Action, Meeting, MeetingKind


def _text(
    label: str, *, required: bool = False, rows: int = 4, help_text: str = "", error: str = ""
) -> forms.CharField:
    field = forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), help_text=help_text
    )
    if error:
        field.error_messages["required"] = error
    return field


class ConfirmForm(GovUKForm):
    """A button with nothing to fill in (sign, start a new version)."""


class MeetingForm(GovUKForm):
    limits_from = Meeting
    kind = forms.ChoiceField(
        label="What kind of meeting was it?",
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of meeting"},
    )
    held_on = date_field("Date of the meeting")
    purpose = _text("Purpose of the meeting", required=True, rows=3, error="Enter the purpose of the meeting")
    chair = forms.CharField(
        label="Who chaired it",
        help_text="The IRO chairs a looked-after review",
        error_messages={"required": "Enter who chaired the meeting"},
    )


class ParticipantsForm(GovUKForm):
    """Who was invited, who came and who sent apologies: a checkbox for each person, none ticked until
    the worker ticks it."""

    invited = forms.MultipleChoiceField(
        label="Who was invited?", required=False, widget=forms.CheckboxSelectMultiple
    )
    attended = forms.MultipleChoiceField(
        label="Who attended?", required=False, widget=forms.CheckboxSelectMultiple
    )
    apologies = forms.MultipleChoiceField(
        label="Who sent apologies?", required=False, widget=forms.CheckboxSelectMultiple
    )
    others = _text(
        "Anyone else who attended",
        rows=3,
        help_text="For example, other members of staff. One a line: name, then a comma and their role",
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("invited", "attended", "apologies"):
            self.fields[name].choices = choices  # type: ignore[attr-defined]


class DecisionsForm(GovUKForm):
    decisions = _text("What was decided", rows=8, help_text="In plain words the family can read")


class ActionForm(GovUKForm):
    limits_from = Action
    description = _text("What needs to be done", required=True, rows=3, error="Enter what needs to be done")
    owner_name = forms.CharField(
        label="Who will do it",
        help_text="A named person, and their agency if they are not in children's services",
        error_messages={"required": "Enter who will do it"},
    )
    owner = forms.TypedChoiceField(
        label="Is it someone who uses Homeward? (optional)",
        help_text="They will see it in their work",
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    due_on = date_field("Date it is due")

    def __init__(self, *args: Any, owners: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners  # type: ignore[attr-defined]
        if not owners:
            del self.fields["owner"]


class DoneForm(GovUKForm):
    done_on = date_field("Date it was done")
