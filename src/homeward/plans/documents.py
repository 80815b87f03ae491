"""What one version of the written agreement shows (its page and its PDF), frozen when it is signed.

Built only from fields and related rows, so the data migration that froze the agreements signed before
documents existed builds them with the same code (`homeward.base.documents`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings

from homeward.base.documents import FrozenDocument
from homeward.base.people import name_of

# How the PDF is laid out: a signed version is drawn with the layout it was signed with, so a better
# layout never changes what a family signed (`plans/agreement_pdf_<layout>.html`). Documents frozen
# before layouts were numbered read back as layout 1.
LAYOUT = 2
# The family's people first: the parents, then the others in the order they were added.
_PARENTS = ("mother", "father")


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
    layout: int = 1
    # Whom the family can ring, as they were when the version was written or signed.
    worker_name: str = ""
    worker_phone: str = ""
    team_name: str = ""
    team_phone: str = ""
    out_of_hours_phone: str = ""

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


def build(agreement: Any, layout: int = LAYOUT) -> AgreementDocument:
    """The agreement as its live records stand (an `Agreement`, or the migration's historical one)."""
    child = agreement.child
    sections = sorted(
        agreement.parents.select_related("parent").prefetch_related("goals"),
        key=lambda s: s.parent.relationship not in _PARENTS,
    )
    worker = child.allocated_worker
    # getattr: the data migrations that froze older versions build them from models without phones.
    profile = getattr(worker, "profile", None) if worker else None
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
        layout=layout,
        worker_name=name_of(worker) if worker else "",
        worker_phone=getattr(profile, "phone", ""),
        team_name=child.team.name,
        team_phone=getattr(child.team, "phone", ""),
        out_of_hours_phone=settings.HOMEWARD_OUT_OF_HOURS_PHONE,
    )
