"""Who may open each page of the reunification assessment (format: tests/access/test_policy_matrix.py).

The reunification section is not shown to partner agencies (health: 403 even for a child it works
with). Workers and managers edit; the IRO reads. In the demo the showcase child (worker's, manager's,
iro's) has an assessment in progress; worker2's child has none, so a page that changes an assessment
sends worker2 to the overview to start one (302).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from homeward.assessments import selectors, services
from homeward.assessments.models import Assessment, Goal

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
# Pages that change the assessment in progress: worker2's child has none, so they are sent to start one.
EDIT_ASSESSMENT: Expected = {**EDIT, "worker2": (302, 403)}

EXPECTATIONS: dict[str, Expected] = {
    "assessments:overview": READ,
    "assessments:start": EDIT,
    "assessments:member": EDIT_ASSESSMENT,
    "assessments:carer": EDIT_ASSESSMENT,
    "assessments:risk": EDIT_ASSESSMENT,
    "assessments:need_add": EDIT_ASSESSMENT,
    "assessments:need_remove": EDIT,
    "assessments:child": EDIT_ASSESSMENT,
    "assessments:support": EDIT_ASSESSMENT,
    "assessments:child_seen_add": EDIT_ASSESSMENT,
    "assessments:missing": READ,
    "assessments:missing_add": EDIT,
    "assessments:agency_add": EDIT_ASSESSMENT,
    "assessments:sign": EDIT_ASSESSMENT,
    "assessments:new_version": EDIT,
    "assessments:versions": READ,
    "assessments:version": READ,
    "assessments:evidence": READ,
    "assessments:evidence_add": EDIT,
    "assessments:goals": READ,
    "assessments:goal_add": EDIT,
    "assessments:goal_review": EDIT,
    "assessments:risk_classifications": READ,
    "assessments:risk_classification_add": EDIT,
}


def _assessment(child: Any) -> Assessment:
    assessment = selectors.current_assessment(child)
    if assessment is None:
        assessment = services.start_assessment(child, child.allocated_worker, timezone.localdate())
    return assessment


def _need_id(child: Any) -> int:
    assessment = _assessment(child)
    need = assessment.needs.order_by("pk").first()
    if need is None:
        need = services.add_need(assessment, need_type="neglect", person=None, continuing=False)
    return int(need.pk)


def _goal_id(child: Any) -> int:
    goal = Goal.objects.filter(child=child).order_by("pk").first()
    if goal is None:
        parent = child.family.filter(parental_responsibility=True).order_by("pk").first()
        goal = services.add_goal(
            child,
            child.allocated_worker,
            parent=parent,
            description="Keep the home safe",
            set_on=timezone.localdate() - timedelta(days=30),
        )
    return int(goal.pk)


URL_KWARGS = {
    "need_id": _need_id,
    "goal_id": _goal_id,
    "assessment_id": lambda child: _assessment(child).pk,
}
