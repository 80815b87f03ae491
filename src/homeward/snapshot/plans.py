"""The written agreement and the return, support and contingency plans' part of the snapshot.

- The agreement is the latest version *signed* by `as_of`, which stands until a newer one is signed;
  before any is signed, the latest version started by then (so the worker sees its gaps while writing
  it). It states its conditions, support and consequences when every parent's part does; it was
  agreed on the date the last parent agreed, once all of them have (by `as_of`).
- The return plan is staged when it has at least one stage before the return (increasing time at home).
- The support plan counts once at least one service is recorded; its months are the plan's.
- The contingency plan is its text, when written.
The return and support plans are working plans without a history: they are read as they stand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from homeward.children.models import Child
from homeward.framework import snapshot as fw
from homeward.plans.selectors import return_plan, sections, standing_agreement, support_plan


@dataclass(frozen=True)
class PlanParts:
    agreement: fw.Agreement | None
    return_plan: fw.ReturnPlan | None
    support_plan: fw.SupportPlan | None
    contingency_plan: fw.ContingencyPlan | None


def _agreement(child: Child, as_of: date) -> fw.Agreement | None:
    agreement = standing_agreement(child, as_of)
    if agreement is None:
        return None
    parts = sections(agreement)
    agreed = [s.agreed_on if s.agreed_on and s.agreed_on <= as_of else None for s in parts]
    return fw.Agreement(
        exists=True,
        has_conditions=bool(parts) and all(s.has_conditions for s in parts),
        has_support=bool(parts) and all(s.support.strip() for s in parts),
        has_consequences=bool(parts) and all(s.consequences.strip() for s in parts),
        agreed_on=max(d for d in agreed if d is not None) if parts and None not in agreed else None,  # type: ignore[type-var]
    )


def plan_parts(child: Child, as_of: date) -> PlanParts:
    plan = return_plan(child)
    fw_return = None
    if plan is not None:
        stages = list(plan.stages.all())
        fw_return = fw.ReturnPlan(
            staged=any(plan.proposed_on is None or s.starts_on < plan.proposed_on for s in stages),
            proposed_date=plan.proposed_on,
            timing_reason=plan.timing_reason or None,  # type: ignore[arg-type]
            timing_note=plan.timing_note,
        )
    support = support_plan(child)
    fw_support = None
    fw_contingency = None
    if support is not None:
        services = list(support.services.all())
        if services:
            fw_support = fw.SupportPlan(
                months=support.months,
                summary="; ".join(f"{s.service} ({s.provided_by})" for s in services),
            )
        if support.contingency.strip():
            fw_contingency = fw.ContingencyPlan(
                summary=support.contingency, recorded_on=support.contingency_recorded_on
            )
    return PlanParts(_agreement(child, as_of), fw_return, fw_support, fw_contingency)
