"""unplanned-previous-return: an earlier return home was outside the care plan (903 REC E4B)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import FAILED, care_history, find

from homeward.framework import CaseSnapshot

RULE = "unplanned-previous-return"
UNPLANNED = replace(FAILED, reason_ceased="E4B")


def test_fires_naming_the_child_and_the_date(clean: CaseSnapshot) -> None:
    f = find(replace(clean, care_history=care_history(UNPLANNED)), RULE, "D2")
    assert f is not None and f.kind == "caution" and f.people == ("Ava Brown",)
    assert (
        "Ava Brown has returned home before outside the care plan (903 E4B, unplanned): 20 January 2024"
        in (f.message)
    )


def test_silent_for_a_planned_return(clean: CaseSnapshot) -> None:
    assert find(replace(clean, care_history=care_history(FAILED)), RULE, "D2") is None


def test_a_return_that_held_or_a_later_planned_one_does_not_clear_it(clean: CaseSnapshot) -> None:
    held = replace(UNPLANNED, broke_down=False, came_back_on=None)
    planned = replace(FAILED, returned_on=date(2025, 5, 1), came_back_on=None, broke_down=False)
    f = find(replace(clean, care_history=care_history(held, planned)), RULE, "D3")
    assert f is not None and "20 January 2024" in f.message and "1 May 2025" not in f.message


def test_a_return_dated_after_the_decision_is_not_counted(clean: CaseSnapshot) -> None:
    later = replace(UNPLANNED, returned_on=date(2026, 6, 2), came_back_on=None, broke_down=False)
    assert find(replace(clean, care_history=care_history(later)), RULE, "D1") is None
