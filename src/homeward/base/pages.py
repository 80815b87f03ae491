"""The one form-page pattern: show a GOV.UK form; on a valid POST call a service; flash its message and
go on; show the service's refusal on the form; and never let a stale form overwrite another's save.

Every page that changes something is a `form_page`. A page that changes a stored record passes an `Edit`:
the form carries the record's `edit_version` as it was when the form was drawn, the service is given it
(`data["edit_version"]`) and claims the change with it (`homeward.base.concurrency.claim_edit`). If
someone else saved in between, the service raises `EditConflict`, nothing is saved, and the page is shown
again (409) with what they saved beside what you typed; your typing stays in the form, which now carries
the new version, so saving it again is a deliberate choice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from homeward.base.concurrency import EditConflict

# A service's message, or its message and the page to go to next (e.g. a record it just created).
Saved = str | tuple[str, str]
Save = Callable[[dict[str, Any]], Saved]


def posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: the POST, even an empty one (`request.POST or None` would leave a
    form with nothing filled in unbound, so it would be shown again without its error messages; a
    confirm button has no fields at all)."""
    return request.POST if request.method == "POST" else None


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: against the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@dataclass(frozen=True)
class Edit:
    """The stored record a form changes. `current` reads it afresh (None while it does not exist yet:
    a plan made by its first save); `values` gives its values as the form shows them, which are the
    form's starting values and, after a conflict, what the other person saved."""

    current: Callable[[], Any]
    values: Callable[[Any], dict[str, Any]]

    @classmethod
    def of(cls, record: models.Model, values: Callable[[Any], dict[str, Any]]) -> Edit:
        model, pk = type(record), record.pk
        return cls(current=lambda: model._default_manager.filter(pk=pk).first(), values=values)

    def version_now(self) -> int:
        record = self.current()
        return 0 if record is None else int(record.edit_version)

    def initial(self, blank: dict[str, Any] | None = None) -> dict[str, Any]:
        record = self.current()
        return self.values(record) if record is not None else dict(blank or {})


NOT_GIVEN = "Not given"


def shown(field: forms.Field, value: Any) -> str:
    """A value as a person reads it on the conflict page: a choice by its label, a date in words."""
    if value is None or value == "" or value == []:
        return NOT_GIVEN
    if isinstance(field, forms.ModelMultipleChoiceField) and field.queryset is not None:
        chosen = value if not isinstance(value, (list, tuple)) else field.queryset.filter(pk__in=value)
        return ", ".join(str(item) for item in chosen) or NOT_GIVEN
    if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
        if not isinstance(value, models.Model):
            value = field.queryset.filter(pk=value).first()
        return str(value) if value is not None else NOT_GIVEN
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    labels = {
        str(key): str(label)
        for key, label in getattr(field, "choices", ())
        if not isinstance(label, (list, tuple))
    }
    if labels:
        if isinstance(value, (list, tuple)):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        return labels.get(str(value), str(value))
    return str(value)


def _posted_version(request: HttpRequest) -> int:
    # A form without a readable version cannot show which save it was drawn from: -1 never matches, so
    # it is treated as stale (nothing saved, the comparison shown) rather than trusted.
    try:
        return int(request.POST.get("edit_version", ""))
    except ValueError:
        return -1


def form_page(
    request: HttpRequest,
    form: forms.Form,
    save: Save,
    *,
    title: str,
    submit: str,
    back: str,
    done: str | None = None,
    back_text: str = "Back",
    caption: str = "",
    intro: str = "",
    aside: str = "",
    cancel: bool = False,
    edit: Edit | None = None,
    context: dict[str, Any] | None = None,
    warnings: Sequence[str] = (),
) -> HttpResponse:
    """Show `form` (after any `warnings`, as GOV.UK warning text); on a valid POST call `save` (a
    service) with the cleaned data, flash the message it returns and go to `done` (or the page it names,
    else `back`). A `ValidationError` from the service is shown on the form (400), a stale edit as a
    conflict (409)."""
    conflict: list[dict[str, Any]] | None = None
    version = edit.version_now() if edit is not None and request.method != "POST" else None
    if request.method == "POST" and edit is not None:
        version = _posted_version(request)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if edit is not None:
            data["edit_version"] = version
        try:
            saved = save(data)
        except ValidationError as error:
            add_errors(form, error)
        except EditConflict:
            assert edit is not None, "a service refused a stale edit on a page that did not pass an Edit"
            conflict = _comparison(form, edit)
            version = edit.version_now()
        else:
            message, next_page = saved if isinstance(saved, tuple) else (saved, done or back)
            messages.success(request, message)
            return redirect(next_page)
    page = {
        "form": form,
        "title": title,
        "submit": submit,
        "back": back,
        "back_text": back_text,
        "caption": caption,
        "intro": intro,
        "aside": aside,
        "cancel": cancel,
        "edit_version": version,
        "conflict": conflict,
        "warnings": list(warnings),
        **(context or {}),
    }
    status = 409 if conflict is not None else 400 if form.errors else 200
    return render(request, "base/form_page.html", page, status=status)


def _comparison(form: forms.Form, edit: Edit) -> list[dict[str, Any]]:
    """Each question with what is saved now beside what was typed; a changed answer is marked."""
    record = edit.current()
    theirs = edit.values(record) if record is not None else {}
    rows = []
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.HiddenInput):
            continue
        saved_now = shown(field, theirs.get(name))
        typed = shown(field, form.cleaned_data.get(name))
        rows.append(
            {
                "label": str(field.label or name),
                "theirs": saved_now,
                "yours": typed,
                "differs": saved_now != typed,
            }
        )
    return rows


@dataclass(frozen=True)
class PageLink:
    """One item of a GOV.UK pagination: a page number (the current one marked), or a gap (…)."""

    number: int | None
    current: bool = False

    @property
    def is_gap(self) -> bool:
        return self.number is None


def pagination(page: Page) -> list[PageLink]:  # type: ignore[type-arg]
    """The page numbers GOV.UK pagination shows: the first, the last, the current and its neighbours,
    with a gap (…) for each run left out."""
    last = page.paginator.num_pages
    wanted = sorted({1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1)))
    links: list[PageLink] = []
    for n in wanted:
        if links and links[-1].number is not None and n - links[-1].number > 1:
            links.append(PageLink(None))
        links.append(PageLink(n, current=n == page.number))
    return links
