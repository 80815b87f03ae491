"""Who may open each page of the written agreement and the plans (format: tests/access/test_policy_matrix.py).

Part of the reunification section: partner agencies see none of it (health: 403 even for a child it
works with). Workers and managers write; the IRO reads; only a manager signs. A page that changes the
agreement being written sends the user back to the agreement page when there is none (302): the
agreement is started for the child the URL is built for only when a URL needs its id.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from homeward.plans import selectors, services
from homeward.plans.models import Agreement, ParentSection

Expected = dict[str, int | tuple[int, int]]

READ: Expected = {
    "worker": (200, 403),
    "worker2": (200, 403),
    "manager": (200, 403),
    "iro": (200, 403),
    "health": 403,
    "analyst": 403,
    "admin": 403,
}
EDIT: Expected = {**READ, "iro": 403}
NOBODY_BUT = {login: 403 for login in READ}
# Pages that change the agreement being written: in the demo there is none, so they send the user back.
EDIT_AGREEMENT: Expected = {**EDIT, "worker": (302, 403), "worker2": (302, 403), "manager": (302, 403)}

EXPECTATIONS: dict[str, Expected] = {
    "plans:agreement": READ,
    "plans:agreement_start": EDIT,
    "plans:agreement_section": EDIT,
    "plans:agreement_goal_add": EDIT_AGREEMENT,
    "plans:agreement_goal_remove": EDIT,
    "plans:agreement_parent_add": EDIT_AGREEMENT,
    "plans:agreement_review_date": EDIT_AGREEMENT,
    "plans:agreement_sign": {**NOBODY_BUT, "manager": (302, 403)},
    "plans:agreement_version": READ,
    "plans:agreement_pdf": READ,
    "plans:plans": READ,
    "plans:return_plan_edit": EDIT,
    "plans:stage_add": EDIT,
    "plans:stage_remove": EDIT,
    "plans:support_edit": EDIT,
    "plans:service_add": EDIT,
}


def _agreement(child: Any) -> Agreement:
    """The agreement being written for the child, started by their worker if there is none."""
    return selectors.latest_agreement(child) or services.start_agreement(child, child.allocated_worker)


def _section_id(child: Any) -> int:
    agreement = _agreement(child)
    section = agreement.parents.order_by("pk").first()
    if section is None:
        section = services.add_parent(agreement, child.family.order_by("pk").first())
    return int(section.pk)


def _goal_id(child: Any) -> int:
    section = ParentSection.objects.get(pk=_section_id(child))
    goal = section.goals.order_by("pk").first() or services.add_goal(section, goal="Keep the home safe")
    return int(goal.pk)


def _stage_id(child: Any) -> int:
    plan = selectors.return_plan(child)
    stage = plan.stages.order_by("pk").first() if plan else None
    if stage is None:
        stage = services.add_stage(
            child, child.allocated_worker, description="Day contact", starts_on=timezone.localdate()
        )
    return int(stage.pk)


URL_KWARGS = {
    "agreement_id": lambda child: _agreement(child).pk,
    "section_id": _section_id,
    "agreement_goal_id": _goal_id,
    "stage_id": _stage_id,
}
