"""assessment-missing: no completed, written reunification assessment by the decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import Assessment

RULE = "assessment-missing"


def test_fires_when_started_but_not_completed(clean: CaseSnapshot) -> None:
    started = replace(clean, assessment=Assessment(started_on=date(2026, 2, 1), completed_on=None))
    f = find(started, RULE, "D1")
    assert f is not None and f.kind == "gap"
    assert "The reunification assessment for Ava Brown was started on 1 February 2026" in f.message
    assert f.people == ("Ava Brown",)


def test_fires_when_there_is_none(clean: CaseSnapshot) -> None:
    f = find(replace(clean, assessment=None), RULE, "D1")
    assert f is not None and "for Ava Brown has not been started" in f.message


def test_silent_when_completed_on_the_day_of_the_decision(clean: CaseSnapshot) -> None:
    assert find(clean, RULE, "D1") is None
    on_the_day = replace(clean, assessment=Assessment(completed_on=clean.as_of))
    assert find(on_the_day, RULE, "D1") is None


def test_a_completion_date_after_the_decision_does_not_count_yet(clean: CaseSnapshot) -> None:
    future = replace(clean, assessment=Assessment(started_on=date(2026, 2, 1), completed_on=date(2026, 6, 2)))
    f = find(future, RULE, "D3")
    assert f is not None and "has not been completed" in f.message
