"""Reads of decisions, shaped for the pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from homeward import framework
from homeward.base.queries import ids_for_filter
from homeward.children.models import Child
from homeward.decisions.documents import CHALLENGE_PREFIX
from homeward.decisions.models import Challenge, ChallengeAnswer, Decision, Status
from homeward.organisation.models import Role


def decisions_for(child: Child) -> list[Decision]:
    """Every decision for the child, newest first."""
    return list(
        Decision.objects.filter(child=child)
        .annotate(disagreements=Count("challenges", filter=Q(challenges__disagrees=True)))
        .order_by("-proposed_at", "-id")
    )


def latest_by_gate(child: Child) -> dict[str, Decision]:
    latest: dict[str, Decision] = {}
    for d in Decision.objects.filter(child=child).order_by("gate", "-version"):
        latest.setdefault(d.gate, d)
    return latest


def is_latest(decision: Decision) -> bool:
    return not Decision.objects.filter(
        child=decision.child, gate=decision.gate, version__gt=decision.version
    ).exists()


def waiting_for_sign_off(child: Child) -> list[Decision]:
    return [d for d in latest_by_gate(child).values() if d.status == Status.PROPOSED]


def next_gate(child: Child) -> framework.Gate:
    """The first gate without a signed-off decision: the question the case is working towards."""
    latest = latest_by_gate(child)
    for gate in framework.Gate:
        decision = latest.get(gate.value)
        if decision is None or not decision.is_signed:
            return gate
    return framework.Gate.D3


def decision(child: Child, decision_id: int) -> Decision:
    """One of the child's decisions by its id (or 404: an id not this child's is not found, never shown)."""
    return get_object_or_404(
        Decision.objects.select_related(
            "proposed_by", "signed_by", "returned_by", "assessment", "supersedes"
        ),
        pk=decision_id,
        child=child,
    )


def unsigned_earlier_gate(child: Child, gate: framework.Gate) -> framework.Gate | None:
    """The gate before `gate` when no decision at it has been signed for the child (the page says so)."""
    gates = list(framework.Gate)
    if gate == gates[0]:
        return None
    earlier = gates[gates.index(gate) - 1]
    signed = any(d.is_signed for d in Decision.objects.filter(child=child, gate=earlier.value))
    return None if signed else earlier


# Who must answer an IRO's challenge in writing before it is closed.
ANSWERED_BY = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER)


def _open(challenges: QuerySet[Challenge]) -> QuerySet[Challenge]:
    """Challenges that disagree and lack a written answer from the worker or from the manager."""
    answered = {
        role: Exists(ChallengeAnswer.objects.filter(challenge=OuterRef("pk"), role=role))
        for role in ANSWERED_BY
    }
    return (
        challenges.filter(disagrees=True)
        .annotate(**{f"answered_{role}": exists for role, exists in answered.items()})
        .exclude(**{f"answered_{role}": True for role in ANSWERED_BY})
    )


def open_challenges(child: Child) -> list[Challenge]:
    """The IRO's challenges to this child's decisions still waiting for a written answer, oldest first."""
    rows = _open(Challenge.objects.filter(decision__child=child)).select_related("decision")
    return list(rows.order_by("raised_at", "id"))


def open_challenges_by_child(child_ids: Iterable[int] | QuerySet[Any]) -> dict[int, list[Challenge]]:
    """Open challenges for many children at once (one query): for the caseload and My work."""
    rows = _open(Challenge.objects.filter(decision__child_id__in=ids_for_filter(child_ids))).select_related(
        "decision"
    )
    found: dict[int, list[Challenge]] = {}
    for c in rows.order_by("raised_at", "id"):
        found.setdefault(c.decision.child_id, []).append(c)
    return found


def waiting_answer_from(challenge: Challenge) -> list[str]:
    """Who has still to answer this challenge: "the social worker", "the team manager"."""
    answered = set(challenge.answers.values_list("role", flat=True))
    return [Role(role).label.lower() for role in ANSWERED_BY if role not in answered]


def challenge(child: Child, challenge_id: int) -> Challenge:
    """One of this child's challenges (a 404 for another child's)."""
    return get_object_or_404(Challenge, pk=challenge_id, decision__child=child)


def challenge_finding_id(c: Challenge) -> str:
    return f"{CHALLENGE_PREFIX}{c.pk}"


def challenge_points(child: Child, gate: framework.Gate) -> tuple[framework.Finding, ...]:
    """Each open challenge as a point the next decision must answer in writing, like a framework gap."""
    return tuple(
        framework.Finding(
            id=challenge_finding_id(c),
            kind="gap",
            title=f"The IRO's challenge to the {c.decision.gate} decision is not yet answered",
            message=c.text,
            source=(
                f"{c.raised_by_name}, independent reviewing officer, "
                f"{timezone.localtime(c.raised_at):%-d %B %Y}"
            ),
            gates=(gate,),
        )
        for c in open_challenges(child)
    )


def earlier_answers(child: Child, gate: framework.Gate) -> dict[str, tuple[str, str]]:
    """The worker's answers to findings at the earlier gates (the latest decision at each), by finding:
    (the answer, the gate it was given at). The next gate starts from them, for the worker to confirm or
    change, rather than typing again what was already written."""
    latest = latest_by_gate(child)
    found: dict[str, tuple[str, str]] = {}
    for earlier in reversed([g for g in framework.Gate if g.value < gate.value]):
        decision = latest.get(earlier.value)
        if decision is None:
            continue
        for r in decision.responses.all():
            found.setdefault(r.finding_id, (r.response, earlier.value))
    return found
