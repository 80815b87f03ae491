"""placement-instability: the configured number of placements (3) or more in the current period."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import care_history, find

from homeward.framework import CaseSnapshot

RULE = "placement-instability"


def test_fires_at_the_threshold(clean: CaseSnapshot) -> None:
    f = find(replace(clean, care_history=care_history(placements=3)), RULE, "D1")
    assert f is not None and f.kind == "caution" and f.people == ("Ava Brown",)
    assert "Ava Brown has had 3 placements in the current period of care" in f.message


def test_silent_one_below_it(clean: CaseSnapshot) -> None:
    assert find(replace(clean, care_history=care_history(placements=2)), RULE, "D1") is None


def test_a_long_settled_current_placement_does_not_clear_it(clean: CaseSnapshot) -> None:
    settled = replace(care_history(placements=4), placement_started_on=date(2024, 6, 1))
    f = find(replace(clean, care_history=settled), RULE, "D3")
    assert f is not None and "has had 4 placements" in f.message
