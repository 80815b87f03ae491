from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from homeward.base.forms import GovUKForm, date_field, yes_no_field
from homeward.children.models import AgencyInvolvement, Child, FamilyMember, Household, Relationship
from homeward.children.selectors import SORTS, CaseloadChoices, CaseloadQuery
from homeward.children.stages import Stage
from homeward.organisation.models import Agency


class FamilyMemberForm(GovUKForm):
    limits_from = FamilyMember
    full_name = forms.CharField(label="Full name", error_messages={"required": "Enter their full name"})
    relationship = forms.ChoiceField(
        label="Relationship to the child",
        choices=[("", "Choose a relationship"), *Relationship.choices],
        error_messages={"required": "Select their relationship to the child"},
    )
    parental_responsibility = yes_no_field(
        "Do they have parental responsibility?", error="Select yes if they have parental responsibility"
    )
    date_of_birth = date_field(
        "Date of birth", required=False, help_text="If known. For example, 27 3 1990", past_only=True
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AddFamilyMemberForm(FamilyMemberForm):
    household = forms.ChoiceField(label="Do they live in one of the child's households?", required=False)
    moved_in = date_field("Date they moved in", required=False)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        household_field = self.fields["household"]
        assert isinstance(household_field, forms.ChoiceField)
        household_field.choices = [
            ("", "No, they do not live there"),
            *((str(h.pk), h.name) for h in child.households.all()),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        household_id = data.get("household")
        data["household"] = (
            Household.objects.filter(child=self.child, pk=household_id).first() if household_id else None
        )
        if data["household"] is not None and not data.get("moved_in"):
            self.add_error("moved_in", "Enter the date they moved in")
        return data


class MembershipForm(GovUKForm):
    household = forms.ModelChoiceField(
        label="Household",
        queryset=Household.objects.none(),
        error_messages={"required": "Select a household"},
    )
    started = date_field("Date they moved in")

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = child.households.all()  # type: ignore[attr-defined]


class EndDateForm(GovUKForm):
    ended = date_field("Date it ended")

    def __init__(self, *args: Any, label: str = "Date it ended", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ended"].label = label
        self.fields["ended"].error_messages["required"] = f"Enter {label[0].lower()}{label[1:]}"


class HouseholdForm(GovUKForm):
    limits_from = Household
    name = forms.CharField(
        label="Name of the household",
        help_text="For example: Mother's home",
        error_messages={"required": "Enter a name for the household"},
    )
    is_proposed_return_home = yes_no_field(
        "Is this the home the child might return to?",
        error="Select yes if this is the home the child might return to",
    )


class AgencyInvolvementForm(GovUKForm):
    limits_from = AgencyInvolvement
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.all(),
        empty_label="Choose an agency",
        error_messages={"required": "Select the agency"},
    )
    contact_name = forms.CharField(
        label="Named contact", error_messages={"required": "Enter the name of the contact"}
    )
    contact_details = forms.CharField(label="Phone or email", required=False)
    reason = forms.CharField(label="Why they are involved", required=False)
    started = date_field("Date involvement started")


class CaseloadFilterForm(forms.Form):
    """The caseload's search and filters (GET): every field optional, nothing chosen for the user."""

    q = forms.CharField(
        label="Search by name, CHILD id or date of birth",
        required=False,
        max_length=100,
        help_text="For example, Ava Brown, 100234 or 01/03/2019",
    )
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None)
    worker = forms.TypedChoiceField(label="Social worker", required=False, coerce=int, empty_value=None)
    legal_status = forms.ChoiceField(label="Legal status", required=False)
    stage = forms.ChoiceField(label="Stage of a return home", required=False)
    sort = forms.ChoiceField(label="Order", required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        choices: CaseloadChoices,
        episodes_shown: bool,
        stages: Sequence[Stage] = (),
        reunification_shown: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._choose("team", [("", "Any team"), *((str(pk), name) for pk, name in choices.teams)])
        self._choose(
            "worker", [("", "Any social worker"), *((str(pk), name) for pk, name in choices.workers)]
        )
        self._choose("legal_status", [("", "Any legal status"), *choices.legal_statuses])
        if stages:
            self._choose("stage", [("", "Any stage"), *((s.key, s.label) for s in stages)])
        else:
            del self.fields["stage"]
        # Time in care is read from the episodes: not an order for someone who is not shown them.
        # Nor is "return home being considered first" for someone not shown the reunification section.
        self._choose(
            "sort",
            [
                (k, v)
                for k, v in SORTS.items()
                if (episodes_shown or k != "time_in_care") and (reunification_shown or k != "considered")
            ],
        )

    def _choose(self, name: str, options: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = options

    def query(self) -> CaseloadQuery:
        """The query asked for; a field that is not valid (e.g. a team not on this caseload) is ignored."""
        self.is_valid()  # a field in error is left out of cleaned_data: the rest still apply
        data = self.cleaned_data
        return CaseloadQuery(
            search=data.get("q") or "",
            team=data.get("team"),
            worker=data.get("worker"),
            legal_status=data.get("legal_status") or "",
            stage=data.get("stage") or "",
            sort=data.get("sort") or "considered",
            page=data.get("page") or 1,
        )
