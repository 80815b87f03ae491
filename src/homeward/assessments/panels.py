"""The reunification panel on the child's record (registered in `AssessmentsConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from homeward import framework
from homeward.access.policy import Access, RecordAction, Section
from homeward.assessments import selectors
from homeward.children.models import Child


def next_gate(child: Child) -> framework.Gate:
    """The first gate without a signed-off decision: the question the case is working towards."""
    from homeward.decisions.selectors import latest_by_gate

    latest = latest_by_gate(child)
    for gate in framework.Gate:
        decision = latest.get(gate.value)
        if decision is None or not decision.is_signed:
            return gate
    return framework.Gate.D3


def reunification_panel(
    request: HttpRequest, child: Child, access: Access
) -> tuple[str, dict[str, Any]] | None:
    if not access.shows(Section.REUNIFICATION):
        return None
    from homeward.decisions.selectors import decisions_for

    today = timezone.localdate()
    assessment = selectors.current_assessment(child)
    gate = next_gate(child)
    panel: dict[str, Any] = {
        "assessment": assessment,
        "gate": gate.value,
        "can_edit": access.can(RecordAction.EDIT),
        "decisions": decisions_for(child)[:5],
    }
    if not child.episodes.exists():
        panel["error"] = "The framework needs the child's care episodes to check the case."
    else:
        evaluation = framework.evaluate(selectors.build_snapshot(child, today), gate)
        panel["cautions"] = evaluation.cautions
        panel["gaps"] = evaluation.gaps
    if assessment is not None and assessment.completed_on is not None:
        panel["assessment_age"] = (today - assessment.completed_on).days
    return "assessments/_record_panel.html", {"reunification": panel}
