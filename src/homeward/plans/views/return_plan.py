"""The return plan (its timing and the stages of increasing time at home) and the support plan."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_safe

from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction
from homeward.base.forms import GovUKForm
from homeward.base.pages import Edit, posted
from homeward.children.models import Child
from homeward.plans import forms, selectors, services
from homeward.plans.models import (
    ReturnPlan,
    SupportPlan,
)
from homeward.plans.views.common import form_page, plans_page, reunification


@require_safe  # read-only: a POST is refused before it could be audited as a change
@reunification(RecordAction.VIEW, "return and support plans")
def plans(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    plan = selectors.return_plan(child)
    context = {
        "child": child,
        "plan": plan,
        "stages": list(plan.stages.all()) if plan else [],
        "time_driven": selectors.is_time_driven(plan),
        "support": selectors.support_plan(child),
        "default_months": services.default_support_months(),
        "can_edit": access.can(RecordAction.EDIT),
    }
    return render(request, "plans/plans.html", context)


def _plan_form(
    request: HttpRequest,
    child: Child,
    form: GovUKForm,
    service: Callable[..., object],
    *,
    saved: str,
    **options: Any,
) -> HttpResponseBase:
    """A form on the child's working plans, saved by `service(child, user, **the form's data)`."""

    def save(data: dict[str, Any]) -> str:
        service(child, request.user, **data)
        return saved

    return form_page(request, child, form, save, page=plans_page(child), **options)


def _plan_edit(current: Callable[[], ReturnPlan | SupportPlan | None], form: type[GovUKForm]) -> Edit:
    """A working plan's form shows the plan as saved (none yet: the form's blank starting values)."""
    return Edit(current=current, values=lambda plan: {f: getattr(plan, f) for f in form.base_fields})


@reunification(RecordAction.EDIT, "return plan")
def return_plan_edit(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    edit = _plan_edit(lambda: selectors.return_plan(child), forms.ReturnPlanForm)
    return _plan_form(
        request,
        child,
        forms.ReturnPlanForm(posted(request), initial=edit.initial()),
        services.save_return_plan,
        saved="Return plan saved.",
        title="The return plan",
        submit="Save",
        edit=edit,
    )


@reunification(RecordAction.EDIT, "return plan: add a stage", done_as=AuditAction.CREATE)
def stage_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    return _plan_form(
        request,
        child,
        forms.StageForm(posted(request)),
        services.add_stage,
        saved="Stage added to the return plan.",
        title="Add a stage to the return",
        submit="Add the stage",
        intro=(
            "A staged return gives the child increasing time at home: for example day contact, "
            "then overnight stays, then the return."
        ),
    )


@reunification(RecordAction.EDIT, "return plan: remove a stage")
def stage_remove(request: HttpRequest, child: Child, access: Access, stage_id: int) -> HttpResponseBase:
    stage = selectors.return_stage(child, stage_id)

    def save(data: dict[str, Any]) -> str:
        services.remove_stage(stage)
        return "Stage removed from the return plan."

    return form_page(
        request,
        child,
        forms.ConfirmForm(posted(request)),
        save,
        page=plans_page(child),
        title=f"Remove the stage “{stage.description[:80]}”?",
        submit="Remove the stage",
    )


@reunification(RecordAction.EDIT, "support plan after return")
def support_edit(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    edit = _plan_edit(lambda: selectors.support_plan(child), forms.SupportPlanForm)
    initial = edit.initial({"months": services.default_support_months()})
    return _plan_form(
        request,
        child,
        forms.SupportPlanForm(posted(request), initial=initial),
        services.save_support_plan,
        saved="Support plan saved.",
        title="Support after the return, and the contingency plan",
        submit="Save",
        edit=edit,
    )


@reunification(RecordAction.EDIT, "support plan: add a service", done_as=AuditAction.CREATE)
def service_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    return _plan_form(
        request,
        child,
        forms.ServiceForm(posted(request)),
        services.add_service,
        saved="Service added to the support plan.",
        title="Add a service to the support after return",
        submit="Add the service",
    )
