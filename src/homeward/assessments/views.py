"""Pages of the reunification assessment and evidence of change. Thin: access by decorator, logic in
services and selectors. Every page belongs to the reunification section, which partner agencies are
not shown (`section=REUNIFICATION` on the decorator)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from homeward import framework
from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction, Section
from homeward.assessments import charts, forms, selectors, services
from homeward.assessments.models import Assessment, CarerCapacity, Goal, MemberAssessment, Need
from homeward.base import pages
from homeward.base.forms import GovUKForm
from homeward.base.pages import Edit, Save, posted
from homeward.children.decorators import child_record
from homeward.children.models import Child, FamilyMember
from homeward.decisions.selectors import next_gate

reunification = partial(child_record, section=Section.REUNIFICATION)


def form_page(
    request: HttpRequest,
    child: Child,
    form: GovUKForm,
    save: Save,
    *,
    title: str,
    submit: str,
    back: str | None = None,
    done: str | None = None,
    intro: str = "",
    aside: str = "",
    aside_context: dict[str, Any] | None = None,
    edit: Edit | None = None,
) -> HttpResponse:
    """A form on the reunification assessment: back to the overview (or `back`), there after a save."""
    overview = reverse("assessments:overview", args=[child.pk])
    return pages.form_page(
        request,
        form,
        save,
        title=title,
        submit=submit,
        back=back or overview,
        back_text="Back to the assessment" if back is None else "Back",
        done=done or overview,
        caption=child.full_name,
        intro=intro,
        aside=aside,
        edit=edit,
        context={"child": child, **(aside_context or {})},
    )


def _working_version(request: HttpRequest, child: Child) -> Assessment | HttpResponse:
    """The version to change, or where to send the user instead: to start one if there is none; back
    to the overview if it is signed (shown, not offered as a form). A POST to a signed version goes on
    to the service, which refuses it with a message."""
    assessment = selectors.current_assessment(child)
    if assessment is None:
        return redirect("assessments:overview", child_id=child.pk)
    if assessment.is_signed and request.method != "POST":
        return redirect("assessments:overview", child_id=child.pk)
    return assessment


def _notice(request: HttpRequest, child: Child, title: str, text: str) -> HttpResponse:
    """A page that says why there is nothing to do here, with the way back to the assessment."""
    return render(request, "assessments/notice.html", {"child": child, "title": title, "text": text})


# Where on the record each finding is dealt with: (url name, anchor or "", link text).
_WHERE_TO_ACT: dict[str, tuple[str, str, str]] = {
    "assessment-missing": ("assessments:sign", "", "Complete and sign the assessment"),
    "household-member-not-assessed": ("assessments:overview", "#household", "Assess the household"),
    "new-household-member-since-assessment": ("assessments:overview", "#household", "Assess the household"),
    "carer-capacity-not-assessed-separately": ("assessments:overview", "#carers", "Assess each carer"),
    "child-wishes-not-recorded": ("assessments:child", "", "Record the child's wishes"),
    "child-wishes-pressure-not-considered": ("assessments:child", "", "Record the child's wishes"),
    "child-not-seen-alone": ("assessments:child", "", "Record the child's wishes"),
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
    change_pages = {"assessments:sign", "assessments:child", "assessments:agency_add"}
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
    evaluation = selectors.evaluate_child(child, gate, today)
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
        "needs": list(assessment.needs.select_related("person")) if assessment else [],
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
        return _notice(
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


@reunification(RecordAction.EDIT, "reunification assessment: household member")
def member(request: HttpRequest, child: Child, access: Access, member_id: int) -> HttpResponseBase:
    assessment = _working_version(request, child)
    if isinstance(assessment, HttpResponse):
        return assessment
    person = get_object_or_404(FamilyMember, pk=member_id, child=child)
    edit = pages.Edit(
        current=lambda: MemberAssessment.objects.filter(assessment=assessment, member=person).first(),
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
            poses_risk=data.get("poses_risk") is True,
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
    assessment = _working_version(request, child)
    if isinstance(assessment, HttpResponse):
        return assessment
    person = get_object_or_404(FamilyMember, pk=member_id, child=child)
    edit = pages.Edit(current=lambda: assessment.carers.filter(carer=person).first(), values=_carer_values)
    form = forms.CarerForm(posted(request), initial=edit.initial({"assessed_separately": "yes"}))

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
    assessment = _working_version(request, child)
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
    assessment = _working_version(request, child)
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
            "services for parental mental health)."
        ),
    )


@reunification(RecordAction.EDIT, "reunification assessment: remove a need")
def need_remove(request: HttpRequest, child: Child, access: Access, need_id: int) -> HttpResponseBase:
    need = get_object_or_404(Need, pk=need_id, assessment__child=child)
    form = forms.StartForm(posted(request))

    def save(_data: dict[str, Any]) -> str:
        services.remove_need(need)
        return f"{need.get_need_type_display()} removed."

    return form_page(
        request, child, form, save, title=f"Remove “{need.get_need_type_display()}”?", submit="Remove"
    )


@reunification(RecordAction.EDIT, "reunification assessment: agency consulted", done_as=AuditAction.CREATE)
def agency_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    assessment = _working_version(request, child)
    if isinstance(assessment, HttpResponse):
        return assessment
    form = forms.AgencyConsultedForm(posted(request))

    def save(data: dict[str, Any]) -> str:
        row = services.add_agency_consulted(assessment, **data)
        return f"{row.agency.name} recorded as consulted."

    return form_page(request, child, form, save, title="Record an agency consulted", submit="Save")


@reunification(RecordAction.EDIT, "reunification assessment: complete and sign")
def sign(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    assessment = _working_version(request, child)
    if isinstance(assessment, HttpResponse):
        return assessment
    form = forms.SignForm(posted(request), initial={"completed_on": timezone.localdate()})

    def save(data: dict[str, Any]) -> str:
        services.sign_assessment(assessment, request.user, data["completed_on"])  # type: ignore[arg-type]
        return f"Version {assessment.version} of the assessment is complete and signed."

    evaluation = selectors.evaluate_child(child, framework.Gate.D1, timezone.localdate())
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
        return _notice(request, child, "There is no signed version to start from", what)
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
    assessment = get_object_or_404(Assessment, pk=assessment_id, child=child)
    context = {
        "child": child,
        "assessment": assessment,
        "doc": assessment.document,  # frozen when signed: what the signed version showed, never the live
    }
    return render(request, "assessments/version.html", context)


# --- evidence of change -------------------------------------------------------------------------------


@reunification(RecordAction.VIEW, "evidence of change")
def evidence(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    context = {
        "child": child,
        "items": selectors.evidence_for(child),
        "can_edit": access.can(RecordAction.EDIT),
        "max_days": framework.load_config().max_write_up_days,
    }
    return render(request, "assessments/evidence.html", context)


@reunification(RecordAction.EDIT, "evidence of change: add", done_as=AuditAction.CREATE)
def evidence_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    form = forms.EvidenceForm(posted(request), initial={"written_up_on": timezone.localdate()})

    def save(data: dict[str, Any]) -> str:
        services.add_evidence(child, request.user, **data)  # type: ignore[arg-type]
        return "Evidence added."

    return form_page(
        request,
        child,
        form,
        save,
        title="Add evidence",
        submit="Add evidence",
        back=reverse("assessments:evidence", args=[child.pk]),
        done=reverse("assessments:evidence", args=[child.pk]),
        intro=(
            "A decision should rest on written evidence, written up promptly. Attendance at a service on "
            "its own is not evidence that behaviour has changed."
        ),
    )


@reunification(RecordAction.VIEW, "goals and reviews")
def goals(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    today = timezone.localdate()
    series = selectors.t_score_series(child, today)
    context = {
        "child": child,
        "goals": selectors.goals_for(child),
        "series": series,
        "chart": charts.t_score_svg(series),
        "can_edit": access.can(RecordAction.EDIT),
    }
    return render(request, "assessments/goals.html", context)


@reunification(RecordAction.EDIT, "goals: add", done_as=AuditAction.CREATE)
def goal_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    form = forms.GoalForm(
        posted(request), carers=selectors.carers(child), initial={"set_on": timezone.localdate()}
    )

    def save(data: dict[str, Any]) -> str:
        goal = services.add_goal(child, request.user, **data)  # type: ignore[arg-type]
        return f"Goal added for {goal.parent.full_name}."

    url = reverse("assessments:goals", args=[child.pk])
    return form_page(request, child, form, save, title="Add a goal", submit="Add goal", back=url, done=url)


@reunification(RecordAction.EDIT, "goals: review", done_as=AuditAction.CREATE)
def goal_review(request: HttpRequest, child: Child, access: Access, goal_id: int) -> HttpResponseBase:
    goal = get_object_or_404(Goal.objects.select_related("parent"), pk=goal_id, child=child)
    form = forms.ReviewForm(posted(request), child=child, initial={"reviewed_on": timezone.localdate()})

    def save(data: dict[str, Any]) -> str:
        review = services.review_goal(
            goal,
            request.user,  # type: ignore[arg-type]
            reviewed_on=data["reviewed_on"],
            score=data["score"],
            evidence=list(data.get("evidence") or []),
            note=data.get("note", ""),
        )
        return f"Review of {goal.parent.full_name}'s goal saved (score {review.score:+d})."

    url = reverse("assessments:goals", args=[child.pk])
    return form_page(
        request,
        child,
        form,
        save,
        title=f"Review {goal.parent.full_name}'s goal",
        submit="Save review",
        back=url,
        done=url,
        intro=f"Goal: {goal.description}",
    )


@reunification(RecordAction.VIEW, "risk classifications")
def risk_classifications(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    config = framework.load_config()
    context = {
        "child": child,
        "risks": selectors.risk_classifications(child),
        "bands": [(k, b.label, b.description) for k, b in config.risk_bands.items()],
        "can_edit": access.can(RecordAction.EDIT),
    }
    return render(request, "assessments/risk_classifications.html", context)


@reunification(RecordAction.EDIT, "risk classifications: add", done_as=AuditAction.CREATE)
def risk_classification_add(request: HttpRequest, child: Child, access: Access) -> HttpResponseBase:
    form = forms.RiskClassificationForm(posted(request), initial={"classified_on": timezone.localdate()})
    labels = {k: b.label for k, b in framework.load_config().risk_bands.items()}
    form.fields["level"].choices = [(k, labels.get(k, v)) for k, v in form.fields["level"].choices]  # type: ignore[attr-defined]

    def save(data: dict[str, Any]) -> str:
        rc = services.classify_risk(child, request.user, **data)  # type: ignore[arg-type]
        return f"{rc.point} recorded: {labels.get(rc.level, rc.level)}."

    url = reverse("assessments:risk_classifications", args=[child.pk])
    return form_page(
        request, child, form, save, title="Record a risk classification", submit="Save", back=url, done=url
    )
