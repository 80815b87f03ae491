"""Forms of the chronology: its filters (a GET form), a significant event and an analysis note."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from homeward.base.forms import GovUKForm, date_field
from homeward.chronology.models import SignificantEvent
from homeward.chronology.selectors import ChronologyQuery

ORDERS = (("newest", "Newest first"), ("oldest", "Oldest first"))


class FilterForm(GovUKForm):
    """Which events to show (GET): every field optional and nothing chosen for the worker; none
    chosen means every kind, the whole of the child's life, newest first."""

    kind = forms.MultipleChoiceField(
        label="Kinds of event", required=False, widget=forms.CheckboxSelectMultiple
    )
    start = date_field("From", required=False)
    end = date_field("To", required=False)
    order = forms.ChoiceField(label="Order", choices=ORDERS, required=False, widget=forms.RadioSelect)

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = kinds
        # Small checkboxes and radios: a filter beside the list, not a question on a page of its own.
        self.helper.layout = Layout(
            Field.checkboxes("kind", legend_size=Size.SMALL, small=True),
            Field("start"),
            Field("end"),
            Field.radios("order", legend_size=Size.SMALL, small=True, inline=True),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The date to must be the same as or after the date from")
        return data

    def query(self) -> ChronologyQuery:
        """What was asked for; a field in error is left out (the rest still apply) and shown."""
        self.is_valid()
        data = self.cleaned_data
        return ChronologyQuery(
            kinds=frozenset(data.get("kind") or ()),
            start=data.get("start"),
            end=data.get("end") if "end" in data else None,
            newest_first=data.get("order") != "oldest",
        )


class SignificantEventForm(GovUKForm):
    limits_from = SignificantEvent
    happened_on = date_field("Date it happened", past_only=True)
    description = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two plain sentences, for example: Isla told her teacher she was frightened at home",
        error_messages={"required": "Enter what happened"},
    )
    source = forms.CharField(
        label="Source",
        help_text="Who said so, or where it is recorded: for example, Class teacher, Oakfield Primary School",
        error_messages={"required": "Enter the source: who said so, or where it is recorded"},
    )


class AnalysisNoteForm(GovUKForm):
    note = forms.CharField(
        label="What it meant for the child",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Your analysis: why this event matters, and what it tells us about the child's experience",
        error_messages={"required": "Enter what the event meant for the child"},
    )
