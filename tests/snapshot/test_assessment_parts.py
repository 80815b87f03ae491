"""The one mapping from the record to the framework's snapshot: it names the people, and the framework's
findings follow the record."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from homeward import framework
from homeward.assessments import selectors, services
from homeward.assessments.models import MemberAssessment
from homeward.snapshot import build_snapshot, evaluate_child
from homeward.snapshot.series import t_score_series
from tests.assessments.helpers import clear_reunification, fill_assessment, mother_of, partner_of


def _ids(evaluation: framework.Evaluation) -> set[str]:
    return {f.id for f in evaluation.findings}


def test_snapshot_names_the_household_and_their_relationships(demo: Any) -> None:
    child = clear_reunification(demo.showcase)
    snapshot = build_snapshot(child, timezone.localdate())
    members = {m.name: m for m in snapshot.household_members}
    partner = partner_of(child)
    assert members[partner.full_name].relationship == "mother's partner"
    assert members[mother_of(child).full_name].parental_responsibility is True
    assert snapshot.child.name == child.full_name
    assert snapshot.assessment is None
    # The care history comes from the episodes: the showcase child's return home broke down.
    assert any(r.broke_down for r in snapshot.care_history.previous_returns)


def test_snapshot_round_trips_through_the_framework_schema(demo: Any) -> None:
    child = demo.showcase
    fill_assessment(child, demo.staff["worker"])
    snapshot = build_snapshot(child, timezone.localdate())
    assert framework.snapshot_from_dict(snapshot.to_dict()) == snapshot


def test_unassessed_partner_is_named_and_clears_once_assessed(demo: Any) -> None:
    child = demo.showcase
    assessment = fill_assessment(child, demo.staff["worker"])
    partner = partner_of(child)
    evaluation = evaluate_child(child, "D2", timezone.localdate())
    finding = next(f for f in evaluation.gaps if f.id == "household-member-not-assessed")
    assert finding.people == (partner.full_name,)
    assert partner.full_name in finding.message

    services.record_member(
        assessment,
        partner,
        outcome=MemberAssessment.Outcome.ASSESSED,
        assessed_on=timezone.localdate(),
        summary="Two home visits; police checks clear.",
        poses_risk=False,
    )
    after = evaluate_child(child, "D2", timezone.localdate())
    assert "household-member-not-assessed" not in _ids(after)


def test_carer_capacity_is_read_per_carer(demo: Any) -> None:
    child = demo.showcase
    fill_assessment(child, demo.staff["worker"])
    snapshot = build_snapshot(child, timezone.localdate())
    carers = {c.carer: c for c in snapshot.carer_assessments}
    assert carers[mother_of(child).full_name].assessed_separately is True
    assert partner_of(child).full_name not in carers


def test_child_wishes_map_who_was_present_and_seen_alone(demo: Any) -> None:
    child = demo.showcase
    fill_assessment(child, demo.staff["worker"])
    wishes = build_snapshot(child, timezone.localdate()).child_wishes
    assert wishes is not None
    assert wishes.seen_alone and wishes.parental_pressure_considered
    assert wishes.present == ("Sam Okafor, social worker",)
    evaluation = evaluate_child(child, "D1", timezone.localdate())
    assert not {"child-wishes-not-recorded", "child-not-seen-alone"} & _ids(evaluation)


def test_completion_date_comes_from_the_signed_version(demo: Any) -> None:
    child = demo.showcase
    worker = demo.staff["worker"]
    assessment = fill_assessment(child, worker, skip_partner=False)
    today = timezone.localdate()
    assert "assessment-missing" in _ids(evaluate_child(child, "D1", today))
    services.sign_assessment(assessment, worker, today)
    assert "assessment-missing" not in _ids(evaluate_child(child, "D1", today))
    # A new version in progress does not undo the signed one.
    services.new_version(assessment, worker, "Partner moved out")
    snapshot = build_snapshot(child, today)
    assert snapshot.assessment is not None and snapshot.assessment.completed_on == today


def test_domestic_abuse_agency_is_mapped_to_the_framework_slug() -> None:
    assert selectors.agency_type("domestic_abuse") == "domestic_abuse_service"
    assert selectors.agency_type("adult_mental_health") == "adult_mental_health"


def test_the_demo_leaves_the_showcase_partner_unassessed(demo: Any) -> None:
    child = demo.showcase
    evaluation = evaluate_child(child, "D2", timezone.localdate())
    finding = next(f for f in evaluation.gaps if f.id == "household-member-not-assessed")
    assert finding.people == (partner_of(child).full_name,)
    assert selectors.current_assessment(child) is not None
    assert t_score_series(child, timezone.localdate())


def test_every_demo_child_maps_to_a_valid_snapshot_at_every_gate(demo: Any) -> None:
    # The mapping must give the framework schema-valid data for every shape of record the demo makes
    # (several households, agencies of every type, assessments signed and in progress, decisions).
    from homeward.children.models import Child

    today = timezone.localdate()
    for child in Child.objects.all():
        snapshot = build_snapshot(child, today)
        assert framework.snapshot_from_dict(snapshot.to_dict()) == snapshot, child.la_child_id
        for gate in framework.Gate:
            evaluation = framework.evaluate(snapshot, gate)
            assert evaluation.suggested_answer in ("yes", "maybe", "no")


def test_a_need_recorded_in_a_new_version_is_dated_and_makes_the_assessment_out_of_date(demo: Any) -> None:
    child = demo.showcase
    worker = demo.staff["worker"]
    today = timezone.localdate()
    assessment = fill_assessment(child, worker, skip_partner=False)
    mother = mother_of(child)
    services.add_need(assessment, need_type="neglect", person=mother, continuing=False)
    services.sign_assessment(assessment, worker, today - timedelta(days=3))
    assert "assessment-stale" not in _ids(evaluate_child(child, "D2", today))

    newer = services.new_version(assessment, worker, "Police report of an incident at home")
    services.add_need(newer, need_type="domestic_abuse", person=mother, continuing=True)
    needs = {n.type: n for n in build_snapshot(child, today).needs}
    # Carried forward from the first version: known when the assessment was made.
    assert needs["neglect"].identified_on == assessment.started_on
    # Found after it was completed: the date the new version was started.
    assert needs["domestic_abuse"].identified_on == today
    finding = next(f for f in evaluate_child(child, "D2", today).gaps if f.id == "assessment-stale")
    assert "a new need was recorded: domestic abuse" in finding.message

    # Signing the new version brings the assessment up to date.
    services.sign_assessment(newer, worker, today)
    assert "assessment-stale" not in _ids(evaluate_child(child, "D2", today))
