"""Missing from care: each time the child went missing, and whether they went to the family home."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse

from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction
from homeward.assessments import forms, selectors, services
from homeward.assessments.views.common import form_page, reunification
from homeward.base.pages import posted
from homeward.children.models import Child


@reunification(RecordAction.VIEW, "missing from care")
def missing(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    context = {
        "child": child,
        "episodes": selectors.missing_episodes(child),
        "can_edit": access.can(RecordAction.EDIT),
    }
    return render(request, "assessments/missing.html", context)


@reunification(RecordAction.EDIT, "missing from care: add", done_as=AuditAction.CREATE)
def missing_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    form = forms.MissingEpisodeForm(posted(request))

    def save(data: dict[str, Any]) -> str:
        episode = services.record_missing_episode(
            child,
            request.user,  # type: ignore[arg-type]
            started_on=data["started_on"],
            ended_on=data.get("ended_on"),
            ran_home=data["ran_home"],
            note=data.get("note", ""),
        )
        return f"The time {child.full_name} went missing on {episode.started_on:%-d %B %Y} is recorded."

    page = reverse("assessments:missing", args=[child.pk])
    return form_page(
        request,
        child,
        form,
        save,
        title=f"Record a time {child.first_name} went missing",
        submit="Save",
        back=page,
        done=page,
        intro=(
            "Record each time the child went missing from care or was away without permission, and whether "
            "they went to the family home. A child running home is a sign to assess: what are they telling "
            "you about home, and about where they live now?"
        ),
    )
