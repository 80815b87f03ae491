"""Writes to the assessment: starting it, recording the household, signing, and versions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from homeward.assessments import selectors, services
from homeward.assessments.models import Assessment, MemberAssessment
from homeward.snapshot import evaluate_child
from homeward.snapshot.series import t_score_series
from tests.assessments.helpers import clear_reunification, fill_assessment, mother_of, partner_of


def test_starting_marks_a_return_home_as_considered(demo: Any) -> None:
    child = clear_reunification(demo.showcase)
    child.return_home_considered_since = None
    child.save()
    today = timezone.localdate()
    services.start_assessment(child, demo.staff["worker"], today)
    child.refresh_from_db()
    assert child.return_home_considered_since == today
    with pytest.raises(ValidationError, match="already been started"):
        services.start_assessment(child, demo.staff["worker"], today)


def test_starting_keeps_an_earlier_date_already_recorded(demo: Any) -> None:
    child = clear_reunification(demo.showcase)
    earlier = timezone.localdate() - timedelta(days=90)
    child.return_home_considered_since = earlier
    child.save()
    services.start_assessment(child, demo.staff["worker"], timezone.localdate())
    child.refresh_from_db()
    assert child.return_home_considered_since == earlier


def test_a_member_is_assessed_with_date_and_summary_or_excluded_with_reason(demo: Any) -> None:
    child = clear_reunification(demo.showcase)
    assessment = services.start_assessment(child, demo.staff["worker"], timezone.localdate())
    partner = partner_of(child)
    with pytest.raises(ValidationError) as missing:
        services.record_member(assessment, partner, outcome=MemberAssessment.Outcome.ASSESSED)
    assert set(missing.value.error_dict) == {"assessed_on", "summary", "poses_risk"}
    with pytest.raises(ValidationError) as placeholder:
        services.record_member(
            assessment,
            partner,
            outcome=MemberAssessment.Outcome.ASSESSED,
            assessed_on=timezone.localdate(),
            summary="n/a",
            poses_risk=False,
        )
    assert "says only 'n/a'" in placeholder.value.error_dict["summary"][0].message
    with pytest.raises(ValidationError) as tbc:
        services.record_member(
            assessment, partner, outcome=MemberAssessment.Outcome.EXCLUDED, excluded_reason="TBC"
        )
    assert "says only 'TBC'" in tbc.value.error_dict["excluded_reason"][0].message
    with pytest.raises(ValidationError) as no_reason:
        services.record_member(assessment, partner, outcome=MemberAssessment.Outcome.EXCLUDED)
    assert set(no_reason.value.error_dict) == {"excluded_reason"}
    row = services.record_member(
        assessment, partner, outcome=MemberAssessment.Outcome.EXCLUDED, excluded_reason="Moved out last week"
    )
    assert row.assessed_on is None and row.excluded_reason == "Moved out last week"


def test_only_people_in_the_proposed_home_are_assessed_as_household(demo: Any) -> None:
    child = clear_reunification(demo.showcase)
    assessment = services.start_assessment(child, demo.staff["worker"], timezone.localdate())
    father = child.family.get(relationship="father")
    in_home = {row.member.pk for row in selectors.proposed_household(child, assessment)}
    assert father.pk not in in_home
    with pytest.raises(ValidationError, match="does not live in the home"):
        services.record_member(
            assessment, father, outcome=MemberAssessment.Outcome.EXCLUDED, excluded_reason="Lives elsewhere"
        )


def test_a_signed_assessment_refuses_every_change(demo: Any) -> None:
    child = clear_reunification(demo.showcase)
    worker = demo.staff["worker"]
    assessment = fill_assessment(child, worker)
    services.sign_assessment(assessment, worker, timezone.localdate())
    with pytest.raises(services.SignedRecordError, match="cannot be changed"):
        services.update_section(assessment, "support", support_needs="Changed")
    with pytest.raises(services.SignedRecordError):
        services.record_member(
            assessment,
            partner_of(child),
            outcome=MemberAssessment.Outcome.EXCLUDED,
            excluded_reason="Late change",
        )
    with pytest.raises(services.SignedRecordError):
        services.sign_assessment(assessment, worker, timezone.localdate())
    assessment.refresh_from_db()
    assert assessment.support_needs == "Family support worker twice a week."


def test_a_new_version_copies_everything_and_points_to_the_old(demo: Any) -> None:
    child = clear_reunification(demo.showcase)
    worker = demo.staff["worker"]
    old = fill_assessment(child, worker)
    with pytest.raises(ValidationError, match="not signed"):
        services.new_version(old, worker, "Too early")
    Assessment.objects.filter(pk=old.pk).update(started_on=timezone.localdate() - timedelta(days=60))
    old.refresh_from_db()
    services.sign_assessment(old, worker, timezone.localdate())
    new = services.new_version(old, worker, "The mother's partner has been assessed")
    assert (new.version, new.supersedes_id, new.is_signed) == (2, old.pk, False)
    assert new.started_on == timezone.localdate(), "a new version starts on the day it is started"
    assert new.members.count() == old.members.count() > 0
    assert new.carers.count() == old.carers.count() > 0
    assert new.agencies_consulted.count() == old.agencies_consulted.count() == 1
    assert new.wishes_in_own_words == old.wishes_in_own_words
    assert selectors.current_assessment(child) == new
    # The new version can be changed; the old one is untouched.
    services.record_member(
        new,
        partner_of(child),
        outcome=MemberAssessment.Outcome.ASSESSED,
        assessed_on=timezone.localdate(),
        summary="Assessed at home",
        poses_risk=False,
    )
    assert not old.members.filter(member=partner_of(child)).exists()
    # Only the latest signed version can be the base of another.
    with pytest.raises(ValidationError, match="newer version"):
        services.new_version(old, worker, "Again")
    assert Assessment.objects.filter(child=child).count() == 2


def test_carer_capacity_is_one_row_per_carer(demo: Any) -> None:
    child = clear_reunification(demo.showcase)
    assessment = services.start_assessment(child, demo.staff["worker"], timezone.localdate())
    mother = mother_of(child)
    for text in ("First", "Second"):
        services.record_carer_capacity(
            assessment,
            mother,
            assessed_on=timezone.localdate(),
            assessed_separately=True,
            parenting_capacity=text,
            capacity_to_change=text,
        )
    assert assessment.carers.get().parenting_capacity == "Second"


def test_evidence_cannot_be_written_up_before_it_was_seen(demo: Any) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.add_evidence(
            clear_reunification(demo.showcase),
            demo.staff["worker"],
            description="Home visit",
            source="Sam Okafor",
            kind="observation",
            seen_on=today,
            written_up_on=today - timedelta(days=1),
        )
    assert "written_up_on" in error.value.error_dict


def test_goal_reviews_feed_the_t_score_series(demo: Any) -> None:
    child = clear_reunification(demo.showcase)
    worker = demo.staff["worker"]
    today = timezone.localdate()
    mother = mother_of(child)
    goals = [
        services.add_goal(child, worker, parent=mother, description=d, set_on=today - timedelta(days=90))
        for d in ("Stay sober", "Keep the home clean", "Get the children to school")
    ]
    for goal, first, second in zip(goals, (-1, -1, -1), (1, 1, 0), strict=True):
        services.review_goal(goal, worker, reviewed_on=today - timedelta(days=60), score=first)
        services.review_goal(goal, worker, reviewed_on=today - timedelta(days=10), score=second)
    series = t_score_series(child, today)
    # The check values of DOMAIN.md: all −1 → 36.3 (red, below 40); 1, 1, 0 → 59.1 (green).
    assert [(p.t_score, p.status) for p in series] == [(36.3, "red"), (59.1, "green")]
    with pytest.raises(ValidationError, match="already been reviewed"):
        services.review_goal(goals[0], worker, reviewed_on=today - timedelta(days=10), score=2)


def test_risk_classification_needs_reasons_and_the_case_team(demo: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.classify_risk(
            demo.showcase,
            demo.staff["worker"],
            point="RC1",
            level="high",
            classified_on=timezone.localdate(),
            reasons=" ",
            case_team="",
        )
    assert set(error.value.error_dict) == {"reasons", "case_team"}


def test_a_child_with_versions_and_decisions_can_still_be_removed(demo: Any) -> None:
    # Reloading the demo deletes every child; versions that point at each other must not block it.
    from homeward.decisions import services as decisions

    child = demo.showcase
    worker = demo.staff["worker"]
    first = fill_assessment(child, worker, skip_partner=False)
    services.sign_assessment(first, worker, timezone.localdate())
    evaluation = evaluate_child(child, "D1", timezone.localdate())
    decision = decisions.propose(
        child,
        worker,
        gate="D1",
        answer="maybe",
        rationale="r",
        responses={f.id: "Considered at the case discussion." for f in evaluation.findings},
        as_of=timezone.localdate(),
    )
    decisions.sign_off(decision, demo.staff["manager"])
    services.new_version(first, worker, "Changed")
    child.delete()
    assert not Assessment.objects.filter(pk=first.pk).exists()


def test_the_models_refuse_to_save_a_signed_version(demo: Any) -> None:
    child = demo.showcase
    worker = demo.staff["worker"]
    assessment = fill_assessment(child, worker, skip_partner=False)
    services.sign_assessment(assessment, worker, timezone.localdate())
    row = assessment.members.first()
    assert row is not None
    row.summary = "Edited behind the services' back"
    with pytest.raises(services.SignedRecordError):
        row.save()
    assessment.support_needs = "Edited"
    with pytest.raises(services.SignedRecordError):
        assessment.save()
