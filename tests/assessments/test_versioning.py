"""The shared mechanism behind the versioned records (`homeward.base.versioning`): a signed version is
never saved again, and a change is a new version that points at the old one and has the next number.
Tried on each model that uses it: the assessment, the written agreement and the gate decision."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from homeward.assessments.models import Assessment, Need, NeedType
from homeward.base.versioning import SignedRecordError
from homeward.decisions.models import Decision, Status
from homeward.plans.models import Agreement, ParentSection, SignedAgreementError
from tests.assessments.helpers import clear_reunification


def test_a_signed_assessment_refuses_save_and_a_new_version_points_at_it(demo: Any, staff: Any) -> None:
    child = clear_reunification(demo.showcase)
    first = Assessment.objects.create(
        child=child, **Assessment.version_after(None), started_on=timezone.localdate()
    )
    assert (first.version, first.supersedes) == (1, None) and not first.is_signed
    first.risk_factors = "Unsigned: still changed in place"
    first.save()
    Need.objects.create(assessment=first, need_type=NeedType.HOUSING)

    first.sign(staff["worker"], "A Worker")
    stored = Assessment.objects.get(pk=first.pk)
    assert stored.is_signed and stored.signed_by == staff["worker"] and stored.signed_by_name == "A Worker"
    stored.risk_factors = "Changed after signing"
    with pytest.raises(SignedRecordError, match="signed and cannot be changed"):
        stored.save()
    with pytest.raises(SignedRecordError):
        Need.objects.create(assessment=stored, need_type=NeedType.NEGLECT)
    with pytest.raises(SignedRecordError):
        stored.needs.get().delete()
    assert Assessment.objects.get(pk=first.pk).risk_factors == "Unsigned: still changed in place"

    second = stored.copy_as_new_version(reason_for_new_version="A change")
    assert second.pk != first.pk and second.version == 2 == first.next_version_number()
    assert second.supersedes_id == first.pk and Assessment.objects.get(pk=first.pk).superseded_by == second
    assert not second.is_signed and second.signed_by is None and second.signed_by_name == ""
    assert second.risk_factors == "Unsigned: still changed in place"  # copied
    assert Assessment.version_after(second) == {"version": 3, "supersedes": second}


def test_a_signed_agreement_refuses_save_with_its_own_error(demo: Any, staff: Any) -> None:
    child = demo.showcase
    latest = Agreement.objects.filter(child=child).order_by("-version").first()
    agreement = Agreement.objects.create(child=child, **Agreement.version_after(latest))
    assert agreement.version == (latest.version + 1 if latest else 1) and agreement.supersedes == latest
    section = ParentSection.objects.create(agreement=agreement, parent=child.family.first())
    agreement.sign(staff["manager"], "A Manager")
    agreement.review_on = timezone.localdate()
    with pytest.raises(SignedAgreementError, match="agreement is signed"):
        agreement.save()
    with pytest.raises(SignedAgreementError):
        section.save()
    assert issubclass(SignedAgreementError, SignedRecordError)


def test_a_signed_off_decision_refuses_save(demo: Any) -> None:
    decision = Decision.objects.filter(signed_at__isnull=False).first()
    assert decision is not None and decision.is_signed and decision.status == Status.SIGNED_OFF
    decision.rationale = "Changed after sign-off"
    with pytest.raises(SignedRecordError, match="signed off or returned, and cannot be changed"):
        decision.save()
    response = decision.responses.first()
    assert response is not None
    response.response = "Rewritten after sign-off"
    with pytest.raises(SignedRecordError):
        response.save()
    with pytest.raises(SignedRecordError):
        response.delete()
    assert Decision.version_after(decision) == {"version": decision.version + 1, "supersedes": decision}
