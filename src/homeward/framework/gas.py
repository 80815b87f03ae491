"""Evidence of change: Goal Attainment Scaling (GAS) scores, red/amber/green status and T-scores.

Each goal is scored at each review from −2 (much less than expected) through 0 (the expected level)
to +2 (much more than expected). The summary T-score of a review (Kiresuk & Sherman 1968) is

    T = 50 + 10·Σwᵢxᵢ / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²),   ρ = 0.3 by default,

so 50 means "on average, as expected"; unweighted check values: all 0 → 50.0, all −1 → 36.3,
scores 1, 1, 0 → 59.1.

A score counts as evidence of change only when the review cites at least one evidence item that
exists and is not attendance (`counts_as_evidence`): attendance at a service is not evidence of changed
behaviour (SDM guidance), and a review citing nothing rests on nothing, whatever its score. A review
date that scored only some of the goals that existed then is `partial`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
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


EvidenceBasis = Literal["evidence", "attendance_only", "none"]


def kinds_count_as_evidence(kinds: Iterable[str]) -> bool:
    """Whether evidence of these kinds can show change: at least one is not attendance.

    The one definition of "counts as evidence of change" (SDM guidance: attendance is not evidence of
    changed behaviour; a score that cites nothing rests on nothing). The snapshot (`evidence_basis`)
    and the goal review page both read it.
    """
    return any(k != "attendance" for k in kinds)


def basis_of_kinds(kinds: Sequence[str]) -> EvidenceBasis:
    """What a score citing evidence of these kinds rests on: "evidence" (it counts as evidence of
    change), "attendance_only", or "none" (nothing cited)."""
    if not kinds:
        return "none"
    return "evidence" if kinds_count_as_evidence(kinds) else "attendance_only"


def evidence_basis(snapshot: CaseSnapshot, review: GoalReview) -> EvidenceBasis:
    """What a review's score rests on: "evidence" (at least one cited item that exists in the snapshot
    and is not attendance), "attendance_only" (cited items, all attendance) or "none" (it cites no
    item the snapshot holds)."""
    kinds = {item.id: item.kind for item in snapshot.evidence}
    return basis_of_kinds([kinds[i] for i in review.evidence_ids if i in kinds])


def counts_as_evidence(snapshot: CaseSnapshot, review: GoalReview) -> bool:
    """Whether a review's score is evidence of change, whatever the score (see `evidence_basis`)."""
    return evidence_basis(snapshot, review) == "evidence"


def attendance_only(snapshot: CaseSnapshot, review: GoalReview) -> bool:
    """Whether a review's score rests only on attendance (cited evidence all of kind 'attendance')."""
    return evidence_basis(snapshot, review) == "attendance_only"


@dataclass(frozen=True, kw_only=True)
class ScoredGoal:
    goal_id: str
    parent: str
    description: str
    score: int
    status: RagStatus
    basis: EvidenceBasis

    @property
    def attendance_only(self) -> bool:
        return self.basis == "attendance_only"

    @property
    def cites_no_evidence(self) -> bool:
        return self.basis == "none"

    @property
    def counts_as_evidence(self) -> bool:
        """The score cites at least one evidence item that exists and is not attendance."""
        return self.basis == "evidence"


@dataclass(frozen=True, kw_only=True)
class UnscoredGoal:
    """A goal that existed on a review date but was not scored that day."""

    goal_id: str
    parent: str
    description: str


@dataclass(frozen=True, kw_only=True)
class ReviewSummary:
    """All goals scored on one review date (for the whole family, or one parent).

    `not_scored` are the goals that existed that day (see `goal_existed_on`) but were not scored: a
    review that leaves any out is `partial`, and its T-score speaks only for the goals it scored.
    """

    reviewed_on: date
    t_score: float
    goals: tuple[ScoredGoal, ...]
    not_scored: tuple[UnscoredGoal, ...] = ()

    @property
    def counts_as_evidence(self) -> bool:
        """At least one score cites evidence that exists and is more than attendance."""
        return any(g.counts_as_evidence for g in self.goals)

    @property
    def goals_scored(self) -> int:
        return len(self.goals)

    @property
    def goals_due(self) -> int:
        return len(self.goals) + len(self.not_scored)

    @property
    def partial(self) -> bool:
        return bool(self.not_scored)

    def to_dict(self) -> dict[str, object]:
        return {
            "reviewed_on": self.reviewed_on.isoformat(),
            "t_score": round(self.t_score, 1),
            "counts_as_evidence_of_change": self.counts_as_evidence,
            "partial": self.partial,
            "goals_scored": self.goals_scored,
            "goals_due": self.goals_due,
            "goals": [
                {
                    "goal_id": g.goal_id,
                    "parent": g.parent,
                    "description": g.description,
                    "score": g.score,
                    "status": g.status,
                    "attendance_only": g.attendance_only,
                    "cites_no_evidence": g.cites_no_evidence,
                    "counts_as_evidence_of_change": g.counts_as_evidence,
                }
                for g in self.goals
            ],
            "not_scored": [
                {"goal_id": g.goal_id, "parent": g.parent, "description": g.description}
                for g in self.not_scored
            ],
        }


def goal_existed_on(goal: Goal, day: date, as_of: date) -> bool:
    """Whether `goal` existed on `day`: set on or before it (`Goal.set_on`); with no date set, when the
    goal had been reviewed on or before `day` (it must have existed then; a goal never reviewed and
    with no date is not counted, so a review is never called partial on a guess)."""
    if goal.set_on is not None:
        return goal.set_on <= day
    return any(r.reviewed_on <= day for r in goal.reviews if r.reviewed_on <= as_of)


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
    A goal of `goals` that existed on a review date but was not scored then is listed in `not_scored`.
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
                basis=evidence_basis(snapshot, review),
            )
            for goal, review in entries
        )
        missing = tuple(
            UnscoredGoal(goal_id=g.id, parent=g.parent, description=g.description)
            for g in chosen
            if g.id not in by_date[day] and goal_existed_on(g, day, snapshot.as_of)
        )
        t = t_score([r.score for _g, r in entries], [g.weight for g, _r in entries], rho)
        summaries.append(ReviewSummary(reviewed_on=day, t_score=t, goals=scored, not_scored=missing))
    return tuple(summaries)
