"""Forms of the reunification assessment. GOV.UK components through crispy-forms-gds; no logic."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from homeward.assessments import selectors
from homeward.assessments.models import (
    ChildSeen,
    Evidence,
    EvidenceKind,
    MemberAssessment,
    NeedType,
    RiskLevel,
    RiskPoint,
)
from homeward.base.forms import GovUKForm, date_field, yes_no_field
from homeward.children.models import Child, FamilyMember
from homeward.organisation.models import Agency


def _text(
    label: str, *, required: bool = True, rows: int = 4, help_text: str = "", max_length: int | None = None
) -> forms.CharField:
    field = forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )
    if max_length is not None:
        field.error_messages["max_length"] = f"{label} must be {max_length} characters or fewer"
    field.error_messages["required"] = f"Enter {label[0].lower()}{label[1:]}"
    return field


class StartForm(GovUKForm):
    """Nothing to fill in: the button confirms."""


class MemberForm(GovUKForm):
    outcome = forms.ChoiceField(
        label="Has this person been assessed?",
        choices=[
            (MemberAssessment.Outcome.ASSESSED, "Yes, they have been assessed"),
            (MemberAssessment.Outcome.EXCLUDED, "No, they are excluded from the assessment, for a reason"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they have been assessed or are excluded"},
    )
    assessed_on = date_field(
        "Date they were assessed", required=False, help_text="If assessed. For example, 27 3 2026"
    )
    summary = _text(
        "Summary of the assessment",
        required=False,
        help_text="If assessed: who they are to the child, what you saw and were told, any risk they pose",
    )
    poses_risk = yes_no_field("Does this person pose a risk to the child?", required=False)
    excluded_reason = _text(
        "Why are they excluded from the assessment?",
        required=False,
        rows=3,
        help_text="If excluded: for example, they moved out, or they are a young child of the household",
    )


class CarerForm(GovUKForm):
    assessed_on = date_field("Date of the capacity assessment")
    assessed_separately = yes_no_field(
        "Was this carer's capacity assessed in their own right, not only as part of a couple?"
    )
    parenting_capacity = _text(
        "Parenting capacity", help_text="Basic care, safety, warmth, stimulation, guidance, stability"
    )
    capacity_to_change = _text(
        "Capacity to change", help_text="What has changed, what they recognise, what they have done about it"
    )


class RiskForm(GovUKForm):
    risk_factors = _text("Risk factors", required=False, rows=6)
    protective_factors = _text("Protective factors", required=False, rows=6)


class NeedForm(GovUKForm):
    need_type = forms.ChoiceField(
        label="Kind of need or concern",
        choices=[("", "Choose a kind of need"), *NeedType.choices],
        error_messages={"required": "Select the kind of need or concern"},
    )
    person = forms.ModelChoiceField(
        label="Whom does it concern?",
        queryset=FamilyMember.objects.none(),
        required=False,
        empty_label="The family as a whole, or not one person",
    )
    continuing = yes_no_field("Is it still continuing now?")
    evidence = forms.ModelMultipleChoiceField(
        label="Evidence this rests on",
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "The evidence that shows whether it is continuing. A need recorded as stopped should rest on "
            "written evidence, for example a letter from the service"
        ),
    )
    notes = _text("Notes", required=False, rows=3)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = child.family.all()  # type: ignore[attr-defined]
        self.fields["evidence"].queryset = Evidence.objects.filter(child=child)  # type: ignore[attr-defined]


class ChildSeenForm(GovUKForm):
    limits_from = ChildSeen
    seen_on = date_field("Date the child was seen")
    present = _text(
        "Who was present", rows=3, help_text="One person a line, with their role. Include yourself"
    )
    seen_alone = yes_no_field(
        "Was the child seen alone, without a parent, carer or relative?",
        error="Select yes if the child was seen alone",
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        help_text="For example, where you saw them and what you did together",
    )


class ChildForm(GovUKForm):
    child_needs = _text("The child's needs", required=False)
    early_experiences = _text("The child's early experiences", required=False)
    wishes_recorded_on = date_field("Date the child's wishes were recorded", required=False)
    wishes_in_own_words = _text(
        "What the child said, in their own words",
        required=False,
        help_text="Write down what they said as they said it, not a summary",
    )
    wishes_present = _text(
        "Who was present", required=False, rows=3, help_text="One person a line, with their role"
    )
    wishes_seen_alone = yes_no_field("Was the child seen alone?", required=False)
    wishes_pressure_considered = yes_no_field(
        "Did you consider whether a parent was putting pressure on the child?", required=False
    )
    wishes_pressure_notes = _text("What did you consider about pressure?", required=False, rows=3)


class SupportForm(GovUKForm):
    support_needs = _text(
        "Support needs",
        required=False,
        rows=8,
        help_text="What the family and the child would need before and after a return, and from whom",
    )


class AgencyConsultedForm(GovUKForm):
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.all(),
        empty_label="Choose an agency",
        error_messages={"required": "Select the agency"},
    )
    consulted_on = date_field("Date consulted")
    contribution = _text("What did they contribute?")


class SignForm(GovUKForm):
    completed_on = date_field("Date the written assessment was completed")


class NewVersionForm(GovUKForm):
    reason = _text("Why is the assessment changing?", rows=3)


class EvidenceForm(GovUKForm):
    limits_from = Evidence
    description = _text("What is the evidence?", rows=3)
    source = forms.CharField(
        label="Who gave or produced it?",
        help_text="For example: Dr Patel, GP",
        error_messages={"required": "Enter who gave or produced it"},
    )
    kind = forms.ChoiceField(
        label="Kind of evidence",
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of evidence"},
    )
    agency = forms.ModelChoiceField(
        label="Agency it came from", queryset=Agency.objects.all(), required=False, empty_label="None"
    )
    seen_on = date_field("Date seen, heard or received")
    written_up_on = date_field("Date written up in the record")
    shows_continuing = forms.TypedChoiceField(
        label="Does this evidence say the need it is about is still continuing? (optional)",
        choices=(
            ("yes", "Yes, it says it is continuing (for example, the service reports use is continuing)"),
            ("no", "No, it says it has stopped"),
            ("unsaid", "It does not say"),
        ),
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class MissingEpisodeForm(GovUKForm):
    started_on = date_field("Date the child went missing")
    ended_on = date_field(
        "Date the child was found or came back",
        required=False,
        help_text="Leave blank if the child has not come back yet. For example, 27 3 2026",
    )
    ran_home = yes_no_field(
        "Did the child go to the family home?", error="Select yes if the child went to the family home"
    )
    note = _text(
        "Note (optional)",
        required=False,
        rows=3,
        help_text="Where they were found, who they were with, what they said",
        max_length=5000,
    )


class GoalForm(GovUKForm):
    parent = forms.ModelChoiceField(
        label="Parent or carer the goal is for",
        queryset=FamilyMember.objects.none(),
        empty_label="Choose a person",
        error_messages={"required": "Select the parent or carer"},
    )
    description = _text("The goal, in words the family can read", rows=3)
    set_on = date_field("Date the goal was agreed")

    def __init__(self, *args: Any, carers: list[FamilyMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = FamilyMember.objects.filter(  # type: ignore[attr-defined]
            pk__in=[c.pk for c in carers]
        )


GAS_CHOICES = [
    ("-2", "−2: much less than expected"),
    ("-1", "−1: less than expected"),
    ("0", "0: the expected level"),
    ("1", "+1: more than expected"),
    ("2", "+2: much more than expected"),
]


class ReviewForm(GovUKForm):
    reviewed_on = date_field("Date of the review")
    score = forms.TypedChoiceField(
        label="Score (Goal Attainment Scaling)",
        choices=GAS_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a score"},
    )
    evidence = forms.ModelMultipleChoiceField(
        label="Evidence the score rests on",
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Attendance at a service on its own is not evidence that behaviour has changed",
    )
    # A note of any length is kept; the limit only keeps one answer from being a whole report.
    note = _text("Note", required=False, rows=3, max_length=5000)

    WARNINGS: ClassVar[dict[str, str]] = {
        "none": (
            "No evidence is ticked. A score that cites no evidence is not evidence of change, whatever "
            "the score: tick what was seen, read or heard that the score rests on."
        ),
        "attendance_only": (
            "The only evidence ticked is attendance. Attending a service is not evidence that behaviour "
            "has changed, so this score will not count as evidence of change, whatever the score."
        ),
    }

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = Evidence.objects.filter(child=child)  # type: ignore[attr-defined]
        # A posted review whose evidence would not count is saved only once the worker confirms it,
        # having read the warning: the question appears then, unticked.
        self.evidence_warning = ""
        if self.is_bound:
            posted = self.data.getlist(self.add_prefix("evidence"))  # type: ignore[attr-defined]
            ticked = [int(v) for v in posted if str(v).isdigit()]
            basis = selectors.evidence_basis(child, ticked)
            if basis != "evidence":
                self.evidence_warning = self.WARNINGS[basis]
                self.fields["save_anyway"] = forms.BooleanField(
                    label="Save this score anyway, knowing it will not count as evidence of change",
                    required=True,
                    error_messages={
                        "required": "Tick the evidence the score rests on, or confirm you want to save it "
                        "anyway"
                    },
                )
                self.helper.layout = self.helper.build_default_layout(self)


class RiskClassificationForm(GovUKForm):
    point = forms.ChoiceField(
        label="Which classification is this?",
        choices=RiskPoint.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select RC1, RC2 or RC3"},
    )
    level = forms.ChoiceField(
        label="Level of risk",
        choices=RiskLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the level of risk"},
    )
    classified_on = date_field("Date of the classification")
    reasons = _text("The case team's reasons")
    case_team = _text("Who made it (the case team)", rows=2, help_text="Names and roles")
