"""GOV.UK forms for the staff pages. Field checks only; the rules of roles live in services."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.choices import Choice
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from homeward.base.forms import GovUKForm, yes_no_field
from homeward.organisation.models import Agency, AgencyType, Role, Team

ROLE_HINTS = {
    Role.SOCIAL_WORKER: "Sees their own and their team's children",
    Role.TEAM_MANAGER: "Sees the children of their team and of the teams they manage",
    Role.IRO: "Sees the children they review",
    Role.PARTNER: "Sees only what is shared with their agency",
    Role.ANALYST: "Sees outcome figures, never a child's record",
    Role.ADMINISTRATOR: "Manages staff accounts, never a child's record",
    Role.DATA_OFFICER: "Loads case data and 903 returns, never reads a child's record",
}


ROLE_CHOICES = [Choice(role.value, role.label, hint=ROLE_HINTS[role]) for role in Role]


class PlacementForm(GovUKForm):
    """Role, team, teams managed and agency: shared by the add and change pages.

    The team and agency questions are always shown, each saying which roles it is for, rather than
    revealed under the role chosen: GOV.UK Frontend's conditional reveal puts aria-expanded on radios,
    which axe-core reports as a violation (alphagov/govuk-frontend#979, a known issue).
    """

    role = forms.ChoiceField(
        label="Role",
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role"},
    )
    team = forms.ModelChoiceField(
        label="Team",
        help_text="Social workers and team managers only: they see the children of this team",
        queryset=Team.objects.all(),
        required=False,
        empty_label="Choose a team",
    )
    managed_teams = forms.ModelMultipleChoiceField(
        label="Teams they manage",
        help_text="Team managers only: they also see the children of these teams. Select all that apply",
        queryset=Team.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nominated_officer = forms.BooleanField(
        label="Nominated officer",
        help_text=(
            "Team managers only: may approve ending care for a child looked after for 20 working days or "
            "more (Care Planning, Placement and Case Review (England) Regulations 2010, reg 39)"
        ),
        required=False,
    )
    data_protection_officer = forms.BooleanField(
        label="Data protection officer",
        help_text=(
            "Not partner agency workers: answers subject access requests (everything Homeward holds "
            "about one person, whoever's caseload they are on) and reads the retention report"
        ),
        required=False,
    )
    agency = forms.ModelChoiceField(
        label="Partner agency",
        help_text="Partner agency workers only: they see only children this agency is involved with",
        queryset=Agency.objects.all(),
        required=False,
        empty_label="Choose an agency",
    )
    phone = forms.CharField(
        label="Work phone number (optional)",
        help_text="Printed on the written agreement a family keeps, so they know how to ring their worker",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )


class AddAccountForm(PlacementForm):
    limits_from = User
    first_name = forms.CharField(label="First name", error_messages={"required": "Enter their first name"})
    last_name = forms.CharField(label="Last name", error_messages={"required": "Enter their last name"})
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    username = forms.CharField(
        label="User name",
        help_text="They sign in with this. Letters, digits and @ . + - _ only",
        validators=[get_user_model().username_validator],
        error_messages={"required": "Enter a user name"},
    )
    password = forms.CharField(
        label="Initial password",
        help_text="At least 12 characters, not a common password and not like their name. "
        "Give it to them in person or by phone, never by email",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter an initial password"},
    )

    field_order = [
        "first_name",
        "last_name",
        "email",
        "username",
        "role",
        "team",
        "managed_teams",
        "nominated_officer",
        "data_protection_officer",
        "agency",
        "phone",
        "password",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})


class ChangeAccountForm(PlacementForm):
    is_active = yes_no_field(
        "Can they sign in?",
        help_text="Choose no when someone leaves. Accounts are never deleted, so the audit trail keeps "
        "who did what",
    )


class PasswordForm(GovUKForm):
    password = forms.CharField(
        label="New password",
        help_text="At least 12 characters, not a common password and not like their name",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a new password"},
    )


class RoleFilterForm(forms.Form):
    q = forms.CharField(label="Name or user name", max_length=100, required=False)
    role = forms.ChoiceField(
        label="Role", choices=[("", "All roles"), *Role.choices, ("none", "No role")], required=False
    )


class TeamForm(GovUKForm):
    limits_from = Team
    name = forms.CharField(label="Team name", error_messages={"required": "Enter the name of the team"})
    phone = forms.CharField(
        label="Team's phone number (optional)",
        help_text="Printed on the written agreement a family keeps",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )


class AgencyForm(GovUKForm):
    limits_from = Agency
    name = forms.CharField(
        label="Agency name",
        help_text="For example, Northshire Community NHS Trust",
        error_messages={"required": "Enter the name of the agency"},
    )
    agency_type = forms.ChoiceField(
        label="Type of agency",
        choices=AgencyType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of agency"},
    )
