"""Every part of a signed record has the same guard, whoever tries (a shell, a bulk change, a future
view): a queryset's `.update()` and `.delete()` over signed versions or their parts are refused, and the
records written once (a goal's review, a risk classification, an IRO's challenge) are never saved again
or deleted. Unsigned versions and new records go on as before."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from homeward.assessments.models import Assessment, GoalReview, MemberAssessment, RiskClassification
from homeward.base.versioning import SignedRecordError, WrittenOnceError
from homeward.decisions.models import Challenge, Decision, FindingResponse
from homeward.demo.reunification import ready_to_return_child
from homeward.plans.models import Agreement, AgreementGoal, ParentSection


def test_bulk_changes_of_signed_versions_are_refused(demo: Any) -> None:
    child = ready_to_return_child()
    assert child is not None
    for model in (Agreement, Assessment, Decision):
        signed = model.objects.filter(child=child, signed_at__isnull=False)  # type: ignore[attr-defined]
        assert signed.exists(), model
        with pytest.raises(SignedRecordError):
            signed.update(signed_by_name="Someone else")
        with pytest.raises(SignedRecordError):
            model.objects.filter(child=child).delete()  # type: ignore[attr-defined]
        assert not model.objects.filter(child=child, signed_by_name="Someone else").exists()  # type: ignore[attr-defined]
    # An unsigned version is still changed in bulk (the waiting D3).
    waiting = Decision.objects.filter(child=child, signed_at__isnull=True)
    assert waiting.count() == 1 and waiting.update(rationale="Rewritten while waiting") == 1


def test_bulk_changes_of_the_parts_of_a_signed_version_are_refused(demo: Any) -> None:
    child = ready_to_return_child()
    assert child is not None
    agreement = Agreement.objects.get(child=child, signed_at__isnull=False)
    decision = Decision.objects.filter(child=child, signed_at__isnull=False).first()
    assessment = Assessment.objects.filter(child=child, signed_at__isnull=False).first()
    assert decision is not None and assessment is not None and decision.responses.exists()
    for parts in (
        ParentSection.objects.filter(agreement=agreement),
        AgreementGoal.objects.filter(agreement=agreement),
        FindingResponse.objects.filter(decision=decision),
        MemberAssessment.objects.filter(assessment=assessment),
    ):
        assert parts.exists(), parts.model
        with pytest.raises(SignedRecordError):
            parts.update(pk=parts.first().pk)  # type: ignore[union-attr]
        with pytest.raises(SignedRecordError):
            parts.delete()
        assert parts.exists()
    # A part of an unsigned version is still removed in bulk (the waiting D3's answers).
    waiting = FindingResponse.objects.filter(decision__child=child, decision__signed_at__isnull=True)
    assert waiting.exists() and waiting.delete()[0] > 0


def test_records_written_once_are_never_changed_or_deleted(demo: Any) -> None:
    child = ready_to_return_child()
    assert child is not None
    review = GoalReview.objects.filter(goal__child=child).first()
    classification = RiskClassification.objects.filter(child=child).first()
    decision = Decision.objects.filter(child=child, signed_at__isnull=False).first()
    assert review is not None and classification is not None and decision is not None
    challenge = Challenge.objects.create(decision=decision, disagrees=True, text="Too soon.")
    for record, field, value in (
        (review, "note", "Re-scored"),
        (classification, "reasons", "Rewritten"),
        (challenge, "text", "Softened"),
    ):
        model: Any = type(record)
        setattr(record, field, value)
        with pytest.raises(WrittenOnceError):
            record.save()
        with pytest.raises(WrittenOnceError):
            record.delete()
        with pytest.raises(WrittenOnceError):
            model.objects.filter(pk=record.pk).update(**{field: value})
        with pytest.raises(WrittenOnceError):
            model.objects.filter(pk=record.pk).delete()
        assert getattr(model.objects.get(pk=record.pk), field) != value
    # A new one is written as before.
    RiskClassification.objects.create(
        child=child,
        point="RC3",
        level="low",
        classified_on=timezone.localdate(),
        reasons="After the return.",
        case_team="The case team",
    )
    assert RiskClassification.objects.filter(child=child, point="RC3").count() == 1


def test_the_childs_whole_record_still_goes_with_the_child(demo: Any) -> None:
    child = ready_to_return_child()
    assert child is not None and Agreement.objects.filter(child=child, signed_at__isnull=False).exists()
    child.delete()
    assert not Agreement.objects.filter(child_id=child.pk).exists()
    assert not Decision.objects.filter(child_id=child.pk).exists()
    assert not RiskClassification.objects.filter(child_id=child.pk).exists()
