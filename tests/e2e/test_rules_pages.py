"""In the browser: a social worker follows "How Homeward checks this" from a finding on the showcase
child's assessment to the rule on the rules page, opens the reunification protocol from the footer and
downloads its PDF; the pages pass axe and reflow at 320 px. A partner agency has no link and is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from homeward.framework import RULES, load_config
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fits(page: Any, name: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the {name} page scrolls sideways at 320 px ({width} px wide)"
    screenshot(page, f"{name.replace(' ', '-')}-320")
    page.set_viewport_size({"width": 1280, "height": 800})


def test_worker_reads_the_rules_and_the_protocol(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/children/{demo.showcase.pk}/reunification/")
    finding = page.locator("#finding-household-member-not-assessed")
    finding.get_by_role("link", name="How Homeward checks this").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "How Homeward checks a return home"
    assert page.url.endswith("/rules/#rule-household-member-not-assessed")
    rule = page.locator("#rule-household-member-not-assessed")
    assert rule.get_by_role("heading", name="Household member not assessed").is_visible()
    assert "Rule id: household-member-not-assessed" in rule.inner_text()
    assert page.locator("[data-rule]").count() == len(RULES)
    stale = page.locator("#rule-assessment-stale")
    assert f"{load_config().assessment_max_age_days} days" in stale.inner_text()
    # The longer description is behind a details component that opens without JavaScript too.
    stale.get_by_text("More about this rule").click()
    assert stale.get_by_text("Case reviews found returns decided on assessments", exact=False).is_visible()
    screenshot(page, "rules")
    assert_accessible(page, "rules")
    _fits(page, "rules")

    page.get_by_role("contentinfo").get_by_role("link", name="Reunification protocol").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Reunification protocol"
    assert page.get_by_role("heading", name="D3: Should the child return home?").is_visible()
    assert "12 months" in page.get_by_test_id("monitoring-months").inner_text()
    assert "every 4 weeks" in page.get_by_test_id("visits").inner_text()
    screenshot(page, "protocol")
    assert_accessible(page, "reunification protocol")
    _fits(page, "reunification protocol")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the protocol (PDF)").click()
    path = download.value.path()
    assert path is not None
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    assert download.value.suggested_filename == "reunification-protocol.pdf"


def test_a_partner_agency_has_no_link_and_is_refused(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    login(page, live_server, "health")
    assert page.get_by_role("contentinfo").get_by_role("link", name="Reunification protocol").count() == 0
    page.goto(f"{live_server.url}/rules/")
    assert page.get_by_role("heading", level=1).inner_text() == "You do not have access to this page"
