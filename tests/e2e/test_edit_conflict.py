"""Two people, two browsers, one family member: the second save is refused with both versions shown,
and what the second person typed is still in front of them to save again on purpose."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from homeward.children.models import FamilyMember
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.e2e


def test_two_browsers_edit_the_same_person_and_neither_edit_is_lost(
    browser: Browser, live_server: Any, demo: Any, login: Callable[..., None]
) -> None:
    member = FamilyMember.objects.filter(child=demo.showcase).order_by("full_name").first()
    assert member is not None
    url = f"{live_server.url}/children/{demo.showcase.pk}/family/{member.pk}/change/"
    worker_context, manager_context = (
        browser.new_context(),
        browser.new_context(),
    )
    worker, manager = worker_context.new_page(), manager_context.new_page()
    login(worker, live_server, "worker")
    login(manager, live_server, "manager")
    worker.goto(url)
    manager.goto(url)  # both have the form open before either saves

    worker.get_by_label("Notes").fill("Works nights; call after 2pm.")
    worker.get_by_role("button", name="Save").click()
    expect(worker.get_by_text(f"Details of {member.full_name} updated.")).to_be_visible()

    manager.get_by_label("Notes").fill("Moved to a new flat in March.")
    manager.get_by_role("button", name="Save").click()
    expect(manager.get_by_test_id("edit-conflict")).to_be_visible()
    comparison = manager.get_by_test_id("conflict-comparison")
    notes_row = comparison.locator("tr", has=manager.get_by_role("rowheader", name="Notes"))
    expect(notes_row).to_contain_text("Works nights; call after 2pm.")
    expect(notes_row).to_contain_text("Moved to a new flat in March.")
    expect(manager.get_by_label("Notes")).to_have_value("Moved to a new flat in March.")
    assert_accessible(manager, "edit conflict")
    screenshot(manager, "edit-conflict")
    member.refresh_from_db()
    assert member.notes == "Works nights; call after 2pm."

    manager.set_viewport_size({"width": 320, "height": 800})
    width = manager.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the conflict page scrolls sideways at 320 px ({width} px wide)"

    manager.get_by_role("button", name="Save").click()  # saving again is now a deliberate choice
    expect(manager.get_by_text(f"Details of {member.full_name} updated.")).to_be_visible()
    member.refresh_from_db()
    assert member.notes == "Moved to a new flat in March."
    worker_context.close()
    manager_context.close()
