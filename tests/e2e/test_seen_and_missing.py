"""In the browser: the worker records a time the showcase child was seen (with the mother in the room,
so not alone) and a time the child went missing and ran home; the IRO reads the missing episodes but is
offered no way to change them. Each form page passes the axe check and starts with no answer chosen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fill_date(page: Any, legend: str, day: Any) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_worker_records_a_time_the_child_was_seen(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    child = demo.showcase
    mother = child.family.get(relationship="mother").full_name
    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/children/{child.pk}/reunification/")
    seen = page.get_by_test_id("child-seen")
    assert "At school, in the library" in seen.inner_text()  # the demo's occasions
    page.get_by_role("link", name=f"Record a time {child.first_name} was seen").click()
    page.wait_for_load_state()
    assert page.locator('input[name="seen_alone"]:checked').count() == 0
    assert_accessible(page, "record a time the child was seen")

    page.get_by_role("button", name="Save").click()  # nothing filled in: the errors say what to do
    page.wait_for_load_state()
    assert "Select yes if the child was seen alone" in page.inner_text("body")
    assert_accessible(page, "record a time the child was seen, with errors")

    _fill_date(page, "Date the child was seen", timezone.localdate() - timedelta(days=2))
    page.get_by_label("Who was present").fill(f"Sam Okafor, social worker\n{mother} (mother)")
    page.get_by_role(
        "group", name="Was the child seen alone, without a parent, carer or relative?"
    ).get_by_label("No").check()
    page.get_by_label("Note (optional)").fill("At the end of a home visit")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "is recorded" in page.inner_text("body")
    rows = page.get_by_test_id("child-seen").inner_text()
    assert "At the end of a home visit" in rows and f"{mother} (mother)" in rows
    screenshot(page, "child-seen-recorded")


def test_worker_records_a_missing_episode_and_the_iro_reads_it(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    child = demo.showcase
    base = live_server.url
    login(page, live_server, "worker")
    page.goto(f"{base}/children/{child.pk}/reunification/")
    page.get_by_role("navigation", name="Reunification").get_by_role("link", name="Missing from care").click()
    page.wait_for_load_state()
    episodes = page.get_by_test_id("missing-episodes")
    assert "found at the family home the next morning" in episodes.inner_text()  # the demo's episode
    assert_accessible(page, "missing from care")

    page.get_by_role("link", name=f"Record a time {child.first_name} went missing").click()
    page.wait_for_load_state()
    assert page.locator('input[name="ran_home"]:checked').count() == 0
    assert_accessible(page, "record a time the child went missing")
    _fill_date(page, "Date the child went missing", timezone.localdate() - timedelta(days=3))
    page.get_by_role("group", name="Did the child go to the family home?").get_by_label("Yes").check()
    page.get_by_label("Note (optional)").fill("Not back yet; the police are informed")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "is recorded" in page.inner_text("body")
    listing = page.get_by_test_id("missing-episodes").inner_text()
    assert "Not back yet; the police are informed" in listing and "Not back yet" in listing
    screenshot(page, "missing-recorded")

    # The assessment shows the caution, in words to consider.
    page.goto(f"{base}/children/{child.pk}/reunification/")
    caution = page.locator('[data-testid="findings"] [data-finding="missing-from-care"]')
    assert caution.count() == 1 and "Consider" in caution.inner_text()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    login(page, live_server, "iro")
    page.goto(f"{base}/children/{child.pk}/reunification/missing/")
    assert "Not back yet; the police are informed" in page.get_by_test_id("missing-episodes").inner_text()
    assert page.get_by_role("link", name=f"Record a time {child.first_name} went missing").count() == 0
