"""Who may open each page of the decisions (format: tests/access/test_policy_matrix.py).

Workers and managers read and propose; only a manager signs off or returns (and not their own
proposal); only the IRO challenges. Partner agencies see no part of the reunification section.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from homeward.assessments import selectors
from homeward.assessments import services as assessment_services
from homeward.decisions import services
from homeward.decisions.models import Challenge, Decision
from homeward.snapshot import evaluate_child

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

EXPECTATIONS: dict[str, Expected] = {
    "decisions:list": READ,
    "decisions:propose": EDIT,
    "decisions:detail": READ,
    "decisions:review": {**NOBODY_BUT, "manager": (200, 403)},
    "decisions:challenge": {**NOBODY_BUT, "iro": (200, 403)},
    "decisions:challenge_answer": EDIT,
}


def _decision_id(child: Any) -> int:
    """A D1 decision proposed by the child's worker, waiting for sign-off."""
    existing = Decision.objects.filter(child=child).order_by("-pk").first()
    if existing is not None:
        return int(existing.pk)
    worker = child.allocated_worker
    today = timezone.localdate()
    assessment = selectors.current_assessment(child) or assessment_services.start_assessment(
        child, worker, today
    )
    if not assessment.is_signed:
        assessment_services.sign_assessment(assessment, worker, today)
    evaluation = evaluate_child(child, "D1", today)
    decision = services.propose(
        child,
        worker,
        gate="D1",
        answer="maybe",
        rationale="For the access tests",
        responses={f.id: "Answered" for f in evaluation.findings},
        as_of=today,
    )
    return int(decision.pk)


def _challenge_id(child: Any) -> int:
    """An IRO's challenge to one of the child's decisions (made once per child)."""
    existing = Challenge.objects.filter(decision__child=child).first()
    if existing is not None:
        return int(existing.pk)
    decision = Decision.objects.get(pk=_decision_id(child))
    iro = get_user_model().objects.get(username="iro")
    return int(services.challenge(decision, iro, text="For the access tests", disagrees=True).pk)


URL_KWARGS = {"decision_id": _decision_id, "gate": lambda child: "D2", "challenge_id": _challenge_id}
