"""Who may open each page of the caseload and the child's record (format: tests/access/test_policy_matrix.py).

(their child, another child): a worker edits their own and their team's children; a manager their teams';
an IRO only reads the records they review; a partner agency only reads children it is involved with;
analysts and administrators open no child records at all.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from homeward.children.models import AgencyInvolvement, HouseholdMembership
from homeward.organisation.models import Agency

Expected = dict[str, int | tuple[int, int]]

READ: Expected = {
    "worker": (200, 403),
    "worker2": (200, 403),
    "manager": (200, 403),
    "iro": (200, 403),
    "health": (200, 403),
    "analyst": 403,
    "admin": 403,
}
EDIT: Expected = {**READ, "iro": 403, "health": 403}
AUDIT: Expected = {**EDIT, "worker": 403, "worker2": 403}

EXPECTATIONS: dict[str, Expected] = {
    "children:caseload": {
        "worker": 200,
        "worker2": 200,
        "manager": 200,
        "iro": 200,
        "health": 200,
        "analyst": 403,
        "admin": 403,
    },
    "children:record": READ,
    "children:member_add": EDIT,
    "children:member_edit": EDIT,
    "children:membership_add": EDIT,
    "children:membership_end": EDIT,
    "children:household_add": EDIT,
    "children:agency_add": EDIT,
    "children:agency_end": EDIT,
    "children:audit": AUDIT,
}


def _member_id(child: Any) -> int:
    return int(child.family.order_by("pk").first().pk)


def _membership_id(child: Any) -> int:
    membership = (
        HouseholdMembership.objects.filter(member__child=child, ended__isnull=True).order_by("pk").first()
    )
    assert membership is not None, f"demo child {child.la_child_id} has no one living in a household"
    return int(membership.pk)


def _involvement_id(child: Any) -> int:
    involvement = child.agency_involvements.order_by("pk").first()
    if involvement is None:  # not every demo child has an agency involved; give this one a school
        involvement = AgencyInvolvement.objects.create(
            child=child,
            agency=Agency.objects.get(name="Oakfield Primary School"),
            contact_name="Ms Head",
            started=timezone.localdate(),
        )
    return int(involvement.pk)


URL_KWARGS = {
    "member_id": _member_id,
    "membership_id": _membership_id,
    "involvement_id": _involvement_id,
}
