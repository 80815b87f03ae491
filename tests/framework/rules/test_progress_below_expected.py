"""progress-below-expected: a carer's latest evidenced scores below the expected level are a caution."""

from __future__ import annotations

from datetime import date

from tests.framework.rules.helpers import find, goal, review, with_goals

from homeward.framework import RULES_BY_ID, CaseSnapshot, Gate, evaluate

MARCH, MAY = date(2026, 3, 15), date(2026, 5, 15)
RULE = "progress-below-expected"
ROUTINES = "Keep Ava's routines at bedtime"


def test_fires_on_an_observed_score_below_expected_and_names_the_carer_and_goal(clean: CaseSnapshot) -> None:
    below = with_goals(clean, goal("g-1", "Jo Brown", ROUTINES, review(MAY, -1, "ev-seen")))
    f = find(below, RULE, "D2")
    assert f is not None and f.kind == "caution"
    assert f.people == ("Jo Brown",) and f.items == ("g-1",)
    assert (
        f"Jo Brown's latest evidenced goal reviews are below the expected level: '{ROUTINES}' scored -1"
        in (f.message)
    )
    assert "(less than expected) on 15 May 2026" in f.message
    at_expected = with_goals(clean, goal("g-1", "Jo Brown", ROUTINES, review(MAY, 0, "ev-seen")))
    assert find(at_expected, RULE, "D2") is None


def test_applies_from_d2_only(clean: CaseSnapshot) -> None:
    assert RULES_BY_ID[RULE].gates == {Gate.D2, Gate.D3}
    below = with_goals(clean, goal("g-1", "Jo Brown", ROUTINES, review(MAY, -2, "ev-seen")))
    assert RULE not in evaluate(below, "D1").rules_checked
    assert find(below, RULE, "D3") is not None


def test_gaming_a_later_review_on_nothing_attendance_or_a_placeholder_does_not_clear_it(
    clean: CaseSnapshot,
) -> None:
    seen_low = review(MARCH, -2, "ev-seen")
    for later in (review(MAY, 2), review(MAY, 2, "ev-att"), review(MAY, 2, note="n/a")):
        s = with_goals(clean, goal("g-1", "Jo Brown", ROUTINES, seen_low, later))
        f = find(s, RULE, "D3")
        assert f is not None, later
        assert "scored -2 (much less than expected) on 15 March 2026" in f.message
    # a later score on real evidence does clear it
    cleared = with_goals(clean, goal("g-1", "Jo Brown", ROUTINES, seen_low, review(MAY, 1, "ev-seen")))
    assert find(cleared, RULE, "D3") is None


def test_gaming_another_carer_s_high_scores_do_not_average_it_away(clean: CaseSnapshot) -> None:
    jo = [goal(f"g-{i}", "Jo Brown", f"Goal {i}", review(MAY, 2, "ev-seen")) for i in (1, 2, 3)]
    ray = goal("g-9", "Ray Brown", "Take Ava to school on time", review(MAY, -2, "ev-seen"))
    f = find(with_goals(clean, *jo, ray), RULE, "D3")
    assert f is not None and f.people == ("Ray Brown",) and f.items == ("g-9",)
    assert "Jo Brown" not in f.message
    assert find(with_goals(clean, *jo), RULE, "D3") is None


def test_a_low_score_citing_no_evidence_is_left_to_no_evidence_of_change(clean: CaseSnapshot) -> None:
    s = with_goals(clean, goal("g-1", "Jo Brown", ROUTINES, review(MAY, -2, "ev-att")))
    assert find(s, RULE, "D2") is None
    assert find(s, "no-evidence-of-change", "D2") is not None


def test_the_clean_example_is_silent(clean: CaseSnapshot) -> None:
    assert find(clean, RULE, "D2") is None and find(clean, RULE, "D3") is None
