"""What one version of a gate decision shows (its page, and its summary beside the manager's and the
IRO's forms), frozen when the manager signs it off.

Most of a decision is its own row already (names are kept as text, the framework's findings are copied
into the worker's answers); the document holds it all the same, so the page reads one thing, and the
answers to the findings and the assessment version it was made against stay as they were signed.
Built only from fields and related rows, so the data migration that froze the decisions signed before
documents existed builds them with the same code (`homeward.base.documents`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from homeward.base.documents import FrozenDocument

# An open IRO challenge is answered at the next gate like a finding, under an id of its own.
CHALLENGE_PREFIX = "iro-challenge-"


@dataclass(frozen=True)
class ResponsePart:
    finding_id: str
    kind: str  # "gap" or "caution"
    title: str
    message: str
    source: str
    response: str

    @property
    def is_iro_challenge(self) -> bool:
        return self.finding_id.startswith(CHALLENGE_PREFIX)


@dataclass(frozen=True)
class DecisionDocument(FrozenDocument):
    gate: str
    gate_question: str
    version: int
    answer: str
    answer_label: str
    rationale: str
    proposed_by_name: str
    proposed_at: datetime
    suggested_answer: str
    as_of: date
    assessment_id: int | None
    assessment_version: int | None
    config_version: str
    signed_by_name: str
    signed_at: datetime | None
    manager_reasons: str
    responses: tuple[ResponsePart, ...]

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def disagrees_with_framework(self) -> bool:
        return self.answer != self.suggested_answer


def build(decision: Any) -> DecisionDocument:
    """The decision as its records stand (a `Decision`, or the migration's historical one)."""
    assessment = decision.assessment if decision.assessment_id else None
    return DecisionDocument(
        gate=decision.gate,
        gate_question=str(decision.get_gate_display()),
        version=decision.version,
        answer=decision.answer,
        answer_label=str(decision.get_answer_display()),
        rationale=decision.rationale,
        proposed_by_name=decision.proposed_by_name,
        proposed_at=decision.proposed_at,
        suggested_answer=decision.suggested_answer,
        as_of=decision.as_of,
        assessment_id=decision.assessment_id,
        assessment_version=assessment.version if assessment else None,
        config_version=decision.config_version,
        signed_by_name=decision.signed_by_name,
        signed_at=decision.signed_at,
        manager_reasons=decision.manager_reasons,
        responses=tuple(
            ResponsePart(
                finding_id=r.finding_id,
                kind=r.kind,
                title=r.title,
                message=r.message,
                source=r.source,
                response=r.response,
            )
            for r in decision.responses.all()
        ),
    )
