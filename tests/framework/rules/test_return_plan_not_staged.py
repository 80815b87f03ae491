"""return-plan-not-staged: no return plan, or a return that is not staged."""

from __future__ import annotations

from dataclasses import replace

from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot

RULE = "return-plan-not-staged"


def test_fires_when_not_staged(clean: CaseSnapshot) -> None:
    assert clean.return_plan is not None
    f = find(replace(clean, return_plan=replace(clean.return_plan, staged=False)), RULE, "D3")
    assert f is not None and f.kind == "gap" and f.people == ("Ava Brown",)
    assert "Ava Brown's return plan is not staged" in f.message


def test_fires_without_a_plan(clean: CaseSnapshot) -> None:
    f = find(replace(clean, return_plan=None), RULE, "D3")
    assert f is not None and "There is no return plan for Ava Brown" in f.message


def test_silent_when_staged(clean: CaseSnapshot) -> None:
    assert find(clean, RULE, "D3") is None


def test_saying_staged_in_the_timing_note_does_not_stage_it(clean: CaseSnapshot) -> None:
    assert clean.return_plan is not None
    worded = replace(clean.return_plan, staged=False, timing_note="Staged return, overnight stays first")
    f = find(replace(clean, return_plan=worded), RULE, "D3")
    assert f is not None and "is not staged" in f.message
