"""The child's chronology, built each time from the records Homeward holds (read through each app's
selectors, never copied), with the significant events a worker added and their analysis notes.

Each event is dated, has a kind, a one-line description in plain words and a link to where it is
recorded. Each has a key that stays the same for as long as its record does (the 903 episodes are keyed
by their dates and codes, as a case-data sync replaces their rows), so an analysis note stays with its
event. Every event belongs to one section of the record (`access.policy.Section`): a viewer is shown only
the events of the sections the policy shows them, as on the record page, so a partner agency's
chronology holds the legal status, the household and the agencies, and nothing of the reunification
work (the worker's own significant events and analysis included).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from homeward.access.policy import Section
from homeward.assessments import selectors as assessments
from homeward.children import selectors as children
from homeward.children.models import Child
from homeward.children.selectors import ChildRecord
from homeward.chronology.models import AnalysisNote, EventKind, SignificantEvent
from homeward.decisions import selectors as decisions
from homeward.meetings import selectors as meetings
from homeward.monitoring import selectors as monitoring
from homeward.moves import selectors as moves
from homeward.plans import selectors as plans

# An X1 ending only closes an episode for the next one the same day: the next one's start says what
# changed, so the ending itself is left out of the chronology. So is the start of an episode that only
# changed the legal status (RNE L): the legal status's own event says it.
SAME_DAY_CHANGE = "X1"
LEGAL_STATUS_ONLY = "L"


@dataclass(frozen=True)
class Event:
    """One event in the child's chronology."""

    key: str
    on: date
    kind: EventKind
    description: str
    link: str  # where it is recorded
    recorded_in: str  # the link's words
    section: Section
    # A hand-added event: who said so or where it was recorded, and the event itself.
    source: str = ""
    significant: SignificantEvent | None = None
    note: AnalysisNote | None = None

    @property
    def kind_label(self) -> str:
        return str(EventKind(self.kind).label)


@dataclass(frozen=True)
class ChronologyQuery:
    """What a chronology is asked for: some kinds (none: every kind), a period (either end open) and
    the order."""

    kinds: frozenset[str] = frozenset()
    start: date | None = None
    end: date | None = None
    newest_first: bool = True


@dataclass(frozen=True)
class Chronology:
    child: Child
    events: list[Event]  # those asked for, in the order asked for
    every_event: int  # every event this viewer is shown, before the kinds and the period
    kinds: list[tuple[str, str]]  # the kinds this viewer may be shown, to filter by
    query: ChronologyQuery = field(default_factory=ChronologyQuery)
    # Analysis notes whose event is no longer in the records (a case-data sync corrected an episode):
    # kept and shown, never lost with the event.
    notes_without_event: list[AnalysisNote] = field(default_factory=list)


def _local(moment: datetime) -> date:
    return timezone.localdate(moment)


def _record(child: Child) -> str:
    return reverse("children:record", args=[child.pk])


# --- The sources: each reads one part of the record through its app's selectors --------------------


def episode_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """Each 903 episode's start, and each ending that was not only a change for the next episode."""
    link = f"{_record(child)}#episodes"
    for entry in record.history.timeline:
        e = entry.episode
        placement = e.place_words + (f" ({e.provider_words})" if e.place_provider else "")
        if e.rne != LEGAL_STATUS_ONLY:
            yield Event(
                key=f"episode-{e.decom:%Y%m%d}-{e.rne}-{e.place}",
                on=e.decom,
                kind=EventKind.CARE,
                description=(
                    f"Episode of care began ({e.rne_words.lower()}): {placement}, {e.ls} {e.ls_words}"
                ),
                link=link,
                recorded_in="Care episodes",
                section=Section.EPISODES,
            )
        if e.dec is not None and e.rec and e.rec != SAME_DAY_CHANGE:
            yield Event(
                key=f"episode-end-{e.dec:%Y%m%d}-{e.rec}",
                on=e.dec,
                kind=EventKind.CARE,
                description=f"Episode of care ended: {e.rec} {e.rec_words}",
                link=link,
                recorded_in="Care episodes",
                section=Section.EPISODES,
            )


def legal_status_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """Each change of legal status, from the 903 episodes."""
    for spell in record.history.legal_status_history:
        yield Event(
            key=f"legal-status-{spell.start:%Y%m%d}-{spell.code}",
            on=spell.start,
            kind=EventKind.LEGAL_STATUS,
            description=f"Legal status became {spell.code}: {spell.words}",
            link=f"{_record(child)}#legal-status",
            recorded_in="Legal status history",
            section=Section.LEGAL_STATUS,
        )


