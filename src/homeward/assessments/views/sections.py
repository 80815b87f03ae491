"""The assessment's written sections (risk and protective factors, the child, support), needs and the
agencies consulted."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction
from homeward.assessments import forms, selectors, services
from homeward.assessments.models import Assessment
from homeward.assessments.views.common import form_page, reunification, working_version
from homeward.base.forms import GovUKForm
from homeward.base.pages import Edit, posted
from homeward.children.models import Child


@reunification(RecordAction.EDIT, "reunification assessment: risk and protective factors")
def risk(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    return _section(request, child, "risk", forms.RiskForm, "Risk and protective factors")


@reunification(RecordAction.EDIT, "reunification assessment: the child")
def child_page(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    return _section(request, child, "child", forms.ChildForm, "The child's needs, experiences and wishes")


@reunification(RecordAction.EDIT, "reunification assessment: support needs")
def support(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    return _section(request, child, "support", forms.SupportForm, "Support needs")


_YES_NO_FIELDS = {"wishes_seen_alone", "wishes_pressure_considered"}


_DATE_FIELDS = {"wishes_recorded_on"}


def _cleaned(name: str, data: dict[str, Any]) -> Any:
    """A form value as the model stores it: yes/no as a boolean, a blank date as None, text as text."""
    if name in _YES_NO_FIELDS:
        return data.get(name) is True
    if name in _DATE_FIELDS:
        return data.get(name)
    return data.get(name) or ""


def _section(
    request: HttpRequest, child: Child, section: str, form_class: type[GovUKForm], title: str
) -> HttpResponseBase:
    assessment = working_version(request, child)
    if isinstance(assessment, HttpResponse):
        return assessment

    def values(stored: Assessment) -> dict[str, Any]:
        shown = {}
        for name in form_class.base_fields:
            value = getattr(stored, name)
            shown[name] = ("yes" if value else "no") if name in _YES_NO_FIELDS else value
        return shown

    edit = Edit.of(assessment, values)
    form = form_class(posted(request), initial=edit.initial())

    def save(data: dict[str, Any]) -> str:
        values = {name: _cleaned(name, data) for name in form_class.base_fields}
        services.update_section(assessment, section, edit_version=data["edit_version"], **values)
        return f"{title} saved."

    intro = ""
    if section == "child":
        intro = (
            "Record the child's wishes as they said them. Case reviews found a child's wish to go home "
            "was taken at face value: record who was present, whether the child was seen alone, and "
            "whether a parent may have put pressure on them."
        )
    return form_page(request, child, form, save, title=title, submit="Save", intro=intro, edit=edit)


@reunification(RecordAction.EDIT, "reunification assessment: add a need", done_as=AuditAction.CREATE)
def need_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    assessment = working_version(request, child)
    if isinstance(assessment, HttpResponse):
        return assessment
    form = forms.NeedForm(posted(request), child=child)

    def save(data: dict[str, Any]) -> str:
        need = services.add_need(
            assessment,
            need_type=data["need_type"],
            person=data.get("person"),
            continuing=data["continuing"],
            notes=data.get("notes", ""),
            evidence=list(data.get("evidence") or []),
        )
        return f"{need.get_need_type_display()} added to the family's needs."

    return form_page(
        request,
        child,
        form,
        save,
        title="Add a need or concern",
        submit="Add",
        intro=(
            "Each need tells Homeward which agencies hold the evidence (for example, adult mental health "
            "services for parental mental health). Choose the evidence that shows whether it is continuing: "
            "add it on the Evidence page first if it is not listed."
        ),
    )


@reunification(RecordAction.EDIT, "reunification assessment: remove a need")
def need_remove(request: HttpRequest, child: Child, access: Access, need_id: int) -> HttpResponseBase:
    need = selectors.need(child, need_id)
    form = forms.StartForm(posted(request))

    def save(_data: dict[str, Any]) -> str:
        services.remove_need(need)
        return f"{need.get_need_type_display()} removed."

    return form_page(
        request, child, form, save, title=f"Remove “{need.get_need_type_display()}”?", submit="Remove"
    )


@reunification(RecordAction.EDIT, "reunification assessment: agency consulted", done_as=AuditAction.CREATE)
def agency_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    assessment = working_version(request, child)
    if isinstance(assessment, HttpResponse):
        return assessment
    form = forms.AgencyConsultedForm(posted(request))

    def save(data: dict[str, Any]) -> str:
        row = services.add_agency_consulted(assessment, **data)
        return f"{row.agency.name} recorded as consulted."

    return form_page(request, child, form, save, title="Record an agency consulted", submit="Save")


@reunification(RecordAction.EDIT, "reunification assessment: the child seen", done_as=AuditAction.CREATE)
def child_seen_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    assessment = working_version(request, child)
    if isinstance(assessment, HttpResponse):
        return assessment
    form = forms.ChildSeenForm(posted(request))

    def save(data: dict[str, Any]) -> str:
        seen = services.record_child_seen(
            assessment,
            request.user,  # type: ignore[arg-type]
            seen_on=data["seen_on"],
            present=data["present"],
            seen_alone=data["seen_alone"],
            note=data.get("note", ""),
        )
        return f"The time {child.full_name} was seen on {seen.seen_on:%-d %B %Y} is recorded."

    return form_page(
        request,
        child,
        form,
        save,
        title=f"Record a time {child.first_name} was seen",
        submit="Save",
        intro=(
            f"Record each time you see {child.first_name} during the assessment. Seeing the child alone, "
            "away from parents, carers and relatives, lets them speak freely: if a parent or carer was in "
            "the room, the child was not seen alone."
        ),
    )
