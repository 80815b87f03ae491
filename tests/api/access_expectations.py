"""Who may call each API route with a session (format: tests/access/test_policy_matrix.py); the same
matrix with API tokens, every route × every role × their child, another child and an absent one, is in
tests/api/test_matrix.py.

A child's episodes, network and agencies are shown as on the record (partners see the network and the
agencies, not the episodes); the reunification parts (assessment, decisions, evaluation, plans,
monitoring) are not shared with partners (403). The list and the stateless check are for staff who work
with children's records; the sync is the data officer's alone. A GET of a POST-only route is answered
405 once access is granted. Without a session or a token the API answers 401 (a problem detail), not the
sign-in page. The first version's
paths answer 308 to /api/v1/ for anyone.
"""

from __future__ import annotations

Expected = dict[str, int | tuple[int, int]]

NOT_SIGNED_IN = {"anonymous": 401}
STAFF_WITH_CASES: Expected = {
    **NOT_SIGNED_IN,
    "worker": 200,
    "worker2": 200,
    "manager": 200,
    "iro": 200,
    "health": 200,
    "analyst": 403,
    "admin": 403,
}
REUNIFICATION: Expected = {
    **NOT_SIGNED_IN,
    "worker": (200, 403),
    "worker2": (200, 403),
    "manager": (200, 403),
    "iro": (200, 403),
    "health": 403,
    "analyst": 403,
    "admin": 403,
}
SHARED_WITH_PARTNERS: Expected = {**REUNIFICATION, "health": (200, 403)}
MOVED: Expected = {
    who: 308 for who in ("anonymous", "worker", "worker2", "manager", "iro", "health", "analyst", "admin")
}

EXPECTATIONS: dict[str, Expected] = {
    "api_v1:children": STAFF_WITH_CASES,
    "api_v1:episodes": REUNIFICATION,  # the episodes section is not shared with partners
    "api_v1:network": SHARED_WITH_PARTNERS,
    "api_v1:agencies": SHARED_WITH_PARTNERS,
    "api_v1:assessment": REUNIFICATION,
    "api_v1:decisions": REUNIFICATION,
    "api_v1:evaluation": REUNIFICATION,
    "api_v1:plans": REUNIFICATION,
    "api_v1:monitoring": REUNIFICATION,
    # POST only: the policy first (an IRO may not edit: 403), then 405 for a GET.
    "api_v1:record_move": {
        **REUNIFICATION,
        "worker": (405, 403),
        "worker2": (405, 403),
        "manager": (405, 403),
        "iro": 403,
    },
    # The data officer's sync (POST only): the capability first, then 405 for a GET.
    "api_v1:sync": {
        **NOT_SIGNED_IN,
        **{k: 403 for k in ("worker", "worker2", "manager", "iro", "health", "analyst", "admin")},
        "dataofficer": 405,
    },
    "api_v1:framework_check": {
        **STAFF_WITH_CASES,
        **{k: 405 for k in ("worker", "worker2", "manager", "iro", "health")},
    },
    "api_v1:openapi-json": STAFF_WITH_CASES,
    # Everyone who may make a token reads the docs (the data officer, for the sync, as the analyst).
    "api_v1:docs": {
        "worker": 200,
        "worker2": 200,
        "manager": 200,
        "iro": 200,
        "health": 200,
        "analyst": 200,
        "admin": 200,
    },
    # Ninja's root: only there so the schema can name the API's path; there is nothing behind it.
    "api_v1:api-root": {
        **STAFF_WITH_CASES,
        **{k: 404 for k in ("worker", "worker2", "manager", "iro", "health")},
    },
    # Any other address under /api/v1/: a 404 problem detail for anyone.
    "api_v1:not_found": {**{who: 404 for who in MOVED}},
    "api:framework_check": MOVED,
    "api:child_evaluation": MOVED,
    "api:openapi-json": MOVED,
}

URL_KWARGS = {"rest": lambda child: "no-such-operation"}
