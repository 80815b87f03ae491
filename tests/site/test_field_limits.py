"""Form field limits come from the model: an over-long answer is an error on the form, saved nowhere,
on SQLite (which would store it whole) and PostgreSQL (which would refuse it with a server error)."""

from __future__ import annotations

import contextlib
import importlib
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse

from homeward.base.forms import GovUKForm
from homeward.children.models import FamilyMember


def _all_forms() -> list[type[GovUKForm]]:
    for config in apps.get_app_configs():
        if config.name.startswith("homeward."):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{config.name}.forms")
    found, todo = [], list(GovUKForm.__subclasses__())
    while todo:
        form = todo.pop()
        found.append(form)
        todo.extend(form.__subclasses__())
    return found


FORMS = _all_forms()


@pytest.mark.parametrize(
    "form_class", [f for f in FORMS if f.limits_from is not None], ids=lambda f: f.__name__
)
def test_each_text_field_takes_its_models_limit(form_class: type[GovUKForm]) -> None:
    model = form_class.limits_from
    assert model is not None
    fields = form_class.base_fields
    checked = 0
    for name in fields:
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        longest = getattr(model_field, "max_length", None)
        field = fields[name]
        if isinstance(field, forms.CharField) and isinstance(model_field, models.CharField) and longest:
            assert field.max_length == longest, name
            checked += 1
    assert checked, f"{form_class.__name__} names {model.__name__} but shares no limited field with it"


def test_no_form_writes_a_limited_field_without_its_limit() -> None:
    """A form field named like a length-limited field of a model in the same app must carry a limit,
    so a new form cannot forget `limits_from`."""
    missing = []
    for form_class in FORMS:
        app = form_class.__module__.rsplit(".", 1)[0]
        limited = {
            field.name: field.max_length
            for model in apps.get_models()
            if model.__module__.rsplit(".", 1)[0] == app
            for field in model._meta.get_fields()
            if isinstance(field, models.CharField) and not field.choices and field.max_length
        }
        for name, field in form_class.base_fields.items():
            if type(field) is not forms.CharField or name not in limited:
                continue
            if form_class.limits_from is None and field.max_length is None:
                missing.append(f"{form_class.__name__}.{name}")
    assert not missing, f"text fields with no limit from their model: {missing}"


def test_an_over_long_name_is_an_error_and_nothing_is_saved(demo: Any, client_for: Any) -> None:
    child = demo.showcase
    before = FamilyMember.objects.count()
    response = client_for("worker").post(
        reverse("children:member_add", args=[child.pk]),
        {"full_name": "A" * 201, "relationship": "aunt_uncle", "parental_responsibility": "no"},
    )

    assert response.status_code == 400
    assert "Full name must be 200 characters or fewer" in response.content.decode()
    assert FamilyMember.objects.count() == before
