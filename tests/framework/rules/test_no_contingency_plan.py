"""no-contingency-plan: no plan, saying something and dated by the decision, for a return that fails."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import ContingencyPlan

RULE = "no-contingency-plan"
PLAN = ContingencyPlan(
    summary="Ava stays with Grandad while support is increased", recorded_on=date(2026, 5, 25)
)


def test_fires_without_a_plan(clean: CaseSnapshot) -> None:
    f = find(replace(clean, contingency_plan=None), RULE, "D3")
    assert f is not None and f.kind == "gap" and f.people == ("Ava Brown",)
    assert "what will happen if Ava Brown's return does not work" in f.message


def test_silent_with_a_plan_recorded_on_the_day(clean: CaseSnapshot) -> None:
    assert find(clean, RULE, "D3") is None
    assert find(replace(clean, contingency_plan=replace(PLAN, recorded_on=clean.as_of)), RULE, "D3") is None


@pytest.mark.parametrize("summary", ["   ", "TBC", "n/a", "see notes", "to follow"])
def test_a_plan_that_says_nothing_does_not_count(clean: CaseSnapshot, summary: str) -> None:
    f = find(replace(clean, contingency_plan=replace(PLAN, summary=summary)), RULE, "D3")
    assert f is not None and "Ava Brown's return does not work" in f.message
    if summary.strip():
        assert f"The contingency plan says only '{summary}'" in f.message


def test_a_plan_dated_after_the_decision_does_not_count_yet(clean: CaseSnapshot) -> None:
    f = find(replace(clean, contingency_plan=replace(PLAN, recorded_on=date(2026, 6, 2))), RULE, "D3")
    assert f is not None and "The contingency plan is dated 2 June 2026, after this decision" in f.message
