"""Who may open My work (format: tests/access/test_policy_matrix.py): everyone with children's records."""

from __future__ import annotations

EXPECTATIONS: dict[str, dict[str, int | tuple[int, int]]] = {
    "mywork:start": {
        "worker": 200,
        "worker2": 200,
        "manager": 200,
        "iro": 200,
        "health": 200,
        "analyst": 403,
        "admin": 403,
    },
}
