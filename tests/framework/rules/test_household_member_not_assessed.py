"""household-member-not-assessed: someone in the household was neither assessed nor excluded with a
reason that says something."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests.framework.rules.helpers import DEAN, add_member, find

from homeward.framework import CaseSnapshot

RULE = "household-member-not-assessed"


def test_fires_naming_the_person(clean: CaseSnapshot) -> None:
    f = find(add_member(clean, DEAN), RULE, "D1")
    assert f is not None and f.kind == "gap" and f.people == ("Dean Smith",)
    assert (
        "Dean Smith (mother's partner, in the household since 3 March 2026) has not been assessed"
        in f.message
    )


def test_silent_once_assessed(clean: CaseSnapshot) -> None:
    assert find(add_member(clean, replace(DEAN, assessed_on=date(2026, 3, 20))), RULE, "D1") is None


def test_silent_when_excluded_with_a_reason(clean: CaseSnapshot) -> None:
    excluded = add_member(
        clean, replace(DEAN, excluded_reason="Stays two nights a month; never alone with Ava")
    )
    assert find(excluded, RULE, "D2") is None


@pytest.mark.parametrize("reason", ["  ", "n/a", "TBC", "see notes", "-", "ok"])
def test_an_exclusion_reason_that_says_nothing_does_not_count(clean: CaseSnapshot, reason: str) -> None:
    f = find(add_member(clean, replace(DEAN, excluded_reason=reason)), RULE, "D2")
    assert f is not None and "Dean Smith" in f.message
    if reason.strip():
        assert f"the reason for leaving them out says only '{reason}'" in f.message


def test_someone_who_left_or_has_not_arrived_is_not_required(clean: CaseSnapshot) -> None:
    assert find(add_member(clean, replace(DEAN, left_household_on=date(2026, 5, 1))), RULE, "D1") is None
    assert find(add_member(clean, replace(DEAN, in_household_since=date(2026, 7, 1))), RULE, "D1") is None


def test_an_assessment_dated_after_the_decision_does_not_count_yet(clean: CaseSnapshot) -> None:
    f = find(add_member(clean, replace(DEAN, assessed_on=date(2026, 6, 10))), RULE, "D1")
    assert f is not None and f.people == ("Dean Smith",)


def test_a_leaving_date_after_the_decision_does_not_take_him_out_yet(clean: CaseSnapshot) -> None:
    f = find(add_member(clean, replace(DEAN, left_household_on=date(2026, 7, 1))), RULE, "D1")
    assert f is not None and f.people == ("Dean Smith",)
