"""s20-parent-may-remove: the child is accommodated under s20 (903 legal status V2)."""

from __future__ import annotations

from dataclasses import replace

from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot

RULE = "s20-parent-may-remove"


def test_fires_naming_the_child_and_the_parent(clean: CaseSnapshot) -> None:
    f = find(replace(clean, legal_status="V2"), RULE, "D1")
    assert f is not None and f.kind == "caution" and f.people == ("Ava Brown", "Jo Brown")
    assert "Jo Brown may remove Ava Brown at any time" in f.message


def test_silent_under_a_care_order(clean: CaseSnapshot) -> None:
    assert find(replace(clean, legal_status="C1"), RULE, "D1") is None


def test_no_one_recorded_with_parental_responsibility_does_not_clear_it(clean: CaseSnapshot) -> None:
    members = tuple(replace(m, parental_responsibility=False) for m in clean.household_members)
    f = find(replace(clean, legal_status="V2", household_members=members), RULE, "D3")
    assert f is not None and f.people == ("Ava Brown",)
    assert "A parent with parental responsibility may remove Ava Brown at any time" in f.message