def household_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """Each person of the family network moving into or out of one of the child's households."""
    link = f"{_record(child)}#family"
    for row in record.members:
        person = f"{row.member.full_name} ({row.member.get_relationship_display().lower()})"
        for m in row.memberships:
            yield Event(
                key=f"household-{m.pk}-in",
                on=m.started,
                kind=EventKind.HOUSEHOLD,
                description=f"{person} moved into {m.household.name}",
                link=link,
                recorded_in="Family and household network",
                section=Section.FAMILY,
            )
            if m.ended is not None:
                yield Event(
                    key=f"household-{m.pk}-out",
                    on=m.ended,
                    kind=EventKind.HOUSEHOLD,
                    description=f"{person} moved out of {m.household.name}",
                    link=link,
                    recorded_in="Family and household network",
                    section=Section.FAMILY,
                )


def agency_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """Each agency starting and ending its involvement."""
    link = f"{_record(child)}#agencies"
    for a in [*record.agencies_current, *record.agencies_past]:
        why = f": {a.reason}" if a.reason else ""
        yield Event(
            key=f"agency-{a.pk}-start",
            on=a.started,
            kind=EventKind.AGENCY,
            description=f"{a.agency.name} became involved{why}",
            link=link,
            recorded_in="Agencies involved",
            section=Section.AGENCIES,
        )
        if a.ended is not None:
            yield Event(
                key=f"agency-{a.pk}-end",
                on=a.ended,
                kind=EventKind.AGENCY,
                description=f"{a.agency.name}'s involvement ended",
                link=link,
                recorded_in="Agencies involved",
                section=Section.AGENCIES,
            )


def move_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """Each move recorded in Homeward (a return home, a placement with parents, a re-entry, a change)."""
    link = reverse("moves:moves", args=[child.pk])
    for move in moves.moves_for(child):
        words = move.get_kind_display()
        if move.kind == "return_home":
            words += ", planned" if move.planned else f", unplanned: {move.get_unplanned_reason_display()}"
        if move.is_corrected:
            words += " (corrected later)"
        yield Event(
            key=f"move-{move.pk}",
            on=move.moved_on,
            kind=EventKind.CARE,
            description=f"{words} (recorded by {move.recorded_by_name})",
            link=link,
            recorded_in="Where the child lives",
            section=Section.REUNIFICATION,
        )


def assessment_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """Each version of the reunification assessment started, and completed and signed."""
    for a in assessments.assessment_versions(child):
        link = reverse("assessments:version", args=[child.pk, a.pk])
        by = f" by {a.author_name}" if a.author_name else ""
        yield Event(
            key=f"assessment-{a.pk}-started",
            on=a.started_on,
            kind=EventKind.ASSESSMENT,
            description=f"Reunification assessment (version {a.version}) started{by}",
            link=link,
            recorded_in=f"Assessment, version {a.version}",
            section=Section.REUNIFICATION,
        )
        if a.signed_at is not None:
            yield Event(
                key=f"assessment-{a.pk}-signed",
                on=a.completed_on or _local(a.signed_at),
                kind=EventKind.ASSESSMENT,
                description=(
                    f"Reunification assessment (version {a.version}) completed and signed "
                    f"by {a.signed_by_name}"
                ),
                link=link,
                recorded_in=f"Assessment, version {a.version}",
                section=Section.REUNIFICATION,
            )


def child_seen_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """Each occasion the child was seen during an assessment."""
    link = reverse("assessments:child", args=[child.pk])
    for seen in assessments.child_seen(child):
        alone = "alone" if seen.seen_alone else "not alone"
        with_whom = ", ".join(seen.present_list)
        yield Event(
            key=f"child-seen-{seen.pk}",
            on=seen.seen_on,
            kind=EventKind.SEEN,
            description=f"Child seen ({alone}) for the assessment"
            + (f"; present: {with_whom}" if with_whom else ""),
            link=link,
            recorded_in="The child (assessment)",
            section=Section.REUNIFICATION,
        )


def risk_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """Each risk classification (RC1, RC2, RC3)."""
    link = reverse("assessments:risk_classifications", args=[child.pk])
    for rc in assessments.risk_classifications(child):
        yield Event(
            key=f"risk-{rc.pk}",
            on=rc.classified_on,
            kind=EventKind.RISK,
            description=f"Risk classified {rc.get_level_display()} at {rc.get_point_display()}",
            link=link,
            recorded_in="Risk classifications",
            section=Section.REUNIFICATION,
        )


