"""Whole journeys in Chromium: a social worker's day with a child's record, and a partner turned away."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def test_worker_opens_a_child_and_records_a_new_household_member(
    page: Page, live_server: Any, demo: Any, login: Callable[..., None]
) -> None:
    login(page, live_server, "worker")

    # Signed in, the worker lands on My work; their caseload is a link away, styled by the compiled
    # GOV.UK stylesheet.
    expect(page).to_have_url(re.compile(r"/my-work/$"))
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My caseload").click()
    expect(page).to_have_url(re.compile(r"/caseload/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    header_colour = page.locator(".govuk-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header_colour not in ("", "rgba(0, 0, 0, 0)", "transparent"), "the stylesheet was not served"
    assert "arial" in page.locator("h1").evaluate("e => getComputedStyle(e).fontFamily").lower()
    showcase = demo.showcase
    row = page.locator("tr", has=page.get_by_role("link", name=showcase.full_name))
    expect(row.get_by_text("Being considered")).to_be_visible()
    screenshot(page, "caseload-worker")

    # The showcase child's record: the failed return is impossible to miss; the history summary is there.
    page.get_by_role("link", name=showcase.full_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(showcase.full_name)
    warning = page.locator("#previous-failed-return")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("broke down")
    expect(page.get_by_role("heading", name="Care history")).to_be_visible()
    assert int(page.get_by_test_id("periods-of-care").inner_text()) >= 2
    assert int(page.get_by_test_id("failed-returns").inner_text()) >= 1
    screenshot(page, "record-showcase")

    # Add a person who moved into the mother's home.
    page.get_by_role("link", name="Add a person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person to the family network")
    page.get_by_label("Full name").fill("Jordan Pike")
    page.get_by_label("Relationship to the child").select_option(
        label="Lodger or other adult in the household"
    )
    page.get_by_role("group", name="Do they have parental responsibility?").get_by_label("No").check()
    page.get_by_label("Do they live in one of the child's households?").select_option(label="Mother's home")
    page.locator("#id_moved_in_0").fill("3")
    page.locator("#id_moved_in_1").fill("3")
    page.locator("#id_moved_in_2").fill("2025")
    screenshot(page, "add-person-filled")
    page.get_by_role("button", name="Add person").click()

    # Back on the record, with a success message and the person in the network table.
    expect(page).to_have_url(re.compile(rf"/children/{showcase.pk}/$"))
    expect(page.get_by_role("alert")).to_contain_text(
        "Jordan Pike added to the family and household network."
    )
    person = page.get_by_test_id("family-network").locator("tr", has_text="Jordan Pike")
    expect(person).to_contain_text("Lodger or other adult in the household")
    expect(person).to_contain_text("Mother's home: moved in 3 Mar 2025")
    screenshot(page, "record-after-adding-person")


def test_form_errors_are_summarised_and_linked(
    page: Page, live_server: Any, demo: Any, login: Callable[..., None]
) -> None:
    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/children/{demo.showcase.pk}/family/add/")
    page.get_by_role("button", name="Add person").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter their full name")
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary.get_by_role("link", name="Enter their full name").click()
    expect(page.get_by_label("Full name")).to_be_focused()
    screenshot(page, "add-person-errors")


def test_partner_is_refused_a_child_their_agency_is_not_involved_with(
    page: Page, live_server: Any, demo: Any, login: Callable[..., None]
) -> None:
    login(page, live_server, "health")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My caseload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    other = demo.other_child["health"]
    expect(page.get_by_role("link", name=other.full_name)).to_have_count(0)

    response = page.goto(f"{live_server.url}/children/{other.pk}/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    expect(page.get_by_text("This attempt has been recorded")).to_be_visible()
    screenshot(page, "refused-health")

    # A child their agency is involved with opens, without the parts not shared with partners.
    page.goto(f"{live_server.url}/children/{demo.showcase.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.showcase.full_name)
    expect(page.get_by_role("heading", name="Family and household network")).to_be_visible()
    expect(page.get_by_role("heading", name="Care episodes")).to_have_count(0)
    screenshot(page, "record-health")


def test_sign_out(page: Page, live_server: Any, demo: Any, login: Callable[..., None]) -> None:
    login(page, live_server, "worker")
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login/$"))
    page.goto(f"{live_server.url}/caseload/")
    expect(page).to_have_url(re.compile(r"/login/\?next="))


def test_govuk_frontend_starts_under_the_content_security_policy(page: Page, live_server: Any) -> None:
    """The browser enforces the policy (no inline script) and GOV.UK Frontend still starts, from files."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    response = page.goto(f"{live_server.url}/login/")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    body = page.locator("body")
    expect(body).to_have_class(re.compile(r"\bjs-enabled\b.*\bgovuk-frontend-supported\b"))
    # GOV.UK Frontend marks each component it has started.
    expect(page.locator(".govuk-skip-link")).to_have_attribute("data-govuk-skip-link-init", "")
    # An inline script added to the page is refused by the browser.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = true';"
        " document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.ran === undefined")
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in text and "script-src" in text for text in refused), refused
