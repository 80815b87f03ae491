"""`build_snapshot`: the parts read together into one `CaseSnapshot`."""

from __future__ import annotations

from datetime import date

from homeward import framework
from homeward.children.models import Child
from homeward.framework import snapshot as fw
from homeward.snapshot import agencies, assessment, care, plans, progress


def build_snapshot(child: Child, as_of: date) -> framework.CaseSnapshot:
    """The child's case as the framework reads it, on `as_of`."""
    care_history, legal_status = care.care_history(child, as_of)
    assessed = assessment.assessment_parts(child, as_of)
    plan_parts = plans.plan_parts(child, as_of)
    return fw.CaseSnapshot(
        as_of=as_of,
        child=fw.Child(name=child.full_name, date_of_birth=child.date_of_birth),
        legal_status=legal_status,
        care_history=care_history,
        assessment=assessed.assessment,
        household_members=assessed.household_members,
        carer_assessments=assessed.carer_assessments,
        agencies_involved=agencies.involved(child, as_of),
        agencies_consulted=assessed.agencies_consulted,
        meeting_absences=agencies.meeting_absences(child, as_of),
        needs=assessed.needs,
        evidence=progress.evidence(child, as_of),
        goals=progress.goals(child, as_of),
        risk_classifications=progress.risk_classifications(child, as_of),
        child_wishes=assessed.child_wishes,
        child_seen=assessed.child_seen,
        missing_episodes=progress.missing_episodes(child, as_of),
        agreement=plan_parts.agreement,
        return_plan=plan_parts.return_plan,
        support_plan=plan_parts.support_plan,
        contingency_plan=plan_parts.contingency_plan,
        case_reference=child.la_child_id,
    )


def evaluate_child(child: Child, gate: framework.Gate | str, as_of: date) -> framework.Evaluation:
    return framework.evaluate(build_snapshot(child, as_of), gate)
