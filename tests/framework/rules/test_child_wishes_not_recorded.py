"""child-wishes-not-recorded: the child's wishes are not recorded in their own words by the decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot

RULE = "child-wishes-not-recorded"


def test_fires_when_nothing_is_recorded(clean: CaseSnapshot) -> None:
    f = find(replace(clean, child_wishes=None), RULE, "D1")
    assert f is not None and f.kind == "gap" and f.people == ("Ava Brown",)
    assert "Ava Brown's wishes and feelings have not been recorded in their own words" in f.message


def test_silent_when_recorded_in_her_words(clean: CaseSnapshot) -> None:
    assert find(clean, RULE, "D1") is None


@pytest.mark.parametrize("words", [" ", "n/a", "TBC", "see notes", "happy"])
def test_words_that_say_nothing_do_not_count_and_are_quoted(clean: CaseSnapshot, words: str) -> None:
    assert clean.child_wishes is not None
    s = replace(clean, child_wishes=replace(clean.child_wishes, in_own_words=words))
    f = find(s, RULE, "D2")
    assert f is not None
    if words.strip():
        assert f"(what is recorded says only '{words}')" in f.message


def test_wishes_dated_after_the_decision_are_not_recorded_yet(clean: CaseSnapshot) -> None:
    assert clean.child_wishes is not None
    later = replace(clean, child_wishes=replace(clean.child_wishes, recorded_on=date(2026, 6, 2)))
    f = find(later, RULE, "D3")
    assert f is not None and "Ava Brown's wishes and feelings are dated 2 June 2026" in f.message
    on_the_day = replace(clean, child_wishes=replace(clean.child_wishes, recorded_on=clean.as_of))
    assert find(on_the_day, RULE, "D3") is None
