"""Subject access and retention pages, for the data protection officer. Thin: logic in selectors."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from homeward.access import audit
from homeward.access.decorators import requires
from homeward.access.models import AuditAction
from homeward.access.policy import Capability
from homeward.base.people import name_of
from homeward.base.spreadsheet import inert
from homeward.children.models import Child, FamilyMember
from homeward.subjectaccess import selectors, services


@requires(Capability.SUBJECT_ACCESS)
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:200]
    children, people = selectors.search(text)
    if text:
        audit.record(
            request,
            AuditAction.LIST,
            f"subject access search ({len(children)} children, {len(people)} family members)",
            children_shown=[c.pk for c in children],
        )
    return render(request, "subjectaccess/search.html", {"q": text, "children": children, "people": people})


def _export(request: HttpRequest, export: selectors.Export, form: str, filename: str) -> HttpResponse:
    """The export as JSON or PDF, audited as an export against every child it was drawn from."""
    content = services.hand_over(request, export, form)
    if form == services.JSON:
        response = HttpResponse(content, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    else:
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


def _child(request: HttpRequest, subject_id: int) -> selectors.Export:
    return selectors.child_export(get_object_or_404(Child, pk=subject_id), name_of(request.user))


def _person(request: HttpRequest, member_id: int) -> selectors.Export:
    return selectors.person_export(get_object_or_404(FamilyMember, pk=member_id), name_of(request.user))


@requires(Capability.SUBJECT_ACCESS)
def child_json(request: HttpRequest, subject_id: int) -> HttpResponse:
    return _export(request, _child(request, subject_id), "JSON", f"subject-access-child-{subject_id}")


@requires(Capability.SUBJECT_ACCESS)
def child_pdf(request: HttpRequest, subject_id: int) -> HttpResponse:
    return _export(request, _child(request, subject_id), "PDF", f"subject-access-child-{subject_id}")


@requires(Capability.SUBJECT_ACCESS)
def person_json(request: HttpRequest, family_member_id: int) -> HttpResponse:
    name = f"subject-access-family-{family_member_id}"
    return _export(request, _person(request, family_member_id), "JSON", name)


@requires(Capability.SUBJECT_ACCESS)
def person_pdf(request: HttpRequest, family_member_id: int) -> HttpResponse:
    name = f"subject-access-family-{family_member_id}"
    return _export(request, _person(request, family_member_id), "PDF", name)


def _retained(request: HttpRequest, what: str) -> list[selectors.Retained]:
    rows = selectors.past_retention()
    shown = sorted({c for r in rows for c in r.child_ids})
    audit.record(request, AuditAction.LIST, what, children_shown=shown)
    return rows


@requires(Capability.SUBJECT_ACCESS)
def retention(request: HttpRequest) -> HttpResponse:
    rows = _retained(request, "retention report")
    return render(request, "subjectaccess/retention.html", {"rows": rows, "age": selectors.retention_age()})


@requires(Capability.SUBJECT_ACCESS)
def retention_csv(request: HttpRequest) -> HttpResponse:
    rows = _retained(request, "retention report (CSV)")
    audit.record(request, AuditAction.EXPORT, f"retention report (CSV, {len(rows)} records)")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="homeward-retention.csv"'
    writer = csv.writer(response)
    writer.writerow(["Kind", "Name", "CHILD id", "Date of birth", "Kept until"])
    for r in rows:
        dob = r.date_of_birth.isoformat() if r.date_of_birth else ""
        writer.writerow([r.kind, inert(r.name), r.reference, dob, r.keep_until.isoformat()])
    return response
