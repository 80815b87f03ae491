"""agreement-incomplete: the written agreement does not state the conditions, or the support."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot, evaluate
from homeward.framework.snapshot import Agreement

RULE = "agreement-incomplete"


@pytest.mark.parametrize(
    ("conditions", "support", "says"),
    [
        (True, False, "the support the family will receive"),
        (False, True, "the conditions the parents must meet"),
    ],
)
def test_fires_naming_what_is_missing(
    clean: CaseSnapshot, conditions: bool, support: bool, says: str
) -> None:
    assert clean.agreement is not None
    s = replace(clean, agreement=replace(clean.agreement, has_conditions=conditions, has_support=support))
    f = find(s, RULE, "D3")
    assert f is not None and f.kind == "gap"
    assert f"The written agreement does not state {says}." in f.message


def test_names_both_when_both_are_missing(clean: CaseSnapshot) -> None:
    assert clean.agreement is not None
    s = replace(clean, agreement=replace(clean.agreement, has_support=False, has_conditions=False))
    f = find(s, RULE, "D2")
    assert f is not None
    assert "the conditions the parents must meet and the support the family will receive" in f.message


def test_silent_when_the_agreement_states_both(clean: CaseSnapshot) -> None:
    assert find(clean, RULE, "D3") is None


def test_marking_the_agreement_as_not_existing_does_not_clear_the_gap(clean: CaseSnapshot) -> None:
    gaps = {f.id for f in evaluate(replace(clean, agreement=Agreement(exists=False)), "D3").gaps}
    assert RULE not in gaps and "agreement-missing" in gaps
