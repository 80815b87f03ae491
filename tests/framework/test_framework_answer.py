"""The suggested answer (yes / maybe / no) and its reasons."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from homeward.framework import RULES_BY_ID, CaseSnapshot, Gate, evaluate
from homeward.framework.snapshot import Goal, GoalReview, RiskClassification


def _latest_risk(s: CaseSnapshot, level: str) -> CaseSnapshot:
    rc = RiskClassification(point="RC2", level=level, classified_on=date(2026, 5, 25))  # type: ignore[arg-type]
    return replace(s, risk_classifications=(*s.risk_classifications, rc))


def test_very_high_risk_suggests_no_at_every_gate(clean: CaseSnapshot) -> None:
    s = _latest_risk(clean, "very_high")
    for gate in Gate:
        result = evaluate(s, gate)
        assert result.suggested_answer == "no"
        assert any("Very high (25 May 2026)" in r for r in result.reasons)


def test_high_risk_is_maybe_before_d3_and_no_at_d3(clean: CaseSnapshot) -> None:
    s = _latest_risk(clean, "high")
    assert evaluate(s, "D1").suggested_answer == "maybe"
    assert evaluate(s, "D3").suggested_answer == "no"


def test_medium_risk_is_maybe(clean: CaseSnapshot) -> None:
    result = evaluate(_latest_risk(clean, "medium"), "D1")
    assert result.suggested_answer == "maybe" and result.gaps == () and result.cautions == ()


def test_no_risk_classification_is_maybe_with_a_reason(clean: CaseSnapshot) -> None:
    result = evaluate(replace(clean, risk_classifications=()), "D1")
    assert result.suggested_answer == "maybe"
    assert any("No risk classification" in r for r in result.reasons)


def test_goals_well_below_expected_suggest_no_at_d2(clean: CaseSnapshot) -> None:
    worse = tuple(
        replace(g, reviews=(*g.reviews, GoalReview(reviewed_on=date(2026, 5, 30), score=-2)))
        for g in clean.goals
    )
    s = replace(clean, goals=worse)
    assert evaluate(s, "D2").suggested_answer == "no"
    assert evaluate(s, "D1").suggested_answer == "yes"  # goal reviews are not part of D1
    assert any("well below the expected level" in r for r in evaluate(s, "D3").reasons)


def test_a_gap_or_a_caution_caps_the_answer_at_maybe(clean: CaseSnapshot) -> None:
    gap = evaluate(replace(clean, child_wishes=None), "D1")
    caution = evaluate(replace(clean, legal_status="V2"), "D1")
    assert gap.suggested_answer == caution.suggested_answer == "maybe"
    # Named in words, never by rule id: the reasons are read on practice pages.
    assert any("(child's wishes not recorded)" in r for r in gap.reasons)
    assert any(RULES_BY_ID["s20-parent-may-remove"].title.lower() in r for r in caution.reasons)
    assert not any("child-wishes-not-recorded" in r for r in (*gap.reasons, *caution.reasons))


@pytest.mark.parametrize("gate", ["d1", "D2", Gate.D3])
def test_gate_accepts_strings_and_enum(clean: CaseSnapshot, gate: str | Gate) -> None:
    assert evaluate(clean, gate).gate == Gate(str(gate).upper())


def test_unknown_gate_is_a_clear_error(clean: CaseSnapshot) -> None:
    with pytest.raises(ValueError, match="D1, D2 or D3"):
        evaluate(clean, "D4")


def test_result_records_the_configuration_version(clean: CaseSnapshot) -> None:
    result = evaluate(clean, "D2")
    assert result.config_version == "2026.1"
    assert result.to_dict()["config_version"] == "2026.1"


def test_rules_checked_follow_the_gates(clean: CaseSnapshot) -> None:
    d1 = set(evaluate(clean, "D1").rules_checked)
    d3 = set(evaluate(clean, "D3").rules_checked)
    assert "no-contingency-plan" not in d1 and "no-contingency-plan" in d3
    assert "assessment-missing" in d1 and d1 < d3


# --- evidence of change: each carer on their own, partial reviews, reviews that cite nothing ---------


def _goal(goal_id: str, parent: str, *reviews: GoalReview, set_on: date | None = None) -> Goal:
    return Goal(id=goal_id, parent=parent, description=f"Goal {goal_id}", reviews=reviews, set_on=set_on)


def test_the_carer_with_the_lowest_latest_t_score_governs_not_the_family_average(clean: CaseSnapshot) -> None:
    may = date(2026, 5, 15)
    jo = [
        _goal(f"j-{i}", "Jo Brown", GoalReview(reviewed_on=may, score=2, evidence_ids=("ev-2",)))
        for i in (1, 2)
    ]
    ray = _goal("r-1", "Ray Brown", GoalReview(reviewed_on=may, score=-2, evidence_ids=("ev-2",)))
    s = replace(clean, goals=(*jo, ray))
    # the family's T-score that day (+2, +2, −2) is green: an average would hide Ray's −2
    family = evaluate(s, "D2").reviews[-1]
    assert family.t_score > 50
    result = evaluate(s, "D2")
    assert result.suggested_answer == "no"
    assert any(
        r.startswith("Ray Brown's latest goal review (15 May 2026) has a T-score of 30.0, below 40")
        for r in result.reasons
    )
    # Jo alone (the same +2s) does not lower the answer through the T-score
    alone = evaluate(replace(clean, goals=tuple(jo)), "D2")
    assert any(
        r.startswith("Jo Brown's latest goal review (15 May 2026) has a T-score of") for r in alone.reasons
    )
    assert not any("below the expected level" in r for r in alone.reasons)


def test_a_partial_latest_review_cannot_lift_the_answer(clean: CaseSnapshot) -> None:
    # a third goal for Jo, set in April, left out of the May review
    third = _goal("g-3", "Jo Brown", set_on=date(2026, 4, 1))
    s = replace(clean, goals=(*clean.goals, third))
    result = evaluate(s, "D3")
    assert result.suggested_answer == "maybe"
    assert any(
        "Jo Brown's latest goal review (15 May 2026) scored only 2 of 3 goals (not scored: 'Goal g-3')" in r
        for r in result.reasons
    )
    latest = result.reviews[-1]
    assert latest.partial and (latest.goals_scored, latest.goals_due) == (2, 3)
    assert latest.to_dict()["partial"] is True and latest.to_dict()["goals_due"] == 3
    # the same goal set after the review: the review was complete
    later = replace(s, goals=(*clean.goals, replace(third, set_on=date(2026, 5, 20))))
    assert evaluate(later, "D3").suggested_answer == "yes"
    assert not evaluate(later, "D3").reviews[-1].partial


def test_a_goal_with_no_set_on_date_counts_from_its_first_review(clean: CaseSnapshot) -> None:
    earlier = _goal(
        "g-3", "Jo Brown", GoalReview(reviewed_on=date(2026, 3, 15), score=-2, evidence_ids=("ev-2",))
    )
    result = evaluate(replace(clean, goals=(*clean.goals, earlier)), "D2")
    assert result.reviews[-1].partial and result.reviews[-1].goals_due == 3
    assert not result.reviews[0].partial  # all three were scored on 15 March
    assert result.suggested_answer == "maybe"
    assert any("scored only 2 of 3 goals" in r for r in result.reasons)


def test_a_latest_review_citing_nothing_cannot_lift_the_answer(clean: CaseSnapshot) -> None:
    bare = tuple(
        replace(g, reviews=(*g.reviews, GoalReview(reviewed_on=date(2026, 5, 30), score=2, note="n/a")))
        for g in clean.goals
    )
    result = evaluate(replace(clean, goals=bare), "D2")
    assert result.suggested_answer == "maybe"
    assert any(
        "Jo Brown's latest goal review (30 May 2026) cites no evidence, or only attendance" in r
        for r in result.reasons
    )
    assert evaluate(clean, "D2").suggested_answer == "yes"


def test_gaming_unticking_the_evidence_behind_a_low_score_does_not_lift_the_answer(
    clean: CaseSnapshot,
) -> None:
    # Jo's latest review: one goal +1 on an observation, one −1 on the CMHT's letter (a caution)
    g1, g2 = clean.goals
    low = replace(g1, reviews=(*g1.reviews[:-1], replace(g1.reviews[-1], score=-1)))
    s = replace(clean, goals=(low, g2))
    assert evaluate(s, "D3").suggested_answer == "maybe"
    # the letter un-ticked from the −1: no longer a caution, but the review cannot lift the answer
    unticked = replace(low, reviews=(*low.reviews[:-1], replace(low.reviews[-1], evidence_ids=())))
    result = evaluate(replace(s, goals=(unticked, g2)), "D3")
    assert "progress-below-expected" not in [f.id for f in result.findings]
    assert result.suggested_answer == "maybe"
    said = (
        "Jo Brown's latest goal review (15 May 2026) scores 'Keep to the treatment plan agreed with the CMHT'"
    )
    assert any(r.startswith(said) for r in result.reasons)
