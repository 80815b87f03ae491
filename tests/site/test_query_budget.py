"""Queries per page are constant in the size of the case and under a budget: a page for a child with
many people, agencies, episodes, meetings and evidence runs the same queries as for a small case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from homeward.assessments.models import Evidence
from homeward.children.models import AgencyInvolvement, Episode, FamilyMember
from homeward.meetings.models import Meeting, Participant, ParticipantKind
from homeward.organisation.models import Agency

pytestmark = pytest.mark.django_db

# The page (by URL name) and its budget of queries: session, user, profile, the record check and its
# audit event are five of them.
PAGES = {
    "children:record": 71,  # every part of the practice has its panel; the stage at a glance is one more
    "assessments:overview": 55,  # the framework's evaluation reads the whole snapshot
    "decisions:list": 15,
    "plans:plans": 15,
    "meetings:meetings": 20,
    "moves:moves": 20,
    "monitoring:monitoring": 20,
    "chronology:chronology": 35,  # read from every part of the record, a query or two each
}


def _queries(client: Any, url: str) -> int:
    client.get(url)  # anything written once (a care summary, a session) is written before counting
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _grow(child: Any) -> None:
    """Much more of everything a page lists (synthetic)."""
    start = date(2015, 1, 1)
    last = child.episodes.order_by("decom").first()
    Episode.objects.bulk_create(
        Episode(
            child=child,
            decom=start + timedelta(days=20 * i),
            dec=start + timedelta(days=20 * i + 19),
            rne="P" if i else "S",
            ls="C2",
            cin="N1",
            place="U1",
            rec="X1",
        )
        for i in range(12)
        if last is None or start + timedelta(days=20 * i + 19) < last.decom
    )
    FamilyMember.objects.bulk_create(
        FamilyMember(child=child, full_name=f"Extra Relative {i}", relationship="other") for i in range(25)
    )
    agencies = list(Agency.objects.all()[:6])
    AgencyInvolvement.objects.bulk_create(
        AgencyInvolvement(child=child, agency=a, started=date(2025, 1, 1)) for a in agencies
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            child=child, kind="review", held_on=date(2025, 1, 1) + timedelta(days=14 * i), chair="A Chair"
        )
        for i in range(12)
    )
    Participant.objects.bulk_create(
        Participant(meeting=m, kind=ParticipantKind.AGENCY, agency=a, invited=True, attended=True)
        for m in meetings
        for a in agencies
    )
    Evidence.objects.bulk_create(
        Evidence(
            child=child,
            description=f"Home visit {i}",
            source="Sam Okafor",
            kind="observation",
            seen_on=date(2025, 2, 1) + timedelta(days=7 * i),
            written_up_on=date(2025, 2, 1) + timedelta(days=7 * i),
        )
        for i in range(20)
    )


def test_queries_do_not_grow_with_the_case(demo: Any, client_for: Callable[[str | None], Any]) -> None:
    child = demo.showcase
    worker = client_for("worker")
    urls = {name: reverse(name, args=[child.pk]) for name in PAGES}
    small = {name: _queries(worker, url) for name, url in urls.items()}
    _grow(child)
    large = {name: _queries(worker, url) for name, url in urls.items()}
    grew = {name: (small[name], large[name]) for name in PAGES if large[name] != small[name]}
    assert not grew, f"queries grew with the case (small, large): {grew}"
    over = {name: n for name, n in large.items() if n > PAGES[name]}
    assert not over, f"over budget: {over}"
