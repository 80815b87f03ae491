"""What one version of the reunification assessment shows (its version page), frozen when it is signed.

Built only from fields and related rows, so the data migration that froze the assessments signed before
documents existed builds them with the same code (`homeward.base.documents`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from homeward.base.documents import FrozenDocument


@dataclass(frozen=True)
class MemberPart:
    name: str
    outcome: str  # "assessed" or "excluded"
    outcome_label: str
    assessed_on: date | None
    summary: str
    excluded_reason: str
    poses_risk: bool


@dataclass(frozen=True)
class CarerPart:
    name: str
    assessed_on: date
    assessed_separately: bool
    parenting_capacity: str
    capacity_to_change: str


@dataclass(frozen=True)
class NeedPart:
    need_type: str
    label: str
    person_name: str | None
    continuing: bool
    notes: str
    evidence: tuple[str, ...] = ()  # what the judgement rests on, described


@dataclass(frozen=True)
class SeenPart:
    seen_on: date
    present: tuple[str, ...]
    seen_alone: bool
    note: str


@dataclass(frozen=True)
class AgencyPart:
    name: str
    consulted_on: date
    contribution: str


@dataclass(frozen=True)
class AssessmentDocument(FrozenDocument):
    child_name: str
    version: int
    reason_for_new_version: str
    started_on: date
    author_name: str
    completed_on: date | None
    signed_by_name: str
    signed_at: datetime | None
    members: tuple[MemberPart, ...]
    carers: tuple[CarerPart, ...]
    risk_factors: str
    protective_factors: str
    needs: tuple[NeedPart, ...]
    child_needs: str
    early_experiences: str
    wishes_recorded_on: date | None
    wishes_in_own_words: str
    wishes_present: tuple[str, ...]
    wishes_pressure_considered: bool
    wishes_pressure_notes: str
    wishes_seen_alone: bool
    support_needs: str
    agencies_consulted: tuple[AgencyPart, ...]
    child_seen: tuple[SeenPart, ...] = ()

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


def build(assessment: Any) -> AssessmentDocument:
    """The assessment as its live records stand (an `Assessment`, or the migration's historical one)."""
    child = assessment.child
    return AssessmentDocument(
        child_name=f"{child.first_name} {child.last_name}",
        version=assessment.version,
        reason_for_new_version=assessment.reason_for_new_version,
        started_on=assessment.started_on,
        author_name=assessment.author_name,
        completed_on=assessment.completed_on,
        signed_by_name=assessment.signed_by_name,
        signed_at=assessment.signed_at,
        members=tuple(
            MemberPart(
                name=m.member.full_name,
                outcome=m.outcome,
                outcome_label=str(m.get_outcome_display()),
                assessed_on=m.assessed_on,
                summary=m.summary,
                excluded_reason=m.excluded_reason,
                poses_risk=m.poses_risk,
            )
            for m in assessment.members.select_related("member")
        ),
        carers=tuple(
            CarerPart(
                name=c.carer.full_name,
                assessed_on=c.assessed_on,
                assessed_separately=c.assessed_separately,
                parenting_capacity=c.parenting_capacity,
                capacity_to_change=c.capacity_to_change,
            )
            for c in assessment.carers.select_related("carer")
        ),
        risk_factors=assessment.risk_factors,
        protective_factors=assessment.protective_factors,
        needs=tuple(
            NeedPart(
                need_type=n.need_type,
                label=str(n.get_need_type_display()),
                person_name=n.person.full_name if n.person_id else None,
                continuing=n.continuing,
                notes=n.notes,
                evidence=tuple(
                    f"{e.description} ({e.source}, {e.seen_on:%-d %B %Y})"
                    for e in (n.evidence.all() if hasattr(n, "evidence") else ())  # older migrations
                ),
            )
            for n in assessment.needs.select_related("person")
        ),
        child_needs=assessment.child_needs,
        early_experiences=assessment.early_experiences,
        wishes_recorded_on=assessment.wishes_recorded_on,
        wishes_in_own_words=assessment.wishes_in_own_words,
        wishes_present=tuple(line.strip() for line in assessment.wishes_present.splitlines() if line.strip()),
        wishes_pressure_considered=assessment.wishes_pressure_considered,
        wishes_pressure_notes=assessment.wishes_pressure_notes,
        wishes_seen_alone=assessment.wishes_seen_alone,
        support_needs=assessment.support_needs,
        agencies_consulted=tuple(
            AgencyPart(name=a.agency.name, consulted_on=a.consulted_on, contribution=a.contribution)
            for a in assessment.agencies_consulted.select_related("agency")
        ),
        child_seen=tuple(
            SeenPart(
                seen_on=c.seen_on,
                present=tuple(line.strip() for line in c.present.splitlines() if line.strip()),
                seen_alone=c.seen_alone,
                note=c.note,
            )
            for c in (assessment.child_seen.all() if hasattr(assessment, "child_seen") else ())
        ),
    )
