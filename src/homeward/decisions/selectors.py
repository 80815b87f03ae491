"""Reads of decisions, shaped for the pages."""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from homeward import framework
from homeward.children.models import Child
from homeward.decisions.models import Decision, Status


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
