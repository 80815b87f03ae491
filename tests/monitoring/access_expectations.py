"""Who may open each monitoring page (format: tests/access/test_policy_matrix.py).

Part of the reunification section: partner agencies see none of it (health: 403 even for a child it
works with). Workers and managers record; the IRO reads. The forms need an open monitoring period: the
children the matrix opens have none (the showcase child's period closed when she came back into care),
so they send the user back to the monitoring page (302).
"""

from __future__ import annotations

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
RECORD: Expected = {**READ, "worker": (302, 403), "worker2": (302, 403), "manager": (302, 403), "iro": 403}

EXPECTATIONS: dict[str, Expected] = {
    "monitoring:monitoring": READ,
    "monitoring:visit_add": RECORD,
    "monitoring:concern_add": RECORD,
    "monitoring:engagement_add": RECORD,
    "monitoring:review_add": RECORD,
    "monitoring:close": RECORD,
}
