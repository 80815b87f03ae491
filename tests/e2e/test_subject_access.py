"""The data protection officer finds a child and a family member and downloads what is held (axe-clean,
reflows at 320 px, works without JavaScript: plain links and a GET form)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from homeward.organisation.models import StaffProfile
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.e2e


def test_the_officer_finds_a_person_and_downloads_everything_held(
    page: Page, live_server: Any, demo: Any, login: Callable[..., None]
) -> None:
    StaffProfile.objects.filter(user__username="analyst").update(data_protection_officer=True)
    login(page, live_server, "analyst")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Subject access").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subject access")
    assert_accessible(page, "subject access")

    child = demo.showcase
    page.get_by_label("Name, or a child's CHILD id").fill(child.la_child_id)
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("list", name="Children")).to_contain_text(child.full_name)
    screenshot(page, "subject-access-found")
    assert_accessible(page, "subject access (found)")
    with page.expect_download() as download:
        page.get_by_role("link", name=f"JSON of everything held about {child.full_name}").click()
    data = json.loads(download.value.path().read_text())
    assert data["subject"]["child_id"] == child.la_child_id and data["records"]

    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the subject access page scrolls sideways at 320 px ({width} px wide)"

    screenshot(page, "subject-access-320")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("link", name="Records kept past the retention period").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Records kept past the retention period")
    assert_accessible(page, "retention report")
