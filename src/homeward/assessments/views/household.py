"""The people in the proposed home: each household member's assessment and each carer's capacity."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from homeward.access.policy import Access, RecordAction
from homeward.assessments import forms, selectors, services
from homeward.assessments.models import CarerCapacity, MemberAssessment
from homeward.assessments.views.common import form_page, reunification, working_version
from homeward.base import pages
from homeward.base.pages import posted
from homeward.children.models import Child
from homeward.children.selectors import family_member


@reunification(RecordAction.EDIT, "reunification assessment: household member")
def member(request: HttpRequest, child: Child, access: Access, member_id: int) -> HttpResponseBase:
    assessment = working_version(request, child)
    if isinstance(assessment, HttpResponse):
        return assessment
    person = family_member(child, member_id)
    edit = pages.Edit(
        current=lambda: selectors.member_assessment(assessment, person),
        values=_member_values,
    )
    form = forms.MemberForm(posted(request), initial=edit.initial())

    def save(data: dict[str, Any]) -> str:
        row = services.record_member(
            assessment,
            person,
            outcome=data["outcome"],
            assessed_on=data.get("assessed_on"),
            summary=data.get("summary", ""),
            excluded_reason=data.get("excluded_reason", ""),
            poses_risk=data.get("poses_risk"),
            edit_version=data["edit_version"],
        )
        what = "assessed" if row.outcome == MemberAssessment.Outcome.ASSESSED else "excluded, with the reason"
        return f"{person.full_name} recorded as {what}."

    return form_page(
        request,
        child,
        form,
        save,
        title=f"Assess {person.full_name} ({selectors.relationship_words(person)})",
        submit="Save",
        edit=edit,
        intro=(
            "Everyone in the home the child might return to must be assessed, or excluded with a "
            "recorded reason (NSPCC 2016: new partners and other household members were not assessed)."
        ),
    )


def _member_values(existing: MemberAssessment) -> dict[str, Any]:
    return {
        "outcome": existing.outcome,
        "assessed_on": existing.assessed_on,
        "summary": existing.summary,
        "excluded_reason": existing.excluded_reason,
        "poses_risk": "yes" if existing.poses_risk else "no",
    }


@reunification(RecordAction.EDIT, "reunification assessment: carer's capacity")
def carer(request: HttpRequest, child: Child, access: Access, member_id: int) -> HttpResponseBase:
    assessment = working_version(request, child)
    if isinstance(assessment, HttpResponse):
        return assessment
    person = family_member(child, member_id)
    edit = pages.Edit(current=lambda: selectors.carer_capacity(assessment, person), values=_carer_values)
    form = forms.CarerForm(posted(request), initial=edit.initial())

    def save(data: dict[str, Any]) -> str:
        services.record_carer_capacity(assessment, person, **data)
        return f"{person.full_name}'s parenting capacity saved."

    return form_page(
        request,
        child,
        form,
        save,
        title=f"{person.full_name}'s parenting capacity and capacity to change",
        submit="Save",
        edit=edit,
        intro=(
            "Assess each carer in their own right: case reviews found the parent left behind was assumed "
            "safe once the risky parent left (NSPCC 2016)."
        ),
    )


def _carer_values(existing: CarerCapacity) -> dict[str, Any]:
    return {
        "assessed_on": existing.assessed_on,
        "assessed_separately": "yes" if existing.assessed_separately else "no",
        "parenting_capacity": existing.parenting_capacity,
        "capacity_to_change": existing.capacity_to_change,
    }
