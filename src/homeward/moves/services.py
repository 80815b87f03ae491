"""Recording where the child lives: each move applied to the child's 903 episodes, checked as an import is.

A move is checked twice: first against what a move of its kind needs (a child must be looked after to
go home; a planned return needs a signed D3 "yes" and, after 20 working days, a nominated officer's
approval), then by the 903 validator itself (`homeward.ssda903`: its code lists and sequence rules, over
the child's whole history as it would stand), so a move cannot make a history the 903 return would
refuse. A refusal names the field. Everything is in one transaction with the audit event the page
writes.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from homeward.access.policy import profile_of
from homeward.base.people import name_of
from homeward.children import services as children
from homeward.children.models import Child, Episode
from homeward.decisions.models import Decision
from homeward.framework.text import says_something
from homeward.monitoring import services as monitoring
from homeward.monitoring.models import PeriodKind
from homeward.moves import selectors
from homeward.moves.models import Move, MoveKind, ReturnApproval, reason_ceased
from homeward.notifications import services as notifications
from homeward.organisation.models import Role
from homeward.ssda903 import codes, dataset_from_records, history

# A 903 column, as the move form asks for it.
_FIELD_OF_COLUMN = {
    "DECOM": "moved_on",
    "DEC": "moved_on",
    "LS": "ls",
    "CIN": "cin",
    "PLACE": "place",
    "PLACE_PROVIDER": "place_provider",
    "REASON_PLACE_CHANGE": "reason_place_change",
}
PARENTS_PROVIDER = "PR0"
_LINKS = ["decision", "approval", "episode_ended", "episode_started", "corrects"]
_TEXT_FIELDS = ("ls", "cin", "place", "place_provider", "reason_place_change", "unplanned_reason", "notes")


@dataclass(frozen=True)
class MoveDetails:
    """What the worker said about the move (the form's answers)."""

    kind: str
    moved_on: date
    planned: bool | None = None
    unplanned_reason: str = ""
    ls: str = ""
    cin: str = ""
    place: str = ""
    place_provider: str = ""
    reason_place_change: str = ""
    notes: str = ""

    @classmethod
    def of(cls, kind: str, data: dict[str, Any]) -> MoveDetails:
        fields = {k: data[k] for k in cls.__dataclass_fields__ if k in data and k != "kind"}
        for name in _TEXT_FIELDS:
            fields[name] = fields.get(name) or ""
        return cls(kind=kind, **fields)


def _refuse(field: str | None, message: str) -> ValidationError:
    return ValidationError({field or NON_FIELD_ERRORS: message})


def _check_kind(child: Child, details: MoveDetails, today: date) -> Decision | None:
    """Refuse a move its kind does not allow; the D3 decision a planned return stands on."""
    if details.moved_on > today:
        raise _refuse("moved_on", "The date of the move cannot be in the future.")
    current = selectors.open_episode(child)
    last = selectors.last_episode(child)
    if details.kind == MoveKind.RE_ENTRY:
        if current is not None:
            raise _refuse(None, "The child is looked after now: record a change of placement instead.")
        if last is None or last.dec is None:
            raise _refuse(None, "A re-entry follows a return home: the child has no earlier period of care.")
        if details.moved_on < last.dec:
            raise _refuse(
                "moved_on",
                f"The child came back into care after they went home on {last.dec:%-d %B %Y}: "
                "the date cannot be earlier.",
            )
        return None
    if current is None:
        raise _refuse(None, "The child is not looked after now, so they cannot move from care.")
    if details.moved_on < current.decom:
        raise _refuse(
            "moved_on",
            f"The current episode started on {current.decom:%-d %B %Y}: the move cannot be earlier.",
        )
    if details.kind == MoveKind.PLACED_WITH_PARENTS:
        if current.ls in selectors.VOLUNTARY:
            raise _refuse(
                None,
                "A child accommodated under section 20 who goes to live with a parent stops being looked "
                "after: record a return home.",
            )
        if current.place == selectors.PLACED_WITH_PARENTS:
            raise _refuse(None, "The child is already placed with parents.")
    if details.kind == MoveKind.RETURN_HOME and details.planned:
        readiness = selectors.return_readiness(child, details.moved_on)
        if readiness.outstanding:
            raise _refuse("planned", " ".join(readiness.outstanding))
        return readiness.decision
    if details.kind == MoveKind.RETURN_HOME and not details.unplanned_reason:
        raise _refuse("unplanned_reason", "Say why the child went home without a planned return.")
    return None


def _new_episode(child: Child, details: MoveDetails, before: Episode | None) -> Episode | None:
    """The episode the move starts (unsaved), or None for a return home."""
    if details.kind == MoveKind.RETURN_HOME:
        return None
    if details.kind == MoveKind.RE_ENTRY:
        return Episode(
            child=child,
            decom=details.moved_on,
            rne="S",
            ls=details.ls,
            cin=details.cin,
            place=details.place,
            place_provider=details.place_provider,
        )
    assert before is not None
    place = selectors.PLACED_WITH_PARENTS if details.kind == MoveKind.PLACED_WITH_PARENTS else details.place
    provider = PARENTS_PROVIDER if details.kind == MoveKind.PLACED_WITH_PARENTS else details.place_provider
    return Episode(
        child=child,
        decom=details.moved_on,
        rne="P",
        ls=before.ls,
        cin=before.cin,
        place=place,
        place_provider=provider,
        reason_place_change=details.reason_place_change,
        home_post=before.home_post,
    )


def _check_903(child: Child, before: list[Episode], after: list[Episode], changed: set[int]) -> None:
    """Refuse the move if the 903 validator finds, in the history as it would stand, an error on an
    episode the move writes that was not there before (a history imported with old faults still moves)."""
    header = [child.details_903()]
    known = {(i.code, i.row, i.column) for i in dataset_from_records(header, _as_903(child, before)).errors}
    rows = {position + 2 for position in changed}  # the 903 row of each episode (the header is row 1)
    errors: dict[str, list[str]] = {}
    for issue in dataset_from_records(header, _as_903(child, after)).errors:
        if issue.row not in rows or (issue.code, issue.row, issue.column) in known:
            continue
        field = _FIELD_OF_COLUMN.get(issue.column or "", NON_FIELD_ERRORS)
        text = issue.message[:1].upper() + issue.message[1:]
        errors.setdefault(field, []).append(f"{text} (903 rule {issue.code})." if issue.code else text)
    if errors:
        raise ValidationError(errors)


def _as_903(child: Child, episodes: list[Episode]) -> list[history.Episode]:
    return [e.as_903(child.la_child_id) for e in episodes]


def _apply(
    child: Child, details: MoveDetails, today: date
) -> tuple[Decision | None, Episode | None, Episode | None]:
    decision = _check_kind(child, details, today)
    history_now = list(Episode.objects.filter(child=child).order_by("decom", "id").select_for_update())
    before = [copy(e) for e in history_now]
    current = next((e for e in reversed(history_now) if e.dec is None), None)
    ended: Episode | None = None
    if details.kind != MoveKind.RE_ENTRY:
        assert current is not None
        ended = current
        ended.dec = details.moved_on
        ended.rec = reason_ceased(details.kind, details.planned)
    started = _new_episode(child, details, current)
    after = [*history_now, *([started] if started else [])]
    changed = {i for i, e in enumerate(after) if e is ended or e is started}
    _check_903(child, before, after, changed)
    for episode in (ended, started):
        if episode is not None:
            episode.full_clean(exclude=["child"])
            episode.save()
    return decision, ended, started


def record_move(
    child: Child,
    details: MoveDetails,
    *,
    user: User,
    corrects: Move | None = None,
    correction_reason: str = "",
) -> Move:
    """Record one move of the child and apply it to their episodes."""
    today = timezone.localdate()
    with transaction.atomic():
        Child.objects.select_for_update().filter(pk=child.pk).first()
        decision, ended, started = _apply(child, details, today)
        move = Move(
            child=child,
            kind=details.kind,
            moved_on=details.moved_on,
            planned=details.planned if details.kind == MoveKind.RETURN_HOME else None,
            unplanned_reason=details.unplanned_reason if details.kind == MoveKind.RETURN_HOME else "",
            decision=decision,
            approval=selectors.approval_for(decision) if decision is not None else None,
            ls=started.ls if started else "",
            cin=started.cin if started else "",
            place=started.place if started else "",
            place_provider=started.place_provider if started else "",
            reason_place_change=started.reason_place_change if started else "",
            notes=details.notes,
            corrects=corrects,
            correction_reason=correction_reason,
            episode_ended=ended,
            episode_started=started,
            recorded_by=user,
            recorded_by_name=name_of(user),
        )
        move.full_clean(exclude=[*_LINKS, "child"])
        move.save()
        children.refresh_care_summary(child, today)
        _monitor(move, ended, user)
        _tell_everyone(move, user)
    return move


def _monitor(move: Move, ended: Episode | None, user: User) -> None:
    """A return home or a placement with parents starts the months of monitoring after it; a re-entry
    (or a placement with parents ending in another placement) closes them as a breakdown."""
    child, on, name = move.child, move.moved_on, name_of(user)
    if move.corrects is not None:
        # A correction keeps the monitoring already under way (its visits, its reviews) on the new date.
        monitoring.correct_dates(child, was=move.corrects.moved_on, now=on)
        return
    if move.kind == MoveKind.RETURN_HOME:
        monitoring.end_for_return_home(child, on=on, user=user)
        monitoring.start(child, kind=PeriodKind.RETURN_HOME, started_on=on, by_name=name, user=user)
    elif move.kind == MoveKind.PLACED_WITH_PARENTS:
        monitoring.start(child, kind=PeriodKind.PLACED_WITH_PARENTS, started_on=on, by_name=name, user=user)
    elif move.kind == MoveKind.RE_ENTRY:
        reason = move.notes.strip() or "The child came back into care."
        monitoring.close_as_breakdown(child, on=on, reason=reason, user=user)
    elif ended is not None and ended.place == selectors.PLACED_WITH_PARENTS:
        reason = (
            move.notes.strip() or "The placement with parents ended: the child moved to another placement."
        )
        monitoring.close_as_breakdown(child, on=on, reason=reason, user=user)


def _tell_everyone(move: Move, user: User) -> None:
    """On the day of the move, every agency involved then, the IRO and the managers are told (Working
    Together 2023: agencies not told when care moved to or from parents is a finding of case reviews);
    an unplanned return is flagged to the managers at once, for them to act."""
    child = move.child
    link = reverse("children:record", args=[child.pk])
    summary = describe(move)
    name = name_of(user)
    if move.corrects is not None:
        summary = f"Correction to the record of {move.corrects.moved_on:%-d %B %Y}: {summary}"
    notifications.notify(
        child,
        event=move.kind,
        summary=summary,
        on=move.moved_on,
        link=link,
        actor=user,
        actor_name=name_of(user),
    )
    if move.kind == MoveKind.RETURN_HOME and not move.planned and move.corrects is None:
        reason = move.get_unplanned_reason_display().lower()
        notifications.flag_to_manager(
            child,
            event="unplanned_return",
            summary=f"{child.full_name} went home without a planned return: {reason}.",
            on=move.moved_on,
            link=reverse("moves:moves", args=[child.pk]),
            actor=user,
            actor_name=name,
        )


def correct_move(move: Move, details: MoveDetails, *, reason: str, user: User) -> Move:
    """Correct the child's latest move: its effect on the episodes is undone and the corrected move
    applied, as a new move that points at the one it corrects (which is kept as it was)."""
    if not says_something(reason):
        raise _refuse("correction_reason", "Say why the move is being corrected.")
    child = move.child
    with transaction.atomic():
        Child.objects.select_for_update().filter(pk=child.pk).first()
        standing = Move.objects.filter(child=child, corrected_by__isnull=True)
        latest = standing.order_by("-moved_on", "-id").first()
        if latest is None or latest.pk != move.pk:
            raise _refuse(None, "Only the child's latest move can be corrected.")
        if move.episode_started_id is not None:
            if Episode.objects.filter(child=child, decom__gt=move.moved_on).exists():
                raise _refuse(None, "Episodes were recorded after this move: correct the history first.")
            Episode.objects.filter(pk=move.episode_started_id).delete()
        if move.episode_ended_id is not None:
            Episode.objects.filter(pk=move.episode_ended_id).update(dec=None, rec="")
        return record_move(child, details, user=user, corrects=move, correction_reason=reason)


def approve_return(child: Child, *, user: User, reasons: str) -> ReturnApproval:
    """A nominated officer approves the return home against the standing signed D3 "yes" (reg 39)."""
    profile = profile_of(user)
    if profile is None or profile.role != Role.TEAM_MANAGER or not profile.nominated_officer:
        raise _refuse(None, "Only a manager named as a nominated officer can approve this.")
    decision = selectors.d3_yes(child)
    if decision is None:
        raise _refuse(None, "There is no signed-off D3 decision that the child should go home.")
    if not says_something(reasons):
        raise _refuse("reasons", "Give your reasons for approving the return.")
    checklist = selectors.reg39_checklist(child)
    return ReturnApproval.objects.create(
        child=child,
        decision=decision,
        approved_by=user,
        approved_by_name=name_of(user),
        checklist=selectors.checklist_as_json(checklist),
        reasons=reasons,
    )


def describe(move: Move) -> str:
    """The move in a line, as an agency is told it: who, what changed (never the case file)."""
    words = move.get_kind_display()
    if move.kind == MoveKind.RETURN_HOME:
        words = "Returned home (planned)" if move.planned else "Returned home (not planned)"
    elif move.place:
        words += f": {codes.PLACEMENT.get(move.place, move.place)}"
    return f"{move.child.full_name}: {words}, {move.moved_on:%-d %B %Y}."
