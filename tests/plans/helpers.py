"""Building a written agreement and the plans through the services, as a worker would."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from homeward.children.models import Child
from homeward.plans import services
from homeward.plans.models import Agreement


def write_agreement(child: Child, worker: Any, *, consequences: bool = True) -> Agreement:
    """A complete agreement (every parent's part filled in and agreed), unsigned."""
    today = timezone.localdate()
    agreement = services.start_agreement(child, worker)
    for section in agreement.parents.select_related("parent"):
        name = section.parent.full_name
        services.update_section(
            section,
            strengths=f"{name} is warm with the children and keeps to contact times.",
            concerns=f"{name}'s drinking when the children are in their care.",
            conditions=f"{name} will not drink alcohol while caring for the children.",
            support="A weekly session with the family support worker; the alcohol service every Tuesday.",
            consequences=(
                f"If {name} drinks while caring for the children, the return will stop and we will ask the "
                "court for a decision."
                if consequences
                else ""
            ),
            agreed_on=today - timedelta(days=1),
        )
        services.add_goal(
            section,
            goal="Stay sober for three months",
            steps="Weekly tests at the alcohol service",
            time_frame="By the end of the next review",
            support="The alcohol service",
        )
    services.set_review_date(agreement, today + timedelta(days=90))
    return agreement


def write_plans(child: Child, worker: Any, *, timing_reason: str = "goals_met") -> None:
    """A staged return plan, a year's support with a service and a contingency plan."""
    today = timezone.localdate()
    services.save_return_plan(
        child, worker, proposed_on=today + timedelta(days=60), timing_reason=timing_reason, timing_note=""
    )
    services.add_stage(
        child,
        worker,
        description="Day contact at home on Saturdays",
        starts_on=today,
        ends_on=today + timedelta(days=20),
    )
    services.add_stage(
        child,
        worker,
        description="Overnight stays at weekends",
        starts_on=today + timedelta(days=21),
        ends_on=today + timedelta(days=59),
    )
    services.save_support_plan(
        child,
        worker,
        months=12,
        trusted_adult="Mrs Patel, the head of year",
        seen_alone="Every 2 weeks, at school",
        contingency="If the return breaks down, the child goes back to the same foster carers.",
    )
    services.add_service(
        child, worker, service="Family support worker, weekly", provided_by="Early help team"
    )
