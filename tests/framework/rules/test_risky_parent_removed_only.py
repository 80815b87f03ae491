"""risky-parent-removed-only: cleared only by the remaining carer's own capacity assessment since the
risky adult left, never by goal reviews."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import find, goal, review, with_goals

from homeward.framework import CaseSnapshot
from homeward.framework.snapshot import CarerCapacityAssessment, HouseholdMember

RULE = "risky-parent-removed-only"
LEE = HouseholdMember(
    name="Lee Jones",
    relationship="father",
    in_household_since=date(2019, 3, 1),
    parental_responsibility=True,
    assessed_on=date(2026, 3, 1),
    left_household_on=date(2025, 10, 1),
    poses_risk=True,
)
JO_ASSESSED = CarerCapacityAssessment(
    carer="Jo Brown", relationship="mother", assessed_on=date(2026, 3, 20), assessed_separately=True
)


def _left(s: CaseSnapshot, *assessments: CarerCapacityAssessment) -> CaseSnapshot:
    return replace(s, household_members=(*s.household_members, LEE), carer_assessments=assessments)


def test_silent_when_the_remaining_carer_was_assessed_separately_after_the_adult_left(
    clean: CaseSnapshot,
) -> None:
    assert find(_left(clean, JO_ASSESSED), RULE, "D1") is None
    # on the very day he left counts too
    assert find(_left(clean, replace(JO_ASSESSED, assessed_on=date(2025, 10, 1))), RULE, "D1") is None


def test_fires_with_no_assessment_and_names_the_carer(clean: CaseSnapshot) -> None:
    f = find(_left(clean), RULE, "D1")
    assert f is not None and f.kind == "caution"
    assert "Lee Jones (father) left on 1 October 2025" in f.message
    assert "Jo Brown has no parenting capacity assessment of their own" in f.message
    assert f.people == ("Lee Jones", "Jo Brown")


def test_fires_when_assessed_before_the_adult_left(clean: CaseSnapshot) -> None:
    before = replace(JO_ASSESSED, assessed_on=date(2025, 9, 30))
    f = find(_left(clean, before), RULE, "D2")
    assert f is not None
    assert (
        "Jo Brown's parenting capacity was last assessed on 30 September 2025, before Lee Jones left"
        in f.message
    )


def test_fires_when_not_assessed_separately(clean: CaseSnapshot) -> None:
    jointly = replace(JO_ASSESSED, assessed_separately=False)
    f = find(_left(clean, jointly), RULE, "D3")
    assert f is not None
    assert "Jo Brown's parenting capacity has not been assessed separately since Lee Jones left" in f.message


def test_an_assessment_after_as_of_does_not_count_yet(clean: CaseSnapshot) -> None:
    future = replace(JO_ASSESSED, assessed_on=date(2026, 6, 2))
    f = find(_left(clean, future), RULE, "D1")
    assert f is not None and "no parenting capacity assessment of their own" in f.message


def test_gaming_goal_reviews_never_clear_it(clean: CaseSnapshot) -> None:
    great = [
        goal("g-1", "Jo Brown", "Keep Ava's routines", review(date(2026, 5, 15), 2, "ev-seen")),
        goal(
            "g-2",
            "Jo Brown",
            "Keep to the treatment plan",
            review(date(2026, 5, 15), 2, "ev-seen", note="n/a"),
        ),
    ]
    s = with_goals(_left(clean), *great)
    f = find(s, RULE, "D3")
    assert f is not None and "Goal reviews do not show this" in f.message
    attended = with_goals(
        _left(clean), goal("g-1", "Jo Brown", "Use the course", review(date(2026, 5, 15), 2, "ev-att"))
    )
    assert find(attended, RULE, "D3") is not None


def test_each_remaining_carer_needs_their_own(clean: CaseSnapshot) -> None:
    ray = replace(clean.household_members[1], parental_responsibility=True)
    s = replace(_left(clean, JO_ASSESSED), household_members=(clean.household_members[0], ray, LEE))
    f = find(s, RULE, "D1")
    assert f is not None and f.people == ("Lee Jones", "Ray Brown")
    assert "Ray Brown has no parenting capacity assessment" in f.message and "Jo Brown has" not in f.message
    ray_done = replace(JO_ASSESSED, carer="Ray Brown", relationship="maternal grandfather")
    assert find(replace(s, carer_assessments=(JO_ASSESSED, ray_done)), RULE, "D1") is None


def test_silent_when_the_adult_who_left_was_not_a_risk(clean: CaseSnapshot) -> None:
    s = replace(
        clean,
        household_members=(*clean.household_members, replace(LEE, poses_risk=False)),
        carer_assessments=(),
    )
    assert find(s, RULE, "D1") is None
