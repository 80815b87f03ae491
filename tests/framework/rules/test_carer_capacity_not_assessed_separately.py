"""carer-capacity-not-assessed-separately: a carer's own parenting capacity is not assessed in its own
right; every current household member with parental responsibility counts as a carer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import add_member, find

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import CarerCapacityAssessment, HouseholdMember

RULE = "carer-capacity-not-assessed-separately"
JOINT = CarerCapacityAssessment(
    carer="Jo Brown", relationship="mother", assessed_on=date(2026, 3, 20), assessed_separately=False
)
DAD = HouseholdMember(
    name="Sam Brown",
    relationship="father",
    in_household_since=date(2019, 3, 1),
    parental_responsibility=True,
    assessed_on=date(2026, 3, 21),
)


def test_fires_when_assessed_jointly(clean: CaseSnapshot) -> None:
    f = find(replace(clean, carer_assessments=(JOINT,)), RULE, "D1")
    assert f is not None and f.kind == "gap" and f.people == ("Jo Brown",)
    assert "Jo Brown (mother)'s parenting capacity was not assessed separately" in f.message


def test_silent_when_assessed_separately(clean: CaseSnapshot) -> None:
    assert find(clean, RULE, "D1") is None
    assert find(replace(clean, carer_assessments=(replace(JOINT, assessed_separately=True),)), RULE) is None


def test_a_parent_with_parental_responsibility_needs_one(clean: CaseSnapshot) -> None:
    f = find(add_member(clean, DAD), RULE, "D1")
    assert f is not None and f.people == ("Sam Brown",)
    assert "Sam Brown (father) holds parental responsibility" in f.message
    no_pr = add_member(clean, replace(DAD, parental_responsibility=False))
    assert find(no_pr, RULE, "D1") is None


def test_a_tick_for_separately_without_an_assessment_date_does_not_count(clean: CaseSnapshot) -> None:
    ticked = replace(JOINT, assessed_on=None, assessed_separately=True)
    f = find(replace(clean, carer_assessments=(ticked,)), RULE, "D2")
    assert f is not None and "Jo Brown (mother) has no parenting capacity assessment" in f.message


def test_an_assessment_dated_after_the_decision_does_not_count_yet(clean: CaseSnapshot) -> None:
    carer = CarerCapacityAssessment(carer="Jo Brown", assessed_on=date(2026, 6, 10), assessed_separately=True)
    f = find(replace(clean, carer_assessments=(carer,)), RULE, "D1")
    assert f is not None and "Jo Brown has no parenting capacity assessment" in f.message
    on_the_day = replace(carer, assessed_on=clean.as_of)
    assert find(replace(clean, carer_assessments=(on_the_day,)), RULE, "D1") is None
