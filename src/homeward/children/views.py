"""Pages of the caseload and the child's record. Thin: access by decorator, logic in services/selectors."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.access import audit
from homeward.access.decorators import requires
from homeward.access.models import AuditAction
from homeward.access.policy import Access, Capability, RecordAction, Section, sections_for
from homeward.base.forms import GovUKForm
from homeward.base.pages import Edit, Save, form_page, pagination, posted
from homeward.children import flags, panels, selectors, services, stages
from homeward.children.decorators import child_record
from homeward.children.forms import (
    AddFamilyMemberForm,
    AgencyInvolvementForm,
    CaseloadFilterForm,
    EndDateForm,
    FamilyMemberForm,
    HouseholdForm,
    MembershipForm,
)
from homeward.children.models import Child, FamilyMember


@requires(Capability.CASELOAD)
def caseload(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    services.bring_care_summaries_up_to_date(selectors.visible_children(request.user, today), today)
    # Columns drawn from parts of the record a partner agency is not shown are left out for them.
    sections = sections_for(request.user)
    choices = selectors.caseload_choices(request.user, today)
    form = CaseloadFilterForm(
        request.GET or None,
        choices=choices,
        episodes_shown="episodes" in sections,
        stages=stages.offered(sections),
        reunification_shown=Section.REUNIFICATION in sections,
    )
    found = selectors.caseload(request.user, today, form.query() if request.GET else None, sections)
    shown = [row.child.pk for row in found.rows]
    audit.record(request, AuditAction.LIST, "caseload", children_shown=shown)
    flagged = flags.for_children(shown, today, sections)
    rows = [replace(row, flags=tuple(flagged.get(row.child.pk, ()))) for row in found.rows]
    asked = request.GET.copy()
    asked.pop("page", None)
    context = {
        "rows": rows,
        "found": found,
        "form": form,
        "filtered": any(v for k, v in request.GET.items() if k not in ("page", "sort")),
        "pages": pagination(found.page),
        "asked": asked.urlencode(),
        "sections": sections,
    }
    return render(request, "children/caseload.html", context)


@require_safe  # read-only: a POST is refused before it could be audited as a change
@child_record(RecordAction.VIEW, "child's record")
def record(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    today = timezone.localdate()
    record = selectors.child_record(child, today)
    context: dict[str, Any] = {
        "record": record,
        "access": access,
        "can_edit": access.can(RecordAction.EDIT),
        "can_view_audit": access.can(RecordAction.VIEW_AUDIT),
    }
    context.update(panels.shown(request, child, access))
    context["glance"] = selectors.at_a_glance(record, access.sections, context.pop(panels.GLANCE))
    return render(request, "children/record.html", context)


def _form_page(
    request: HttpRequest,
    child: Child,
    form: GovUKForm,
    save: Save,
    *,
    title: str,
    submit: str,
    edit: Edit | None = None,
) -> HttpResponse:
    """A form on the child's record: back to the record, and back there after a save."""
    return form_page(
        request,
        form,
        save,
        title=title,
        submit=submit,
        back=reverse("children:record", args=[child.pk]),
        back_text=f"Back to {child.full_name}'s record",
        caption=child.full_name,
        edit=edit,
    )


