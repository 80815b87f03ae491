"""assessment-stale: out of date when things changed after it, or older than the limit since its update."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.framework.rules.helpers import find

from homeward.framework import CaseSnapshot, evaluate
from homeward.framework.snapshot import (
    Assessment,
    CareHistory,
    CarerCapacityAssessment,
    EvidenceItem,
    HouseholdMember,
    Need,
    PeriodOfCare,
    RiskClassification,
)

RULE = "assessment-stale"
# The clean case: assessment completed 1 April 2026, Jo Brown's capacity assessed 20 March, as of 1 June.
DEAN = HouseholdMember(
    name="Dean Smith", relationship="mother's partner", in_household_since=date(2026, 5, 2)
)


def _completed(s: CaseSnapshot, day: date) -> CaseSnapshot:
    assert s.assessment is not None
    return replace(s, assessment=replace(s.assessment, completed_on=day))


def test_silent_on_the_clean_case(clean: CaseSnapshot) -> None:
    assert find(clean, RULE, "D1") is None


def test_older_than_the_configured_limit_counted_from_the_last_update(clean: CaseSnapshot) -> None:
    # Limit 270 days: 270 days before 1 June 2026 is 4 September 2025.
    assert find(_completed(clean, date(2025, 9, 4)), RULE, "D1") is None
    f = find(_completed(clean, date(2025, 9, 3)), RULE, "D1")
    assert f is not None and "3 September 2025, 271 days ago" in f.message


def test_a_case_following_the_framework_is_not_out_of_date_because_its_six_months_passed(
    clean: CaseSnapshot,
) -> None:
    # Assessed in January and classified High; Medium from 1 February; D3 on 1 September, seven months on.
    s = replace(
        clean,
        as_of=date(2026, 9, 1),
        assessment=Assessment(started_on=date(2025, 12, 1), completed_on=date(2026, 1, 20)),
        carer_assessments=(replace(clean.carer_assessments[0], assessed_on=date(2026, 1, 10)),),
        risk_classifications=(
            RiskClassification(point="RC1", level="high", classified_on=date(2026, 1, 20)),
            RiskClassification(point="RC2", level="medium", classified_on=date(2026, 2, 1)),
            RiskClassification(point="RC3", level="low", classified_on=date(2026, 8, 20)),
        ),
    )
    ids = {f.id for f in evaluate(s, "D3").findings}
    assert "insufficient-sustained-change" not in ids
    assert RULE not in ids


def test_someone_joining_after_the_assessment_makes_it_out_of_date(clean: CaseSnapshot) -> None:
    s = replace(clean, household_members=(*clean.household_members, DEAN))
    f = find(s, RULE, "D1")
    assert f is not None
    joined = "Dean Smith (mother's partner) joined the household on 2 May 2026"
    assert f"completed on 1 April 2026; since then {joined}" in f.message
    # Jo Brown's capacity to protect was assessed before he moved in.
    assert (
        "Jo Brown (mother)'s parenting capacity assessment is dated 20 March 2026; since then Dean"
        in f.message
    )
    assert f.people == ("Jo Brown",)


def test_each_part_brought_up_to_date_is_judged_on_its_own_date(clean: CaseSnapshot) -> None:
    assessed_dean = replace(DEAN, assessed_on=date(2026, 5, 10))
    jo_again = replace(clean.carer_assessments[0], assessed_on=date(2026, 5, 12))
    s = replace(
        clean,
        household_members=(*clean.household_members, assessed_dean),
        carer_assessments=(jo_again,),
    )
    # Dean's own assessment records him in the household part; Jo was assessed again after: both up to date.
    assert find(s, RULE, "D1") is None
    # Only the carer's part refreshed: the whole assessment still does not know about Dean.
    s = replace(clean, household_members=(*clean.household_members, DEAN), carer_assessments=(jo_again,))
    f = find(s, RULE, "D1")
    assert f is not None and "Jo Brown" not in f.people and "reunification assessment" in f.items


def test_someone_leaving_after_the_assessment(clean: CaseSnapshot) -> None:
    ray = replace(clean.household_members[1], left_household_on=date(2026, 5, 1))
    s = replace(clean, household_members=(clean.household_members[0], ray))
    f = find(s, RULE, "D2")
    assert f is not None and "Ray Brown (maternal grandfather) left the household on 1 May 2026" in f.message
    # A new signed version after he left brings the whole assessment up to date; Jo's part is still older.
    f = find(_completed(s, date(2026, 5, 20)), RULE, "D2")
    assert f is not None and f.items == ("capacity assessment of Jo Brown",)


def test_a_need_recorded_after_the_assessment(clean: CaseSnapshot) -> None:
    new = Need(type="domestic_abuse", person="Jo Brown", identified_on=date(2026, 5, 5))
    f = find(replace(clean, needs=(*clean.needs, new)), RULE, "D1")
    assert f is not None and "a new need was recorded: domestic abuse (Jo Brown) on 5 May 2026" in f.message
    # Known before it was completed: part of the assessment.
    old = replace(new, identified_on=date(2026, 3, 1))
    assert find(replace(clean, needs=(*clean.needs, old)), RULE, "D1") is None


def test_a_move_or_a_return_to_care_after_the_assessment(clean: CaseSnapshot) -> None:
    moved = replace(
        clean.care_history, placement_started_on=date(2026, 4, 20), placements_in_current_period=2
    )
    f = find(replace(clean, care_history=moved), RULE, "D1")
    assert f is not None and "the child moved to a new placement on 20 April 2026" in f.message
    back = CareHistory(
        periods_of_care=(
            PeriodOfCare(started_on=date(2025, 4, 10), ended_on=date(2026, 4, 10), reason_ceased="E4A"),
            PeriodOfCare(started_on=date(2026, 5, 1)),
        ),
        placement_started_on=date(2026, 5, 1),
    )
    f = find(replace(clean, care_history=back), RULE, "D1")
    assert f is not None and "the child came into care on 1 May 2026" in f.message
    assert "moved to a new placement" not in f.message  # the same day, said once


def test_risk_classified_higher_after_the_assessment(clean: CaseSnapshot) -> None:
    higher = RiskClassification(point="RC2", level="high", classified_on=date(2026, 5, 25))
    f = find(replace(clean, risk_classifications=(*clean.risk_classifications, higher)), RULE, "D1")
    assert f is not None and "the risk was classified higher" in f.message and "25 May 2026" in f.message
    # Lower (as in the clean case, Medium → Low) is not a change the assessment missed.
    assert find(clean, RULE, "D1") is None
    # Classified High before it was completed, Medium since: the assessment was made at that risk.
    earlier = RiskClassification(point="RC1", level="high", classified_on=date(2026, 3, 30))
    s = replace(clean, risk_classifications=(earlier, *clean.risk_classifications))
    assert find(s, RULE, "D1") is None


def test_a_date_after_as_of_does_not_bring_it_up_to_date(clean: CaseSnapshot) -> None:
    s = replace(clean, household_members=(*clean.household_members, DEAN))
    future = replace(s.carer_assessments[0], assessed_on=date(2026, 7, 1))
    f = find(replace(_completed(s, date(2026, 7, 1)), carer_assessments=(future,)), RULE, "D1")
    # Neither counts yet: the assessment is missing (completed after as_of) and the carer part is ignored.
    assert f is None
    assert "assessment-missing" in {
        x.id for x in evaluate(replace(s, assessment=Assessment(completed_on=date(2026, 7, 1))), "D1").gaps
    }


def test_names_the_carer_whose_assessment_is_old(clean: CaseSnapshot) -> None:
    old = CarerCapacityAssessment(
        carer="Jo Brown", relationship="mother", assessed_on=date(2025, 1, 10), assessed_separately=True
    )
    f = find(replace(clean, carer_assessments=(old,)), RULE, "D2")
    assert f is not None and f.people == ("Jo Brown",)
    assert "Jo Brown (mother)'s parenting capacity assessment is dated 10 January 2025" in f.message


def _service_letter(id: str, day: date, *, continuing: bool) -> EvidenceItem:
    return EvidenceItem(
        id=id,
        description=f"Letter from Forward Leeds ({id})",
        source="Forward Leeds",
        kind="written",
        seen_on=day,
        written_up_on=day,
        agency="substance_misuse",
        shows_continuing=continuing,
    )


def test_new_written_evidence_contradicting_it(clean: CaseSnapshot) -> None:
    stopped = Need(type="substance_misuse", person="Jo Brown", continuing=False, evidence_ids=("ev-sm-1",))
    before = _service_letter("ev-sm-1", date(2026, 3, 10), continuing=False)
    after = _service_letter("ev-sm-2", date(2026, 5, 12), continuing=True)
    s = replace(clean, needs=(stopped,), evidence=(*clean.evidence, before, after))
    f = find(s, RULE, "D1")
    assert f is not None
    assert "Forward Leeds wrote that the substance misuse of Jo Brown is continuing" in f.message
    assert "on 12 May 2026" in f.message
    # The service's latest letter says it has stopped: nothing contradicts the assessment.
    agrees = replace(after, shows_continuing=False)
    assert find(replace(s, evidence=(*clean.evidence, before, agrees)), RULE, "D1") is None
