"""Who may open the subject access and retention pages (format: tests/access/test_policy_matrix.py).

Only a data protection officer, a flag an administrator sets on an account; no demo login has it, so
every demo login is refused (tests/subjectaccess/test_subject_access.py signs one in).
"""

from __future__ import annotations

from typing import Any

from homeward.children.models import Child, FamilyMember

NOBODY_IN_THE_DEMO = {
    who: 403 for who in ("worker", "worker2", "manager", "iro", "health", "analyst", "admin", "dataofficer")
}

EXPECTATIONS = {
    f"subjectaccess:{name}": NOBODY_IN_THE_DEMO
    for name in (
        "search",
        "child_json",
        "child_pdf",
        "person_json",
        "person_pdf",
        "retention",
        "retention_csv",
    )
}


def _subject_id(child: Any) -> int:
    return int(Child.objects.order_by("pk").values_list("pk", flat=True)[0])


def _family_member_id(child: Any) -> int:
    return int(FamilyMember.objects.order_by("pk").values_list("pk", flat=True)[0])


URL_KWARGS = {"subject_id": _subject_id, "family_member_id": _family_member_id}
