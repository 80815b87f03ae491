"""Evidence of change: Goal Attainment Scaling (GAS) scores, red/amber/green status and T-scores.

Each goal is scored at each review from −2 (much less than expected) through 0 (the expected level)
to +2 (much more than expected). The summary T-score of a review (Kiresuk & Sherman 1968) is

    T = 50 + 10·Σwᵢxᵢ / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²),   ρ = 0.3 by default,

so 50 means "on average, as expected"; unweighted check values: all 0 → 50.0, all −1 → 36.3,
scores 1, 1, 0 → 59.1.

Attendance at a service is not evidence of changed behaviour (SDM guidance): a review whose cited
evidence is attendance alone does not count as evidence of change.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from homeward.framework.snapshot import CaseSnapshot, Goal, GoalReview

RagStatus = Literal["red", "amber", "green"]


def t_score(scores: Sequence[int | float], weights: Sequence[float] | None = None, rho: float = 0.3) -> float:
    """The GAS summary T-score of one review's goal scores (unrounded).

    `weights` defaults to 1 for every goal. Raises ValueError for no scores, mismatched lengths,
    non-positive weights or ρ outside [0, 1).
    """
    if not scores:
        raise ValueError("t_score needs at least one goal score")
    w = [1.0] * len(scores) if weights is None else [float(x) for x in weights]
    if len(w) != len(scores):
        raise ValueError("t_score needs one weight per score")
    if any(x <= 0 for x in w):
        raise ValueError("GAS weights must be positive")
    if not 0 <= rho < 1:
        raise ValueError("rho must be at least 0 and below 1")
    numerator = sum(wi * xi for wi, xi in zip(w, scores, strict=True))
    denominator = math.sqrt((1 - rho) * sum(wi * wi for wi in w) + rho * sum(w) ** 2)
    return 50 + 10 * numerator / denominator


def goal_status(score: int, red_at_most: int = -2, green_at_least: int = 0) -> RagStatus:
    """Red/amber/green for one GAS score: −2 red, −1 amber, 0…+2 green (cut-offs configurable)."""
    if score <= red_at_most:
        return "red"
    if score >= green_at_least:
        return "green"
    return "amber"


@dataclass(frozen=True, kw_only=True)
class ScoredGoal:
    goal_id: str
    parent: str
    description: str
    score: int
    status: RagStatus
    attendance_only: bool


@dataclass(frozen=True, kw_only=True)
class ReviewSummary:
    """All goals scored on one review date (for the whole family, or one parent)."""

    reviewed_on: date
    t_score: float
    goals: tuple[ScoredGoal, ...]

    @property
    def counts_as_evidence(self) -> bool:
        """At least one score rests on more than attendance."""
        return any(not g.attendance_only for g in self.goals)

    def to_dict(self) -> dict[str, object]:
        return {
            "reviewed_on": self.reviewed_on.isoformat(),
            "t_score": round(self.t_score, 1),
            "counts_as_evidence_of_change": self.counts_as_evidence,
            "goals": [
                {
                    "goal_id": g.goal_id,
                    "parent": g.parent,
                    "description": g.description,
                    "score": g.score,
                    "status": g.status,
                    "attendance_only": g.attendance_only,
                }
                for g in self.goals
            ],
        }


def attendance_only(snapshot: CaseSnapshot, review: GoalReview) -> bool:
    """Whether a review's score rests only on attendance (cited evidence all of kind 'attendance')."""
    kinds = {item.id: item.kind for item in snapshot.evidence}
    cited = [kinds[i] for i in review.evidence_ids if i in kinds]
    return bool(cited) and all(k == "attendance" for k in cited)


def review_summaries(
    snapshot: CaseSnapshot,
    goals: Sequence[Goal] | None = None,
    *,
    rho: float = 0.3,
    red_at_most: int = -2,
    green_at_least: int = 0,
) -> tuple[ReviewSummary, ...]:
    """One summary per review date (oldest first) over `goals` (default: every goal in the snapshot).

    Reviews after `as_of` are ignored. If a goal has two reviews on one date the later-listed counts.
    """
    chosen = snapshot.goals if goals is None else goals
    by_date: dict[date, dict[str, tuple[Goal, GoalReview]]] = {}
    for goal in chosen:
        for review in goal.reviews:
            if review.reviewed_on <= snapshot.as_of:
                by_date.setdefault(review.reviewed_on, {})[goal.id] = (goal, review)
    summaries: list[ReviewSummary] = []
    for day in sorted(by_date):
        entries = [by_date[day][k] for k in sorted(by_date[day])]
        scored = tuple(
            ScoredGoal(
                goal_id=goal.id,
                parent=goal.parent,
                description=goal.description,
                score=review.score,
                status=goal_status(review.score, red_at_most, green_at_least),
                attendance_only=attendance_only(snapshot, review),
            )
            for goal, review in entries
        )
        t = t_score([r.score for _g, r in entries], [g.weight for g, _r in entries], rho)
        summaries.append(ReviewSummary(reviewed_on=day, t_score=t, goals=scored))
    return tuple(summaries)
