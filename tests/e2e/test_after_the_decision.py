"""In the browser, the whole journey after the decision, for the demo's ready-to-return child.

The manager signs off D3 "yes" from My work and, as nominated officer, approves the return against the
reg 39 checklist; the worker records the planned return; health sees and acknowledges the notification;
the worker records a visit; time moves on (a fixed clock, five weeks later); the visit-overdue alert is on
the worker's My work and in the manager's team view; an early closure is refused; the child comes back
into care; the outcome figures count the breakdown. Every new page passes axe.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from homeward.children.models import AgencyInvolvement
from homeward.demo.reunification import ready_to_return_child
from homeward.monitoring.models import Closure, MonitoringPeriod
from homeward.moves.models import Move
from homeward.notifications.models import Notification
from homeward.outcomes import selectors as outcomes
from homeward.ssda903.result import UnitCosts
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fill_date(page: Any, day: Any) -> None:
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))


def _answer(page: Any, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def _re_entries() -> int:
    source = next(s for s in outcomes.sources() if s.imported is None)
    return int(outcomes.dashboard(source, UnitCosts())[0].result["re_entry"]["re_entries"])


def test_from_d3_to_a_breakdown(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    child = ready_to_return_child()
    assert child is not None
    health = demo.staff["health"]
    agency = health.profile.agency
    # The clock is fixed five weeks ago for the return and the first visit, then moves on to today (the
    # 903 rules refuse a date after the machine's own, so time moves forward to it, never past it).
    real_now = timezone.now
    then = real_now() - timedelta(days=35)
    monkeypatch.setattr(timezone, "now", lambda: then)
    today = timezone.localdate()
    if not AgencyInvolvement.objects.filter(child=child, agency=agency, ended__isnull=True).exists():
        AgencyInvolvement.objects.create(
            child=child, agency=agency, contact_name="Health visitor", started=today - timedelta(days=90)
        )

    # The manager signs off D3 from My work, then approves the return as nominated officer.
    login(page, live_server, "manager")
    assert page.get_by_role("heading", name="My work", level=1).is_visible()
    page.get_by_test_id("work-sign").get_by_role("link", name="D3 decision").click()
    page.get_by_label("Sign off the decision").check()
    page.get_by_label("Your reasons").fill("The changes are sustained and the plan is sound.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/my-work/")
    assert_accessible(page, "my work (manager)")
    page.get_by_test_id("work-approvals").get_by_role("link", name="D3 signed off").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("reg39").is_visible()
    screenshot(page, "moves-approve-return")
    assert_accessible(page, "approve the return home")
    page.get_by_label("Your reasons for approving the return").fill("Checklist read with the worker.")
    page.get_by_role("button", name="Approve the return").click()
    page.wait_for_load_state()
    assert "Return home approved." in page.inner_text("body")
    assert_accessible(page, "where the child lives")
    page.get_by_role("button", name="Sign out").click()

    # The worker records the planned return.
    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/children/{child.pk}/")
    page.get_by_test_id("moves-panel").get_by_role("link").click()
    page.get_by_role("link", name="Returned home: stopped being looked after").click()
    assert_accessible(page, "record a return home")
    _fill_date(page, today)
    _answer(page, "Was this a planned return, agreed at D3?", "Yes")
    page.get_by_role("button", name="Record the move").click()
    page.wait_for_load_state()
    assert "recorded" in page.inner_text("body")
    assert "Planned (E4A)" in page.get_by_test_id("moves").inner_text()
    screenshot(page, "moves-after-return")
    move = Move.objects.get(child=child)
    assert move.rec == "E4A" and move.approval is not None
    page.get_by_role("link", name="Correct this move").click()
    assert page.get_by_role("heading", name="Correct the move").is_visible()
    assert_accessible(page, "correct a move")
    page.get_by_role("button", name="Sign out").click()

    # health is told, and acknowledges.
    login(page, live_server, "health")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Notifications").click()
    card = page.get_by_test_id("notification").filter(has_text=f"{child.full_name}: Returned home (planned)")
    card.get_by_role("button", name="Acknowledge").click()
    page.wait_for_load_state()
    assert "Notification acknowledged." in page.inner_text("body")
    told = Notification.objects.get(child=child, recipient=health, event="return_home")
    assert told.acknowledged_at is not None
    page.get_by_role("button", name="Sign out").click()

    # The worker records a visit the day of the return.
    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/children/{child.pk}/monitoring/")
    page.get_by_role("link", name="Record a visit").first.click()
    _fill_date(page, today)
    _answer(page, "Was the child seen?", "Yes")
    _answer(page, "Was the child seen alone?", "Yes")
    _answer(page, "Was the child seen away from home?", "No")
    _answer(page, "Does the visit raise a new concern?", "No")
    page.get_by_role("button", name="Record the visit").click()
    page.wait_for_load_state()
    assert "Visit recorded." in page.inner_text("body")
    page.get_by_role("link", name="Record a concern or re-referral").click()
    assert page.get_by_role("heading", name="Record a concern or re-referral").is_visible()
    assert_accessible(page, "record a concern or re-referral")

    # Five weeks later, the next visit is overdue.
    monkeypatch.setattr(timezone, "now", real_now)
    later = timezone.now()
    page.context.clear_cookies()
    login(page, live_server, "worker")
    alerts = page.get_by_test_id("work-alerts")
    assert child.full_name in alerts.inner_text() and "overdue" in alerts.inner_text().lower()
    assert child.full_name in page.get_by_test_id("work-visits").inner_text()
    screenshot(page, "my-work-worker-overdue")
    assert_accessible(page, "my work (worker)")
    # On a phone: My work reflows at 320 px, nothing scrolls sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"My work scrolls sideways at 320 px ({width} px wide)"
    screenshot(page, "my-work-worker-320")
    page.set_viewport_size({"width": 1280, "height": 800})

    # Closing monitoring this early is refused.
    page.goto(f"{live_server.url}/children/{child.pk}/monitoring/close/")
    page.get_by_label("Why monitoring is closing").fill("The family is doing well.")
    page.get_by_role("button", name="Close monitoring").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    period = MonitoringPeriod.objects.get(child=child)
    assert period.closed_on is None
    page.get_by_role("button", name="Sign out").click()

    # The manager's team view shows the child with the overdue visit.
    login(page, live_server, "manager")
    row = page.get_by_test_id("work-team").get_by_role("row").filter(has_text=child.full_name)
    assert "overdue" in row.inner_text().lower()
    page.get_by_role("button", name="Sign out").click()
    login(page, live_server, "worker")

    # The child comes back into care: a breakdown.
    before = _re_entries()
    page.goto(f"{live_server.url}/children/{child.pk}/moves/")
    page.get_by_role("link", name="Came back into care").click()
    _fill_date(page, later.date())
    page.get_by_label("Legal status").select_option("C1")
    page.get_by_label("Category of need").select_option("N1")
    page.get_by_label("Placement type").select_option("U1")
    page.get_by_label("Placement provider").select_option("PR1")
    page.get_by_label("Notes").fill("The mother's partner moved back in and the child was not safe.")
    assert_accessible(page, "record a re-entry")
    page.get_by_role("button", name="Record the move").click()
    page.wait_for_load_state()
    assert "Move recorded: came back into care." in page.inner_text("body")
    period.refresh_from_db()
    assert period.closure == Closure.BREAKDOWN
    assert _re_entries() == before + 1
    page.get_by_role("button", name="Sign out").click()

    # The dashboard now counts the breakdown.
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/outcomes/?source=homeward")
    assert page.get_by_role("heading", level=1).is_visible()
    assert_accessible(page, "outcomes dashboard after the breakdown")


def test_the_managers_team_view_shows_the_overdue_visit(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    period = MonitoringPeriod.objects.filter(closed_on__isnull=True, child__team=demo.showcase.team).first()
    assert period is not None, "the demo should hold a child of the North team in monitoring"
    login(page, live_server, "manager")
    team = page.get_by_test_id("work-team")
    assert period.child.full_name in team.inner_text()
    assert "alert" in team.inner_text()
    screenshot(page, "my-work-manager-team")
    assert_accessible(page, "my work (manager's team view)")
