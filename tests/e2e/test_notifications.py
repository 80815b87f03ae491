"""In the browser: `health` (a partner agency) signs in, sees the notification about the showcase child
(903 id 100001) in Notifications, acknowledges it, and sees on the child's record what was shared with
its agency; the pages pass axe and reflow at 320 px."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from homeward.notifications.models import Notification
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fits(page: Any, name: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the {name} page scrolls sideways at 320 px ({width} px wide)"
    page.set_viewport_size({"width": 1280, "height": 800})


def test_health_sees_and_acknowledges_its_notification(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    child = demo.showcase
    health = demo.staff["health"]
    waiting = list(Notification.objects.filter(recipient=health, acknowledged_at__isnull=True))
    assert waiting, "the demo should leave health a notification to acknowledge"
    newest = max(waiting, key=lambda n: n.created_at)

    login(page, live_server, "health")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Notifications").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Notifications", level=1).is_visible()
    assert f"{len(waiting)} notification" in page.get_by_test_id("waiting").inner_text()
    card = page.get_by_test_id("notification").filter(has_text=newest.summary)
    assert card.get_by_text("New", exact=True).is_visible()
    screenshot(page, "notifications-health")
    assert_accessible(page, "notifications")
    _fits(page, "notifications")

    card.get_by_role("button", name="Acknowledge").click()
    page.wait_for_load_state()
    assert "Notification acknowledged." in page.inner_text("body")
    card = page.get_by_test_id("notification").filter(has_text=newest.summary)
    assert card.get_by_text("Acknowledged", exact=True).first.is_visible()
    assert card.get_by_role("button", name="Acknowledge").count() == 0
    newest.refresh_from_db()
    assert newest.acknowledged_by == health
    assert_accessible(page, "notifications (acknowledged)")

    # The confirmation page, reached without the button (e.g. from an email's link): axe-clean too.
    older = [n for n in waiting if n.pk != newest.pk]
    if older:
        page.goto(f"{live_server.url}/children/{child.pk}/notifications/{older[0].pk}/acknowledge/")
        assert page.get_by_role("heading", name="Acknowledge the notification").is_visible()
        assert_accessible(page, "acknowledge the notification")
        _fits(page, "acknowledge the notification")
        page.get_by_role("button", name="Acknowledge").click()
        page.wait_for_load_state()
        assert "Notification acknowledged." in page.inner_text("body")

    # The record's "Who has been told": what was shared with health's agency, acknowledged now.
    card.get_by_role("link", name="See the change").click()
    page.wait_for_load_state()
    panel = page.get_by_test_id("sharing-panel")
    assert panel.get_by_role("heading", name="Who has been told").is_visible()
    assert "Acknowledged" in panel.inner_text()
    screenshot(page, "notifications-record-panel-health")
    assert_accessible(page, "child's record (who has been told)")
    # The record's family table is wider than 320 px (the children app's); this panel must not be.
    page.set_viewport_size({"width": 320, "height": 800})
    right = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=sharing-panel] *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert right <= 320, f"the 'Who has been told' panel is {right} px wide at 320 px"
    page.set_viewport_size({"width": 1280, "height": 800})

    # The worker sees the whole log on the record.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/children/{child.pk}/")
    panel = page.get_by_test_id("sharing-panel")
    assert panel.get_by_test_id("sharing-record").count() == child.sharing_records.count()
    assert "Email sent" in panel.inner_text()
    assert_accessible(page, "child's record as the worker (who has been told)")
