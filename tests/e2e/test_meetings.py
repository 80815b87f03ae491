"""In the browser: a meeting for the showcase child (903 id 100001).

The worker opens the meetings from the child's record, records a family group conference, ticks who
was invited, who attended and who sent apologies (health sends apologies, so the meeting flags the
key agency missing), records what was decided and an action; the manager signs the minutes. Every
meetings page passes axe.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fill_date(page: Any, day: Any) -> None:
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))


def test_worker_records_a_meeting_and_who_took_part_and_the_manager_signs_the_minutes(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    child = demo.showcase
    mother = child.family.get(relationship="mother")
    health = child.agency_involvements.filter(agency__agency_type="health").first().agency
    held = timezone.localdate() - timedelta(days=1)

    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/children/{child.pk}/")
    page.get_by_test_id("meetings-panel").get_by_role("link", name="All meetings").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("key-agency-flags").count() >= 1  # the demo's review that health missed
    assert_accessible(page, "meetings")
    page.get_by_role("link", name="Record a meeting").click()
    page.wait_for_load_state()
    assert_accessible(page, "record a meeting")
    page.get_by_role("button", name="Save and add who took part").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "record a meeting (errors)")
    page.get_by_label("Family group conference").check()
    _fill_date(page, held)
    page.get_by_label("Purpose of the meeting").fill("To plan the return home with the family.")
    page.get_by_label("Who chaired it").fill("Helen Marsh")
    page.get_by_role("button", name="Save and add who took part").click()
    page.wait_for_load_state()

    assert_accessible(page, "who took part")
    invited = page.get_by_role("group", name="Who was invited?")
    invited.get_by_label(mother.full_name, exact=False).check()
    invited.get_by_label(health.name).check()
    page.get_by_role("group", name="Who attended?").get_by_label(mother.full_name, exact=False).check()
    page.get_by_role("group", name="Who sent apologies?").get_by_label(health.name).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Who took part saved" in page.inner_text("body")
    flags = page.get_by_test_id("key-agency-flags")
    assert f"{health.name} was invited but did not attend (sent apologies)" in flags.inner_text()
    assert_accessible(page, "meeting")

    page.get_by_role("link", name="What was decided").click()
    page.wait_for_load_state()
    assert_accessible(page, "what was decided")
    page.get_by_label("What was decided").fill("The return home goes ahead in stages.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Add an action").click()
    page.wait_for_load_state()
    assert_accessible(page, "add an action")
    page.get_by_label("What needs to be done").fill("Ask the health visitor for her report")
    page.get_by_label("Who will do it").fill("Sam Okafor")
    _fill_date(page, held + timedelta(days=14))
    page.get_by_role("button", name="Add the action").click()
    page.wait_for_load_state()
    assert "Ask the health visitor for her report" in page.get_by_test_id("minutes-document").inner_text()
    page.get_by_role("link", name="Mark as done").click()
    page.wait_for_load_state()
    assert_accessible(page, "mark the action as done")
    meeting_url = page.url.split("actions/")[0]
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    login(page, live_server, "manager")
    page.goto(meeting_url)
    page.get_by_role("link", name="Agree and sign the minutes").click()
    page.wait_for_load_state()
    assert_accessible(page, "sign the minutes")
    page.get_by_role("button", name="Sign the minutes").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("signed-notice").is_visible()
    screenshot(page, "meetings-signed-minutes")
    assert_accessible(page, "signed minutes")
    page.get_by_role("link", name="Start a new version of the minutes").click()
    page.wait_for_load_state()
    assert_accessible(page, "new version of the minutes")
