"""The written agreement and plans on the child's record (registered in `PlansConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from homeward.access.policy import Access, Section
from homeward.children.models import Child
from homeward.plans import selectors, services


def plans_panel(request: HttpRequest, child: Child, access: Access) -> tuple[str, dict[str, Any]] | None:
    if not access.shows(Section.REUNIFICATION):
        return None
    plan = selectors.return_plan(child)
    support = selectors.support_plan(child)
    panel = {
        "agreement": selectors.latest_agreement(child),
        "return_plan": plan,
        "stages": plan.stages.count() if plan else 0,
        "time_driven": selectors.is_time_driven(plan),
        "support": support,
        "services": support.services.count() if support else 0,
        "default_months": services.default_support_months(),
    }
    return "plans/_record_panel.html", {"plans_panel": panel}
