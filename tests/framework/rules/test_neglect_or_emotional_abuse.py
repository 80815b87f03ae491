"""neglect-or-emotional-abuse: the family's concerns include neglect or emotional abuse."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import Need

RULE = "neglect-or-emotional-abuse"


@pytest.mark.parametrize("kind", ["neglect", "emotional_abuse"])
def test_fires_naming_the_concern_and_the_person(clean: CaseSnapshot, kind: str) -> None:
    need = Need(type=kind, person="Jo Brown")  # type: ignore[arg-type]
    f = find(replace(clean, needs=(*clean.needs, need)), RULE, "D1")
    assert f is not None and f.kind == "caution" and f.people == ("Jo Brown",)
    assert f"The concerns include {kind.replace('_', ' ')} (concerning Jo Brown)" in f.message


def test_silent_for_another_kind_of_concern(clean: CaseSnapshot) -> None:
    physical = Need(type="physical_abuse", person="Jo Brown")
    assert find(replace(clean, needs=(*clean.needs, physical)), RULE, "D1") is None
    assert find(clean, RULE, "D1") is None


def test_recording_the_neglect_as_stopped_or_unattributed_does_not_clear_it(clean: CaseSnapshot) -> None:
    stopped = Need(type="neglect", person="", continuing=False, notes="Improved since March")
    f = find(replace(clean, needs=(*clean.needs, stopped)), RULE, "D3")
    assert f is not None and "The concerns include neglect." in f.message and f.people == ()
