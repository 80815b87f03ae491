"""Reads of the agreement and plans."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404

from homeward import framework
from homeward.children.models import Child
from homeward.plans.models import (
    Agreement,
    AgreementGoal,
    ParentSection,
    ReturnPlan,
    ReturnStage,
    SupportPlan,
)


def latest_agreement(child: Child) -> Agreement | None:
    return Agreement.objects.filter(child=child).order_by("-version").first()


def standing_agreement(child: Child, as_of: date | None = None) -> Agreement | None:
    """The agreement the case stands on (on `as_of`, if given): the latest signed version, else the
    one being written."""
    versions = Agreement.objects.filter(child=child).order_by("-version")
    signed = versions.filter(signed_at__isnull=False)
    if as_of is not None:
        versions = versions.filter(started_at__date__lte=as_of)
        signed = signed.filter(signed_at__date__lte=as_of)
    return signed.first() or versions.first()


def agreement_versions(child: Child) -> list[Agreement]:
    return list(Agreement.objects.filter(child=child).order_by("-version"))


def sections(agreement: Agreement) -> list[ParentSection]:
    return list(agreement.parents.select_related("parent").prefetch_related("goals"))


def return_plan(child: Child) -> ReturnPlan | None:
    return ReturnPlan.objects.filter(child=child).prefetch_related("stages").first()


def support_plan(child: Child) -> SupportPlan | None:
    return SupportPlan.objects.filter(child=child).prefetch_related("services").first()


def is_time_driven(plan: ReturnPlan | None) -> bool:
    return bool(plan and plan.timing_reason in framework.load_config().time_driven_reasons)


# One record of the child's by its id (or 404: an id that is not this child's is not found, never shown).


def agreement_version(child: Child, agreement_id: int) -> Agreement:
    return get_object_or_404(Agreement, pk=agreement_id, child=child)


def parent_section(child: Child, section_id: int) -> ParentSection:
    return get_object_or_404(
        ParentSection.objects.select_related("parent", "agreement"), pk=section_id, agreement__child=child
    )


def section_of(agreement: Agreement, section_id: int) -> ParentSection:
    return get_object_or_404(ParentSection, pk=section_id, agreement=agreement)


def agreement_goal(child: Child, agreement_goal_id: int) -> AgreementGoal:
    return get_object_or_404(
        AgreementGoal.objects.select_related("agreement", "section__parent"),
        pk=agreement_goal_id,
        agreement__child=child,
    )


def return_stage(child: Child, stage_id: int) -> ReturnStage:
    return get_object_or_404(ReturnStage, pk=stage_id, plan__child=child)
