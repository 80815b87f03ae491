"""agreement-missing-consequences: the written agreement does not say what happens if it is not kept."""

from __future__ import annotations

from dataclasses import replace

from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot, evaluate
from homeward.framework.snapshot import Agreement

RULE = "agreement-missing-consequences"


def test_fires_when_the_agreement_has_no_consequences(clean: CaseSnapshot) -> None:
    assert clean.agreement is not None
    no_consequences = replace(clean, agreement=replace(clean.agreement, has_consequences=False))
    f = find(no_consequences, RULE, "D2")
    assert f is not None and f.kind == "gap"
    assert "The written agreement (agreed on 10 April 2026) does not say what will happen" in f.message


def test_silent_when_the_agreement_states_them(clean: CaseSnapshot) -> None:
    assert find(clean, RULE, "D2") is None


def test_removing_the_agreement_does_not_clear_the_gap_it_leaves(clean: CaseSnapshot) -> None:
    # Deleting the agreement, or marking it as not existing, swaps this finding for agreement-missing.
    for agreement in (None, Agreement(exists=False, has_consequences=False)):
        gaps = {f.id for f in evaluate(replace(clean, agreement=agreement), "D2").gaps}
        assert RULE not in gaps and "agreement-missing" in gaps
