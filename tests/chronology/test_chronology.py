"""The child's chronology: built from each record Homeward holds, filtered, with significant events added
by hand (a source required) and analysis notes on any event, under the record's policy and audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from homeward.access.models import AuditAction, AuditEvent
from homeward.access.policy import ALL_SECTIONS, PARTNER_SECTIONS, Section
from homeward.assessments.models import Assessment, ChildSeen, MissingEpisode, RiskClassification
from homeward.children.models import AgencyInvolvement, Child, HouseholdMembership
from homeward.chronology import selectors, services
from homeward.chronology.models import AnalysisNote, EventKind, SignificantEvent
from homeward.chronology.selectors import ChronologyQuery
from homeward.decisions.models import Decision
from homeward.meetings.models import Meeting
from homeward.monitoring import services as monitoring
from homeward.monitoring.models import MonitoringPeriod, MonitoringReview, Visit
from homeward.moves import services as moves
from homeward.moves.models import MoveKind
from homeward.moves.services import MoveDetails
from homeward.plans.models import Agreement
from tests.pages import post_form

pytestmark = pytest.mark.django_db


def _keys(child: Child, sections: frozenset[Section] = ALL_SECTIONS) -> set[str]:
    return {e.key for e in selectors.events_of(child, sections, timezone.localdate())}


def _first(rows: Any) -> Any:
    row = rows.order_by("pk").first()
    assert row is not None, f"the test demo has no {rows.model.__name__}"
    return row


def _add(child: Child, worker: Any, **changes: Any) -> SignificantEvent:
    fields = {
        "happened_on": timezone.localdate() - timedelta(days=40),
        "description": "Told her teacher she was frightened when her mother's partner shouted",
        "source": "Class teacher, Oakfield Primary School (phone call)",
        **changes,
    }
    return services.add_significant_event(child, worker, **fields)


# What each source of the chronology must give: a record of that kind in the demo, and the key of the
# event it makes. Dropping a source from `selectors.SOURCES` fails its row.
def _episode(world: Any) -> tuple[Child, str]:
    child = world.showcase
    first = _first(child.episodes.exclude(rne="L"))  # a change of legal status only is its own event
    return child, f"episode-{first.decom:%Y%m%d}-{first.rne}-{first.place}"


def _legal_status(world: Any) -> tuple[Child, str]:
    child = world.showcase
    first = _first(child.episodes)
    return child, f"legal-status-{first.decom:%Y%m%d}-{first.ls}"


def _household(world: Any) -> tuple[Child, str]:
    m = _first(HouseholdMembership.objects.filter(member__child=world.showcase))
    return world.showcase, f"household-{m.pk}-in"


def _agency(world: Any) -> tuple[Child, str]:
    a = _first(AgencyInvolvement.objects.filter(child=world.showcase))
    return world.showcase, f"agency-{a.pk}-start"


def _row(model: Any, key: Callable[[Any], str], child_of: Callable[[Any], Child]) -> Callable[[Any], Any]:
    def find(world: Any) -> tuple[Child, str]:
        row = _first(model.objects.all())
        return child_of(row), key(row)

    return find


def _direct(row: Any) -> Child:
    return row.child  # type: ignore[no-any-return]


def _of_period(row: Any) -> Child:
    return row.period.child  # type: ignore[no-any-return]


def _move(world: Any) -> tuple[Child, str]:
    """The demo records no move in Homeward: the showcase child moves placement."""
    details = MoveDetails(
        kind=MoveKind.PLACEMENT_CHANGE,
        moved_on=timezone.localdate(),
        place="U1",
        place_provider="PR1",
        reason_place_change="CARPL",
    )
    move = moves.record_move(world.showcase, details, user=world.staff["worker"])
    return world.showcase, f"move-{move.pk}"


def _significant(world: Any) -> tuple[Child, str]:
    return world.showcase, _add(world.showcase, world.staff["worker"]).event_key


SOURCE_CASES: dict[str, Callable[[Any], tuple[Child, str]]] = {
    "episode_events": _episode,
    "legal_status_events": _legal_status,
    "household_events": _household,
    "agency_events": _agency,
    "move_events": _move,
    "assessment_events": _row(Assessment, lambda a: f"assessment-{a.pk}-started", _direct),
    "child_seen_events": _row(ChildSeen, lambda s: f"child-seen-{s.pk}", lambda s: s.assessment.child),
    "risk_events": _row(RiskClassification, lambda r: f"risk-{r.pk}", _direct),
    "missing_events": _row(MissingEpisode, lambda m: f"missing-{m.pk}", _direct),
    "decision_events": _row(Decision, lambda d: f"decision-{d.pk}-proposed", _direct),
    "meeting_events": _row(Meeting, lambda m: f"meeting-{m.pk}", _direct),
    "agreement_events": lambda world: (
        (a := _first(Agreement.objects.filter(signed_at__isnull=False))).child,
        f"agreement-{a.pk}-signed",
    ),
    "monitoring_events": _row(MonitoringPeriod, lambda p: f"monitoring-{p.pk}-started", _direct),
    "significant_events": _significant,
}


def test_every_source_is_tested() -> None:
    assert {source.__name__ for _, source in selectors.SOURCES} == set(SOURCE_CASES)


def test_the_chronology_is_built_from_each_source(demo: Any) -> None:
    missing = []
    for name, case in SOURCE_CASES.items():
        child, key = case(demo)
        if key not in _keys(child):
            missing.append(f"{name}: no event {key} in {child}'s chronology")
    assert not missing, "\n".join(missing)


def test_monitoring_gives_each_visit_concern_and_review(demo: Any) -> None:
    period = _first(MonitoringPeriod.objects.filter(closed_on__isnull=True))
    concern = monitoring.record_concern(
        period,
        demo.staff["worker"],
        kind="concern",
        reported_on=timezone.localdate(),
        reported_by="Class teacher",
        what="Came to school hungry twice this week",
    )
    keys = _keys(period.child)
    assert f"concern-{concern.pk}" in keys
    for model, key in (
        (Visit, lambda v: f"visit-{v.pk}"),
        (MonitoringReview, lambda r: f"monitoring-review-{r.pk}"),
    ):
        row = _first(model.objects.all())
        assert key(row) in _keys(row.period.child), model.__name__


def test_signed_decisions_and_assessments_have_their_sign_off(demo: Any) -> None:
    decision = _first(Decision.objects.filter(signed_at__isnull=False))
    assessment = _first(Assessment.objects.filter(signed_at__isnull=False))
    assert f"decision-{decision.pk}-signed" in _keys(decision.child)
    events = {e.key: e for e in selectors.events_of(assessment.child, ALL_SECTIONS, timezone.localdate())}
    signed = events[f"assessment-{assessment.pk}-signed"]
    assert signed.on == assessment.completed_on
    assert signed.link == reverse("assessments:version", args=[assessment.child_id, assessment.pk])
    assert signed.kind == EventKind.ASSESSMENT and assessment.signed_by_name in signed.description


def test_each_event_is_dated_described_and_linked(demo: Any) -> None:
    events = selectors.events_of(demo.showcase, ALL_SECTIONS, timezone.localdate())
    assert len(events) > 10
    assert [e.on for e in events] == sorted(e.on for e in events)  # oldest first
    assert len({e.key for e in events}) == len(events)  # each key names one event
    for e in events:
        assert isinstance(e.on, date) and e.description and e.recorded_in
        assert e.link.startswith("/children/"), e


def test_a_partner_is_shown_only_the_sections_shared_with_partners(demo: Any) -> None:
    child = demo.showcase
    _add(child, demo.staff["worker"])
    every = selectors.events_of(child, ALL_SECTIONS, timezone.localdate())
    shared = selectors.events_of(child, PARTNER_SECTIONS, timezone.localdate())
    assert {e.section for e in shared} == {Section.LEGAL_STATUS, Section.FAMILY, Section.AGENCIES}
    assert {e.section for e in every} > {e.section for e in shared}
    assert not any(e.kind in (EventKind.SIGNIFICANT, EventKind.CARE, EventKind.RISK) for e in shared)
    assert [k for k, _ in selectors.kinds_for(PARTNER_SECTIONS)] == ["legal_status", "household", "agency"]


def test_filters_by_kind_and_period_and_order(demo: Any) -> None:
    child = demo.showcase
    today = timezone.localdate()
    every = selectors.chronology(child, ALL_SECTIONS, today).events
    assert every[0].on >= every[-1].on  # newest first unless asked
    oldest = selectors.chronology(child, ALL_SECTIONS, today, ChronologyQuery(newest_first=False))
    assert oldest.events == list(reversed(every))
    household = selectors.chronology(
        child, ALL_SECTIONS, today, ChronologyQuery(kinds=frozenset({"household"}))
    )
    assert household.events and {e.kind for e in household.events} == {EventKind.HOUSEHOLD}
    middle = sorted({e.on for e in every})[len(every) // 3]
    since = selectors.chronology(child, ALL_SECTIONS, today, ChronologyQuery(start=middle))
    assert since.events and all(e.on >= middle for e in since.events)
    assert len(since.events) < len(every)
    until = selectors.chronology(child, ALL_SECTIONS, today, ChronologyQuery(end=middle))
    assert until.events and all(e.on <= middle for e in until.events)
    assert len(since.events) + len(until.events) == len(every) + sum(e.on == middle for e in every)


def test_the_page_filters_by_get_without_javascript(
    demo: Any, client_for: Callable[[str | None], Any]
) -> None:
    child = demo.showcase
    url = reverse("chronology:chronology", args=[child.pk])
    wanted = ("household", "agency")
    every = selectors.events_of(child, ALL_SECTIONS, timezone.localdate())
    dates = sorted(e.on for e in every if e.kind in wanted)
    start = dates[len(dates) // 2]
    response = client_for("worker").get(
        url,
        {
            "kind": ["household", "agency"],
            "start_0": start.day,
            "start_1": start.month,
            "start_2": start.year,
        },
    )
    assert response.status_code == 200
    shown = response.context["chronology"].events
    assert shown and all(e.kind in wanted and e.on >= start for e in shown)
    assert len(shown) == sum(1 for d in dates if d >= start) < len(every)
    html = response.content.decode()
    assert 'name="kind"' in html and 'value="household"' in html and "checked" in html
    oldest = client_for("worker").get(url, {"order": "oldest"}).context["chronology"].events
    assert [e.on for e in oldest] == sorted(e.on for e in oldest)
    # A period the wrong way round is said, not silently emptied.
    end = start - timedelta(days=10)
    wrong = client_for("worker").get(
        url,
        {
            "start_0": start.day,
            "start_1": start.month,
            "start_2": start.year,
            "end_0": end.day,
            "end_1": end.month,
            "end_2": end.year,
        },
    )
    assert "The date to must be the same as or after the date from" in wrong.content.decode()


def test_a_hand_added_event_needs_a_source(demo: Any, client_for: Callable[[str | None], Any]) -> None:
    child, worker = demo.showcase, demo.staff["worker"]
    with pytest.raises(ValidationError) as refused:
        _add(child, worker, source="   ")
    assert "source" in refused.value.error_dict
    # A placeholder is no source and no description: the event could not be traced or read.
    for changes in ({"source": "n/a"}, {"source": "TBC"}, {"description": "see notes"}):
        with pytest.raises(ValidationError) as refused:
            _add(child, worker, **changes)
        assert set(refused.value.error_dict) == set(changes), changes
    assert _add(child, worker, source="GP").source == "GP"  # a short name is a source
    with pytest.raises(ValidationError):
        _add(child, worker, happened_on=timezone.localdate() + timedelta(days=1))
    before = SignificantEvent.objects.filter(child=child).count()  # the demo's own

    url = reverse("chronology:event_add", args=[child.pk])
    day = timezone.localdate() - timedelta(days=3)
    typed = {
        "happened_on_0": day.day,
        "happened_on_1": day.month,
        "happened_on_2": day.year,
        "description": "Grandmother died",
    }
    response = client_for("worker").post(url, typed)
    assert response.status_code == 400
    assert "Enter the source: who said so, or where it is recorded" in response.content.decode()
    response = client_for("worker").post(url, {**typed, "source": "Mother, at the home visit"})
    assert response.status_code == 302
    assert SignificantEvent.objects.filter(child=child).count() == before + 1
    added = SignificantEvent.objects.filter(child=child).latest("pk")
    assert (added.happened_on, added.source, added.recorded_by_name) == (
        day,
        "Mother, at the home visit",
        "Sam Okafor",
    )
    page = client_for("worker").get(reverse("chronology:chronology", args=[child.pk])).content.decode()
    assert "Grandmother died" in page and "Source: Mother, at the home visit" in page


KEPT = "Written before a sync corrected the episode."


def test_an_analysis_note_on_a_built_event(demo: Any, client_for: Callable[[str | None], Any]) -> None:
    child = demo.showcase
    membership = _first(HouseholdMembership.objects.filter(member__child=child))
    key = f"household-{membership.pk}-in"
    url = reverse("chronology:note", args=[child.pk, key])
    response = post_form(client_for("worker"), url, {"note": "A new adult at home: not yet assessed."})
    assert response.status_code == 302
    note = AnalysisNote.objects.get(child=child, event_key=key)
    assert note.note == "A new adult at home: not yet assessed." and note.written_by_name == "Sam Okafor"
    refused = post_form(client_for("worker"), url, {"note": "TBC"})
    assert refused.status_code == 400 and "the note says only &#x27;TBC&#x27;" in refused.content.decode()
    [event] = [e for e in selectors.events_of(child, ALL_SECTIONS, timezone.localdate()) if e.key == key]
    assert event.note == note
    # A partner is not shown the worker's analysis, even on an event it is shown.
    [shared] = [e for e in selectors.events_of(child, PARTNER_SECTIONS, timezone.localdate()) if e.key == key]
    assert shared.note is None
    # A note whose event is no longer in the records (an episode corrected by a sync) is still shown.
    services.save_analysis_note(child, demo.staff["worker"], event_key="episode-20000101-S-U1", note=KEPT)
    page = client_for("worker").get(reverse("chronology:chronology", args=[child.pk]))
    [kept] = page.context["chronology"].notes_without_event
    assert kept.note == KEPT and "Notes on events no longer in the records" in page.content.decode()
    # A key that is no event of this child's is not found.
    assert (
        client_for("worker").get(reverse("chronology:note", args=[child.pk, "meeting-999999"])).status_code
        == 404
    )


def test_a_stale_edit_is_refused(demo: Any, client_for: Callable[[str | None], Any]) -> None:
    child, worker = demo.showcase, demo.staff["worker"]
    # An analysis note: two workers open the form for the same event; the second save is refused.
    agency = _first(AgencyInvolvement.objects.filter(child=child))
    key = f"agency-{agency.pk}-start"
    url = reverse("chronology:note", args=[child.pk, key])
    drawn = client_for("worker").get(url).content.decode()
    assert 'name="edit_version" value="0"' in drawn
    assert (
        client_for("manager").post(url, {"note": "The manager's view", "edit_version": "0"}).status_code
        == 302
    )
    stale = client_for("worker").post(url, {"note": "The worker's view", "edit_version": "0"})
    assert stale.status_code == 409
    assert (
        "The manager&#x27;s view" in stale.content.decode() or "The manager's view" in stale.content.decode()
    )
    assert AnalysisNote.objects.get(child=child, event_key=key).note == "The manager's view"
    # A significant event changed by someone else after the form was drawn.
    event = _add(child, worker)
    change = reverse("chronology:event_change", args=[child.pk, event.pk])
    version = str(event.edit_version)
    services.change_significant_event(
        event,
        happened_on=event.happened_on,
        description="Changed meanwhile",
        source=event.source,
        edit_version=event.edit_version,
    )
    day = event.happened_on
    response = client_for("worker").post(
        change,
        {
            "happened_on_0": day.day,
            "happened_on_1": day.month,
            "happened_on_2": day.year,
            "description": "My own account of what happened",
            "source": "Me",
            "edit_version": version,
        },
    )
    assert response.status_code == 409
    assert SignificantEvent.objects.get(pk=event.pk).description == "Changed meanwhile"


@pytest.mark.parametrize(
    ("who", "page", "status"),
    [
        ("worker2", "chronology:chronology", 403),
        ("analyst", "chronology:chronology", 403),
        ("iro", "chronology:event_add", 403),
        ("health", "chronology:event_add", 403),
    ],
)
def test_refused_as_the_record_is(
    who: str, page: str, status: int, demo: Any, client_for: Callable[[str | None], Any]
) -> None:
    child = demo.showcase
    record = client_for(who).get(reverse("children:record", args=[child.pk])).status_code
    response = client_for(who).get(reverse(page, args=[child.pk]))
    assert response.status_code == status
    if page == "chronology:chronology":
        assert record == status  # the same answer as the record itself
    refusal = AuditEvent.objects.filter(child_id=child.pk, username=who).order_by("-pk").first()
    assert refusal is not None and refusal.action == AuditAction.DENIED


def test_a_partner_reads_the_shared_events_only(demo: Any, client_for: Callable[[str | None], Any]) -> None:
    child = demo.showcase
    _add(child, demo.staff["worker"], description="A private disclosure")
    response = client_for("health").get(reverse("chronology:chronology", args=[child.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "A private disclosure" not in html and "Add a significant event" not in html
    assert {e.section for e in response.context["chronology"].events} <= PARTNER_SECTIONS
    kinds = [k for k, _ in response.context["form"].fields["kind"].choices]
    assert kinds == ["legal_status", "household", "agency"]


def test_read_export_and_writes_are_audited(demo: Any, client_for: Callable[[str | None], Any]) -> None:
    child = demo.showcase
    worker = client_for("worker")

    def last() -> AuditEvent:
        found = AuditEvent.objects.filter(child_id=child.pk).order_by("-pk").first()
        assert found is not None
        return found

    worker.get(reverse("chronology:chronology", args=[child.pk]))
    assert (last().action, last().what, last().username) == (AuditAction.VIEW, "chronology", "worker")
    worker.get(reverse("chronology:pdf", args=[child.pk]))
    assert (last().action, last().what) == (AuditAction.EXPORT, "chronology (PDF)")
    day = timezone.localdate()
    worker.post(
        reverse("chronology:event_add", args=[child.pk]),
        {
            "happened_on_0": day.day,
            "happened_on_1": day.month,
            "happened_on_2": day.year,
            "description": "Moved school",
            "source": "School admissions letter",
        },
    )
    assert last().action == AuditAction.CREATE
    added = SignificantEvent.objects.filter(child=child).latest("pk")
    assert added.description == "Moved school"
    post_form(
        worker, reverse("chronology:note", args=[child.pk, added.event_key]), {"note": "A fresh start."}
    )
    assert (last().action, last().what) == (AuditAction.CHANGE, "chronology: analysis note")


def _pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(BytesIO(data))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_pdf_is_tagged_titled_and_holds_the_events(
    demo: Any, client_for: Callable[[str | None], Any]
) -> None:
    child = demo.showcase
    added = _add(child, demo.staff["worker"], description="Told her teacher about shouting at home")
    services.save_analysis_note(
        child, demo.staff["worker"], event_key=added.event_key, note="The first time she spoke of it."
    )
    response = client_for("worker").get(reverse("chronology:pdf", args=[child.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"chronology-{child.la_child_id}.pdf" in response["Content-Disposition"]
    reader, text = _pdf_text(response.content)
    assert reader.metadata is not None and reader.metadata.title == f"Chronology: {child.full_name}"
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert f"Chronology: {child.full_name}" in text
    assert "Told her teacher about shouting at home" in text
    assert "Source: Class teacher, Oakfield Primary School (phone call)" in text
    assert "The first time she spoke of it." in text
    assert "Legal status became" in text
    # The PDF holds what the page was asked for: here, only the household's comings and goings.
    filtered = client_for("worker").get(reverse("chronology:pdf", args=[child.pk]), {"kind": "household"})
    _, only = _pdf_text(filtered.content)
    assert "moved into" in only and "Legal status became" not in only
    # A partner's PDF holds only what it is shown.
    _, theirs = _pdf_text(client_for("health").get(reverse("chronology:pdf", args=[child.pk])).content)
    assert "Legal status became" in theirs and "Told her teacher" not in theirs


def test_the_demo_children_have_significant_events_and_a_note(demo: Any) -> None:
    from homeward.demo.reunification import ready_to_return_child

    ready = ready_to_return_child()
    assert ready is not None
    for child in (demo.showcase, ready):
        added = list(SignificantEvent.objects.filter(child=child))
        assert len(added) >= 2, child
        for event in added:
            assert event.source and child.date_of_birth <= event.happened_on <= timezone.localdate()
    note = AnalysisNote.objects.get(child=demo.showcase)
    [noted] = [e for e in selectors.events_of(demo.showcase, ALL_SECTIONS, timezone.localdate()) if e.note]
    assert (
        noted.note == note and noted.kind == EventKind.HOUSEHOLD and "mother's partner" in noted.description
    )
    # The school heard of the partner after he moved in, not before.
    told = min(e.happened_on for e in SignificantEvent.objects.filter(child=demo.showcase))
    assert told >= noted.on
