"""Forms of the decisions: the worker's proposal (with an answer to every finding), the manager's
review and the IRO's challenge."""

from __future__ import annotations

from typing import Any

from crispy_forms.layout import Layout
from django import forms

from homeward import framework
from homeward.base.forms import GovUKForm, yes_no_field
from homeward.decisions.models import Answer


def finding_field_name(finding_id: str) -> str:
    return f"finding_{finding_id}"


class ProposeForm(GovUKForm):
    answer = forms.ChoiceField(
        label="Will this child be safe and nurtured if they return to live with their parent(s)?",
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes, maybe or no"},
    )
    rationale = forms.CharField(
        label="Your reasons",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The evidence your answer rests on, and what weighed most",
        error_messages={"required": "Enter the reasons for your answer"},
    )

    def __init__(
        self,
        *args: Any,
        findings: tuple[framework.Finding, ...] = (),
        carried: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.findings = findings
        self.carried = carried or {}  # finding id -> the earlier gate its answer was carried from
        # One answer per gap and caution; rendered beside each finding, not by crispy.
        for f in findings:
            self.fields[finding_field_name(f.id)] = forms.CharField(
                label=f"Your answer to “{f.title}”",
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "required": f"Answer “{f.title}”: why it does not apply, or what is being done"
                },
            )
        self.helper.layout = Layout("answer", "rationale")
        # The error summary follows the page: the findings' answers come first, then the decision.
        self.order_fields([*(finding_field_name(f.id) for f in findings), "answer", "rationale"])

    def finding_rows(self) -> list[tuple[framework.Finding, forms.BoundField, str]]:
        """Each finding, its answer's field, and the earlier gate the answer was carried from ("" if none)."""
        return [(f, self[finding_field_name(f.id)], self.carried.get(f.id, "")) for f in self.findings]

    def responses(self) -> dict[str, str]:
        return {f.id: self.cleaned_data.get(finding_field_name(f.id), "") for f in self.findings}


class ReviewForm(GovUKForm):
    outcome = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("sign_off", "Sign off the decision"),
            ("return", "Return it to the worker, with reasons"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you sign off the decision or return it"},
    )
    reasons = forms.CharField(
        label="Your reasons",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Needed when you return it. When you sign off, anything you want recorded with it",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == "return" and not (data.get("reasons") or "").strip():
            self.add_error("reasons", "Enter why the decision is being returned")
        return data


class ChallengeForm(GovUKForm):
    disagrees = yes_no_field("Do you disagree with the decision?")
    text = forms.CharField(
        label="Your challenge or comment",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter your challenge or comment"},
    )


class ChallengeAnswerForm(GovUKForm):
    text = forms.CharField(
        label="Your answer",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you have done about the challenge, or why you disagree with it",
        error_messages={"required": "Enter your answer to the challenge"},
    )
