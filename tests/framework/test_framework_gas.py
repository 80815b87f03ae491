"""Goal Attainment Scaling: T-score check values (DOMAIN.md §5), RAG status, review summaries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from homeward.framework import CaseSnapshot, evaluate, goal_status, t_score
from homeward.framework.gas import review_summaries
from homeward.framework.snapshot import EvidenceItem, Goal, GoalReview


@pytest.mark.parametrize(
    ("scores", "expected"),
    [([0, 0, 0], 50.0), ([-1, -1, -1], 36.3), ([1, 1, 0], 59.1)],
)
def test_t_score_check_values(scores: list[int], expected: float) -> None:
    assert round(t_score(scores), 1) == expected


def test_t_score_single_goal_and_weights() -> None:
    # one goal: denominator sqrt(0.7 + 0.3) = 1
    assert t_score([2]) == pytest.approx(70.0)
    # doubling every weight leaves T unchanged (T is scale-free in w)
    assert t_score([1, -1, 2], [2, 2, 2]) == pytest.approx(t_score([1, -1, 2]))
    # a heavier weight on the improving goal raises T
    assert t_score([2, -1], [3, 1]) > t_score([2, -1])


def test_t_score_rho_zero_is_the_plain_formula() -> None:
    assert t_score([1, 1, 1, 1], rho=0.0) == pytest.approx(50 + 10 * 4 / 2)


@pytest.mark.parametrize(
    ("scores", "weights", "rho"),
    [([], None, 0.3), ([1, 2], [1], 0.3), ([1], [0], 0.3), ([1], None, 1.0)],
)
def test_t_score_rejects_bad_input(scores: list[int], weights: list[float] | None, rho: float) -> None:
    with pytest.raises(ValueError):
        t_score(scores, weights, rho)


@pytest.mark.parametrize(
    ("score", "status"), [(-2, "red"), (-1, "amber"), (0, "green"), (1, "green"), (2, "green")]
)
def test_goal_status(score: int, status: str) -> None:
    assert goal_status(score) == status


def test_review_summaries_group_by_date_and_ignore_the_future(clean: CaseSnapshot) -> None:
    future = Goal(
        id="g-f",
        parent="Jo Brown",
        description="Later goal",
        reviews=(GoalReview(reviewed_on=date(2026, 7, 1), score=-2),),
    )
    summaries = review_summaries(replace(clean, goals=(*clean.goals, future)))
    assert [s.reviewed_on for s in summaries] == [date(2026, 3, 15), date(2026, 5, 15)]
    assert round(summaries[0].t_score, 1) == 50.0
    assert [g.status for g in summaries[1].goals] == ["green", "green"]


def test_evaluation_reports_t_scores_and_attendance(clean: CaseSnapshot) -> None:
    attendance = EvidenceItem(
        id="ev-a",
        description="Attended",
        source="Hub",
        kind="attendance",
        seen_on=date(2026, 5, 1),
        written_up_on=date(2026, 5, 1),
    )
    goal = Goal(
        id="g-3",
        parent="Jo Brown",
        description="Course",
        reviews=(GoalReview(reviewed_on=date(2026, 5, 15), score=1, evidence_ids=("ev-a",)),),
    )
    s = replace(clean, evidence=(*clean.evidence, attendance), goals=(*clean.goals, goal))
    latest = evaluate(s, "D2").to_dict()["evidence_of_change"][-1]
    assert latest["t_score"] == round(t_score([1, 1, 1]), 1)
    flags = {g["goal_id"]: g["attendance_only"] for g in latest["goals"]}
    assert flags == {"g-1": False, "g-2": False, "g-3": True}


def test_goal_and_review_reject_impossible_values() -> None:
    with pytest.raises(ValueError, match="between -2 and \\+2"):
        GoalReview(reviewed_on=date(2026, 1, 1), score=3)
    with pytest.raises(ValueError, match="weight is positive"):
        Goal(id="g", parent="Jo Brown", description="x", weight=0)


def test_a_score_counts_as_evidence_only_on_a_cited_item_that_exists_and_is_not_attendance(
    clean: CaseSnapshot,
) -> None:
    from homeward.framework.gas import counts_as_evidence, evidence_basis, kinds_count_as_evidence

    attendance = EvidenceItem(
        id="ev-a", description="Attended", source="Hub", kind="attendance", seen_on=date(2026, 5, 1)
    )
    s = replace(clean, evidence=(*clean.evidence, attendance))
    day = date(2026, 5, 15)
    cases = {
        (): "none",
        ("ev-unknown",): "none",
        ("ev-a",): "attendance_only",
        ("ev-a", "ev-unknown"): "attendance_only",
        ("ev-a", "ev-1"): "evidence",
        ("ev-2",): "evidence",
    }
    for ids, basis in cases.items():
        r = GoalReview(reviewed_on=day, score=2, evidence_ids=ids)
        assert evidence_basis(s, r) == basis, ids
        assert counts_as_evidence(s, r) is (basis == "evidence")
    assert kinds_count_as_evidence(["attendance", "verbal_report"])
    assert not kinds_count_as_evidence(["attendance"]) and not kinds_count_as_evidence([])
    # in the evaluation's figures too: the 15 March reviews of the example cite nothing
    march = evaluate(clean, "D2").to_dict()["evidence_of_change"][0]
    assert march["counts_as_evidence_of_change"] is False
    assert all(g["cites_no_evidence"] for g in march["goals"])
    assert march["partial"] is False and march["goals_scored"] == march["goals_due"] == 2