def missing_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """Each time the child went missing from care."""
    link = reverse("assessments:missing", args=[child.pk])
    for m in assessments.missing_episodes(child):
        where = ", to the family home" if m.ran_home else ""
        back = f"; back on {m.ended_on:%-d %B %Y}" if m.ended_on else "; not yet found"
        yield Event(
            key=f"missing-{m.pk}",
            on=m.started_on,
            kind=EventKind.CONCERN,
            description=f"Went missing from care{where}{back}",
            link=link,
            recorded_in="Missing from care",
            section=Section.REUNIFICATION,
        )


def decision_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """Each decision proposed at a gate, and the manager's answer: signed off or returned."""
    for d in decisions.decisions_for(child):
        link = reverse("decisions:detail", args=[child.pk, d.pk])
        where = f"Decision {d.gate}, version {d.version}"
        yield Event(
            key=f"decision-{d.pk}-proposed",
            on=d.as_of,
            kind=EventKind.DECISION,
            description=(
                f"Decision {d.gate} proposed by {d.proposed_by_name or 'the worker'}: "
                f"{d.get_answer_display()}"
            ),
            link=link,
            recorded_in=where,
            section=Section.REUNIFICATION,
        )
        if d.signed_at is not None:
            yield Event(
                key=f"decision-{d.pk}-signed",
                on=_local(d.signed_at),
                kind=EventKind.DECISION,
                description=f"Decision {d.gate} signed off by {d.signed_by_name}",
                link=link,
                recorded_in=where,
                section=Section.REUNIFICATION,
            )
        elif d.returned_at is not None:
            yield Event(
                key=f"decision-{d.pk}-returned",
                on=_local(d.returned_at),
                kind=EventKind.DECISION,
                description=f"Decision {d.gate} returned to the worker by {d.returned_by_name}",
                link=link,
                recorded_in=where,
                section=Section.REUNIFICATION,
            )


def meeting_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """Each meeting held."""
    for m in meetings.meetings_for(child):
        yield Event(
            key=f"meeting-{m.pk}",
            on=m.held_on,
            kind=EventKind.MEETING,
            description=f"{m.get_kind_display()}: {m.purpose}",
            link=reverse("meetings:meeting", args=[child.pk, m.pk]),
            recorded_in="Meetings",
            section=Section.REUNIFICATION,
        )


def agreement_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """Each version of the written agreement signed."""
    for a in plans.agreement_versions(child):
        if a.signed_at is None:
            continue
        yield Event(
            key=f"agreement-{a.pk}-signed",
            on=_local(a.signed_at),
            kind=EventKind.PLAN,
            description=f"Written agreement (version {a.version}) signed by {a.signed_by_name}",
            link=reverse("plans:agreement_version", args=[child.pk, a.pk]),
            recorded_in=f"Written agreement, version {a.version}",
            section=Section.REUNIFICATION,
        )


def monitoring_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """After a return: each monitoring period's start and close, its visits, concerns and reviews."""
    link = reverse("monitoring:monitoring", args=[child.pk])

    def event(key: str, on: date, kind: EventKind, description: str) -> Event:
        return Event(key, on, kind, description, link, "Monitoring", Section.REUNIFICATION)

    for p in monitoring.periods(child):
        yield event(
            f"monitoring-{p.pk}-started",
            p.started_on,
            EventKind.MONITORING,
            f"Monitoring began ({p.get_kind_display().lower()}): {p.cadence}",
        )
        if p.closed_on is not None:
            yield event(
                f"monitoring-{p.pk}-closed",
                p.closed_on,
                EventKind.MONITORING,
                f"Monitoring closed: {p.get_closure_display()}",
            )
        for v in monitoring.visits(p):
            if not v.child_seen:
                seen = "child not seen"
            else:
                seen = "child seen " + ("alone" if v.seen_alone else "not alone")
                seen += ", away from home" if v.seen_away_from_home else ""
            concern = "; it raised a new concern" if v.raises_concern else ""
            yield event(
                f"visit-{v.pk}",
                v.visited_on,
                EventKind.SEEN,
                f"Visit by {v.recorded_by_name}: {seen}{concern}",
            )
        for c in monitoring.concerns(p):
            yield event(
                f"concern-{c.pk}",
                c.reported_on,
                EventKind.CONCERN,
                f"{c.get_kind_display()}, raised by {c.reported_by}",
            )
        for r in monitoring.reviews(p):
            yield event(
                f"monitoring-review-{r.pk}",
                r.reviewed_on,
                EventKind.MONITORING,
                f"{r.get_kind_display()} by {r.reviewed_by_name}",
            )


