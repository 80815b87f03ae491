"""Shared helpers for the one-module-per-rule tests."""

from __future__ import annotations

from homeward.framework import RULES_BY_ID, CaseSnapshot, Finding, Gate, evaluate


def find(snapshot: CaseSnapshot, rule_id: str, gate: str = "D3") -> Finding | None:
    """The finding `rule_id` produces at `gate`, or None. The rule must apply at that gate."""
    assert Gate(gate) in RULES_BY_ID[rule_id].gates, f"{rule_id} does not apply at {gate}"
    matches = [f for f in evaluate(snapshot, gate).findings if f.id == rule_id]
    assert len(matches) <= 1
    return matches[0] if matches else None
