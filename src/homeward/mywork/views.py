"""My work: each person's start page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.access import audit
from homeward.access.decorators import requires
from homeward.access.models import AuditAction
from homeward.access.policy import Capability
from homeward.mywork import selectors


@require_safe
@requires(Capability.CASELOAD)
def my_work(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sections, shown = selectors.my_work(request.user, today)
    audit.record(request, AuditAction.LIST, "my work", children_shown=shown)
    return render(request, "mywork/start.html", {"sections": sections, "today": today})
