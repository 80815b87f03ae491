"""In the browser: monitoring after the return for the demo's child in monitoring.

The worker sees the alerts on the record and on the monitoring page (each with why, its source and a
link), records a visit — first with an answer missing, then in full — and sees the list of alerts
again without the overdue visit; records engagement and a review; an early close is refused; the
manager is offered the override. Every new page passes axe.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from homeward.monitoring.models import MonitoringPeriod, PeriodKind
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fill_date(page: Any, day: Any) -> None:
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))


def _answer(page: Any, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def test_worker_records_a_visit_and_sees_the_alerts(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    period = MonitoringPeriod.objects.get(
        closed_on__isnull=True, kind=PeriodKind.RETURN_HOME, child__allocated_worker=demo.staff["worker"]
    )
    child = period.child
    today = timezone.localdate()

    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/children/{child.pk}/")
    panel = page.get_by_test_id("monitoring-panel")
    assert panel.get_by_test_id("alert-visit-overdue").is_visible()
    panel.get_by_role("link", name="Monitoring after the return").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("alert-visit-overdue").is_visible()
    assert page.get_by_test_id("alert-not-seen-alone").is_visible()
    assert "local default" in page.get_by_test_id("cadence").inner_text()
    assert "Mrs Ahmed" in page.get_by_test_id("trusted-adult").inner_text()
    assert "Medium" in page.get_by_test_id("rc3").inner_text()
    screenshot(page, "monitoring-with-alerts")
    assert_accessible(page, "monitoring after the return")

    page.get_by_role("link", name="Record a visit").first.click()
    _fill_date(page, today)
    _answer(page, "Was the child seen?", "Yes")
    page.get_by_role("button", name="Record the visit").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "record a visit (errors)")
    _answer(page, "Was the child seen alone?", "Yes")
    _answer(page, "Was the child seen away from home?", "Yes")
    _answer(page, "Does the visit raise a new concern?", "No")
    page.get_by_label("What the child said, in their own words").fill("School is good. I sleep well.")
    page.get_by_role("button", name="Record the visit").click()
    page.wait_for_load_state()
    assert "Visit recorded." in page.inner_text("body")
    assert "School is good. I sleep well." in page.get_by_test_id("visits").inner_text()
    assert page.get_by_test_id("alerts").is_visible()
    assert page.get_by_test_id("alert-visit-overdue").count() == 0
    assert page.get_by_test_id("alert-not-seen-alone").count() == 0
    assert page.get_by_test_id("alert-no-contingency-plan").is_visible()
    assert_accessible(page, "monitoring after a visit")

    page.get_by_role("link", name="Record engagement with a service").first.click()
    assert_accessible(page, "record engagement with a service")
    page.get_by_label("Parenting programme (Northshire Family Centre)").check()
    _fill_date(page, today)
    page.get_by_label("Attended", exact=True).check()
    page.get_by_role("button", name="Record it").click()
    page.wait_for_load_state()
    assert "Engagement recorded." in page.inner_text("body")

    page.get_by_role("link", name="Record a review").first.click()
    assert_accessible(page, "record a review")
    page.get_by_role("link", name="Back").click()

    page.get_by_role("link", name="Close monitoring").click()
    _fill_date(page, today)
    page.get_by_label("Why monitoring is closing").fill("Going well.")
    assert page.get_by_label("If it is closing early", exact=False).count() == 0
    page.get_by_role("button", name="Close monitoring").click()
    page.wait_for_load_state()
    assert "A team manager can close it early" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "close monitoring (refused)")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/children/{child.pk}/monitoring/close/")
    assert page.get_by_label("If it is closing early", exact=False).is_visible()
    assert_accessible(page, "close monitoring (manager)")
