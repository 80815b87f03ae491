"""The reunification panel on the child's record: the assessment, the findings at the next gate and the
latest decisions (registered in `DecisionsConfig.ready`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from homeward import framework
from homeward.access.policy import Access, RecordAction, Section
from homeward.assessments import selectors
from homeward.base import tags
from homeward.children import panels
from homeward.children.flags import Flag
from homeward.children.models import Child
from homeward.decisions.selectors import decisions_for, next_gate, open_challenges, open_challenges_by_child
from homeward.snapshot import build_snapshot


def reunification_panel(
    request: HttpRequest, child: Child, access: Access
) -> tuple[str, dict[str, Any]] | None:
    if not access.shows(Section.REUNIFICATION):
        return None
    today = timezone.localdate()
    assessment = selectors.current_assessment(child)
    gate = next_gate(child)
    glance: list[panels.Glance] = []
    panel: dict[str, Any] = {
        "assessment": assessment,
        "gate": gate.value,
        "can_edit": access.can(RecordAction.EDIT),
        "decisions": decisions_for(child)[:5],
        "open_challenges": open_challenges(child),
    }
    if not child.episodes.exists():
        panel["error"] = "The framework needs the child's care episodes to check the case."
    else:
        evaluation = framework.evaluate(build_snapshot(child, today), gate)
        panel["cautions"] = evaluation.cautions
        panel["gaps"] = evaluation.gaps
        glance = [_findings_line(len(evaluation.gaps), len(evaluation.cautions), gate.value)]
    glance += [
        panels.Glance(
            "Alert",
            f"{c.raised_by_name} challenged the {c.decision.gate} decision on {c.raised_at:%-d %B %Y}: "
            "waiting for a written answer",
            tag="IRO challenge open",
            colour=tags.ALERT,
            href=reverse("decisions:detail", args=[child.pk, c.decision_id]),
            testid="glance-alert",
        )
        for c in panel["open_challenges"]
    ]
    if assessment is not None and assessment.completed_on is not None:
        panel["assessment_age"] = (today - assessment.completed_on).days
    return "assessments/_record_panel.html", {"reunification": panel, panels.GLANCE: glance}


def _findings_line(gaps: int, cautions: int, gate: str) -> panels.Glance:
    """The framework's open findings in one line for the top of the record."""
    if not gaps and not cautions:
        return panels.Glance("Open findings", f"None before {gate}", testid="glance-findings")
    said = []
    if gaps:
        said.append(f"{gaps} gap{'s' if gaps != 1 else ''} to fill before {gate}")
    if cautions:
        said.append(f"{cautions} caution{'s' if cautions != 1 else ''} from research")
    return panels.Glance(
        "Open findings",
        ", ".join(said),
        tag="Caution" if cautions else "Gap",
        colour=tags.CAUTION if cautions else tags.GAP,
        href="#reunification-heading",
        testid="glance-findings",
    )


def open_challenge_flags(child_ids: Sequence[int], today: date) -> dict[int, list[Flag]]:
    """An IRO challenge still waiting for the worker's and the manager's written answers."""
    return {
        child_id: [
            Flag(
                "IRO challenge open" if len(found) == 1 else f"{len(found)} IRO challenges open",
                "red",
                Section.REUNIFICATION,
            )
        ]
        for child_id, found in open_challenges_by_child(child_ids).items()
    }
