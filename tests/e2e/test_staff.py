"""Browser tests of Manage staff: an administrator adds a social worker, who can then sign in; and the
staff pages pass an axe-core accessibility check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "a-long-and-unusual-passphrase-42"


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_an_administrator_adds_a_social_worker_who_can_then_sign_in(
    transactional_db: None, demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    login(page, live_server, "admin")
    page.get_by_role("link", name="Manage staff").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Manage staff"

    page.get_by_role("button", name="Add a staff account").click()
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Sparrow")
    page.get_by_label("Email address").fill("sam.sparrow@example.invalid")
    page.get_by_label("User name").fill("ssparrow")
    page.get_by_label("Social worker", exact=True).check()
    page.get_by_label("Team", exact=True).select_option(label="Northshire Children in Care (North)")
    page.get_by_label("Initial password").fill("too-short")
    page.get_by_role("button", name="Add account").click()

    # A weak password is explained at the top of the page, and the other answers are kept.
    summary = page.locator(".govuk-error-summary")
    assert "at least 12 characters" in summary.inner_text()
    assert page.get_by_label("User name").input_value() == "ssparrow"
    assert page.get_by_label("Social worker", exact=True).is_checked()
    screenshot(page, "staff-add-errors")
    assert_accessible(page, "add a staff account (errors)")

    page.get_by_label("Initial password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Add account").click()
    assert (
        "Account added for Sam Sparrow (ssparrow)." in page.locator(".govuk-notification-banner").inner_text()
    )
    assert "Northshire Children in Care (North)" in page.locator(".govuk-summary-list").inner_text()
    screenshot(page, "staff-account")
    sign_out(page)

    login(page, live_server, "ssparrow", NEW_PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() == "My work"
    assert "Signed in as Sam Sparrow (Social worker)" in page.locator(".govuk-phase-banner").inner_text()


def test_the_staff_pages_are_accessible(
    transactional_db: None, demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    login(page, live_server, "admin")
    assert page.get_by_role("heading", level=1).inner_text() == "Manage staff"
    screenshot(page, "staff-list")
    assert_accessible(page, "staff list")

    page.get_by_label("Role").select_option(label="Partner agency worker")
    page.get_by_role("button", name="Show staff").click()
    assert "Partner agency worker: 1 account" in page.locator("caption").inner_text()
    assert_accessible(page, "staff list (filtered)")

    page.get_by_role("button", name="Add a staff account").click()
    screenshot(page, "staff-add")
    assert_accessible(page, "add a staff account")

    page.goto(f"{live_server.url}/staff/")
    page.get_by_role("link", name="Helen Marsh").click()
    assert_accessible(page, "staff account")
    page.get_by_role("link", name="Change role").click()
    assert page.get_by_label("Team manager").is_checked()
    screenshot(page, "staff-change")
    assert_accessible(page, "change an account")
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("button", name="Reset password").click()
    assert_accessible(page, "reset password")

    for path in ("/staff/teams/", "/staff/agencies/", "/staff/teams/add/", "/staff/agencies/add/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, path)
