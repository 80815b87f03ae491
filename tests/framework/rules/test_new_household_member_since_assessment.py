"""new-household-member-since-assessment: someone joined the household after the assessment was
completed, or when they moved in is not known."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests.framework.rules.helpers import DEAN, add_member, find

from homeward.framework import CaseSnapshot

RULE = "new-household-member-since-assessment"
# The clean case's assessment was completed on 1 April 2026.


def test_fires_for_someone_who_moved_in_after_the_assessment(clean: CaseSnapshot) -> None:
    newcomer = replace(DEAN, in_household_since=date(2026, 4, 2))
    f = find(add_member(clean, newcomer), RULE, "D1")
    assert f is not None and f.kind == "caution" and f.people == ("Dean Smith",)
    assert "The household has changed since the assessment was completed on 1 April 2026" in f.message
    assert "Dean Smith (mother's partner, in the household since 2 April 2026), not yet assessed" in f.message


def test_silent_for_someone_who_moved_in_on_the_day_it_was_completed(clean: CaseSnapshot) -> None:
    assert find(add_member(clean, replace(DEAN, in_household_since=date(2026, 4, 1))), RULE, "D1") is None


def test_assessing_the_newcomer_does_not_clear_the_caution(clean: CaseSnapshot) -> None:
    assessed = replace(DEAN, in_household_since=date(2026, 4, 20), assessed_on=date(2026, 5, 1))
    f = find(add_member(clean, assessed), RULE, "D2")
    assert f is not None and "assessed on 1 May 2026" in f.message


@pytest.mark.parametrize("reason", [None, "n/a", "TBC"])
def test_leaving_out_the_move_in_date_is_never_silence(clean: CaseSnapshot, reason: str | None) -> None:
    unknown = replace(DEAN, in_household_since=None, excluded_reason=reason)
    f = find(add_member(clean, unknown), RULE, "D1")
    assert f is not None and "Dean Smith: when they moved in is not known" in f.message


def test_an_unknown_move_in_date_is_silent_once_assessed(clean: CaseSnapshot) -> None:
    assessed = replace(DEAN, in_household_since=None, assessed_on=date(2026, 5, 1))
    assert find(add_member(clean, assessed), RULE, "D1") is None
