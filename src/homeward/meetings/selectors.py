"""Reads of meetings: a child's meetings, the key agencies missing from one, and actions due or overdue
(set-wise, for the monitoring alerts and My work)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from homeward import framework
from homeward.access.policy import profile_of
from homeward.assessments.selectors import agency_type, current_assessment
from homeward.base.queries import ids_for_filter
from homeward.children.models import Child
from homeward.framework.snapshot import AGENCY_LABELS, NEED_LABELS
from homeward.meetings.models import Action, Meeting, Minutes, Participant, ParticipantKind
from homeward.organisation.models import Agency


def meetings_for(child: Child) -> list[Meeting]:
    """The child's meetings, the latest first."""
    return list(Meeting.objects.filter(child=child).order_by("-held_on", "-id"))


def meeting(child: Child, meeting_id: int) -> Meeting:
    """One of the child's meetings (404 when it is not this child's)."""
    return get_object_or_404(Meeting, pk=meeting_id, child=child)


def latest_meeting(child: Child, on: date) -> Meeting | None:
    """The latest meeting held on or before `on`."""
    return Meeting.objects.filter(child=child, held_on__lte=on).order_by("-held_on", "-id").first()


def latest_minutes(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).order_by("-version").first()


def latest_minutes_of(meetings: Sequence[Meeting]) -> dict[int, Minutes]:
    """The latest version of each meeting's minutes, in one query (a meeting with none is left out)."""
    found: dict[int, Minutes] = {}
    for row in Minutes.objects.filter(meeting__in=meetings).order_by("meeting_id", "version"):
        found[row.meeting_id] = row
    return found


def minutes_versions(meeting: Meeting) -> list[Minutes]:
    return list(Minutes.objects.filter(meeting=meeting).order_by("-version"))


def minutes_version(meeting: Meeting, minutes_id: int) -> Minutes:
    return get_object_or_404(Minutes, pk=minutes_id, meeting=meeting)


def action(meeting: Meeting, action_id: int) -> Action:
    return get_object_or_404(Action, pk=action_id, meeting=meeting)


def is_locked(meeting: Meeting) -> bool:
    """Whether the meeting's latest minutes are signed (its details, people and actions then stay)."""
    latest = latest_minutes(meeting)
    return latest is not None and latest.is_signed


@dataclass(frozen=True)
class KeyAgencyFlag:
    """A key agency for one or more of the family's needs that the meeting missed."""

    type: str  # the framework's agency slug
    label: str  # the kind of agency, in words
    name: str  # the agency's name, when one is involved with the family ("" otherwise)
    needs: tuple[str, ...]  # the needs it holds the evidence for, in words
    invited: bool  # True: invited but did not attend
    apologies: bool

    @property
    def who(self) -> str:
        return self.name or self.label


def key_agency_flags(meeting: Meeting) -> list[KeyAgencyFlag]:
    """Each key agency for the family's needs (the framework's need → agency mapping, over the needs in
    the child's assessment) that was not invited to `meeting` or was invited and did not attend. As in
    the framework's `key-agency-absent`, a need is covered when at least one of its agencies came."""
    return key_agency_flags_of(meeting.child, [meeting])[meeting.pk]


def key_agency_flags_of(child: Child, meetings: Sequence[Meeting]) -> dict[int, list[KeyAgencyFlag]]:
    """`key_agency_flags` for several of one child's meetings, reading the child's needs and agencies
    once and every meeting's agency participants in one query."""
    found: dict[int, list[KeyAgencyFlag]] = {m.pk: [] for m in meetings}
    assessment = current_assessment(child)
    if assessment is None or not meetings:
        return found
    mapping = framework.load_config().agencies_for_need
    need_types = list(dict.fromkeys(assessment.needs.values_list("need_type", flat=True)))
    involvements = list(child.agency_involvements.select_related("agency").order_by("agency__name"))
    participants: dict[int, list[Participant]] = defaultdict(list)
    rows = Participant.objects.filter(meeting__in=meetings, kind=ParticipantKind.AGENCY).select_related(
        "agency"
    )
    for p in rows.order_by("id"):
        participants[p.meeting_id].append(p)
    for m in meetings:
        involved = [i.agency for i in involvements if i.is_current(m.held_on)]
        found[m.pk] = _flags(mapping, need_types, participants[m.pk], involved)
    return found


def _flags(
    mapping: Mapping[str, tuple[str, ...]],
    need_types: list[str],
    rows: list[Participant],
    involved: list[Agency],
) -> list[KeyAgencyFlag]:
    agencies: list[tuple[Participant, Agency]] = [(p, p.agency) for p in rows if p.agency is not None]
    came = {agency_type(a.agency_type) for p, a in agencies if p.attended}
    asked = {a.pk: p for p, a in agencies}
    flags: dict[tuple[str, str], dict[str, Any]] = {}
    for need in need_types:
        wanted = mapping.get(need, ())
        if not wanted or came.intersection(wanted):
            continue
        for slug in wanted:
            of_type = [a for a in involved if agency_type(a.agency_type) == slug]
            of_type += [a for _, a in agencies if agency_type(a.agency_type) == slug]
            named: list[Agency | None] = [*{a.pk: a for a in of_type}.values()] or [None]
            for agency in named:
                asked_row = asked.get(agency.pk) if agency is not None else None
                key = (slug, agency.name if agency else "")
                flag = flags.setdefault(
                    key,
                    {
                        "type": slug,
                        "label": AGENCY_LABELS[slug],
                        "name": key[1],
                        "needs": [],
                        "invited": bool(asked_row and asked_row.invited),
                        "apologies": bool(asked_row and asked_row.apologies),
                    },
                )
                if NEED_LABELS[need] not in flag["needs"]:
                    flag["needs"].append(NEED_LABELS[need])
    return [KeyAgencyFlag(**{**f, "needs": tuple(f["needs"])}) for f in flags.values()]


def overdue_actions(child_ids: Iterable[int], today: date) -> dict[int, list[Action]]:
    """For each of the children, the actions agreed at their meetings that are not done and were due
    before `today` (one query for them all); a child with none is left out."""
    found: dict[int, list[Action]] = defaultdict(list)
    rows = (
        Action.objects.filter(meeting__child_id__in=list(child_ids), done_on__isnull=True, due_on__lt=today)
        .select_related("meeting")
        .order_by("due_on", "id")
    )
    for row in rows:
        found[row.meeting.child_id].append(row)
    return dict(found)


def actions_due_for(user: Any, today: date, *, within_days: int = 14) -> list[Action]:
    """The open actions this person owns (or, for a partner agency worker, their agency owns) that are
    overdue or due within `within_days` of `today`, the earliest first."""
    owner = Q(owner_user_id=user.pk)
    profile = profile_of(user)
    if profile is not None and profile.agency_id:
        owner |= Q(owner_agency_id=profile.agency_id)
    return list(
        Action.objects.filter(owner, done_on__isnull=True, due_on__lte=today + timedelta(days=within_days))
        .select_related("meeting", "meeting__child")
        .order_by("due_on", "id")
    )


REVIEW_KINDS = ("looked_after_review", "review_after_return")


def reviews_between(child_ids: Iterable[int] | QuerySet[Any], start: date, end: date) -> list[Meeting]:
    """Looked-after reviews and reviews after a return recorded for these children from `start` to
    `end` (one query), soonest first: an IRO's reviews coming."""
    return list(
        Meeting.objects.filter(
            child_id__in=ids_for_filter(child_ids),
            kind__in=REVIEW_KINDS,
            held_on__gte=start,
            held_on__lte=end,
        ).order_by("held_on", "id")
    )
