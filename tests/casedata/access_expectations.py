"""Who may open the case-data pages (read by tests/access/test_policy_matrix.py; see its docstring).

Only the data officer loads case data. A staged upload belongs to the person who uploaded it; the matrix
asks for one that does not exist, so even the data officer gets "not found". The children not in the
case system's extract are for the data officer (by CHILD id) and managers (their teams' children); the
matrix asks to decide on an entry that does not exist ("not found"; one not theirs is "not found" too).
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
    "casedata:missing": {**NOBODY_ELSE, "manager": 200, "dataofficer": 200},
    "casedata:decide": {**NOBODY_ELSE, "manager": 404, "dataofficer": 404},
}

URL_KWARGS = {"missing_id": lambda child: 987_654_321}
