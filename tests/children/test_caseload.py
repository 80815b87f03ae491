"""The caseload at an authority's size: one page of 50, searchable, filterable, in a constant number of
queries, read from the care summaries the one care history keeps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from homeward.children import selectors, services
from homeward.children.models import CareSummary, Child, Episode

pytestmark = pytest.mark.django_db

Client = Callable[[str | None], Any]
URL = reverse("children:caseload")


def _many(demo: Any, n: int) -> list[Child]:
    """`n` more children in the worker's team, each in care since a different day (synthetic)."""
    team = demo.showcase.team
    children = Child.objects.bulk_create(
        Child(
            la_child_id=f"Z{i:05d}",
            first_name=f"Extra{i:03d}",
            last_name="Testchild",
            date_of_birth=date(2012, 1, 1) + timedelta(days=i),
            sex="1",
            ethnicity="WBRI",
            team=team,
        )
        for i in range(n)
    )
    Episode.objects.bulk_create(
        Episode(child=c, decom=date(2024, 1, 1) + timedelta(days=i), rne="S", ls="C2", cin="N1", place="U1")
        for i, c in enumerate(children)
    )
    return children


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_page_holds_50_and_pages_on(demo: Any, client_for: Client) -> None:
    visible = selectors.visible_children(demo.staff["worker"], timezone.localdate()).count()
    _many(demo, 120)
    worker = client_for("worker")
    first = worker.get(URL)
    assert len(first.context["rows"]) == 50 and first.context["found"].visible == visible + 120
    html = first.content.decode()
    assert 'class="govuk-pagination"' in html and 'aria-current="page"' in html
    assert f"Showing 1 to 50 of {visible + 120} children" in html
    last = worker.get(URL, {"page": 3})
    assert len(last.context["rows"]) == visible + 120 - 100
    # Every child on exactly one page, none twice.
    seen = [r.child.pk for p in (1, 2, 3) for r in worker.get(URL, {"page": p}).context["rows"]]
    assert len(seen) == len(set(seen)) == visible + 120


def test_queries_do_not_grow_with_the_caseload(demo: Any, client_for: Client) -> None:
    worker = client_for("worker")
    worker.get(URL)  # summaries written once
    small = _queries(worker, URL)
    _many(demo, 150)
    worker.get(URL)
    large = _queries(worker, URL)
    assert large == small, (small, large)
    assert large <= 30  # session, user, profile, the page and its counts, audit, each flag query once


def test_search_by_name_child_id_and_date_of_birth(demo: Any, client_for: Client) -> None:
    child = demo.showcase
    worker = client_for("worker")
    for asked in (child.first_name.lower(), f"{child.first_name} {child.last_name}", child.la_child_id):
        rows = worker.get(URL, {"q": asked}).context["rows"]
        assert child.pk in {r.child.pk for r in rows}, asked
    born = worker.get(URL, {"q": child.date_of_birth.strftime("%d/%m/%Y")}).context["rows"]
    assert born and all(r.child.date_of_birth == child.date_of_birth for r in born)
    none = worker.get(URL, {"q": "Nobody-by-this-name"})
    assert none.context["rows"] == [] and 'data-testid="caseload-none-found"' in none.content.decode()


def test_search_never_reaches_beyond_the_caseload(demo: Any, client_for: Client) -> None:
    other = demo.other_child["worker"]
    rows = client_for("worker").get(URL, {"q": other.la_child_id}).context["rows"]
    assert rows == []


def test_filters_by_team_worker_and_legal_status(demo: Any, client_for: Client) -> None:
    manager = client_for("manager")
    everyone = manager.get(URL).context["found"].visible
    team = demo.showcase.team
    rows = manager.get(URL, {"team": team.pk}).context["rows"]
    assert rows and all(r.child.team_id == team.pk for r in rows)
    worker = demo.staff["worker"]
    mine = manager.get(URL, {"worker": worker.pk}).context["rows"]
    assert mine and all(r.child.allocated_worker_id == worker.pk for r in mine)
    rows = manager.get(URL, {"legal_status": "C2"}).context["rows"]
    assert all(r.legal_status == "C2" for r in rows)
    home = manager.get(URL, {"legal_status": selectors.NOT_LOOKED_AFTER}).context["rows"]
    assert all(r.legal_status is None for r in home)
    # A team that is not on this caseload is not a choice: the filter is ignored, nothing is shown extra.
    assert manager.get(URL, {"team": 999999}).context["found"].matching == everyone


