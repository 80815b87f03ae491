"""What one version of the written agreement shows (its page and its PDF), frozen when it is signed.

Built only from fields and related rows, so the data migration that froze the agreements signed before
documents existed builds them with the same code (`homeward.base.documents`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from homeward.base.documents import FrozenDocument


@dataclass(frozen=True)
class GoalPart:
    id: int  # the row, for the "Remove" link while the version is being written
    goal: str
    steps: str
    time_frame: str
    support: str


@dataclass(frozen=True)
class ParentPart:
    id: int  # the row, for the "Change" link while the version is being written
    parent_name: str
    relationship: str  # as the page shows it ("Mother")
    strengths: str
    concerns: str
    conditions: str
    goals: tuple[GoalPart, ...]
    support: str
    consequences: str
    agreed_on: date | None


@dataclass(frozen=True)
class AgreementDocument(FrozenDocument):
    child_name: str
    child_date_of_birth: date | None
    version: int
    replaces_version: int | None
    written_by_name: str
    started_at: datetime
    review_on: date | None
    signed_by_name: str
    signed_at: datetime | None
    parents: tuple[ParentPart, ...]

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


def build(agreement: Any) -> AgreementDocument:
    """The agreement as its live records stand (an `Agreement`, or the migration's historical one)."""
    child = agreement.child
    sections = agreement.parents.select_related("parent").prefetch_related("goals")
    return AgreementDocument(
        child_name=f"{child.first_name} {child.last_name}",
        child_date_of_birth=child.date_of_birth,
        version=agreement.version,
        replaces_version=agreement.version - 1 if agreement.supersedes_id else None,
        written_by_name=agreement.written_by_name,
        started_at=agreement.started_at,
        review_on=agreement.review_on,
        signed_by_name=agreement.signed_by_name,
        signed_at=agreement.signed_at,
        parents=tuple(
            ParentPart(
                id=s.pk,
                parent_name=s.parent.full_name,
                relationship=str(s.parent.get_relationship_display()),
                strengths=s.strengths,
                concerns=s.concerns,
                conditions=s.conditions,
                goals=tuple(
                    GoalPart(id=g.pk, goal=g.goal, steps=g.steps, time_frame=g.time_frame, support=g.support)
                    for g in s.goals.all()
                ),
                support=s.support,
                consequences=s.consequences,
                agreed_on=s.agreed_on,
            )
            for s in sections
        ),
    )
