"""Who may call each API route (format: tests/access/test_policy_matrix.py).

The child's evaluation is part of the reunification section of the record (partners: 403); the
stateless check and the schema are open to staff who work with children's records. A GET of the check
(a POST-only route) is answered 405 once access is granted.
"""

from __future__ import annotations

Expected = dict[str, int | tuple[int, int]]

STAFF_WITH_CASES: Expected = {
    "worker": 405,
    "worker2": 405,
    "manager": 405,
    "iro": 405,
    "health": 405,
    "analyst": 403,
    "admin": 403,
}

EXPECTATIONS: dict[str, Expected] = {
    "api:framework_check": STAFF_WITH_CASES,
    "api:openapi-json": {
        **STAFF_WITH_CASES,
        **{k: 200 for k in ("worker", "worker2", "manager", "iro", "health")},
    },
    # Ninja's root: only there so the schema can name the API's path; there is no docs page behind it.
    "api:api-root": {
        **STAFF_WITH_CASES,
        **{k: 404 for k in ("worker", "worker2", "manager", "iro", "health")},
    },
    "api:child_evaluation": {
        "worker": (200, 403),
        "worker2": (200, 403),
        "manager": (200, 403),
        "iro": (200, 403),
        "health": 403,
        "analyst": 403,
        "admin": 403,
    },
}
