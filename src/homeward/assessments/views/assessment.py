"""The assessment as a whole: the overview with the findings, starting, signing and its versions."""

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
from homeward.assessments.views.common import form_page, notice, reunification, working_version
from homeward.base.pages import posted
from homeward.children.models import Child
from homeward.decisions.selectors import next_gate
from homeward.snapshot import evaluate_child

# Where on the record each finding is dealt with: (url name, anchor or "", link text).
_WHERE_TO_ACT: dict[str, tuple[str, str, str]] = {
    "assessment-missing": ("assessments:sign", "", "Complete and sign the assessment"),
    "household-member-not-assessed": ("assessments:overview", "#household", "Assess the household"),
    "new-household-member-since-assessment": ("assessments:overview", "#household", "Assess the household"),
    "carer-capacity-not-assessed-separately": ("assessments:overview", "#carers", "Assess each carer"),
    "child-wishes-not-recorded": ("assessments:child", "", "Record the child's wishes"),
    "child-wishes-pressure-not-considered": ("assessments:child", "", "Record the child's wishes"),
    "child-not-seen-alone": ("assessments:child_seen_add", "", "Record a time the child was seen"),
    "missing-from-care": ("assessments:missing", "", "Missing from care"),
    "parental-substance-misuse-continuing": ("assessments:evidence", "", "Evidence"),
    "substance-misuse-stopped-unevidenced": ("assessments:evidence", "", "Evidence"),
    "key-agency-absent": ("assessments:agency_add", "", "Record an agency consulted"),
    "no-evidence-of-change": ("assessments:goals", "", "Goals and reviews"),
    "insufficient-sustained-change": ("assessments:risk_classifications", "", "Risk classifications"),
    "risk-classification-missing": ("assessments:risk_classifications", "", "Risk classifications"),
    "written-record-delayed": ("assessments:evidence", "", "Evidence"),
    "verbal-report-only": ("assessments:evidence", "", "Evidence"),
    "agreement-missing": ("plans:agreement", "", "Written agreement"),
    "agreement-missing-consequences": ("plans:agreement", "", "Written agreement"),
    "agreement-incomplete": ("plans:agreement", "", "Written agreement"),
    "return-plan-not-staged": ("plans:plans", "", "Return and support plans"),
    "timing-pressure": ("plans:plans", "", "Return and support plans"),
    "no-support-plan-after-return": ("plans:plans", "", "Return and support plans"),
    "no-contingency-plan": ("plans:plans", "", "Return and support plans"),
}


def where_to_act(child: Child, editable: bool) -> dict[str, tuple[str, str]]:
    """finding id → (url, link text) of the page where it is dealt with; change pages only if editable."""
    links = {}
    change_pages = {
        "assessments:sign",
        "assessments:child",
        "assessments:agency_add",
        "assessments:child_seen_add",
    }
    for finding_id, (name, anchor, text) in _WHERE_TO_ACT.items():
        if name in change_pages and not editable:
            continue
        links[finding_id] = (reverse(name, args=[child.pk]) + anchor, text)
    return links


