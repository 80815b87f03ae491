"""Pages of the decisions D1–D3. Thin: access by decorator (the reunification section, which partner
agencies are not shown), every rule of supervision in services."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from homeward import framework
from homeward.access.models import AuditAction
from homeward.access.policy import Access, RecordAction, Section
from homeward.assessments.selectors import last_signed_assessment
from homeward.base.forms import GovUKForm
from homeward.base.pages import Save, add_errors, form_page, posted
from homeward.children.decorators import child_record
from homeward.children.models import Child
from homeward.decisions import forms, selectors, services
from homeward.decisions.models import Decision, Status
from homeward.snapshot import evaluate_child

reunification = partial(child_record, section=Section.REUNIFICATION)


def _decision_form(
    request: HttpRequest, child: Child, decision: Decision, form: GovUKForm, save: Save, **options: Any
) -> HttpResponse:
    """A form on one decision, shown beside its summary: back to the decision, and there after a save."""
    url = reverse("decisions:detail", args=[child.pk, decision.pk])
    context = {"child": child, "decision": decision, "doc": decision.document}
    return form_page(
        request,
        form,
        save,
        back=url,
        caption=child.full_name,
        aside="decisions/_summary.html",
        context=context,
        **options,
    )


def _gate(gate: str) -> framework.Gate:
    try:
        return framework.Gate(gate.upper())
    except ValueError:
        raise Http404("No such decision gate.") from None


@reunification(RecordAction.VIEW, "decisions")
def decision_list(request: HttpRequest, child: Child, access: Access) -> HttpResponse:
    latest = selectors.latest_by_gate(child)
    context = {
        "child": child,
        "decisions": selectors.decisions_for(child),
        "gates": [(g.value, g.question, latest.get(g.value)) for g in framework.Gate],
        "can_edit": access.can(RecordAction.EDIT),
        "assessment_signed": last_signed_assessment(child) is not None,
    }
    return render(request, "decisions/list.html", context)


@reunification(RecordAction.EDIT, "decision: propose", done_as=AuditAction.CREATE)
def propose(request: HttpRequest, child: Child, access: Access, gate: str) -> HttpResponseBase:
    gate_ = _gate(gate)
    today = timezone.localdate()
    evaluation = evaluate_child(child, gate_, today)
    previous = selectors.latest_by_gate(child).get(gate_.value)
    # Answers written at an earlier gate are carried forward, shown for the worker to confirm or change.
    carried = {f: gate for f, (_, gate) in selectors.earlier_answers(child, gate_).items()}
    initial: dict[str, str] = {
        forms.finding_field_name(f): answer
        for f, (answer, _) in selectors.earlier_answers(child, gate_).items()
    }
    if previous is not None:
        carried = {}
        # A new version starts from the last one: its answer, reasons and the answers to findings that
        # are still open, for the worker to revise rather than re-type.
        initial = {"answer": previous.answer, "rationale": previous.rationale}
        initial.update({forms.finding_field_name(r.finding_id): r.response for r in previous.responses.all()})
    # The framework's findings, and each IRO challenge still open: every one is answered in writing.
    challenges = selectors.challenge_points(child, gate_)
    points = (*evaluation.findings, *challenges)
    form = forms.ProposeForm(posted(request), findings=points, initial=initial, carried=carried)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.propose(
                child,
                request.user,  # type: ignore[arg-type]
                gate=gate_.value,
                answer=form.cleaned_data["answer"],
                rationale=form.cleaned_data["rationale"],
                responses=form.responses(),
                as_of=today,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{gate_} decision proposed and sent to your manager for sign-off.")
            return redirect("decisions:detail", child_id=child.pk, decision_id=decision.pk)
    context = {
        "child": child,
        "form": form,
        "gate": gate_,
        "earlier_gate": selectors.unsigned_earlier_gate(child, gate_),
        "evaluation": evaluation,
        "challenge_ids": {c.id for c in challenges},
        "previous": previous,
        "assessment": last_signed_assessment(child),
    }
    return render(request, "decisions/propose.html", context, status=400 if form.errors else 200)


def _decision(child: Child, decision_id: int) -> Decision:
    return selectors.decision(child, decision_id)


@reunification(RecordAction.VIEW, "decision")
def detail(request: HttpRequest, child: Child, access: Access, decision_id: int) -> HttpResponse:
    decision = _decision(child, decision_id)
    latest = selectors.is_latest(decision)
    user = request.user
    context: dict[str, Any] = {
        "child": child,
        "decision": decision,
        "doc": decision.document,
        "challenges": [
            (c, list(c.answers.all()), selectors.waiting_answer_from(c))
            for c in decision.challenges.select_related("raised_by")
        ],
        "can_answer": access.can(RecordAction.EDIT),
        "versions": services.versions(decision),
        "is_latest": latest,
        "can_review": (
            latest
            and decision.status == Status.PROPOSED
            and decision.proposed_by_id != user.pk
            and access.can(RecordAction.SIGN_OFF)
        ),
        "can_challenge": access.can(RecordAction.CHALLENGE),
        "can_propose_new": (latest and decision.status != Status.PROPOSED and access.can(RecordAction.EDIT)),
    }
    return render(request, "decisions/detail.html", context)


@reunification(RecordAction.SIGN_OFF, "decision: sign off or return")
def review(request: HttpRequest, child: Child, access: Access, decision_id: int) -> HttpResponseBase:
    decision = _decision(child, decision_id)
    url = reverse("decisions:detail", args=[child.pk, decision.pk])
    if decision.status != Status.PROPOSED and request.method != "POST":
        return redirect(url)  # the decision page says it was signed off or returned
    form = forms.ReviewForm(posted(request))

    def save(data: dict[str, Any]) -> str:
        if data["outcome"] == "sign_off":
            services.sign_off(decision, request.user, reasons=data.get("reasons", ""))  # type: ignore[arg-type]
            return f"{decision.gate} decision signed off."
        services.return_to_worker(decision, request.user, reasons=data["reasons"])  # type: ignore[arg-type]
        return f"{decision.gate} decision returned to {decision.proposed_by_name}."

    return _decision_form(
        request,
        child,
        decision,
        form,
        save,
        title=f"Sign off or return the {decision.gate} decision",
        submit="Save",
    )


@reunification(RecordAction.CHALLENGE, "decision: IRO challenge", done_as=AuditAction.CREATE)
def challenge(request: HttpRequest, child: Child, access: Access, decision_id: int) -> HttpResponseBase:
    decision = _decision(child, decision_id)
    form = forms.ChallengeForm(posted(request))

    def save(data: dict[str, Any]) -> str:
        services.challenge(decision, request.user, text=data["text"], disagrees=data["disagrees"])  # type: ignore[arg-type]
        return "Your challenge has been recorded with the decision."

    return _decision_form(
        request,
        child,
        decision,
        form,
        save,
        title=f"Challenge the {decision.gate} decision",
        submit="Record the challenge",
        intro="Your challenge is kept with the decision, and shown to everyone who reads it.",
    )


@reunification(RecordAction.EDIT, "decision: answer an IRO challenge", done_as=AuditAction.CREATE)
def challenge_answer(
    request: HttpRequest, child: Child, access: Access, challenge_id: int
) -> HttpResponseBase:
    challenge = selectors.challenge(child, challenge_id)
    form = forms.ChallengeAnswerForm(posted(request))

    def save(data: dict[str, Any]) -> str:
        services.answer_challenge(challenge, request.user, text=data["text"])  # type: ignore[arg-type]
        return "Your answer has been recorded with the challenge."

    return _decision_form(
        request,
        child,
        challenge.decision,
        form,
        save,
        title="Answer the IRO's challenge",
        submit="Record your answer",
        intro=f"{challenge.raised_by_name} wrote: “{challenge.text}”",
    )
