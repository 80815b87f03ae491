"""Forms for recording a move, correcting one, and a nominated officer's approval (GOV.UK components)."""

from __future__ import annotations

from typing import Any

from django import forms

from homeward.base.forms import GovUKForm, date_field, yes_no_field
from homeward.moves.models import Move, MoveKind, UnplannedReason
from homeward.ssda903 import codes


def _codes(column: str, label: str, *, required: bool = True, help_text: str = "") -> forms.ChoiceField:
    """A 903 code list as a select, nothing chosen until the worker chooses (no preselected answer)."""
    choices = [("", f"Choose the {label.lower()}")] + [
        (code, f"{code}: {words}") for code, words in codes.CODE_LISTS[column].items()
    ]
    field = forms.ChoiceField(label=label, choices=choices, required=required, help_text=help_text)
    field.error_messages["required"] = f"Choose the {label.lower()}"
    return field


def _notes() -> forms.CharField:
    return forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything the next person to read the record should know about the move",
    )


class _MoveForm(GovUKForm):
    # Its answers are 903 codes from their lists, a date and free text: nothing with a length limit.
    moved_on = date_field("Date of the move")


class PlacedWithParentsForm(_MoveForm):
    notes = _notes()


class ReturnHomeForm(_MoveForm):
    planned = yes_no_field(
        "Was this a planned return, agreed at D3?",
        error="Select yes if the return was planned",
        help_text="A planned return needs a signed-off D3 decision that the child should go home",
    )
    unplanned_reason = forms.ChoiceField(
        label="If it was not planned, why did the child go home?",
        choices=UnplannedReason.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    notes = _notes()


class ReEntryForm(_MoveForm):
    ls = _codes("LS", "Legal status")
    cin = _codes("CIN", "Category of need")
    place = _codes("PLACE", "Placement type")
    place_provider = _codes("PLACE_PROVIDER", "Placement provider")
    notes = _notes()


class PlacementChangeForm(_MoveForm):
    place = _codes("PLACE", "Placement type")
    place_provider = _codes("PLACE_PROVIDER", "Placement provider")
    reason_place_change = _codes("REASON_PLACE_CHANGE", "Reason for the placement change")
    notes = _notes()


FORM_OF_KIND: dict[str, type[_MoveForm]] = {
    MoveKind.PLACED_WITH_PARENTS: PlacedWithParentsForm,
    MoveKind.RETURN_HOME: ReturnHomeForm,
    MoveKind.RE_ENTRY: ReEntryForm,
    MoveKind.PLACEMENT_CHANGE: PlacementChangeForm,
}


def correction_form(kind: str) -> type[GovUKForm]:
    """The form of the move's kind, with why it is being corrected."""

    class CorrectionForm(FORM_OF_KIND[kind]):  # type: ignore[valid-type,misc]
        correction_reason = forms.CharField(
            label="Why is the move being corrected?",
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"required": "Say why the move is being corrected"},
        )

    return CorrectionForm


def values_of(move: Move) -> dict[str, Any]:
    """A recorded move's answers, as its correction form starts."""
    fields = ("moved_on", "planned", "unplanned_reason", "ls", "cin", "place", "place_provider")
    values = {name: getattr(move, name) for name in (*fields, "reason_place_change", "notes")}
    if move.planned is not None:
        values["planned"] = "yes" if move.planned else "no"
    return values


class ApprovalForm(GovUKForm):
    reasons = forms.CharField(
        label="Your reasons for approving the return",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you read and why you are satisfied the return is in the child's best interests",
        error_messages={"required": "Give your reasons for approving the return"},
    )
