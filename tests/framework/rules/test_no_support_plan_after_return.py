"""no-support-plan-after-return: no support plan after the return, one shorter than the configured
minimum (12 months), or one that does not say what the support is."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import SupportPlan

RULE = "no-support-plan-after-return"
SUMMARY = "Family support worker twice a week (Family Hub)"


def test_fires_without_a_plan(clean: CaseSnapshot) -> None:
    f = find(replace(clean, support_plan=None), RULE, "D3")
    assert f is not None and f.kind == "gap" and f.people == ("Ava Brown",)
    assert "There is no support plan for after Ava Brown's return" in f.message


def test_one_month_short_of_the_minimum_fires_and_the_minimum_is_silent(clean: CaseSnapshot) -> None:
    f = find(replace(clean, support_plan=SupportPlan(months=11, summary=SUMMARY)), RULE, "D3")
    assert f is not None and "covers 11 months" in f.message and "at least 12 months" in f.message
    assert find(replace(clean, support_plan=SupportPlan(months=12, summary=SUMMARY)), RULE, "D3") is None


@pytest.mark.parametrize("summary", ["", "TBC", "see notes", "n/a", "CIN"])
def test_a_long_plan_that_says_nothing_does_not_count(clean: CaseSnapshot, summary: str) -> None:
    f = find(replace(clean, support_plan=SupportPlan(months=24, summary=summary)), RULE, "D3")
    assert f is not None and "does not say what the support is" in f.message
