"""Property tests (hypothesis): evaluation never crashes and is deterministic on generated snapshots;
well-formed snapshots round-trip through their dict form; validation never crashes on any JSON."""

from __future__ import annotations

import json
import typing
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homeward.framework import CaseSnapshot, Gate, SnapshotError, evaluate, snapshot_from_dict
from homeward.framework.schema import validate_snapshot_dict
from homeward.framework.snapshot import (
    LEGAL_STATUS_CODES,
    AgencyConsulted,
    AgencyInvolved,
    AgencyType,
    Agreement,
    Assessment,
    CareHistory,
    CarerCapacityAssessment,
    Child,
    ChildWishes,
    ContingencyPlan,
    EvidenceItem,
    EvidenceKind,
    Goal,
    GoalReview,
    HouseholdMember,
    Need,
    NeedType,
    PeriodOfCare,
    PreviousReturn,
    ReturnPlan,
    RiskClassification,
    RiskLevel,
    RiskPoint,
    SupportPlan,
    TimingReason,
)

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NAMES = ["Kelly Smith", "Dean Smith", "Lee Jones", "Jo Brown", "Ray Brown", "Tyler Smith"]
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
maybe_date = st.none() | dates
names = st.sampled_from(NAMES)
text = st.text(alphabet="abcdefghij '’éA", min_size=0, max_size=12)
nonblank = st.text(alphabet="abcdefghijA", min_size=1, max_size=12)


def lit(tp: Any) -> st.SearchStrategy[Any]:
    return st.sampled_from(typing.get_args(tp))


members = st.builds(
    HouseholdMember,
    name=names,
    relationship=st.sampled_from(["mother", "father", "mother's partner", "brother", ""]),
    in_household_since=maybe_date,
    parental_responsibility=st.booleans(),
    assessed_on=maybe_date,
    excluded_reason=st.none() | text,
    left_household_on=maybe_date,
    poses_risk=st.booleans(),
)
carers = st.builds(
    CarerCapacityAssessment,
    carer=names,
    relationship=text,
    assessed_on=maybe_date,
    assessed_separately=st.booleans(),
)
care_history = st.builds(
    CareHistory,
    periods_of_care=st.lists(
        st.builds(
            PeriodOfCare,
            started_on=dates,
            ended_on=maybe_date,
            reason_ceased=st.none() | st.sampled_from(["E4A", "E4B", "X1"]),
        ),
        max_size=3,
    ).map(tuple),
    previous_returns=st.lists(
        st.builds(
            PreviousReturn,
            returned_on=dates,
            reason_ceased=st.sampled_from(["E4A", "E4B"]),
            broke_down=st.booleans(),
            came_back_on=maybe_date,
        ),
        max_size=3,
    ).map(tuple),
    placements_in_current_period=st.integers(min_value=0, max_value=12),
)


@st.composite
def evidence_and_goals(draw: st.DrawFn) -> tuple[tuple[EvidenceItem, ...], tuple[Goal, ...]]:
    """Evidence with unique ids and write-ups not before sighting; goals citing only existing evidence."""
    n = draw(st.integers(min_value=0, max_value=5))
    evidence = []
    for i in range(n):
        seen = draw(dates)
        delay = draw(st.none() | st.integers(min_value=0, max_value=40))
        evidence.append(
            EvidenceItem(
                id=f"ev-{i}",
                description=draw(nonblank),
                source=draw(st.sampled_from(["", "Dr Patel, GP", "School", *NAMES])),
                kind=draw(lit(EvidenceKind)),
                seen_on=seen,
                written_up_on=None if delay is None else seen + timedelta(days=delay),
                agency=draw(st.none() | lit(AgencyType)),
            )
        )
    ids = [e.id for e in evidence]
    reviews = st.builds(
        GoalReview,
        reviewed_on=dates,
        score=st.integers(min_value=-2, max_value=2),
        evidence_ids=st.lists(st.sampled_from(ids), max_size=2).map(tuple) if ids else st.just(()),
        note=text,
    )
    goals = tuple(
        Goal(
            id=f"g-{j}",
            parent=draw(names),
            description=draw(nonblank),
            weight=draw(st.sampled_from([0.5, 1.0, 2.0])),
            reviews=tuple(draw(st.lists(reviews, max_size=3))),
        )
        for j in range(draw(st.integers(min_value=0, max_value=4)))
    )
    return tuple(evidence), goals


