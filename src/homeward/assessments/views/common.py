"""What every reunification page shares: the access decorator for the section and the form page."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from homeward.access.policy import Section
from homeward.assessments import selectors
from homeward.assessments.models import Assessment
from homeward.base import pages
from homeward.base.forms import GovUKForm
from homeward.base.pages import Edit, Save
from homeward.children.decorators import child_record
from homeward.children.models import Child

reunification = partial(child_record, section=Section.REUNIFICATION)


def form_page(
    request: HttpRequest,
    child: Child,
    form: GovUKForm,
    save: Save,
    *,
    title: str,
    submit: str,
    back: str | None = None,
    done: str | None = None,
    intro: str = "",
    aside: str = "",
    aside_context: dict[str, Any] | None = None,
    edit: Edit | None = None,
    warnings: Sequence[str] = (),
) -> HttpResponse:
    """A form on the reunification assessment: back to the overview (or `back`), there after a save."""
    overview = reverse("assessments:overview", args=[child.pk])
    return pages.form_page(
        request,
        form,
        save,
        title=title,
        submit=submit,
        back=back or overview,
        back_text="Back to the assessment" if back is None else "Back",
        done=done or overview,
        caption=child.full_name,
        intro=intro,
        aside=aside,
        edit=edit,
        warnings=warnings,
        context={"child": child, **(aside_context or {})},
    )


def working_version(request: HttpRequest, child: Child) -> Assessment | HttpResponse:
    """The version to change, or where to send the user instead: to start one if there is none; back
    to the overview if it is signed (shown, not offered as a form). A POST to a signed version goes on
    to the service, which refuses it with a message."""
    assessment = selectors.current_assessment(child)
    if assessment is None:
        return redirect("assessments:overview", child_id=child.pk)
    if assessment.is_signed and request.method != "POST":
        return redirect("assessments:overview", child_id=child.pk)
    return assessment


def notice(request: HttpRequest, child: Child, title: str, text: str) -> HttpResponse:
    """A page that says why there is nothing to do here, with the way back to the assessment."""
    return render(request, "assessments/notice.html", {"child": child, "title": title, "text": text})
