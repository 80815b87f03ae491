"""The caseload at an authority's size, in a browser: search, filter, page on; accessible; on a phone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.children.test_caseload import _many
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.e2e


def test_search_filter_and_pages(page: Page, live_server: Any, demo: Any, login: Callable[..., None]) -> None:
    _many(demo, 70)
    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/caseload/")
    pages = page.get_by_role("navigation", name="Pages of the caseload")
    expect(pages).to_be_visible()
    assert_accessible(page, "caseload with pages")
    pages.get_by_role("link", name="Next page").click()
    expect(page.get_by_test_id("caseload-range")).to_contain_text("Showing 51 to")
    screenshot(page, "caseload-page-2")

    child = demo.showcase
    page.get_by_label("Search by name, CHILD id or date of birth").fill(child.la_child_id)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("caseload-matching")).to_have_text("1 child found.")
    expect(page.get_by_role("link", name=child.full_name)).to_be_visible()
    assert_accessible(page, "caseload search")

    page.get_by_role("link", name="Clear search and filters").click()
    page.get_by_text("Filter and order").click()
    page.get_by_label("Order").select_option("name")
    page.get_by_label("Legal status").select_option(label="Not looked after")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("caseload-matching")).to_be_visible()
    assert_accessible(page, "caseload filtered")

    # On a phone: the search and filters reflow at 320 px.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/caseload/?q=Testchild")
    form_width = page.evaluate("document.querySelector('form[role=search]').scrollWidth")
    assert form_width <= 320 - 2 * 15, f"the search form is {form_width} px wide at 320 px"
    screenshot(page, "caseload-search-320")
