"""Forms of the monitoring period (GOV.UK components through crispy-forms-gds)."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from django import forms

from homeward.base.forms import GovUKForm, date_field, yes_no_field
from homeward.monitoring.models import ConcernKind, ConcernReport, Engagement, ReviewKind, Visit


def _text(
    label: str, *, required: bool = False, rows: int = 4, help_text: str = "", error: str = ""
) -> forms.CharField:
    field = forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), help_text=help_text
    )
    if error:
        field.error_messages["required"] = error
    return field


class VisitForm(GovUKForm):
    limits_from = Visit
    visited_on = date_field("Date of the visit")
    child_seen = yes_no_field("Was the child seen?", error="Select yes if the child was seen")
    seen_alone = yes_no_field("Was the child seen alone?", error="Select yes if the child was seen alone")
    seen_away_from_home = yes_no_field(
        "Was the child seen away from home?",
        error="Select yes if the child was seen away from home",
        help_text="For example, at school",
    )
    present = forms.CharField(
        label="Who else was there", required=False, help_text="Names, and who they are to the child"
    )
    child_words = _text("What the child said, in their own words")
    observations = _text("What you saw")
    concerns = _text("Concerns")
    raises_concern = yes_no_field(
        "Does the visit raise a new concern?", error="Select yes if the visit raises a new concern"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("raises_concern") and not (data.get("concerns") or "").strip():
            self.add_error("concerns", "Say what the new concern is")
        return data


class EngagementForm(GovUKForm):
    service = forms.TypedChoiceField(
        label="Which service?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the service"},
    )
    on = date_field("Date of the appointment or contact")
    status = forms.ChoiceField(
        label="How did the family engage?",
        choices=Engagement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the family engaged with the service"},
    )
    note = _text("Notes", rows=3)

    def __init__(self, *args: Any, services: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = services  # type: ignore[attr-defined]


class ReviewForm(GovUKForm):
    kind = forms.ChoiceField(
        label="Which review is it?",
        choices=ReviewKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which review this is"},
    )
    reviewed_on = date_field("Date of the review")
    outcome = _text("How the return is going", required=True, rows=5, error="Say how the return is going")
    next_steps = _text("What happens next", rows=3)


class CloseForm(GovUKForm):
    on = date_field("Date monitoring closes")
    reason = _text("Why monitoring is closing", required=True, rows=4, error="Say why monitoring is closing")

    def __init__(self, *args: Any, manager: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if manager:
            # Only a team manager may close early; the field is not offered to anyone else.
            self.fields["override_reason"] = _text(
                "If it is closing early: your reason, as team manager, for closing it anyway",
                rows=4,
                help_text="Needed only if the period has not ended, there is no final review or no "
                "contingency plan. Your reason is kept on the record and audited.",
            )
            # The helper laid the form out from its fields when it was made: lay it out again.
            helper, self.helper = self.helper, FormHelper(self)
            for setting in ("form_tag", "label_size", "legend_size"):
                setattr(self.helper, setting, getattr(helper, setting))


class ConcernForm(GovUKForm):
    limits_from = ConcernReport
    kind = forms.ChoiceField(
        label="What was reported?",
        choices=ConcernKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is a re-referral or a concern"},
    )
    reported_on = date_field("Date it was reported")
    reported_by = forms.CharField(
        label="Who raised it",
        help_text="A name, and who they are (for example, the school's safeguarding lead)",
        error_messages={"required": "Say who raised it"},
    )
    what = forms.CharField(
        label="What they said",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what they said"},
    )
