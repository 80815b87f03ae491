"""Risk classifications at each point of the process."""

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


@reunification(RecordAction.VIEW, "risk classifications")
def risk_classifications(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    config = framework.load_config()
    context = {
        "child": child,
        "risks": selectors.risk_classifications(child),
        "bands": [(k, b.label, b.description) for k, b in config.risk_bands.items()],
        "can_edit": access.can(RecordAction.EDIT),
    }
    return render(request, "assessments/risk_classifications.html", context)


@reunification(RecordAction.EDIT, "risk classifications: add", done_as=AuditAction.CREATE)
def risk_classification_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    form = forms.RiskClassificationForm(posted(request), initial={"classified_on": timezone.localdate()})
    labels = {k: b.label for k, b in framework.load_config().risk_bands.items()}
    form.fields["level"].choices = [(k, labels.get(k, v)) for k, v in form.fields["level"].choices]  # type: ignore[attr-defined]

    def save(data: dict[str, Any]) -> str:
        rc = services.classify_risk(child, request.user, **data)  # type: ignore[arg-type]
        return f"{rc.point} recorded: {labels.get(rc.level, rc.level)}."

    url = reverse("assessments:risk_classifications", args=[child.pk])
    return form_page(
        request, child, form, save, title="Record a risk classification", submit="Save", back=url, done=url
    )
