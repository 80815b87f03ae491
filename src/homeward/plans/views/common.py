"""What the agreement and plan pages share: the access decorator for the section and the form page."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

from homeward.access.policy import Section
from homeward.base import pages
from homeward.base.forms import GovUKForm
from homeward.base.pages import Save
from homeward.children.decorators import child_record
from homeward.children.models import Child
from homeward.plans import selectors
from homeward.plans.models import Agreement

reunification = partial(child_record, section=Section.REUNIFICATION)


def back(child: Child) -> str:
    return reverse("plans:agreement", args=[child.pk])


def form_page(
    request: HttpRequest,
    child: Child,
    form: GovUKForm,
    save: Save,
    *,
    page: str,
    **options: Any,
) -> HttpResponseBase:
    """A form reached from `page` (the agreement, or the plans): "Back" goes there, and so does a save."""
    return pages.form_page(
        request, form, save, back=page, caption=child.full_name, context={"child": child}, **options
    )


def plans_page(child: Child) -> str:
    return reverse("plans:plans", args=[child.pk])


def writable(request: HttpRequest, child: Child) -> Agreement | HttpResponse:
    """The version being written; a GET with none (or a signed one) goes back to the agreement page.
    A POST to a signed version goes on to the service, which refuses it with a message."""
    latest = selectors.latest_agreement(child)
    if latest is None or (latest.is_signed and request.method != "POST"):
        return redirect(back(child))
    return latest
