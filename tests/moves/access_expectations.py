"""Who may open each moves page (format: tests/access/test_policy_matrix.py).

Part of the reunification section: partner agencies see none of it (they are told of a move by a
notification). Workers and managers record moves; the IRO reads; only a manager approves a return
(and the service then checks they are a nominated officer).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from homeward.moves import services
from homeward.moves.models import Move, MoveKind

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
SIGN: Expected = {**EDIT, "worker": 403, "worker2": 403}

EXPECTATIONS: dict[str, Expected] = {
    "moves:moves": READ,
    "moves:record": EDIT,
    "moves:correct": EDIT,
    "moves:approve": SIGN,
}


def _a_move(child: Any) -> int:
    """A move of the child's to correct, recorded today (made once per child)."""
    existing = Move.objects.filter(child=child).first()
    if existing is not None:
        return existing.pk
    worker = child.allocated_worker or get_user_model().objects.get(username="worker")
    today = timezone.localdate()
    if child.episodes.filter(dec__isnull=True).exists():
        details = services.MoveDetails(
            kind=MoveKind.PLACEMENT_CHANGE,
            moved_on=today,
            place="U1",
            place_provider="PR1",
            reason_place_change="CARPL",
        )
    else:  # a child at home now: they come back into care
        details = services.MoveDetails(
            kind=MoveKind.RE_ENTRY, moved_on=today, ls="V2", cin="N1", place="U1", place_provider="PR1"
        )
    return services.record_move(child, details, user=worker).pk


URL_KWARGS = {
    "kind": lambda child: MoveKind.PLACEMENT_CHANGE.value,
    "move_id": _a_move,
}
