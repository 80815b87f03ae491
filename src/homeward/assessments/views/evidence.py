"""Evidence of change: what was seen, by whom, and when it was written up."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from homeward import framework
from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction
from homeward.assessments import forms, selectors, services
from homeward.assessments.views.common import form_page, reunification
from homeward.base.pages import posted
from homeward.children.models import Child


@reunification(RecordAction.VIEW, "evidence of change")
def evidence(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    context = {
        "child": child,
        "items": selectors.evidence_for(child),
        "can_edit": access.can(RecordAction.EDIT),
        "max_days": framework.load_config().max_write_up_days,
    }
    return render(request, "assessments/evidence.html", context)


@reunification(RecordAction.EDIT, "evidence of change: add", done_as=AuditAction.CREATE)
def evidence_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    form = forms.EvidenceForm(posted(request), initial={"written_up_on": timezone.localdate()})

    def save(data: dict[str, Any]) -> str:
        services.add_evidence(child, request.user, **data)  # type: ignore[arg-type]
        return "Evidence added."

    return form_page(
        request,
        child,
        form,
        save,
        title="Add evidence",
        submit="Add evidence",
        back=reverse("assessments:evidence", args=[child.pk]),
        done=reverse("assessments:evidence", args=[child.pk]),
        intro=(
            "A decision should rest on written evidence, written up promptly. Attendance at a service on "
            "its own is not evidence that behaviour has changed."
        ),
    )
