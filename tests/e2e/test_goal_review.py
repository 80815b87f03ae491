"""In the browser: a goal review resting on attendance alone is warned about before it is saved, and
the review of a date that scored only one of the mother's two goals is named partial."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from homeward.assessments import services
from tests.assessments.helpers import clear_reunification, mother_of
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_attendance_only_is_warned_about_and_the_partial_review_is_named(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    child = clear_reunification(demo.showcase)
    worker = demo.staff["worker"]
    today = timezone.localdate()
    mother = mother_of(child)
    for description in ("Keep the home safe", "Keep to the treatment plan"):
        services.add_goal(
            child, worker, parent=mother, description=description, set_on=today - timedelta(days=30)
        )
    services.add_evidence(
        child,
        worker,
        description="Attended the parenting course",
        source="Family Hub",
        kind="attendance",
        seen_on=today - timedelta(days=3),
        written_up_on=today - timedelta(days=2),
    )

    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/children/{child.pk}/reunification/goals/")
    page.get_by_role("link", name="Review the goal: Keep the home safe").click()
    assert page.get_by_test_id("form-warning").count() == 0
    page.get_by_label("+2: much more than expected").check()
    page.get_by_label(re.compile("Attended the parenting course")).check()
    page.get_by_role("button", name="Save review").click()
    page.wait_for_load_state()

    # Not saved: the warning, the partial review named, and an unticked "save anyway".
    warnings = page.get_by_test_id("form-warning")
    assert "The only evidence ticked is attendance" in warnings.first.inner_text()
    assert "'Keep to the treatment plan'" in warnings.nth(1).inner_text()
    confirm = page.get_by_label(re.compile("Save this score anyway"))
    assert not confirm.is_checked()
    screenshot(page, "goal-review-attendance-warning")
    assert_accessible(page, "goal review with a warning")

    confirm.check()
    page.get_by_role("button", name="Save review").click()
    page.wait_for_load_state()
    body = page.inner_text("body")
    assert "Review of " in body and "goal saved (score +2)" in body
    assert "Not yet scored on" in body and "'Keep to the treatment plan'" in body
    # The chart's table says partial, never green, for that date.
    table = page.get_by_test_id("t-score-table")
    assert table.get_by_test_id("partial-review").count() == 1 and "1 of 2" in table.inner_text()
    assert "Green" not in table.inner_text()
    screenshot(page, "goals-partial-review")
    assert_accessible(page, "goals with a partial review")
