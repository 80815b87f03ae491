"""Proposing, signing off, returning, challenging and revising decisions at the gates D1–D3.

The rules of supervision live here, not in the templates:
- a decision rests on a signed assessment, and on the framework's evaluation of the record *at the
  moment it is proposed* (recomputed here, never trusted from the form);
- every gap and caution in that evaluation must be answered in writing;
- only a manager signs off or returns, never the person who proposed it, and only the latest version;
- a signed decision is never edited: a change is a new version pointing at the old one.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward import framework
from homeward.access.policy import role_of
from homeward.assessments.selectors import last_signed_assessment
from homeward.base.people import name_of
from homeward.children.models import Child
from homeward.decisions import selectors
from homeward.decisions.models import Answer, Challenge, ChallengeAnswer, Decision, FindingResponse, Status
from homeward.decisions.models import SignedDecisionError as SignedDecisionError  # raised here
from homeward.framework.text import quoted, says_something
from homeward.snapshot import build_snapshot


def _latest(child: Child, gate: str) -> Decision | None:
    return Decision.objects.filter(child=child, gate=gate).order_by("-version").first()


def _is_latest(decision: Decision) -> bool:
    latest = _latest(decision.child, decision.gate)
    return latest is not None and latest.pk == decision.pk


def unanswered(evaluation: framework.Evaluation, responses: dict[str, str]) -> list[framework.Finding]:
    """The findings that have no written answer (a placeholder such as "n/a" is none)."""
    return [f for f in evaluation.findings if not says_something(responses.get(f.id))]


def _as_written(answer: str | None) -> str:
    """What was written, quoted back when it was not blank (" (the answer says only 'n/a')")."""
    return f" (the answer {quoted(answer)})" if (answer or "").strip() else ""


@transaction.atomic
def propose(
    child: Child,
    user: User,
    *,
    gate: str,
    answer: str,
    rationale: str,
    responses: dict[str, str],
    as_of: date,
) -> Decision:
    """Record the worker's proposed answer at a gate, against the record as it stands on `as_of`.

    A gate's first decision is version 1; proposing again after it was signed off or returned makes a
    new version that supersedes it (the old one is kept unchanged)."""
    gate_ = framework.Gate(gate)
    if answer not in Answer.values:
        raise ValidationError({"answer": "Select yes, maybe or no"})
    if not rationale.strip():
        raise ValidationError({"rationale": "Enter the reasons for your answer"})
    assessment = last_signed_assessment(child)
    if assessment is None:
        raise ValidationError(
            "A decision cannot be proposed until the reunification assessment has been completed and signed."
        )
    supersedes = _latest(child, gate_)
    if supersedes is not None and supersedes.status == Status.PROPOSED:
        raise ValidationError(
            f"The {gate_} decision proposed on {timezone.localtime(supersedes.proposed_at):%-d %B %Y} is "
            "waiting for sign-off; the manager can sign it off or return it to you."
        )
    evaluation = framework.evaluate(build_snapshot(child, as_of), gate_)
    # An IRO's challenge still open is a point to answer at the next gate, beside the framework's findings.
    points = (*evaluation.findings, *selectors.challenge_points(child, gate_))
    missing = [f for f in points if not says_something(responses.get(f.id))]
    if missing:
        raise ValidationError(
            {
                f"finding_{f.id}": f"Answer “{f.title}”: why it does not apply, or what is being done"
                + (
                    f" (the answer {quoted(responses.get(f.id))})"
                    if (responses.get(f.id) or "").strip()
                    else ""
                )
                for f in missing
            }
        )
    decision = Decision.objects.create(
        child=child,
        gate=gate_.value,
        **Decision.version_after(supersedes),
        answer=answer,
        rationale=rationale.strip(),
        proposed_by=user,
        proposed_by_name=name_of(user),
        as_of=as_of,
        assessment=assessment,
        evaluation=evaluation.to_dict(),
        suggested_answer=evaluation.suggested_answer,
        config_version=evaluation.config_version,
    )
    FindingResponse.objects.bulk_create(
        FindingResponse(
            decision=decision,
            finding_id=f.id,
            kind=f.kind,
            title=f.title,
            message=f.message,
            source=f.source,
            response=responses[f.id].strip(),
        )
        for f in points
    )
    return decision


def _reviewable(decision: Decision, manager: User) -> None:
    if decision.status != Status.PROPOSED:
        raise SignedDecisionError(f"This decision has already been {decision.get_status_display().lower()}.")
    if not _is_latest(decision):
        raise ValidationError("A newer version of this decision exists.")
    if decision.proposed_by_id == manager.pk:
        raise ValidationError("A decision cannot be signed off or returned by the person who proposed it.")


@transaction.atomic
def sign_off(decision: Decision, manager: User, *, reasons: str = "") -> Decision:
    """The manager's signature, with their reasons: from now on the decision is never changed."""
    _reviewable(decision, manager)
    decision.manager_reasons = reasons.strip()
    decision.sign(manager, name_of(manager), also=("manager_reasons",))
    return decision


@transaction.atomic
def return_to_worker(decision: Decision, manager: User, *, reasons: str) -> Decision:
    """The manager's other answer: back to the worker, unsigned, with why; the revision is a new version."""
    if not reasons.strip():
        raise ValidationError({"reasons": "Enter why the decision is being returned"})
    _reviewable(decision, manager)
    decision.return_unsigned(manager, name_of(manager), reasons.strip())
    return decision


@transaction.atomic
def challenge(decision: Decision, iro: User, *, text: str, disagrees: bool) -> Challenge:
    """The IRO's challenge: kept with the decision whatever its status, never edited."""
    if not text.strip():
        raise ValidationError({"text": "Enter your challenge or comment"})
    return Challenge.objects.create(
        decision=decision, raised_by=iro, raised_by_name=name_of(iro), text=text.strip(), disagrees=disagrees
    )


def check_editable(decision: Decision) -> None:
    """Refuse any in-place change of a decision; say what to do instead."""
    if decision.is_signed:
        raise SignedDecisionError(
            "This decision was signed off and cannot be changed. Propose a new version instead; "
            "the signed decision is kept."
        )
    raise ValidationError("A proposed decision is not changed in place: propose a new version instead.")


def versions(decision: Decision) -> list[Decision]:
    """Every version of this decision at its gate, newest first."""
    return list(
        Decision.objects.filter(child=decision.child, gate=decision.gate)
        .select_related("proposed_by", "signed_by", "returned_by")
        .order_by("-version")
    )


@transaction.atomic
def answer_challenge(challenge: Challenge, user: User, *, text: str) -> ChallengeAnswer:
    """The worker's or the manager's written answer to an IRO's challenge."""
    role = role_of(user)
    if role not in selectors.ANSWERED_BY:
        raise ValidationError("Only the social worker or the team manager answers an IRO's challenge.")
    if not says_something(text):
        raise ValidationError(
            {"text": "Enter your answer to the challenge: what was done, or why you disagree"}
        )
    return ChallengeAnswer.objects.create(
        challenge=challenge, answered_by=user, answered_by_name=name_of(user), role=role, text=text.strip()
    )
