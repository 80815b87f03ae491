"""agreement-missing: no written agreement with the parents, or one dated after the decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import Agreement

RULE = "agreement-missing"


def test_fires_without_an_agreement_and_names_the_parents(clean: CaseSnapshot) -> None:
    f = find(replace(clean, agreement=None), RULE, "D2")
    assert f is not None and f.kind == "gap"
    assert f.people == ("Jo Brown",) and "There is no written agreement with Jo Brown" in f.message


def test_silent_with_the_agreement_of_the_clean_case(clean: CaseSnapshot) -> None:
    assert find(clean, RULE, "D2") is None


def test_an_entry_saying_there_is_no_agreement_does_not_count(clean: CaseSnapshot) -> None:
    f = find(replace(clean, agreement=Agreement(exists=False, has_conditions=True)), RULE, "D2")
    assert f is not None and "Jo Brown" in f.message


def test_an_agreement_dated_after_the_decision_has_not_been_made_yet(clean: CaseSnapshot) -> None:
    assert clean.agreement is not None
    on_the_day = replace(clean, agreement=replace(clean.agreement, agreed_on=clean.as_of))
    assert find(on_the_day, RULE, "D3") is None
    later = replace(clean, agreement=replace(clean.agreement, agreed_on=date(2026, 6, 2)))
    f = find(later, RULE, "D3")
    assert f is not None and "with Jo Brown" in f.message
