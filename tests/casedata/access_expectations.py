"""Who may open the case-data pages (read by tests/access/test_policy_matrix.py; see its docstring).

Only the data officer loads case data. A staged upload belongs to the person who uploaded it; the matrix
asks for one that does not exist, so even the data officer gets "not found".
"""

from typing import Any

NOBODY_ELSE = {
    "worker": 403,
    "worker2": 403,
    "manager": 403,
    "iro": 403,
    "health": 403,
    "analyst": 403,
    "admin": 403,
}

EXPECTATIONS: dict[str, dict[str, Any]] = {
    "casedata:upload": {**NOBODY_ELSE, "dataofficer": 200},
    "casedata:check": {**NOBODY_ELSE, "dataofficer": 404},
}
