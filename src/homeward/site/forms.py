"""Shared GOV.UK form plumbing: every form renders with the GDS template pack and its error summary."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from django import forms


class GovUKForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = "s"
        self.helper.legend_size = "s"


def date_field(
    label: str, *, required: bool = True, help_text: str = "For example, 27 3 2026"
) -> DateInputField:
    field = DateInputField(label=label, required=required, help_text=help_text, require_all_fields=False)
    field.error_messages["required"] = f"Enter {label[0].lower()}{label[1:]}"
    return field


YES_NO = ((True, "Yes"), (False, "No"))


def yes_no_field(label: str, **kwargs: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=(("yes", "Yes"), ("no", "No")),
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": f"Select yes if {label[0].lower()}{label[1:].rstrip('?')}"},
        **kwargs,
    )
