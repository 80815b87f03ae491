"""child-wishes-pressure-not-considered: the child's wishes are recorded, but not whether a parent
pressured the child."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot, evaluate
from homeward.framework.snapshot import ChildWishes

RULE = "child-wishes-pressure-not-considered"
WISHES = ChildWishes(
    recorded_on=date(2026, 5, 5),
    in_own_words="I want to go home.",
    present=("Jo Brown (mother)",),
    parental_pressure_considered=False,
    seen_alone=False,
)


def test_fires_naming_who_was_present(clean: CaseSnapshot) -> None:
    f = find(replace(clean, child_wishes=WISHES), RULE, "D1")
    assert f is not None and f.kind == "gap"
    assert "Ava Brown's wishes were recorded on 5 May 2026 with Jo Brown (mother) present" in f.message
    assert f.people == ("Ava Brown", "Jo Brown (mother)")


def test_silent_when_pressure_was_considered(clean: CaseSnapshot) -> None:
    considered = replace(clean, child_wishes=replace(WISHES, parental_pressure_considered=True))
    assert find(considered, RULE, "D1") is None


def test_emptying_the_wishes_does_not_clear_the_gap(clean: CaseSnapshot) -> None:
    # Wiping what the child said to escape this finding lands on child-wishes-not-recorded instead.
    for words in ("", "n/a", "TBC"):
        gaps = {
            f.id
            for f in evaluate(replace(clean, child_wishes=replace(WISHES, in_own_words=words)), "D2").gaps
        }
        assert RULE not in gaps and "child-wishes-not-recorded" in gaps
