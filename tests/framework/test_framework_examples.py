"""The example cases as a whole: the clean case has no findings at any gate, and the Dean Smith example
moves only the finding it is about. Each rule's own cases are in tests/framework/rules/."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from homeward.framework import CaseSnapshot, Gate, evaluate


@pytest.mark.parametrize("gate", ["D1", "D2", "D3"])
def test_clean_case_has_no_findings_and_suggests_yes(clean: CaseSnapshot, gate: str) -> None:
    result = evaluate(clean, gate)
    assert result.gaps == () and result.cautions == ()
    assert result.suggested_answer == "yes"


def test_dean_smith_example_clears_when_dean_is_assessed(dean: CaseSnapshot) -> None:
    before = evaluate(dean, Gate.D2)
    assert "household-member-not-assessed" in {f.id for f in before.gaps}
    members = tuple(
        replace(m, assessed_on=date(2026, 5, 30)) if m.name == "Dean Smith" else m
        for m in dean.household_members
    )
    after = evaluate(replace(dean, household_members=members), Gate.D2)
    assert "household-member-not-assessed" not in {f.id for f in after.gaps}
    assert before.suggested_answer == after.suggested_answer == "maybe"
