"""Shared GOV.UK form plumbing: every form renders with the GDS template pack and its error summary."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from django import forms
from django.core import validators
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.forms.forms import DeclarativeFieldsMetaclass
from django.utils import timezone


class _LimitedFields(DeclarativeFieldsMetaclass):
    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]) -> Any:
        form = super().__new__(mcs, name, bases, attrs)
        model = getattr(form, "limits_from", None)
        if model is not None:
            limit_to_model(form.base_fields, model)  # type: ignore[attr-defined]
        return form


class GovUKForm(forms.Form, metaclass=_LimitedFields):
    """A GOV.UK form. `limits_from` names the model the form writes: each text field named like one of
    its fields takes that field's length limit, so an over-long answer is an error on the form on every
    database (SQLite would store it whole; PostgreSQL would refuse it with a server error)."""

    limits_from: ClassVar[type[models.Model] | None] = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = "s"
        self.helper.legend_size = "s"


def limit_to_model(fields: dict[str, forms.Field], model: type[models.Model]) -> None:
    for name, field in fields.items():
        if not isinstance(field, forms.CharField):
            continue
        try:
            longest = getattr(model._meta.get_field(name), "max_length", None)
        except FieldDoesNotExist:
            continue
        if longest is None:
            continue
        field.max_length = longest
        label = str(field.label or name)
        message = f"{label} must be {longest} characters or fewer"
        kept = [v for v in field.validators if not isinstance(v, validators.MaxLengthValidator)]
        field.validators = [*kept, validators.MaxLengthValidator(longest, message=message)]


EARLIEST_DATE = date(1900, 1, 1)  # before this, a date on a child's record is a typing slip
YEARS_AHEAD = 10  # a plan or review further ahead than this is a typing slip too


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


class GovUKDateField(DateInputField):
    """A GOV.UK date input whose errors say what is wrong in words ("… must be a real date"), not
    Python's ("day is out of range for month"), which wants the year in full, and which takes only a
    plausible date: from 1 January 1900 to ten years ahead, or up to today where the date cannot be in
    the future (`past_only`), saying which dates are allowed."""

    def __init__(self, *args: Any, past_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.past_only = past_only

    def latest(self) -> date:
        today = timezone.localdate()
        return today if self.past_only else today.replace(year=today.year + YEARS_AHEAD, month=12, day=31)

    def compress(self, data_list: tuple[str | None, str | None, str | None]) -> date | None:
        day, month, year = data_list
        if not (day and month and year):
            return None
        label = str(self.label or "The date")
        if len(year.strip()) != 4:
            raise ValidationError(
                f"Year of {label[0].lower()}{label[1:]} must include 4 numbers", code="year"
            )
        try:
            found = date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(f"{label} must be a real date", code="invalid_date") from error
        latest = self.latest()
        if self.past_only and found > latest:
            raise ValidationError(f"{label} must be today or in the past", code="date_in_future")
        if not EARLIEST_DATE <= found <= latest:
            raise ValidationError(
                f"{label} must be between {_long(EARLIEST_DATE)} and {_long(latest)}",
                code="date_out_of_range",
            )
        return found


def date_field(
    label: str, *, required: bool = True, help_text: str = "For example, 27 3 2026", past_only: bool = False
) -> DateInputField:
    field = GovUKDateField(
        label=label, required=required, help_text=help_text, require_all_fields=False, past_only=past_only
    )
    field.error_messages["required"] = f"Enter {label[0].lower()}{label[1:]}"
    return field


YES_NO = ((True, "Yes"), (False, "No"))


def yes_no_field(label: str, *, error: str | None = None, **kwargs: Any) -> forms.TypedChoiceField:
    """Yes/No radios. `error` is the message when neither is chosen, in GOV.UK's form ("Select yes if
    they have parental responsibility"); the default names the question, since a label is a question
    and "Select yes if do they …" would not read."""
    return forms.TypedChoiceField(
        label=label,
        choices=(("yes", "Yes"), ("no", "No")),
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": error or f"Select yes or no for “{label}”"},
        **kwargs,
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "govuk-file-upload"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            if not data and self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return [single(d, initial) for d in data]
        return [single(data, initial)]
