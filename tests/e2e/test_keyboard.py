"""The main journey by keyboard alone (WCAG 2.1.1, 2.4.7): sign in, open the caseload, open a child's
record, open the reunification assessment and save a change — only Tab, Shift+Tab, Enter and Space
move and act (typing fills the fields), and whatever has the focus can be seen at every step."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import DEMO_PASSWORD
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# How the focused element looks: GOV.UK's focus state is a yellow (#ffdd00) background or outline with
# a black bar; the browser's own ring would do too. An element with none of them has an invisible focus.
FOCUS_SHOWN = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const yellow = s.backgroundColor === 'rgb(255, 221, 0)';
  return {outline, shadow, yellow, text: (e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 200),
          label: e.labels && e.labels.length ? e.labels[0].textContent.trim() : '', tag: e.tagName};
}"""


def focused(page: Page) -> dict[str, Any] | None:
    result: dict[str, Any] | None = page.evaluate(FOCUS_SHOWN)
    return result


def tab_to(page: Page, name: str, *, backwards: bool = False, limit: int = 150) -> None:
    """Press Tab (or Shift+Tab) until the focus is on the control whose text or label starts with
    `name`, then check the focus can be seen."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if now and (now["text"].startswith(name) or now["label"].startswith(name)):
            assert now["outline"] or now["shadow"] or now["yellow"], f"no visible focus on {name!r}: {now}"
            return
    raise AssertionError(f"{limit} presses of {key} never reached {name!r}")


def test_sign_in_to_saving_the_assessment_by_keyboard(page: Page, live_server: Any, demo: Any) -> None:
    child = demo.showcase
    page.goto(f"{live_server.url}/login/")

    # The skip link comes before the header: a keyboard user can jump past it.
    tab_to(page, "Skip to main content", backwards=True)
    tab_to(page, "User name")
    page.keyboard.type("worker")
    tab_to(page, "Password")
    page.keyboard.type(DEMO_PASSWORD)
    tab_to(page, "Sign in")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")

    tab_to(page, "My caseload")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")

    tab_to(page, child.full_name)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(child.full_name)
    # The record's summary is read before anything else; its details open with Space.
    tab_to(page, "Open the reunification assessment")
    tab_to(page, "Back to caseload", backwards=True)
    tab_to(page, "Open the reunification assessment")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("assessment")

    tab_to(page, "Change risk and protective factors")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Risk and protective factors")
    tab_to(page, "Protective factors")
    page.keyboard.type(" Grandmother visits daily and is trusted by the child.")
    screenshot(page, "keyboard-risk-form")
    tab_to(page, "Save")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.get_by_text("Grandmother visits daily and is trusted by the child.")).to_be_visible()


def test_a_care_episode_opens_with_the_space_bar(page: Page, live_server: Any, demo: Any, login: Any) -> None:
    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/children/{demo.showcase.pk}/")
    episodes = page.get_by_test_id("episodes").locator("details")
    first = episodes.first
    summary = first.locator("summary").inner_text()
    expect(first).not_to_have_attribute("open", "")
    tab_to(page, summary)
    page.keyboard.press("Space")
    expect(first).to_have_attribute("open", "")
    expect(first.get_by_text("Category of need")).to_be_visible()