@st.composite
def snapshots(draw: st.DrawFn) -> CaseSnapshot:
    evidence, goals = draw(evidence_and_goals())
    return CaseSnapshot(
        as_of=draw(dates),
        child=Child(name=draw(st.sampled_from(["Mia Smith", "Ava Brown", "Kai"])), date_of_birth=draw(dates)),
        legal_status=draw(st.sampled_from(LEGAL_STATUS_CODES)),
        care_history=draw(care_history),
        assessment=draw(
            st.none() | st.builds(Assessment, started_on=maybe_date, completed_on=maybe_date, author=text)
        ),
        household_members=tuple(draw(st.lists(members, max_size=5))),
        carer_assessments=tuple(draw(st.lists(carers, max_size=3))),
        agencies_involved=tuple(
            draw(st.lists(st.builds(AgencyInvolved, type=lit(AgencyType), name=text), max_size=4))
        ),
        agencies_consulted=tuple(
            draw(
                st.lists(
                    st.builds(
                        AgencyConsulted,
                        type=lit(AgencyType),
                        name=text,
                        consulted_on=maybe_date,
                        contribution=text,
                    ),
                    max_size=4,
                )
            )
        ),
        needs=tuple(
            draw(
                st.lists(
                    st.builds(
                        Need,
                        type=lit(NeedType),
                        person=st.just("") | names,
                        continuing=st.booleans(),
                        notes=text,
                    ),
                    max_size=5,
                )
            )
        ),
        evidence=evidence,
        goals=goals,
        risk_classifications=tuple(
            draw(
                st.lists(
                    st.builds(
                        RiskClassification,
                        point=lit(RiskPoint),
                        level=lit(RiskLevel),
                        classified_on=dates,
                        reasons=text,
                    ),
                    max_size=4,
                )
            )
        ),
        child_wishes=draw(
            st.none()
            | st.builds(
                ChildWishes,
                recorded_on=maybe_date,
                in_own_words=text,
                present=st.lists(names, max_size=2).map(tuple),
                parental_pressure_considered=st.booleans(),
                seen_alone=st.booleans(),
            )
        ),
        agreement=draw(
            st.none()
            | st.builds(
                Agreement,
                exists=st.booleans(),
                has_conditions=st.booleans(),
                has_support=st.booleans(),
                has_consequences=st.booleans(),
                agreed_on=maybe_date,
            )
        ),
        return_plan=draw(
            st.none()
            | st.builds(
                ReturnPlan,
                staged=st.booleans(),
                proposed_date=maybe_date,
                timing_reason=st.none() | lit(TimingReason),
                timing_note=text,
            )
        ),
        support_plan=draw(
            st.none() | st.builds(SupportPlan, months=st.integers(min_value=0, max_value=36), summary=text)
        ),
        contingency_plan=draw(
            st.none() | st.builds(ContingencyPlan, summary=nonblank, recorded_on=maybe_date)
        ),
    )


@PROPERTY_SETTINGS
@given(snapshot=snapshots(), gate=st.sampled_from(list(Gate)))
def test_evaluation_never_crashes_and_is_deterministic(snapshot: CaseSnapshot, gate: Gate) -> None:
    first = evaluate(snapshot, gate)
    second = evaluate(snapshot, gate)
    assert first == second
    out = first.to_dict()
    assert json.dumps(out) == json.dumps(second.to_dict())
    assert out["suggested_answer"] in ("yes", "maybe", "no")
    assert out["reasons"]
    ids = [f.id for f in first.findings]
    assert len(ids) == len(set(ids))
    assert all(f.kind == "gap" for f in first.gaps) and all(f.kind == "caution" for f in first.cautions)
    assert all(f.message.strip() and gate in f.gates for f in first.findings)
    if first.gaps or first.cautions:
        assert first.suggested_answer != "yes"


@PROPERTY_SETTINGS
@given(snapshot=snapshots(), gate=st.sampled_from(list(Gate)))
def test_every_person_concerned_is_named_in_the_message(snapshot: CaseSnapshot, gate: Gate) -> None:
    for finding in evaluate(snapshot, gate).findings:
        for person in finding.people:
            assert person and person in finding.message, (finding.id, person, finding.message)


@PROPERTY_SETTINGS
@given(snapshot=snapshots())
def test_well_formed_snapshots_round_trip_through_json(snapshot: CaseSnapshot) -> None:
    data = json.loads(json.dumps(snapshot.to_dict()))
    assert validate_snapshot_dict(data) == []
    assert snapshot_from_dict(data) == snapshot


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | dates.map(date.isoformat),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)


@PROPERTY_SETTINGS
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "as_of": json_values,
            "child": json_values,
            "legal_status": json_values,
            "household_members": json_values,
            "goals": json_values,
            "evidence": json_values,
            "agreement": json_values,
        },
    )
)
def test_validation_never_crashes_on_arbitrary_json(data: dict[str, Any]) -> None:
    try:
        snapshot_from_dict(data)
    except SnapshotError as exc:
        assert exc.messages and all(isinstance(m, str) and ": " in m for m in exc.messages)
