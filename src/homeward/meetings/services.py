"""Recording meetings, who took part, what was decided and the actions; signing the minutes.

Every change is one transaction. The worker records the meeting; a manager signs the minutes (the
policy's SIGN_OFF: the IRO chairs looked-after reviews but may not edit records, and a team manager
is who signs off what the service has agreed — the pages check the action, the service refuses the
person who wrote the version). Once the latest minutes are signed the meeting is locked: a change
starts a new version of the minutes, and the signed one is kept. Marking an action done stays open
after signing (see `homeward.meetings.models`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from homeward.base.concurrency import claim_edit
from homeward.base.people import name_of
from homeward.children.models import Child
from homeward.meetings import selectors
from homeward.meetings.models import (
    Action,
    Meeting,
    MeetingKind,
    Minutes,
    Participant,
    ParticipantKind,
    SignedMinutesError,
)
from homeward.organisation.models import Agency


def _unlocked(meeting: Meeting) -> Minutes:
    """The minutes being written; refused if the latest version is signed."""
    latest = selectors.latest_minutes(meeting)
    if latest is None:
        return Minutes.objects.create(meeting=meeting)
    if latest.is_signed:
        raise SignedMinutesError(
            f"Version {latest.version} of the minutes was signed by {latest.signed_by_name} and cannot be "
            "changed. Start a new version of the minutes instead; the signed one is kept."
        )
    return latest


def _check_details(kind: str, held_on: date | None, purpose: str, chair: str) -> None:
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": "Select the kind of meeting"})
    if held_on is None:
        raise ValidationError({"held_on": "Enter the date of the meeting"})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "The date of the meeting must be today or in the past"})
    if not purpose.strip():
        raise ValidationError({"purpose": "Enter the purpose of the meeting"})
    if not chair.strip():
        raise ValidationError({"chair": "Enter who chaired the meeting"})


@transaction.atomic
def record_meeting(
    child: Child, user: User, *, kind: str, held_on: date | None, purpose: str, chair: str
) -> Meeting:
    """A meeting, with the first version of its minutes (nothing decided yet)."""
    _check_details(kind, held_on, purpose, chair)
    assert held_on is not None  # checked above
    meeting = Meeting.objects.create(
        child=child,
        kind=kind,
        held_on=held_on,
        purpose=purpose.strip(),
        chair=chair.strip(),
        recorded_by=user,
        recorded_by_name=name_of(user),
    )
    Minutes.objects.create(meeting=meeting, written_by=user, written_by_name=name_of(user))
    return meeting


@transaction.atomic
def update_meeting(
    meeting: Meeting,
    *,
    kind: str,
    held_on: date | None,
    purpose: str,
    chair: str,
    edit_version: int | None = None,
) -> Meeting:
    _unlocked(meeting)
    _check_details(kind, held_on, purpose, chair)
    claim_edit(meeting, edit_version)
    meeting.kind, meeting.held_on = kind, held_on  # type: ignore[assignment]
    meeting.purpose, meeting.chair = purpose.strip(), chair.strip()
    meeting.save()
    return meeting


# --- who was asked and who came -----------------------------------------------------------------------


@dataclass(frozen=True)
class Invitee:
    """Someone who can be asked to the meeting: `key` is how the form names them."""

    key: str  # "child", "iro", "family-<id>", "agency-<id>"
    label: str


def invitees(meeting: Meeting) -> list[Invitee]:
    """The child, each family member, each agency involved on the day, and the IRO."""
    child = meeting.child
    people = [Invitee("child", f"{child.full_name} (the child)")]
    people += [
        Invitee(f"family-{m.pk}", f"{m.full_name} ({m.get_relationship_display()})")
        for m in child.family.order_by("full_name", "pk")
    ]
    people += [
        Invitee(f"agency-{i.agency_id}", i.agency.name)
        for i in child.agency_involvements.select_related("agency").order_by("agency__name")
        if i.is_current(meeting.held_on)
    ]
    if child.iro_id:
        people.append(Invitee("iro", f"{name_of(child.iro)} (independent reviewing officer)"))  # type: ignore[arg-type]
    return people


def participant_key(p: Participant) -> str:
    if p.kind == ParticipantKind.FAMILY:
        return f"family-{p.family_member_id}"
    if p.kind == ParticipantKind.AGENCY:
        return f"agency-{p.agency_id}"
    return str(p.kind)


def others_text(meeting: Meeting) -> str:
    """Someone else who took part (another member of staff), one a line: "Name, role"."""
    rows = meeting.participants.filter(kind=ParticipantKind.OTHER).order_by("id")
    return "\n".join(f"{p.name}, {p.role}" if p.role else p.name for p in rows)


@transaction.atomic
def set_participants(
    meeting: Meeting,
    *,
    invited: Iterable[str],
    attended: Iterable[str],
    apologies: Iterable[str],
    others: str = "",
    edit_version: int | None = None,
) -> list[Participant]:
    """Who was invited, who attended and who sent apologies (the keys of `invitees`), and anyone else
    who attended, one a line ("Name, role"). Replaces what was recorded before."""
    _unlocked(meeting)
    claim_edit(meeting, edit_version)
    known = {i.key for i in invitees(meeting)}
    invited, attended, apologies = set(invited), set(attended), set(apologies)
    for field, keys in (("invited", invited), ("attended", attended), ("apologies", apologies)):
        if keys - known:
            raise ValidationError({field: "Select only people and agencies from the list"})
    both = attended & apologies
    if both:
        raise ValidationError(
            {"apologies": "Someone cannot both attend and send apologies: choose one for each person"}
        )
    meeting.participants.all().delete()
    rows: list[Participant] = []
    child = meeting.child
    agency_ids = [int(k.removeprefix("agency-")) for k in known if k.startswith("agency-")]
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=agency_ids)}
    for key in sorted(invited | attended | apologies, key=lambda k: (k.split("-")[0], k)):
        row = Participant(
            meeting=meeting,
            invited=key in invited or key in apologies,
            attended=key in attended,
            apologies=key in apologies,
        )
        kind, _, pk = key.partition("-")
        if kind == "family":
            row.kind, row.family_member_id = ParticipantKind.FAMILY, int(pk)
        elif kind == "agency":
            row.kind, row.agency_id = ParticipantKind.AGENCY, int(pk)
            row.role = str(agencies[int(pk)].get_agency_type_display())
        elif kind == "iro":
            row.kind, row.name = ParticipantKind.IRO, name_of(child.iro) if child.iro else ""  # type: ignore[arg-type]
        else:
            row.kind = ParticipantKind.CHILD
        row.save()
        rows.append(row)
    for line in others.splitlines():
        name, _, role = line.partition(",")
        if not name.strip():
            continue
        if len(name.strip()) > 200 or len(role.strip()) > 200:
            raise ValidationError({"others": "Each name and role must be 200 characters or fewer"})
        rows.append(
            Participant.objects.create(
                meeting=meeting,
                kind=ParticipantKind.OTHER,
                name=name.strip(),
                role=role.strip(),
                invited=True,
                attended=True,
            )
        )
    return rows


# --- what was decided, the actions, the minutes -------------------------------------------------------


@transaction.atomic
def record_decisions(meeting: Meeting, *, decisions: str, edit_version: int | None = None) -> Minutes:
    minutes = _unlocked(meeting)
    claim_edit(minutes, edit_version)
    minutes.decisions = decisions.strip()
    minutes.save(update_fields=["decisions"])
    return minutes


@transaction.atomic
def add_action(
    meeting: Meeting,
    *,
    description: str,
    owner_name: str,
    due_on: date | None,
    owner_agency: Agency | None = None,
    owner_user: Any = None,
) -> Action:
    """An action agreed at the meeting: part of the minutes, so refused once they are signed."""
    _unlocked(meeting)
    if not description.strip():
        raise ValidationError({"description": "Enter what needs to be done"})
    if not owner_name.strip():
        raise ValidationError({"owner_name": "Enter who will do it"})
    if due_on is None:
        raise ValidationError({"due_on": "Enter the date it is due"})
    if due_on < meeting.held_on:
        raise ValidationError({"due_on": "The date it is due must be on or after the date of the meeting"})
    return Action.objects.create(
        meeting=meeting,
        description=description.strip(),
        owner_name=owner_name.strip(),
        owner_agency=owner_agency,
        owner_user=owner_user,
        due_on=due_on,
    )


@transaction.atomic
def mark_done(action: Action, user: User, *, done_on: date | None, edit_version: int | None = None) -> Action:
    """Record the date an action was done. Allowed after the minutes are signed: they froze what was
    agreed, and this is what happened since (see `homeward.meetings.models`)."""
    if done_on is None:
        raise ValidationError({"done_on": "Enter the date it was done"})
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": "The date it was done must be today or in the past"})
    if done_on < action.meeting.held_on:
        raise ValidationError({"done_on": "The date it was done must be on or after the date of the meeting"})
    claim_edit(action, edit_version)
    action.done_on = done_on
    action.done_recorded_by_name = name_of(user)
    action.save(update_fields=["done_on", "done_recorded_by_name"])
    return action


def missing_for_signature(meeting: Meeting) -> list[str]:
    """What the minutes still lack before a manager can sign them, in words."""
    missing = []
    minutes = selectors.latest_minutes(meeting)
    if not meeting.participants.filter(attended=True).exists():
        missing.append("Record who attended")
    if minutes is None or not minutes.decisions.strip():
        missing.append("Record what was decided")
    return missing


@transaction.atomic
def sign_minutes(meeting: Meeting, manager: User) -> Minutes:
    latest = selectors.latest_minutes(meeting)
    if latest is None:
        raise ValidationError("There are no minutes to sign.")
    minutes = Minutes.objects.select_for_update().get(pk=latest.pk)
    if minutes.is_signed:
        raise SignedMinutesError(f"Version {minutes.version} of the minutes is already signed.")
    if minutes.written_by_id == manager.pk:
        raise ValidationError("Minutes cannot be signed by the person who wrote them.")
    missing = missing_for_signature(meeting)
    if missing:
        raise ValidationError(["The minutes cannot be signed yet.", *missing])
    minutes.sign(manager, name_of(manager))
    return minutes


@transaction.atomic
def start_new_version(meeting: Meeting, user: User) -> Minutes:
    """A new, unsigned version of signed minutes (copied from the latest), unlocking the meeting."""
    latest = selectors.latest_minutes(meeting)
    if latest is None or not latest.is_signed:
        raise ValidationError("These minutes are still being written: change them instead.")
    return latest.copy_as_new_version(written_by=user, written_by_name=name_of(user))


def possible_owners(meeting: Meeting) -> list[Any]:
    """The Homeward users an action can be given to: the child's worker, the IRO, the team's managers
    and the partner agency workers of the agencies involved on the day."""
    child = meeting.child
    agency_ids = [i.agency_id for i in child.agency_involvements.all() if i.is_current(meeting.held_on)]
    users = (
        get_user_model()
        .objects.filter(
            models.Q(pk=child.allocated_worker_id)
            | models.Q(pk=child.iro_id)
            | models.Q(profile__managed_teams=child.team_id)
            | models.Q(profile__agency_id__in=agency_ids)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    return list(users)


def owner_agency_of(user: Any) -> Agency | None:
    profile = getattr(user, "profile", None)
    return profile.agency if profile is not None and profile.agency_id else None
