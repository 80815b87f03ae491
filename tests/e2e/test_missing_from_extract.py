"""In the browser: after a sync whose extract leaves out the demo's own children, the data officer finds
them (by CHILD id only) on "Children not in the case system", decides on one, and the decision shows; a
manager sees their team's children by name. Both pages pass axe and reflow at 320 px."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from homeward.ssda903.synth import write_years
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _reflows(page: Any, name: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{name} scrolls sideways at 320 px ({width} px wide)"
    screenshot(page, f"{name}-320")
    page.set_viewport_size({"width": 1280, "height": 800})


def test_children_not_in_the_extract_are_decided_on(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None], tmp_path: Path
) -> None:
    from homeward.access.audit import CommandLine
    from homeward.casedata.models import MissingFromExtract
    from homeward.casedata.services import sync_case_data

    made = write_years(tmp_path / "extract", children=8, years=1, seed=4)
    report = sync_case_data(
        [tmp_path / "extract"],
        source=CommandLine("cron"),
        default_team="Northshire Children in Care (North)",
    )
    assert report.ok and made.children
    showcase = demo.showcase
    assert showcase.la_child_id in report.missing_from_extract

    login(page, live_server, "dataofficer")
    page.goto(f"{live_server.url}/case-data/")
    page.get_by_role("link", name="Children not in the case system").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Children not in the case system"
    body = page.inner_text("body")
    assert f"CHILD {showcase.la_child_id}" in body and showcase.full_name not in body
    assert_accessible(page, "children not in the case system (data officer)")
    _reflows(page, "missing-from-extract")

    page.get_by_role("link", name=f"Decide for CHILD {showcase.la_child_id}").click()
    page.wait_for_load_state()
    assert_accessible(page, "decide on a child not in the extract")
    page.get_by_label("Left the case system on purpose: keep the record in Homeward").check()
    page.get_by_label("Why").fill("Returned home and the case closed in the case system; keep the history.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state()
    assert f"Decision recorded for CHILD {showcase.la_child_id}." in page.inner_text("body")
    entry = MissingFromExtract.objects.get(child=showcase)
    assert entry.decision == "keep" and entry.decided_by_name
    screenshot(page, "missing-from-extract-decided")

    page.context.clear_cookies()
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Not in the case system").click()
    page.wait_for_load_state()
    assert showcase.full_name in page.inner_text("body")  # the manager's team's child, by name
    assert "Left the case system on purpose" in page.inner_text("body")
    assert_accessible(page, "children not in the case system (manager)")
    _reflows(page, "missing-from-extract-manager")
