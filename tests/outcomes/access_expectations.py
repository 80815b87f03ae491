"""Who may open the outcomes pages (read by tests/access/test_policy_matrix.py; see its docstring).

The dashboard and its downloads: analysts and team managers (aggregate, non-identifying figures).
Importing 903 returns: analysts only. A staged upload belongs to the analyst who uploaded it; the
matrix asks for one that does not exist, so even the analyst gets "not found".
"""

from typing import Any

NOBODY_ELSE = {"worker": 403, "worker2": 403, "iro": 403, "health": 403, "admin": 403}

EXPECTATIONS: dict[str, dict[str, Any]] = {
    "outcomes:dashboard": {**NOBODY_ELSE, "manager": 200, "analyst": 200},
    "outcomes:table_csv": {**NOBODY_ELSE, "manager": 200, "analyst": 200},
    "outcomes:imports": {**NOBODY_ELSE, "manager": 403, "analyst": 200},
    "outcomes:upload": {**NOBODY_ELSE, "manager": 403, "analyst": 200},
    "outcomes:withdraw": {**NOBODY_ELSE, "manager": 403, "analyst": 200},
    "outcomes:report": {**NOBODY_ELSE, "manager": 403, "analyst": 404},
    "outcomes:report_csv": {**NOBODY_ELSE, "manager": 403, "analyst": 404},
}


def an_import(child: Any) -> int:
    """An import to withdraw (the confirmation page only: the matrix makes GET requests)."""
    from homeward.outcomes.models import Import903, ImportStatus

    found = Import903.objects.filter(status=ImportStatus.IMPORTED).first()
    if found is None:
        found = Import903.objects.create(imported_by_name="matrix", children=0, episodes=0)
    return found.pk


URL_KWARGS: dict[str, Any] = {
    "import_id": an_import,
    "table_key": lambda child: "returns_by_year",
    "upload_token": lambda child: "0" * 32,
}
