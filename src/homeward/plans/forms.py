"""Forms of the written agreement and the plans (GOV.UK components through crispy-forms-gds)."""

from __future__ import annotations

from typing import Any

from django import forms

from homeward.base.forms import GovUKForm, date_field
from homeward.plans.models import AgreementGoal, SupportPlan, SupportService, TimingReasonChoice


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
    """A button with nothing to fill in (start a version, sign)."""


class SectionForm(GovUKForm):
    strengths = _text("What is going well (strengths)")
    concerns = _text("What we are worried about")
    conditions = _text(
        "What needs to happen: what they will do",
        help_text=(
            "The conditions of the agreement, in plain words. "
            "Goals with steps and a time frame are added separately."
        ),
    )
    support = _text("Help they will get from the council and other services")
    consequences = _text(
        "What will happen if the agreement is not kept",
        help_text="In plain words the family can read, for example what the council will do next",
    )
    agreed_on = date_field(
        "Date they agreed to it",
        required=False,
        help_text="Leave blank until they have agreed. For example, 27 3 2026",
    )


class GoalForm(GovUKForm):
    limits_from = AgreementGoal
    section = forms.TypedChoiceField(
        label="Whose goal is it?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whose goal it is"},
    )
    goal = _text("The goal", required=True, rows=3, error="Enter the goal")
    steps = _text("The steps to get there", rows=3)
    time_frame = forms.CharField(
        label="Time frame", required=False, help_text="For example, by the end of March"
    )
    support = _text("Support that will help", rows=3)

    def __init__(self, *args: Any, sections: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections  # type: ignore[attr-defined]


class ParentForm(GovUKForm):
    parent = forms.TypedChoiceField(
        label="Who else is the agreement made with?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person"},
    )

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = people  # type: ignore[attr-defined]


class ReviewDateForm(GovUKForm):
    review_on = date_field("Date we will look at the agreement again")


class ReturnPlanForm(GovUKForm):
    proposed_on = date_field(
        "Proposed date of return",
        required=False,
        help_text="Leave blank if no date is proposed yet. For example, 27 3 2026",
    )
    timing_reason = forms.ChoiceField(
        label="Why is the return planned for that date?",
        choices=TimingReasonChoice.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    timing_note = _text("The reason for the timing, in words", rows=3)
    notes = _text("Notes", rows=4)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("proposed_on") and not data.get("timing_reason"):
            self.add_error("timing_reason", "Select why the return is planned for that date")
        if (
            data.get("timing_reason") == TimingReasonChoice.OTHER
            and not (data.get("timing_note") or "").strip()
        ):
            self.add_error("timing_note", "Enter the reason for the timing, in words")
        return data


class StageForm(GovUKForm):
    description = _text(
        "What happens in this stage",
        required=True,
        rows=3,
        help_text="For example, day contact at home on Saturdays; then overnight stays",
        error="Enter what happens in this stage",
    )
    starts_on = date_field("Start date")
    ends_on = date_field("End date", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        return data


class SupportPlanForm(GovUKForm):
    limits_from = SupportPlan
    months = forms.IntegerField(
        label="Months of support after the return",
        min_value=0,
        max_value=120,
        help_text="The framework expects at least 12 months, with the child treated as a child in need",
        error_messages={
            "required": "Enter the months of support after the return",
            "invalid": "Months of support must be a whole number",
            "min_value": "Months of support must be 0 or more",
            "max_value": "Months of support must be 120 or fewer",
        },
    )
    trusted_adult = forms.CharField(
        label="A trusted adult the child can go to",
        required=False,
        help_text="Their name, and who they are to the child",
    )
    seen_alone = forms.CharField(
        label="How often the child is seen alone and out of the home",
        required=False,
        help_text="For example, every 2 weeks at school",
    )
    contingency = _text("Contingency plan: what will happen if the return breaks down", rows=5)


class ServiceForm(GovUKForm):
    limits_from = SupportService
    service = _text("The service or support", required=True, rows=2, error="Enter the service or support")
    provided_by = forms.CharField(
        label="Who provides it", error_messages={"required": "Enter who provides it"}
    )
    ends_on = date_field(
        "When the service ends",
        required=False,
        help_text="Leave blank if no end date is set. For example, 27 3 2027",
    )