def significant_events(child: Child, record: ChildRecord) -> Iterator[Event]:
    """The significant events a worker added by hand, each with its source."""
    link = reverse("chronology:chronology", args=[child.pk])
    for s in SignificantEvent.objects.filter(child=child).order_by("happened_on", "id"):
        yield Event(
            key=s.event_key,
            on=s.happened_on,
            kind=EventKind.SIGNIFICANT,
            description=s.description,
            link=f"{link}#event-{s.event_key}",
            recorded_in="Added to the chronology",
            section=Section.REUNIFICATION,
            source=s.source,
            significant=s,
        )


Source = Callable[[Child, ChildRecord], Iterable[Event]]

# Every source, with the section of the record its events belong to: a source whose section a viewer
# is not shown is not read for them.
SOURCES: tuple[tuple[Section, Source], ...] = (
    (Section.EPISODES, episode_events),
    (Section.LEGAL_STATUS, legal_status_events),
    (Section.FAMILY, household_events),
    (Section.AGENCIES, agency_events),
    (Section.REUNIFICATION, move_events),
    (Section.REUNIFICATION, assessment_events),
    (Section.REUNIFICATION, child_seen_events),
    (Section.REUNIFICATION, risk_events),
    (Section.REUNIFICATION, missing_events),
    (Section.REUNIFICATION, decision_events),
    (Section.REUNIFICATION, meeting_events),
    (Section.REUNIFICATION, agreement_events),
    (Section.REUNIFICATION, monitoring_events),
    (Section.REUNIFICATION, significant_events),
)

# The kinds each section's events may be, to offer as filters only the kinds a viewer may be shown.
KIND_SECTIONS: dict[EventKind, frozenset[Section]] = {
    EventKind.CARE: frozenset({Section.EPISODES, Section.REUNIFICATION}),
    EventKind.LEGAL_STATUS: frozenset({Section.LEGAL_STATUS}),
    EventKind.HOUSEHOLD: frozenset({Section.FAMILY}),
    EventKind.AGENCY: frozenset({Section.AGENCIES}),
}


def kinds_for(sections: frozenset[Section]) -> list[tuple[str, str]]:
    """The kinds of event a viewer shown `sections` may see, in the order the filter lists them."""
    return [
        (kind.value, str(kind.label))
        for kind in EventKind
        if KIND_SECTIONS.get(kind, frozenset({Section.REUNIFICATION})) & sections
    ]


def events_of(child: Child, sections: frozenset[Section], today: date) -> list[Event]:
    """Every event of the child's chronology a viewer shown `sections` may see, oldest first, each with
    its analysis note (the reunification section's, like the worker's own events)."""
    record = children.child_record(child, today)
    found = [
        event
        for section, source in SOURCES
        if section in sections
        for event in source(child, record)
        if event.section in sections
    ]
    if Section.REUNIFICATION in sections:
        notes = {n.event_key: n for n in AnalysisNote.objects.filter(child=child)}
        found = [replace(e, note=notes.get(e.key)) for e in found]
    # A stable order: by date, then by kind as the filter lists them, then as each source gave them.
    order = {kind: i for i, kind in enumerate(EventKind)}
    return sorted(found, key=lambda e: (e.on, order[EventKind(e.kind)]))


def chronology(
    child: Child, sections: frozenset[Section], today: date, query: ChronologyQuery | None = None
) -> Chronology:
    """The child's chronology as a viewer shown `sections` asked for it: the kinds, the period, the order."""
    query = query or ChronologyQuery()
    every = events_of(child, sections, today)
    shown = [
        e
        for e in every
        if (not query.kinds or e.kind in query.kinds)
        and (query.start is None or e.on >= query.start)
        and (query.end is None or e.on <= query.end)
    ]
    if query.newest_first:
        shown.reverse()
    orphans: list[AnalysisNote] = []
    if Section.REUNIFICATION in sections:
        keys = {e.key for e in every}
        orphans = [n for n in AnalysisNote.objects.filter(child=child) if n.event_key not in keys]
    return Chronology(child, shown, len(every), kinds_for(sections), query, orphans)


def event(child: Child, sections: frozenset[Section], today: date, key: str) -> Event:
    """One event of the child's chronology, by its key, if this viewer is shown it (else 404)."""
    for found in events_of(child, sections, today):
        if found.key == key:
            return found
    raise Http404("No such event in this child's chronology.")


def significant_event(child: Child, significant_event_id: int) -> SignificantEvent:
    found = SignificantEvent.objects.filter(child=child, pk=significant_event_id).first()
    if found is None:
        raise Http404("No such event in this child's chronology.")
    return found


def note_for(child: Child, key: str) -> AnalysisNote | None:
    return AnalysisNote.objects.filter(child=child, event_key=key).first()