@reunification(RecordAction.VIEW, "reunification assessment")
def overview(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    today = timezone.localdate()
    assessment = selectors.current_assessment(child)
    # By default, the gate the case is working towards (as on the record page); any other on request.
    gate = request.GET.get("gate", "").upper()
    if gate not in {"D1", "D2", "D3"}:
        gate = next_gate(child).value
    evaluation = evaluate_child(child, gate, today)
    household = selectors.proposed_household(child, assessment)
    carers = selectors.carers(child)
    done_carers = {c.carer_id: c for c in assessment.carers.all()} if assessment else {}
    can_edit = access.can(RecordAction.EDIT)
    editable = assessment is not None and not assessment.is_signed
    from homeward.decisions.selectors import decisions_for  # the decisions app builds on this one

    context = {
        "child": child,
        "assessment": assessment,
        "evaluation": evaluation,
        "gate": gate,
        "gates": [(g.value, g.question) for g in framework.Gate],
        "household": household,
        "carers": [(c, done_carers.get(c.pk)) for c in carers],
        "needs": list(assessment.needs.select_related("person").prefetch_related("evidence"))
        if assessment
        else [],
        "child_seen": list(assessment.child_seen.all()) if assessment else [],
        "consulted": list(assessment.agencies_consulted.select_related("agency")) if assessment else [],
        "can_edit": can_edit,
        "editable": editable,
        "where_to_act": where_to_act(child, can_edit and editable),
        "risks": selectors.risk_classifications(child),
        "decisions": decisions_for(child),
    }
    return render(request, "assessments/overview.html", context)


@reunification(RecordAction.EDIT, "reunification assessment: start", done_as=AuditAction.CREATE)
def start(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    existing = selectors.current_assessment(child)
    if existing is not None:
        return notice(
            request,
            child,
            "A reunification assessment has already been started",
            f"Version {existing.version} was started on {existing.started_on:%-d %B %Y}.",
        )
    form = forms.StartForm(posted(request))

    def save(_data: dict[str, Any]) -> str:
        services.start_assessment(child, request.user, timezone.localdate())  # type: ignore[arg-type]
        return f"Reunification assessment started for {child.full_name}."

    return form_page(
        request,
        child,
        form,
        save,
        title="Start a reunification assessment",
        submit="Start the assessment",
        back=reverse("children:record", args=[child.pk]),
        intro=(
            "The assessment covers everyone in the home the child might return to, each carer's own "
            "parenting capacity and capacity to change, risk and protective factors, the child's needs "
            "and wishes in their own words, support needs and the agencies consulted. A return home will "
            "be recorded as being considered from today."
        ),
    )


@reunification(RecordAction.EDIT, "reunification assessment: complete and sign")
def sign(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    assessment = working_version(request, child)
    if isinstance(assessment, HttpResponse):
        return assessment
    form = forms.SignForm(posted(request), initial={"completed_on": timezone.localdate()})

    def save(data: dict[str, Any]) -> str:
        services.sign_assessment(assessment, request.user, data["completed_on"])  # type: ignore[arg-type]
        return f"Version {assessment.version} of the assessment is complete and signed."

    evaluation = evaluate_child(child, framework.Gate.D1, timezone.localdate())
    return form_page(
        request,
        child,
        form,
        save,
        title="Complete and sign the assessment",
        submit="Sign the assessment",
        intro=(
            "Once signed, this version cannot be changed: a change starts a new version, and the signed one "
            "is kept. What the framework still finds is listed beside this form; “No completed assessment” "
            "clears when you sign."
        ),
        aside="assessments/_findings.html",
        aside_context={"evaluation": evaluation},
    )


@reunification(RecordAction.EDIT, "reunification assessment: new version", done_as=AuditAction.CREATE)
def new_version(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    assessment = selectors.current_assessment(child)
    if assessment is None or not assessment.is_signed:
        what = (
            "No reunification assessment has been started."
            if assessment is None
            else f"Version {assessment.version} is not signed yet: change it directly."
        )
        return notice(request, child, "There is no signed version to start from", what)
    form = forms.NewVersionForm(posted(request))

    def save(data: dict[str, Any]) -> str:
        copy = services.new_version(assessment, request.user, data["reason"])  # type: ignore[arg-type]
        return f"Version {copy.version} started from version {assessment.version}, which is kept unchanged."

    return form_page(
        request, child, form, save, title="Start a new version of the assessment", submit="Start"
    )


@reunification(RecordAction.VIEW, "reunification assessment: versions")
def versions(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    return render(
        request,
        "assessments/versions.html",
        {"child": child, "versions": selectors.assessment_versions(child)},
    )


@reunification(RecordAction.VIEW, "reunification assessment: one version")
def version(request: HttpRequest, child: Child, access: Access, assessment_id: int) -> HttpResponse:
    assessment = selectors.assessment_version(child, assessment_id)
    context = {
        "child": child,
        "assessment": assessment,
        "doc": assessment.document,  # frozen when signed: what the signed version showed, never the live
    }
    return render(request, "assessments/version.html", context)
