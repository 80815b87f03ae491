"""Small builders shared by the per-rule tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from homeward.framework import RULES_BY_ID, CaseSnapshot, Finding, Gate, evaluate
from homeward.framework.snapshot import (
    CareHistory,
    EvidenceItem,
    Goal,
    GoalReview,
    HouseholdMember,
    PreviousReturn,
)


def find(snapshot: CaseSnapshot, rule_id: str, gate: str = "D3") -> Finding | None:
    """The finding `rule_id` produces at `gate`, or None. The rule must apply at that gate."""
    assert Gate(gate) in RULES_BY_ID[rule_id].gates, f"{rule_id} does not apply at {gate}"
    matches = [f for f in evaluate(snapshot, gate).findings if f.id == rule_id]
    assert len(matches) <= 1
    return matches[0] if matches else None


ATTENDED = EvidenceItem(
    id="ev-att",
    description="Attended all parenting sessions",
    source="Family Hub",
    kind="attendance",
    seen_on=date(2026, 5, 10),
    written_up_on=date(2026, 5, 10),
)
SEEN = EvidenceItem(
    id="ev-seen",
    description="Home visit: the children fed, the home warm and safe",
    source="Priya Shah, social worker",
    kind="observation",
    seen_on=date(2026, 5, 12),
    written_up_on=date(2026, 5, 13),
)


def review(day: date, score: int, *evidence: str, note: str = "") -> GoalReview:
    return GoalReview(reviewed_on=day, score=score, evidence_ids=tuple(evidence), note=note)


def goal(
    goal_id: str, parent: str, description: str, *reviews: GoalReview, set_on: date | None = None
) -> Goal:
    return Goal(id=goal_id, parent=parent, description=description, reviews=tuple(reviews), set_on=set_on)


def with_goals(s: CaseSnapshot, *goals: Goal) -> CaseSnapshot:
    """`s` with only these goals, and the attendance and observation items they may cite."""
    return replace(s, goals=tuple(goals), evidence=(*s.evidence, ATTENDED, SEEN))


def add_member(s: CaseSnapshot, member: HouseholdMember) -> CaseSnapshot:
    """`s` with one more person in the household."""
    return replace(s, household_members=(*s.household_members, member))


def with_evidence(s: CaseSnapshot, *items: EvidenceItem) -> CaseSnapshot:
    """`s` with these evidence items added."""
    return replace(s, evidence=(*s.evidence, *items))


def care_history(*returns: PreviousReturn, placements: int = 1) -> CareHistory:
    """A care history with these previous returns home and this many placements in the current period."""
    return CareHistory(previous_returns=returns, placements_in_current_period=placements)


# The mother's new partner, not yet assessed (the Dean Smith example).
DEAN = HouseholdMember(
    name="Dean Smith",
    relationship="mother's partner",
    in_household_since=date(2026, 3, 3),
    parental_responsibility=False,
)
# A return home that broke down.
FAILED = PreviousReturn(
    returned_on=date(2024, 1, 20), reason_ceased="E4A", broke_down=True, came_back_on=date(2024, 9, 2)
)
