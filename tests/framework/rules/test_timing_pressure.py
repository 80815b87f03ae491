"""timing-pressure: a return timed by the calendar (the reason chosen, a date within the configured
window (7 days) of a calendar day or the child's birthday, or words naming one), or with no reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import ReturnPlan

RULE = "timing-pressure"
CHRISTMAS = ReturnPlan(
    staged=True, proposed_date=date(2026, 12, 20), timing_reason="christmas", timing_note="Home for Christmas"
)


def _plan(s: CaseSnapshot, plan: ReturnPlan) -> CaseSnapshot:
    return replace(s, return_plan=plan)


def test_fires_for_a_christmas_return(clean: CaseSnapshot) -> None:
    f = find(_plan(clean, CHRISTMAS), RULE, "D2")
    assert f is not None and f.kind == "gap"
    assert "The return is proposed for 20 December 2026" in f.message and "christmas" in f.message


def test_silent_for_a_return_timed_by_progress(clean: CaseSnapshot) -> None:
    progress = replace(
        CHRISTMAS, timing_reason="goals_met", proposed_date=date(2026, 6, 17), timing_note="Goals met"
    )
    assert find(_plan(clean, progress), RULE, "D2") is None


def test_choosing_goals_met_does_not_hide_a_christmas_return(clean: CaseSnapshot) -> None:
    f = find(_plan(clean, replace(CHRISTMAS, timing_reason="goals_met")), RULE, "D2")
    assert f is not None and "Christmas Day (25 December 2026)" in f.message and "'christmas'" in f.message


@pytest.mark.parametrize("note", ["", "n/a", "TBC", "see notes"])
def test_a_reason_that_says_nothing_is_not_recorded(clean: CaseSnapshot, note: str) -> None:
    plan = ReturnPlan(staged=True, proposed_date=date(2026, 6, 17), timing_reason=None, timing_note=note)
    f = find(_plan(clean, plan), RULE, "D3")
    assert f is not None and "the reason for that timing is not recorded" in f.message
    if note:
        assert f"(the reason given says only '{note}')" in f.message


@pytest.mark.parametrize(
    ("proposed", "note", "fires", "names"),
    [
        (date(2027, 3, 5), "Goals met at the review", True, "Ava Brown's birthday (1 March 2027)"),
        (date(2027, 3, 8), "Goals met at the review", True, "Ava Brown's birthday (1 March 2027)"),
        (date(2027, 3, 9), "Goals met at the review", False, ""),
        (
            date(2026, 9, 1),
            "Goals met at the review",
            True,
            "the start of the autumn term (3 September 2026)",
        ),
        (date(2026, 6, 17), "Ready in time for the new term", True, "'new term'"),
        (date(2026, 6, 17), "Settled contact, no incidents since March", False, ""),
    ],
    ids=[
        "near her birthday",
        "the last day of the window",
        "a day outside the window",
        "near the term",
        "words name the term",
        "progress",
    ],
)
def test_reads_the_date_and_the_words(
    clean: CaseSnapshot, proposed: date, note: str, fires: bool, names: str
) -> None:
    plan = ReturnPlan(staged=True, proposed_date=proposed, timing_reason="goals_met", timing_note=note)
    f = find(_plan(clean, plan), RULE, "D3")
    assert (f is not None) == fires
    if f is not None:
        assert names in f.message
