"""Writing a version of the agreement: each parent's part, its goals, and who is party to it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect

from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction
from homeward.base.pages import Edit, posted
from homeward.children.models import Child
from homeward.children.selectors import family_member
from homeward.plans import forms, selectors, services
from homeward.plans.views.common import back, form_page, reunification, writable


@reunification(RecordAction.EDIT, "written agreement: a parent's part")
def agreement_section(
    request: HttpRequest, child: Child, access: Access, section_id: int
) -> HttpResponseBase:
    section = selectors.parent_section(child, section_id)
    if section.agreement.is_signed and request.method != "POST":
        return redirect("plans:agreement_version", child_id=child.pk, agreement_id=section.agreement_id)
    edit = Edit.of(section, lambda stored: {f: getattr(stored, f) for f in forms.SectionForm.base_fields})
    form = forms.SectionForm(posted(request), initial=edit.initial())

    def save(data: dict[str, Any]) -> str:
        services.update_section(section, **data)
        return f"{section.parent.full_name}'s part of the agreement saved."

    return form_page(
        request,
        child,
        form,
        save,
        page=back(child),
        title=f"{section.parent.full_name}'s part of the agreement",
        submit="Save",
        edit=edit,
    )


@reunification(RecordAction.EDIT, "written agreement: add a goal", done_as=AuditAction.CREATE)
def agreement_goal_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    agreement = writable(request, child)
    if isinstance(agreement, HttpResponse):
        return agreement
    choices = [(s.pk, s.parent.full_name) for s in selectors.sections(agreement)]
    form = forms.GoalForm(posted(request), sections=choices)

    def save(data: dict[str, Any]) -> str:
        section = selectors.section_of(agreement, data["section"])
        services.add_goal(
            section,
            goal=data["goal"],
            steps=data["steps"],
            time_frame=data["time_frame"],
            support=data["support"],
        )
        return "Goal added to the agreement."

    return form_page(
        request,
        child,
        form,
        save,
        page=back(child),
        title="Add a goal",
        submit="Add the goal",
    )


@reunification(RecordAction.EDIT, "written agreement: remove a goal")
def agreement_goal_remove(
    request: HttpRequest, child: Child, access: Access, agreement_goal_id: int
) -> HttpResponseBase:
    goal = selectors.agreement_goal(child, agreement_goal_id)
    if goal.agreement.is_signed and request.method != "POST":
        return redirect("plans:agreement_version", child_id=child.pk, agreement_id=goal.agreement_id)

    def save(data: dict[str, Any]) -> str:
        services.remove_goal(goal)
        return "Goal removed from the agreement."

    return form_page(
        request,
        child,
        forms.ConfirmForm(posted(request)),
        save,
        page=back(child),
        title=f"Remove {goal.section.parent.full_name}'s goal “{goal.goal[:80]}”?",
        submit="Remove the goal",
    )


@reunification(RecordAction.EDIT, "written agreement: add a person", done_as=AuditAction.CREATE)
def agreement_parent_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    agreement = writable(request, child)
    if isinstance(agreement, HttpResponse):
        return agreement
    included = set(agreement.parents.values_list("parent_id", flat=True))
    people = [(m.pk, m.full_name) for m in child.family.order_by("full_name") if m.pk not in included]
    form = forms.ParentForm(posted(request), people=people)

    def save(data: dict[str, Any]) -> str:
        section = services.add_parent(agreement, family_member(child, data["parent"]))
        return f"{section.parent.full_name} added to the agreement."

    return form_page(
        request,
        child,
        form,
        save,
        page=back(child),
        title="Add a parent or carer to the agreement",
        submit="Add",
    )