@child_record(RecordAction.EDIT, "family network: add a person", done_as=AuditAction.CREATE)
def member_add(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    form = AddFamilyMemberForm(posted(request), child=child)

    def save(data: dict[str, Any]) -> str:
        member = services.add_family_member(
            child,
            full_name=data["full_name"],
            relationship=data["relationship"],
            parental_responsibility=data["parental_responsibility"],
            date_of_birth=data.get("date_of_birth"),
            notes=data.get("notes", ""),
            household=data.get("household"),
            moved_in=data.get("moved_in"),
        )
        return f"{member.full_name} added to the family and household network."

    return _form_page(
        request, child, form, save, title="Add a person to the family network", submit="Add person"
    )


@child_record(RecordAction.EDIT, "family network: change a person")
def member_edit(request: HttpRequest, child: Child, access: Access, member_id: int) -> HttpResponse:
    member = selectors.family_member(child, member_id)
    edit = Edit.of(member, _member_values)
    form = FamilyMemberForm(posted(request), initial=edit.initial())

    def save(data: dict[str, Any]) -> str:
        services.update_family_member(member, **data)
        return f"Details of {member.full_name} updated."

    return _form_page(
        request, child, form, save, title=f"Change details of {member.full_name}", submit="Save", edit=edit
    )


def _member_values(member: FamilyMember) -> dict[str, Any]:
    return {
        "full_name": member.full_name,
        "relationship": member.relationship,
        "parental_responsibility": "yes" if member.parental_responsibility else "no",
        "date_of_birth": member.date_of_birth,
        "notes": member.notes,
    }


@child_record(RecordAction.EDIT, "household: record a move in", done_as=AuditAction.CREATE)
def membership_add(request: HttpRequest, child: Child, access: Access, member_id: int) -> HttpResponse:
    member = selectors.family_member(child, member_id)
    form = MembershipForm(posted(request), child=child)

    def save(data: dict[str, Any]) -> str:
        services.add_membership(member, household=data["household"], started=data["started"])
        moved_in = f"{data['started']:%-d %B %Y}"
        return f"{member.full_name} recorded as living in {data['household'].name} from {moved_in}."

    return _form_page(
        request, child, form, save, title=f"Record that {member.full_name} moved in", submit="Save"
    )


@child_record(RecordAction.EDIT, "household: record a move out")
def membership_end(request: HttpRequest, child: Child, access: Access, membership_id: int) -> HttpResponse:
    membership = selectors.membership(child, membership_id)
    form = EndDateForm(posted(request), label="Date they moved out")
    name = membership.member.full_name

    def save(data: dict[str, Any]) -> str:
        services.end_membership(membership, ended=data["ended"])
        return f"{name} recorded as having moved out of {membership.household.name}."

    title = f"Record that {name} moved out of {membership.household.name}"
    return _form_page(request, child, form, save, title=title, submit="Save")


@child_record(RecordAction.EDIT, "household: add a household", done_as=AuditAction.CREATE)
def household_add(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    form = HouseholdForm(posted(request))

    def save(data: dict[str, Any]) -> str:
        household = services.add_household(
            child, name=data["name"], is_proposed_return_home=data["is_proposed_return_home"]
        )
        return f"Household “{household.name}” added."

    return _form_page(request, child, form, save, title="Add a household", submit="Add household")


@child_record(RecordAction.EDIT, "agencies: add an agency", done_as=AuditAction.CREATE)
def agency_add(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    form = AgencyInvolvementForm(posted(request))

    def save(data: dict[str, Any]) -> str:
        involvement = services.add_agency_involvement(child, **data)
        return f"{involvement.agency.name} added to the agencies involved."

    return _form_page(request, child, form, save, title="Add an agency involved", submit="Add agency")


@child_record(RecordAction.EDIT, "agencies: end an involvement")
def agency_end(request: HttpRequest, child: Child, access: Access, involvement_id: int) -> HttpResponse:
    involvement = selectors.involvement(child, involvement_id)
    form = EndDateForm(posted(request), label="Date involvement ended")

    def save(data: dict[str, Any]) -> str:
        services.end_agency_involvement(involvement, ended=data["ended"])
        return f"{involvement.agency.name}'s involvement recorded as ended."

    return _form_page(
        request, child, form, save, title=f"End {involvement.agency.name}'s involvement", submit="Save"
    )


@require_safe
@child_record(RecordAction.VIEW_AUDIT, "who has viewed this record")
def audit_trail(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    events = audit.trail(child.pk)
    return render(request, "children/audit.html", {"child": child, "events": events})
