"""axe-core on the foundation's pages: no violations (WCAG 2.x A/AA rules and axe best practices)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, ViewportSize, expect

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


# --- Reflow (WCAG 2.2, 1.4.10): every page each role can open, at 320 CSS px, scrolls only down, and so
# it does with its text at 200% (1.4.4). One browser, one walk: tens of seconds for ~300 pages. ------

NARROW: ViewportSize = {"width": 320, "height": 640}
# Text at 200% (WCAG 1.4.4), as a browser's font-size setting does it (GOV.UK Frontend sizes text in
# rem), on a small tablet: 640 px wide.
LARGE_TEXT: ViewportSize = {"width": 640, "height": 640}


def pages_for(who: str, demo: Any) -> list[str]:
    """Every page `who` may open (status 200 in the page matrix), with their own child where the URL
    takes one: the same walk over the URLconf as tests/access/test_policy_matrix.py."""
    from tests.access.test_policy_matrix import ANONYMOUS, CHECKED, EXPECTATIONS, _url

    urls = []
    for route in CHECKED:
        if who != ANONYMOUS and EXPECTATIONS[route.name].get(ANONYMOUS) == 200:
            continue  # a public page (sign in, the accessibility statement): walked once, signed out
        expected = EXPECTATIONS[route.name].get(who, 302 if who == ANONYMOUS else 403)
        own, other = expected if isinstance(expected, tuple) else (expected, expected)
        if "child_id" not in route.params:
            if own == 200:
                urls.append(_url(route, None))
            continue
        child = demo.showcase if who == ANONYMOUS else demo.own_child[who]
        if child is not None and own == 200:
            urls.append(_url(route, child))
        elif other == 200:
            urls.append(_url(route, demo.other_child[who]))
    return urls


def too_wide(page: Page) -> str | None:
    """What sticks out on the right when the page scrolls sideways (None when it does not)."""
    return page.evaluate(
        """() => {
          const width = document.scrollingElement.scrollWidth;
          if (width <= window.innerWidth) return null;
          const wide = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(-3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
          return width + 'px wide: ' + wide.join(', ');
        }"""
    )


def test_every_page_reflows_at_320_px(
    page: Page, live_server: Any, demo: Any, login: Callable[..., None]
) -> None:
    from playwright.sync_api import Error

    page.set_viewport_size(NARROW)
    problems, visited = [], 0
    # One login for each role (worker2 is a social worker, as worker is), and no one signed in.
    for who in ("anonymous", "worker", "manager", "iro", "health", "analyst", "admin", "dataofficer"):
        page.context.clear_cookies()
        if who != "anonymous":
            login(page, live_server, who)
        for url in pages_for(who, demo):
            try:
                # The stylesheet is in by then: a script in the head waits for it.
                response = page.goto(live_server.url + url, wait_until="domcontentloaded")
            except Error as error:  # a file to download (a PDF, a CSV), not a page
                assert "Download is starting" in str(error), f"{who} {url}: {error}"
                continue
            assert response is not None and response.status == 200, (
                f"{who} {url}: {response and response.status}"
            )
            if not response.headers.get("content-type", "").startswith("text/html"):
                continue  # an API's JSON, not a page a person reads
            visited += 1
            found = too_wide(page)
            if found:
                problems.append(f"  {who:<11} {url}: {found}")
            page.set_viewport_size(LARGE_TEXT)
            page.evaluate("document.documentElement.style.fontSize = '200%'")
            found = too_wide(page)
            if found:
                problems.append(f"  {who:<11} {url} (text at 200%, 640 px wide): {found}")
            page.set_viewport_size(NARROW)
    assert visited > 100, f"only {visited} pages visited: is the walk finding the pages?"
    assert not problems, "Pages that scroll sideways:\n" + "\n".join(problems)
