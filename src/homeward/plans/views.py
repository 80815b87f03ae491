"""Pages of the written agreement, the return plan and the support plan. Thin: access by decorator
(the reunification section, which partner agencies are not shown), every rule in services."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction, Section
from homeward.base import pages
from homeward.base.forms import GovUKForm
from homeward.base.pages import Edit, Save, posted
from homeward.children.decorators import child_record
from homeward.children.models import Child
from homeward.plans import forms, pdf, selectors, services
from homeward.plans.models import (
    Agreement,
    AgreementGoal,
    ParentSection,
    ReturnPlan,
    ReturnStage,
    SupportPlan,
)

reunification = partial(child_record, section=Section.REUNIFICATION)


def _agreement_page(
    request: HttpRequest, child: Child, access: Access, agreement: Agreement | None
) -> HttpResponse:
    latest = selectors.latest_agreement(child)
    is_latest = agreement is not None and latest is not None and agreement.pk == latest.pk
    can_edit = access.can(RecordAction.EDIT)
    missing = services.missing_for_signature(agreement) if agreement and not agreement.is_signed else []
    context: dict[str, Any] = {
        "child": child,
        "agreement": agreement,
        "doc": agreement.document if agreement else None,
        "versions": selectors.agreement_versions(child),
        "is_latest": is_latest,
        "can_edit": can_edit and is_latest and agreement is not None and not agreement.is_signed,
        "can_start": can_edit and (latest is None or latest.is_signed),
        "can_sign": (
            is_latest
            and agreement is not None
            and not agreement.is_signed
            and not missing
            and agreement.written_by_id != request.user.pk
            and access.can(RecordAction.SIGN_OFF)
        ),
        "missing": missing,
    }
    return render(request, "plans/agreement.html", context)


@require_safe  # read-only: a POST is refused before it could be audited as a change
@reunification(RecordAction.VIEW, "written agreement")
def agreement(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    return _agreement_page(request, child, access, selectors.latest_agreement(child))


def _version(child: Child, agreement_id: int) -> Agreement:
    return get_object_or_404(Agreement, pk=agreement_id, child=child)


@require_safe  # read-only: a POST is refused before it could be audited as a change
@reunification(RecordAction.VIEW, "written agreement version")
def agreement_version(request: HttpRequest, child: Child, access: Access, agreement_id: int) -> HttpResponse:
    return _agreement_page(request, child, access, _version(child, agreement_id))


@require_safe  # read-only: a POST is refused before it could be audited as a change
@reunification(RecordAction.VIEW, "written agreement (PDF)", done_as=AuditAction.EXPORT)
def agreement_pdf(request: HttpRequest, child: Child, access: Access, agreement_id: int) -> HttpResponse:
    agreement = _version(child, agreement_id)
    response = HttpResponse(pdf.agreement_pdf(agreement, request), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="written-agreement-{child.la_child_id}-v{agreement.version}.pdf"'
    )
    return response


def _back(child: Child) -> str:
    return reverse("plans:agreement", args=[child.pk])


def _form(
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


@reunification(RecordAction.EDIT, "written agreement: start a version", done_as=AuditAction.CREATE)
def agreement_start(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    latest = selectors.latest_agreement(child)

    def save(data: dict[str, Any]) -> str:
        version = services.start_agreement(child, request.user)  # type: ignore[arg-type]
        return f"Version {version.version} of the written agreement started."

    return _form(
        request,
        child,
        forms.ConfirmForm(posted(request)),
        save,
        page=_back(child),
        title="Start a new version of the written agreement" if latest else "Start the written agreement",
        submit="Start",
        intro=(
            f"The new version starts as a copy of version {latest.version}, which is kept unchanged. "
            "Each parent agrees to the new version afresh."
            if latest
            else "It starts with a part for each person with parental responsibility."
        ),
    )


def _writable(request: HttpRequest, child: Child) -> Agreement | HttpResponse:
    """The version being written; a GET with none (or a signed one) goes back to the agreement page.
    A POST to a signed version goes on to the service, which refuses it with a message."""
    latest = selectors.latest_agreement(child)
    if latest is None or (latest.is_signed and request.method != "POST"):
        return redirect(_back(child))
    return latest


@reunification(RecordAction.EDIT, "written agreement: a parent's part")
def agreement_section(
    request: HttpRequest, child: Child, access: Access, section_id: int
) -> HttpResponseBase:
    section = get_object_or_404(
        ParentSection.objects.select_related("parent", "agreement"), pk=section_id, agreement__child=child
    )
    if section.agreement.is_signed and request.method != "POST":
        return redirect("plans:agreement_version", child_id=child.pk, agreement_id=section.agreement_id)
    edit = Edit.of(section, lambda stored: {f: getattr(stored, f) for f in forms.SectionForm.base_fields})
    form = forms.SectionForm(posted(request), initial=edit.initial())

    def save(data: dict[str, Any]) -> str:
        services.update_section(section, **data)
        return f"{section.parent.full_name}'s part of the agreement saved."

    return _form(
        request,
        child,
        form,
        save,
        page=_back(child),
        title=f"{section.parent.full_name}'s part of the agreement",
        submit="Save",
        edit=edit,
    )


@reunification(RecordAction.EDIT, "written agreement: add a goal", done_as=AuditAction.CREATE)
def agreement_goal_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    agreement = _writable(request, child)
    if isinstance(agreement, HttpResponse):
        return agreement
    choices = [(s.pk, s.parent.full_name) for s in selectors.sections(agreement)]
    form = forms.GoalForm(posted(request), sections=choices)

    def save(data: dict[str, Any]) -> str:
        section = get_object_or_404(ParentSection, pk=data["section"], agreement=agreement)
        services.add_goal(
            section,
            goal=data["goal"],
            steps=data["steps"],
            time_frame=data["time_frame"],
            support=data["support"],
        )
        return "Goal added to the agreement."

    return _form(
        request,
        child,
        form,
        save,
        page=_back(child),
        title="Add a goal",
        submit="Add the goal",
    )


@reunification(RecordAction.EDIT, "written agreement: remove a goal")
def agreement_goal_remove(
    request: HttpRequest, child: Child, access: Access, agreement_goal_id: int
) -> HttpResponseBase:
    goal = get_object_or_404(
        AgreementGoal.objects.select_related("agreement", "section__parent"),
        pk=agreement_goal_id,
        agreement__child=child,
    )
    if goal.agreement.is_signed and request.method != "POST":
        return redirect("plans:agreement_version", child_id=child.pk, agreement_id=goal.agreement_id)

    def save(data: dict[str, Any]) -> str:
        services.remove_goal(goal)
        return "Goal removed from the agreement."

    return _form(
        request,
        child,
        forms.ConfirmForm(posted(request)),
        save,
        page=_back(child),
        title=f"Remove {goal.section.parent.full_name}'s goal “{goal.goal[:80]}”?",
        submit="Remove the goal",
    )


@reunification(RecordAction.EDIT, "written agreement: add a person", done_as=AuditAction.CREATE)
def agreement_parent_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    agreement = _writable(request, child)
    if isinstance(agreement, HttpResponse):
        return agreement
    included = set(agreement.parents.values_list("parent_id", flat=True))
    people = [(m.pk, m.full_name) for m in child.family.order_by("full_name") if m.pk not in included]
    form = forms.ParentForm(posted(request), people=people)

    def save(data: dict[str, Any]) -> str:
        section = services.add_parent(agreement, get_object_or_404(child.family, pk=data["parent"]))
        return f"{section.parent.full_name} added to the agreement."

    return _form(
        request,
        child,
        form,
        save,
        page=_back(child),
        title="Add a parent or carer to the agreement",
        submit="Add",
    )


@reunification(RecordAction.EDIT, "written agreement: review date")
def agreement_review_date(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    agreement = _writable(request, child)
    if isinstance(agreement, HttpResponse):
        return agreement
    edit = Edit.of(agreement, lambda stored: {"review_on": stored.review_on})
    form = forms.ReviewDateForm(posted(request), initial=edit.initial())

    def save(data: dict[str, Any]) -> str:
        services.set_review_date(agreement, data["review_on"], edit_version=data["edit_version"])
        return "Review date saved."

    return _form(
        request,
        child,
        form,
        save,
        page=_back(child),
        title="When we will look at the agreement again",
        submit="Save",
        edit=edit,
    )


@reunification(RecordAction.SIGN_OFF, "written agreement: sign")
def agreement_sign(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    agreement = _writable(request, child)
    if isinstance(agreement, HttpResponse):
        return agreement

    def save(data: dict[str, Any]) -> str:
        services.sign_agreement(agreement, request.user)  # type: ignore[arg-type]
        return f"Version {agreement.version} of the written agreement signed."

    return _form(
        request,
        child,
        forms.ConfirmForm(posted(request)),
        save,
        page=_back(child),
        title=f"Sign version {agreement.version} of the written agreement",
        submit="Sign the agreement",
        intro=(
            "Once signed, this version cannot be changed: a change is made as a new version, "
            "and this one is kept."
        ),
    )


# --- the return plan and the support plan -------------------------------------------------------------


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


def _plans(child: Child) -> str:
    return reverse("plans:plans", args=[child.pk])


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

    return _form(request, child, form, save, page=_plans(child), **options)


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
    stage = get_object_or_404(ReturnStage, pk=stage_id, plan__child=child)

    def save(data: dict[str, Any]) -> str:
        services.remove_stage(stage)
        return "Stage removed from the return plan."

    return _form(
        request,
        child,
        forms.ConfirmForm(posted(request)),
        save,
        page=_plans(child),
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
