"""The form for a new API token. Field checks only; the rules (scopes, the longest expiry) are in
`homeward.access.tokens`."""

from __future__ import annotations

from django import forms

from homeward.access.models import ApiScope, ApiToken
from homeward.base.forms import GovUKForm, date_field


class TokenForm(GovUKForm):
    limits_from = ApiToken

    name = forms.CharField(
        label="What is the token for?",
        help_text="For example, the nightly link from the case-management system",
        error_messages={"required": "Enter what the token is for"},
    )
    scopes = forms.MultipleChoiceField(
        label="What may it do?",
        help_text="Select all that apply. It can never do more than your own account can",
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select what the token may do"},
    )
    expires_on = date_field("Expiry date", help_text="At most a year from today. For example, 27 3 2027")
