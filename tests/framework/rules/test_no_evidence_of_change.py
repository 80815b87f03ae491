"""no-evidence-of-change: a review counts only when it cites real evidence beyond attendance."""

from __future__ import annotations

from datetime import date

from tests.framework.rules.helpers import find, goal, review, with_goals

from homeward.framework import CaseSnapshot

MAY = date(2026, 5, 15)
RULE = "no-evidence-of-change"


def test_a_review_citing_nothing_is_named_and_one_citing_an_observation_is_not(clean: CaseSnapshot) -> None:
    nothing = with_goals(clean, goal("g-1", "Jo Brown", "Keep Ava's routines", review(MAY, 2)))
    f = find(nothing, RULE, "D2")
    assert f is not None and f.kind == "gap" and f.people == ("Jo Brown",)
    assert "Jo Brown's review of 15 May 2026 cites no evidence" in f.message
    observed = with_goals(clean, goal("g-1", "Jo Brown", "Keep Ava's routines", review(MAY, 2, "ev-seen")))
    assert find(observed, RULE, "D2") is None


def test_attendance_alone_is_not_evidence_of_change_whatever_the_score(clean: CaseSnapshot) -> None:
    attended = with_goals(clean, goal("g-1", "Jo Brown", "Use the course at home", review(MAY, 2, "ev-att")))
    f = find(attended, RULE, "D2")
    assert f is not None and f.people == ("Jo Brown",)
    assert "Jo Brown's review of 15 May 2026 rests on attendance alone" in f.message
    both = with_goals(
        clean, goal("g-1", "Jo Brown", "Use the course at home", review(MAY, 2, "ev-att", "ev-seen"))
    )
    assert find(both, RULE, "D2") is None


def test_gaming_a_placeholder_note_or_an_unknown_evidence_id_does_not_count(clean: CaseSnapshot) -> None:
    placeholder = with_goals(
        clean, goal("g-1", "Jo Brown", "Keep Ava's routines", review(MAY, 2, note="n/a"))
    )
    f = find(placeholder, RULE, "D2")
    assert f is not None and "cites no evidence" in f.message
    # an id the snapshot does not hold is no evidence at all
    ghost = with_goals(clean, goal("g-1", "Jo Brown", "Keep Ava's routines", review(MAY, 2, "ev-missing")))
    f = find(ghost, RULE, "D2")
    assert f is not None and "cites no evidence" in f.message


def test_gaming_one_parent_s_evidence_does_not_cover_the_other(clean: CaseSnapshot) -> None:
    jo = goal("g-1", "Jo Brown", "Keep Ava's routines", review(MAY, 2, "ev-seen"))
    ray = goal("g-2", "Ray Brown", "Take Ava to school on time", review(MAY, -2))
    f = find(with_goals(clean, jo, ray), RULE, "D3")
    assert f is not None and f.people == ("Ray Brown",)
    assert "Ray Brown's review of 15 May 2026 cites no evidence" in f.message and "Jo Brown" not in f.message
    ray_seen = goal("g-2", "Ray Brown", "Take Ava to school on time", review(MAY, -2, "ev-seen"))
    assert find(with_goals(clean, jo, ray_seen), RULE, "D3") is None


def test_a_review_mixing_attendance_and_nothing_says_so(clean: CaseSnapshot) -> None:
    mixed = with_goals(
        clean,
        goal("g-1", "Jo Brown", "Keep Ava's routines", review(MAY, 1, "ev-att")),
        goal("g-2", "Jo Brown", "Keep to the treatment plan", review(MAY, 1)),
    )
    f = find(mixed, RULE, "D2")
    assert (
        f is not None and "Jo Brown's review of 15 May 2026 cites only attendance or no evidence" in f.message
    )