def test_sorting_by_time_in_care(demo: Any, client_for: Client) -> None:
    _many(demo, 5)
    rows = client_for("worker").get(URL, {"sort": "time_in_care"}).context["rows"]
    days = [r.days_in_care for r in rows if r.days_in_care is not None]
    assert days == sorted(days, reverse=True)


def test_the_summary_follows_the_one_care_history(demo: Any) -> None:
    today = timezone.localdate()
    services.refresh_care_summaries(Child.objects.all(), today)
    for child in Child.objects.all():
        history = selectors.history_of(child, list(child.episodes.order_by("decom", "id")), today)
        summary = CareSummary.objects.get(child=child)
        assert summary.legal_status == (history.legal_status_now or "")
        assert summary.in_care_since == history.in_care_since
        assert summary.failed_returns == len(history.failed_returns)


def test_a_later_dated_episode_is_read_again_when_its_day_comes(demo: Any) -> None:
    # The summary was written ten days ago; the episode ended three days ago, after it was written.
    today = timezone.localdate()
    written = today - timedelta(days=10)
    child = _many(demo, 1)[0]
    Episode.objects.filter(child=child).update(dec=today - timedelta(days=3), rec="E4A")
    services.refresh_care_summary(child, written)
    summary = CareSummary.objects.get(child=child)
    assert summary.legal_status == "C2" and summary.next_change_on == today - timedelta(days=3)
    assert services.bring_care_summaries_up_to_date(Child.objects.filter(pk=child.pk), today) == 1
    assert CareSummary.objects.get(child=child).legal_status == ""
    # Up to date now: nothing more to write.
    assert services.bring_care_summaries_up_to_date(Child.objects.filter(pk=child.pk), today) == 0


def test_the_list_is_audited_with_only_the_children_shown(demo: Any, client_for: Client) -> None:
    from homeward.access.models import AuditEvent

    _many(demo, 60)
    rows = client_for("worker").get(URL, {"page": 2}).context["rows"]
    event = AuditEvent.objects.filter(what="caseload").order_by("-id").first()
    assert event is not None
    # The second page lists its own children, and only those.
    assert set(event.listed.values_list("child_id", flat=True)) == {r.child.pk for r in rows}


def test_filters_by_stage_of_a_return(demo: Any, client_for: Client) -> None:
    from homeward.decisions.models import Decision
    from homeward.monitoring.models import MonitoringPeriod

    manager = client_for("manager")
    everyone = {r.child.pk for r in manager.get(URL).context["rows"]}
    signed: dict[int, set[str]] = {}
    for child_id, gate in Decision.objects.filter(signed_at__isnull=False).values_list("child_id", "gate"):
        signed.setdefault(child_id, set()).add(gate)
    monitored = set(
        MonitoringPeriod.objects.filter(closed_on__isnull=True).values_list("child_id", flat=True)
    )
    considered = set(
        Child.objects.filter(return_home_considered_since__isnull=False).values_list("pk", flat=True)
    )
    expected = {
        "considered": {c for c in everyone if c in considered and c not in signed},
        "d1": {c for c in everyone if signed.get(c, set()) & {"D1", "D2", "D3"} == {"D1"}},
        "d2": {c for c in everyone if "D2" in signed.get(c, set()) and "D3" not in signed.get(c, set())},
        "d3": {c for c in everyone if "D3" in signed.get(c, set())},
        "monitored": everyone & monitored,
    }
    assert any(expected.values()), "the demo has children at some stage"
    for stage, children in expected.items():
        rows = manager.get(URL, {"stage": stage}).context["rows"]
        assert {r.child.pk for r in rows} == children, stage
    # A partner agency is not shown the reunification part of a record: no stage to choose, none applied.
    partner = client_for("health")
    page = partner.get(URL)
    assert 'name="stage"' not in page.content.decode()
    assert partner.get(URL, {"stage": "d3"}).context["found"].matching == page.context["found"].matching
