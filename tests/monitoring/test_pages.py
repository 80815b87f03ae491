"""The monitoring pages in the demo: the period and its alerts, recording a visit, and closing —
refused before the end, overridable by a manager only, the override audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from homeward.access import audit
from homeward.access.models import AuditAction
from homeward.monitoring.models import Closure, MonitoringPeriod, PeriodKind

pytestmark = pytest.mark.django_db


def _with_alerts(demo: Any) -> MonitoringPeriod:
    return MonitoringPeriod.objects.filter(
        closed_on__isnull=True, kind=PeriodKind.RETURN_HOME, child__allocated_worker=demo.staff["worker"]
    ).get()


def _date(prefix: str, day: Any) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def test_the_demo_holds_monitoring_with_alerts_closed_well_and_broken_down(demo: Any) -> None:
    closures = set(MonitoringPeriod.objects.values_list("closure", flat=True))
    assert {Closure.ENDED, Closure.BREAKDOWN, ""} <= closures
    assert demo.showcase.monitoring_periods.get().closure == Closure.BREAKDOWN


def test_the_monitoring_page_shows_the_period_cadence_and_alerts(
    demo: Any, client_for: Callable[[str], Any]
) -> None:
    period = _with_alerts(demo)
    response = client_for("worker").get(f"/children/{period.child_id}/monitoring/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("local default", "Visit overdue", "Not seen alone", "No contingency plan", "Mrs Ahmed"):
        assert text in page, text
    assert "Medium" in page  # RC3
    assert "NSPCC (2016)" in page
    record = client_for("worker").get(f"/children/{period.child_id}/").content.decode()
    assert 'data-testid="monitoring-panel"' in record and "Visit overdue" in record


def test_recording_a_visit_clears_the_overdue_alert(demo: Any, client_for: Callable[[str], Any]) -> None:
    period = _with_alerts(demo)
    client = client_for("worker")
    url = f"/children/{period.child_id}/monitoring/visits/add/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {**_date("visited_on", timezone.localdate()), "child_seen": "yes"})
    assert refused.status_code == 400 and "Select yes if the child was seen alone" in refused.content.decode()
    data = {
        **_date("visited_on", timezone.localdate()),
        "child_seen": "yes",
        "seen_alone": "yes",
        "seen_away_from_home": "yes",
        "raises_concern": "no",
        "child_words": "I like my new bedroom.",
    }
    assert client.post(url, data).status_code == 302
    page = client.get(f"/children/{period.child_id}/monitoring/").content.decode()
    assert "I like my new bedroom." in page and 'data-testid="alert-visit-overdue"' not in page
    assert audit.events(action=AuditAction.CREATE, child_id=period.child_id).exists()


def test_early_closure_is_refused_and_only_a_manager_may_override_it_audited(
    demo: Any, client_for: Callable[[str], Any]
) -> None:
    period = _with_alerts(demo)
    url = f"/children/{period.child_id}/monitoring/close/"
    worker = client_for("worker")
    form = worker.get(url).content.decode()
    assert 'name="override_reason"' not in form
    data = {
        **_date("on", timezone.localdate()),
        "reason": "Going well",
        "edit_version": str(period.edit_version),
    }
    refused = worker.post(url, {**data, "override_reason": "Because I say so"})
    # (The demo is dated in the past, so by the real clock its period has ended: the review is missing.)
    assert refused.status_code == 400 and "There is no final review" in refused.content.decode()
    assert "A team manager can close it early" in refused.content.decode()
    assert MonitoringPeriod.objects.get(pk=period.pk).is_open

    manager = client_for("manager")
    assert 'name="override_reason"' in manager.get(url).content.decode()
    refused = manager.post(url, data)
    assert refused.status_code == 400 and "Give your reason" in refused.content.decode()
    done = manager.post(url, {**data, "override_reason": "The family moved to another authority."})
    assert done.status_code == 302
    closed = MonitoringPeriod.objects.get(pk=period.pk)
    assert closed.closure == Closure.OVERRIDE and closed.override_reason.startswith("The family moved")
    assert audit.events(
        action=AuditAction.CHANGE, child_id=period.child_id, what__contains="manager's override"
    ).exists()


def test_a_child_with_alerts_is_flagged_on_the_caseload_but_not_to_a_partner(
    demo: Any, client_for: Any
) -> None:
    from django.urls import reverse as url

    assert MonitoringPeriod.objects.filter(
        closed_on__isnull=True, child__allocated_worker=demo.staff["worker"]
    ).exists()
    assert b"after the return</strong>" in client_for("worker").get(url("children:caseload")).content
    assert b"after the return</strong>" not in client_for("health").get(url("children:caseload")).content


def test_a_re_referral_recorded_on_the_page_is_an_alert_until_reviewed(demo: Any, client_for: Any) -> None:
    from django.urls import reverse as url

    from homeward.monitoring import alerts

    period = MonitoringPeriod.objects.filter(
        closed_on__isnull=True, child__allocated_worker=demo.staff["worker"]
    ).first()
    assert period is not None
    client = client_for("worker")
    page = url("monitoring:concern_add", args=[period.child_id])
    day = timezone.localdate()
    when = {"reported_on_0": day.day, "reported_on_1": day.month, "reported_on_2": day.year}
    assert client.post(page, {**when, "kind": "re_referral", "reported_by": ""}).status_code == 400
    saved = client.post(page, {**when, "kind": "re_referral", "reported_by": "GP", "what": "Missed checks."})
    assert saved.status_code == 302
    found = alerts.alerts_for([period.child_id], day)[period.child_id]
    assert any(a.code == "new-concern" and "re-referral" in a.detail for a in found)
    shown = client.get(url("monitoring:monitoring", args=[period.child_id]))
    assert b'data-testid="concerns"' in shown.content and b"Missed checks." in shown.content
