"""What one version of a meeting's minutes shows, frozen when it is signed (`homeward.base.documents`).

Names (the family members', the agencies', the chair's), the meeting's date and purpose, who came and
what was decided are copied in, so renaming a family member after signing leaves the signed minutes as
they were. The actions are frozen as agreed (what, who, by when); whether each was done is tracked on
the action and shown beside the minutes, not in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from homeward.base.documents import FrozenDocument


@dataclass(frozen=True)
class ParticipantPart:
    name: str
    role: str  # "Mother", "Northshire Community Health", "Independent reviewing officer"
    invited: bool
    attended: bool
    apologies: bool


@dataclass(frozen=True)
class ActionPart:
    description: str
    owner: str
    due_on: date


@dataclass(frozen=True)
class MinutesDocument(FrozenDocument):
    child_name: str
    kind: str  # as the page shows it
    held_on: date
    purpose: str
    chair: str
    version: int
    replaces_version: int | None
    written_by_name: str
    decisions: str
    participants: tuple[ParticipantPart, ...]
    actions: tuple[ActionPart, ...]
    signed_by_name: str
    signed_at: datetime | None

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


# The order the minutes list people in: the child and family first, then the professionals.
_ORDER = {"child": 0, "family": 1, "agency": 2, "iro": 3, "other": 4}


def _participant(p: Any, child_name: str) -> ParticipantPart:
    if p.kind == "family":
        name, role = p.family_member.full_name, str(p.family_member.get_relationship_display())
    elif p.kind == "agency":
        name, role = p.agency.name, p.role or "Agency"
    elif p.kind == "child":
        name, role = child_name, "The child"
    elif p.kind == "iro":
        name, role = p.name or "The IRO", "Independent reviewing officer"
    else:
        name, role = p.name, p.role
    return ParticipantPart(
        name=name, role=role, invited=p.invited, attended=p.attended, apologies=p.apologies
    )


def build(minutes: Any) -> MinutesDocument:
    """The minutes as the live records stand."""
    meeting = minutes.meeting
    child = meeting.child
    child_name = f"{child.first_name} {child.last_name}"
    participants = sorted(
        meeting.participants.select_related("family_member", "agency"),
        key=lambda p: (_ORDER.get(p.kind, len(_ORDER)), p.pk),
    )
    return MinutesDocument(
        child_name=child_name,
        kind=str(meeting.get_kind_display()),
        held_on=meeting.held_on,
        purpose=meeting.purpose,
        chair=meeting.chair,
        version=minutes.version,
        replaces_version=minutes.version - 1 if minutes.supersedes_id else None,
        written_by_name=minutes.written_by_name,
        decisions=minutes.decisions,
        participants=tuple(_participant(p, child_name) for p in participants),
        actions=tuple(
            ActionPart(description=a.description, owner=a.owner_name, due_on=a.due_on)
            for a in meeting.actions.order_by("due_on", "id")
        ),
        signed_by_name=minutes.signed_by_name,
        signed_at=minutes.signed_at,
    )
