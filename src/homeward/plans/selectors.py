"""Reads of the agreement and plans."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404

from homeward import framework
from homeward.children.models import Child
from homeward.framework.rules.timing_pressure import calendar_pressure
from homeward.framework.snapshot import Child as FrameworkChild
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


def is_time_driven(plan: ReturnPlan | None) -> str:
    """Why the return's timing follows the calendar, in words ("" when it does not): the reason chosen,
    or the date or the words, as the framework's timing-pressure reads them (one definition)."""
    if plan is None:
        return ""
    config = framework.load_config()
    why = []
    if plan.timing_reason in config.time_driven_reasons:
        why.append(f"the reason given: {plan.get_timing_reason_display().lower()}")
    if plan.proposed_on is not None:
        child = FrameworkChild(name=plan.child.full_name, date_of_birth=plan.child.date_of_birth)
        near, named = calendar_pressure(config, proposed=plan.proposed_on, child=child, note=plan.timing_note)
        if near:
            why.append(f"within {config.timing_window_days} days of {', '.join(near)}")
        if named:
            why.append("the reason in words names " + ", ".join(repr(w) for w in named))
    return "; ".join(why)


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
