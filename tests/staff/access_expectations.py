"""Who may open the Manage staff pages (format: tests/access/test_policy_matrix.py).

Administrators manage users, and nobody else does; anonymous visitors are sent to the login page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

Expected = dict[str, int | tuple[int, int]]

ADMINISTRATORS_ONLY: Expected = {
    "worker": 403,
    "worker2": 403,
    "manager": 403,
    "iro": 403,
    "health": 403,
    "analyst": 403,
    "admin": 200,
}

EXPECTATIONS: dict[str, Expected] = {
    name: ADMINISTRATORS_ONLY
    for name in (
        "staff:list",
        "staff:add",
        "staff:account",
        "staff:change",
        "staff:password",
        "staff:unlock",
        "staff:teams",
        "staff:team_add",
        "staff:agencies",
        "staff:agency_add",
    )
}


def _account_id(child: Any) -> int:
    """Another person's account: the demo social worker's."""
    return int(get_user_model().objects.get(username="worker").pk)


URL_KWARGS = {"account_id": _account_id}
