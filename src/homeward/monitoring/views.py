"""The monitoring pages: the period after the return, and the forms that record visits, engagement,
reviews and its closure. Each is a page of the child's record (part of the reunification work)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.access import audit
from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction, Section
from homeward.base import pages
from homeward.base.forms import GovUKForm
from homeward.base.pages import Edit, Save, posted
from homeward.children.decorators import child_record
from homeward.children.models import Child
from homeward.monitoring import alerts, conf, forms, selectors, services
from homeward.monitoring.models import Closure, MonitoringPeriod

reunification = partial(child_record, section=Section.REUNIFICATION)
NOT_OPEN = "No monitoring period is open for this child."


def _page(child: Child) -> str:
    return reverse("monitoring:monitoring", args=[child.pk])


@require_safe  # read-only: a POST is refused before it could be audited as a change
@reunification(RecordAction.VIEW, "monitoring after the return")
def monitoring(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    today = timezone.localdate()
    history = selectors.periods(child)
    period = history[0] if history else None
    context: dict[str, Any] = {
        "child": child,
        "period": period,
        "earlier": history[1:],
        "can_edit": access.can(RecordAction.EDIT),
        "trusted_adult": selectors.trusted_adult(child),
        "support": selectors.support_plan(child),
        "rc3": selectors.rc3(child),
        "months": conf.months(),
    }
    if period is not None:
        context |= {
            "progress": selectors.progress(period, today),
            "visits": selectors.visits(period),
            "engagements": selectors.engagements(period),
            "reviews": selectors.reviews(period),
            "concerns": list(period.concerns.all()),
            "alerts": alerts.alerts_for([child.pk], today).get(child.pk, []) if period.is_open else [],
        }
    return render(request, "monitoring/monitoring.html", context)


def _form(
    request: HttpRequest, child: Child, form: GovUKForm, save: Save, **options: Any
) -> HttpResponseBase:
    return pages.form_page(
        request, form, save, back=_page(child), caption=child.full_name, context={"child": child}, **options
    )


def _period_or_refuse(period: MonitoringPeriod | None) -> MonitoringPeriod:
    if period is None:
        raise ValidationError(NOT_OPEN)
    return period


@reunification(RecordAction.EDIT, "monitoring: record a visit", done_as=AuditAction.CREATE)
def visit_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    period = selectors.open_period(child)
    if period is None and request.method != "POST":
        return redirect(_page(child))

    def save(data: dict[str, Any]) -> str:
        services.record_visit(_period_or_refuse(period), request.user, **data)  # type: ignore[arg-type]
        return "Visit recorded."

    return _form(
        request,
        child,
        forms.VisitForm(posted(request)),
        save,
        title="Record a visit",
        submit="Record the visit",
        intro=f"Visits are due {period.cadence.lower()}." if period else "",
    )


@reunification(RecordAction.EDIT, "monitoring: record a concern or re-referral", done_as=AuditAction.CREATE)
def concern_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    period = selectors.open_period(child)
    if period is None and request.method != "POST":
        return redirect(_page(child))

    def save(data: dict[str, Any]) -> str:
        services.record_concern(_period_or_refuse(period), request.user, **data)  # type: ignore[arg-type]
        return "Concern recorded. It stays an alert until a review has weighed it."

    return _form(
        request,
        child,
        forms.ConcernForm(posted(request)),
        save,
        title="Record a concern or re-referral",
        submit="Record it",
    )


@reunification(RecordAction.EDIT, "monitoring: record engagement with a service", done_as=AuditAction.CREATE)
def engagement_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    period = selectors.open_period(child)
    if period is None and request.method != "POST":
        return redirect(_page(child))
    support = {s.pk: s for s in selectors.services_of(child)}
    if not support and request.method != "POST":
        messages.info(request, "Add the support services to the support plan first.")
        return redirect(_page(child))

    def save(data: dict[str, Any]) -> str:
        service = support.get(data.pop("service"))
        if service is None:
            raise ValidationError({"service": "Select one of this child's support services"})
        services.record_engagement(_period_or_refuse(period), request.user, service=service, **data)  # type: ignore[arg-type]
        return "Engagement recorded."

    choices = [(pk, f"{s.service[:80]} ({s.provided_by})") for pk, s in support.items()]
    return _form(
        request,
        child,
        forms.EngagementForm(posted(request), services=choices),
        save,
        title="Record engagement with a service",
        submit="Record it",
    )


@reunification(RecordAction.EDIT, "monitoring: record a review", done_as=AuditAction.CREATE)
def review_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    period = selectors.open_period(child)
    if period is None and request.method != "POST":
        return redirect(_page(child))

    def save(data: dict[str, Any]) -> str:
        services.record_review(_period_or_refuse(period), request.user, **data)  # type: ignore[arg-type]
        return "Review recorded."

    return _form(
        request,
        child,
        forms.ReviewForm(posted(request)),
        save,
        title="Record a review",
        submit="Record the review",
        intro="The outcome review is due six months after the return; a final review is needed before "
        "monitoring closes.",
    )


@reunification(RecordAction.EDIT, "monitoring: close")
def close(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    period = selectors.open_period(child)
    if period is None and request.method != "POST":
        return redirect(_page(child))
    manager = services.can_override(request.user, child)  # type: ignore[arg-type]

    def save(data: dict[str, Any]) -> str:
        closed = services.close(_period_or_refuse(period), user=request.user, **data)  # type: ignore[arg-type]
        if closed.closure == Closure.OVERRIDE:
            # The override is audited in its own words, beside the page's change event.
            audit.record(
                request, AuditAction.CHANGE, "monitoring closed early on a manager's override", child.pk
            )
        return f"Monitoring closed: {closed.get_closure_display().lower()}."

    today = timezone.localdate()
    problems = services.reasons_not_to_close(period, today) if period else []
    intro = ""
    if problems:
        intro = "Closing today needs a team manager's override: " + "; ".join(problems) + "."
    edit = (
        Edit.of(
            period,
            lambda p: {"on": p.closed_on, "reason": p.closure_reason, "override_reason": p.override_reason},
        )
        if period
        else None
    )
    return _form(
        request,
        child,
        forms.CloseForm(posted(request), manager=manager),
        save,
        title="Close monitoring",
        submit="Close monitoring",
        intro=intro,
        edit=edit,
    )
