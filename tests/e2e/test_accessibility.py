"""axe-core on the foundation's pages: no violations (WCAG 2.x A/AA rules and axe best practices)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.e2e


def test_login_page(page: Page, live_server: Any, demo: Any) -> None:
    page.goto(f"{live_server.url}/login/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")
    screenshot(page, "login")
    assert_accessible(page, "login")
    # ... and with its error summary showing
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    screenshot(page, "login-errors")
    assert_accessible(page, "login (errors)")


def test_caseload_and_child_pages(
    page: Page, live_server: Any, demo: Any, login: Callable[..., None]
) -> None:
    login(page, live_server, "worker")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    assert_accessible(page, "my work")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My caseload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    assert_accessible(page, "caseload")

    page.goto(f"{live_server.url}/children/{demo.showcase.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.showcase.full_name)
    assert_accessible(page, "child's record")

    page.goto(f"{live_server.url}/children/{demo.showcase.pk}/family/add/")
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page, "add a person (errors)")


def test_partner_and_manager_views(
    page: Page, live_server: Any, demo: Any, login: Callable[..., None]
) -> None:
    login(page, live_server, "health")
    page.goto(f"{live_server.url}/children/{demo.other_child['health'].pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    assert_accessible(page, "403")
    page.goto(f"{live_server.url}/children/{demo.showcase.pk}/")
    assert_accessible(page, "child's record (partner)")

    page.context.clear_cookies()
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/children/{demo.showcase.pk}/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has viewed or changed this record")
    screenshot(page, "audit-manager")
    assert_accessible(page, "who has viewed this record")
