"""The rules of the written agreement and the plans, in the services (and the models behind them)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from homeward.plans import selectors, services
from homeward.plans.models import Agreement, ParentSection, SignedAgreementError, SupportPlan
from tests.plans.helpers import write_agreement


def test_an_agreement_starts_with_a_part_for_each_parent(demo: Any, staff: Any) -> None:
    child = demo.showcase
    agreement = services.start_agreement(child, staff["worker"])
    parents = {p.pk for p in child.family.filter(parental_responsibility=True)}
    assert parents
    assert {s.parent_id for s in agreement.parents.all()} == parents
    assert agreement.version == 1 and agreement.written_by_name
    with pytest.raises(ValidationError, match="still being written"):
        services.start_agreement(child, staff["worker"])


def test_signing_needs_conditions_support_consequences_agreement_and_a_review_date(
    demo: Any, staff: Any
) -> None:
    child = demo.showcase
    agreement = services.start_agreement(child, staff["worker"])
    name = agreement.parents.select_related("parent").first().parent.full_name  # type: ignore[union-attr]
    missing = services.missing_for_signature(agreement)
    assert f"Say what will happen if {name} does not keep the agreement" in missing
    assert f"Record the date {name} agreed to it" in missing
    assert "Set the date the agreement will be looked at again" in missing
    with pytest.raises(ValidationError) as refused:
        services.sign_agreement(agreement, staff["manager"])
    assert any("does not keep the agreement" in m for m in refused.value.messages)
    assert not Agreement.objects.get(pk=agreement.pk).is_signed


def test_the_writer_cannot_sign_and_a_manager_can(demo: Any, staff: Any) -> None:
    agreement = write_agreement(demo.showcase, staff["worker"])
    with pytest.raises(ValidationError, match="person who wrote it"):
        services.sign_agreement(agreement, staff["worker"])
    signed = services.sign_agreement(agreement, staff["manager"])
    assert signed.is_signed and signed.signed_by_name


def test_a_signed_agreement_is_never_changed(demo: Any, staff: Any) -> None:
    agreement = services.sign_agreement(write_agreement(demo.showcase, staff["worker"]), staff["manager"])
    section = agreement.parents.first()
    assert section is not None
    with pytest.raises(SignedAgreementError, match="Start a new version"):
        services.update_section(section, consequences="Changed")
    with pytest.raises(SignedAgreementError):
        services.set_review_date(agreement, timezone.localdate())
    goal = agreement.goals.first()
    assert goal is not None
    with pytest.raises(SignedAgreementError):
        services.remove_goal(goal)
    # The models refuse too, whoever tries.
    section.consequences = "Changed behind the service's back"
    with pytest.raises(SignedAgreementError):
        section.save()
    with pytest.raises(SignedAgreementError):
        section.delete()
    agreement.review_on = None
    with pytest.raises(SignedAgreementError):
        agreement.save()
    assert ParentSection.objects.get(pk=section.pk).consequences != "Changed behind the service's back"


def test_a_new_version_copies_the_signed_one_and_points_to_it(demo: Any, staff: Any) -> None:
    child = demo.showcase
    first = services.sign_agreement(write_agreement(child, staff["worker"]), staff["manager"])
    second = services.start_agreement(child, staff["worker"])
    assert second.version == 2 and second.supersedes_id == first.pk
    old = {s.parent_id: s for s in first.parents.all()}
    for s in second.parents.prefetch_related("goals"):
        assert s.consequences == old[s.parent_id].consequences
        assert s.goals.count() == old[s.parent_id].goals.count()
        assert s.agreed_on is None  # each parent agrees to the new version afresh
    # The signed one stands for the framework until the new one is signed.
    assert selectors.standing_agreement(child) == first
    assert [a.version for a in selectors.agreement_versions(child)] == [2, 1]


def test_a_return_date_needs_the_reason_for_its_timing(demo: Any, staff: Any) -> None:
    child = demo.showcase
    with pytest.raises(ValidationError) as refused:
        services.save_return_plan(child, staff["worker"], proposed_on=timezone.localdate())
    assert "timing_reason" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.save_return_plan(
            child, staff["worker"], proposed_on=timezone.localdate(), timing_reason="other"
        )
    assert selectors.return_plan(child) is None
    plan = services.save_return_plan(
        child, staff["worker"], proposed_on=timezone.localdate(), timing_reason="christmas"
    )
    assert selectors.is_time_driven(plan)


def test_a_goal_is_removed_while_the_agreement_is_written(demo: Any, staff: Any) -> None:
    agreement = write_agreement(demo.showcase, staff["worker"])
    goal = agreement.goals.first()
    assert goal is not None
    services.remove_goal(goal)
    assert not agreement.goals.filter(pk=goal.pk).exists()


def test_a_stage_cannot_end_before_it_starts(demo: Any, staff: Any) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.add_stage(
            demo.showcase,
            staff["worker"],
            description="Overnight stays",
            starts_on=today,
            ends_on=today.replace(year=today.year - 1),
        )


def test_support_defaults_to_the_frameworks_months_and_dates_the_contingency_plan(
    demo: Any, staff: Any
) -> None:
    child = demo.showcase
    services.add_service(child, staff["worker"], service="Family support", provided_by="Early help")
    plan = SupportPlan.objects.get(child=child)
    assert plan.months == services.default_support_months() == 12
    assert plan.contingency_recorded_on is None
    plan = services.save_support_plan(child, staff["worker"], months=12, contingency="Back to foster care")
    assert plan.contingency_recorded_on == timezone.localdate()
