"""Every date a person types is a plausible one: from 1 January 1900 to ten years ahead (a date of
birth up to today), the message saying which dates are allowed. Checked on every date field of every
form, so a new form cannot take a date of birth in 9999 or a review in year 1."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import timedelta

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

import homeward
from homeward.base.forms import GovUKDateField


def _date_fields() -> list[tuple[str, GovUKDateField]]:
    for module in pkgutil.walk_packages(homeward.__path__, "homeward."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    found = []
    seen: set[type] = set()
    stack: list[type] = [forms.Form]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    for cls in seen:
        if not cls.__module__.startswith("homeward."):
            continue
        for name, field in getattr(cls, "base_fields", {}).items():
            if isinstance(field, GovUKDateField):
                found.append((f"{cls.__module__}.{cls.__name__}.{name}", field))
    return sorted(found, key=lambda f: f[0])


DATE_FIELDS = _date_fields()


def test_the_forms_have_date_fields_to_check() -> None:
    assert len(DATE_FIELDS) >= 30


@pytest.mark.parametrize("year", ["9999", "0001", "1899"])
@pytest.mark.parametrize(("where", "field"), DATE_FIELDS, ids=[w for w, _ in DATE_FIELDS])
def test_an_implausible_year_is_refused_saying_what_is_allowed(
    where: str, field: GovUKDateField, year: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        field.clean(["1", "1", year])
    message = " ".join(refused.value.messages)
    assert "must be between 1 January 1900 and" in message or "today or in the past" in message, message


@pytest.mark.parametrize(("where", "field"), DATE_FIELDS, ids=[w for w, _ in DATE_FIELDS])
def test_a_plausible_date_is_taken(where: str, field: GovUKDateField) -> None:
    today = timezone.localdate()
    assert field.clean([str(today.day), str(today.month), str(today.year)]) == today


def test_a_date_of_birth_cannot_be_in_the_future() -> None:
    births = [f for where, f in DATE_FIELDS if where.endswith(".date_of_birth")]
    assert births
    tomorrow = timezone.localdate() + timedelta(days=1)
    for dob in births:
        with pytest.raises(ValidationError, match="must be today or in the past"):
            dob.clean([str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)])
