"""In the browser: the reunification journey for the showcase child (903 id 100001).

The worker finds the mother's new partner unassessed (the framework names him), assesses him and sees
the gap clear, signs the assessment and proposes D2 "maybe", answering every gap and caution; the
manager signs it off; the IRO reads it. A signed decision offers no edit control, and a direct POST to
change it is refused.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("HOMEWARD_SCREENSHOTS", Path(__file__).resolve().parents[2] / "test-results"))


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"reunification-{name}.png"), full_page=True)


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def _findings(page: Any, finding_id: str) -> Any:
    return page.locator(f'[data-testid="findings"] [data-finding="{finding_id}"]')


def test_worker_assesses_the_partner_proposes_d2_manager_signs_iro_reads(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    child = demo.showcase
    partner = child.family.get(relationship="mothers_partner").full_name
    base = live_server.url

    # The worker opens the record: the framework's cautions and the assessment in progress.
    login(page, live_server, "worker")
    page.goto(f"{base}/children/{child.pk}/")
    panel = page.get_by_test_id("reunification-panel")
    assert panel.locator('[data-finding="previous-failed-return"]').count() == 1
    _shot(page, "1-record")
    panel.get_by_role("link", name="Open the reunification assessment").click()

    # The framework names the mother's new partner as not assessed.
    gap = _findings(page, "household-member-not-assessed")
    assert partner in gap.inner_text()
    _shot(page, "2-partner-not-assessed")
    assert_accessible(page, "reunification assessment")

    page.get_by_role("link", name=f"Assess {partner}", exact=True).click()
    page.get_by_label("Yes, they have been assessed").check()
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Summary of the assessment").fill("Two home visits; police and GP checks clear.")
    page.get_by_role("group", name="Does this person pose a risk to the child?").get_by_label("No").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert f"{partner} recorded as assessed" in page.inner_text("body")
    assert _findings(page, "household-member-not-assessed").count() == 0
    _shot(page, "3-partner-assessed")

    page.get_by_role("link", name="Complete and sign the assessment", exact=True).click()
    page.get_by_role("button", name="Sign the assessment").click()
    page.wait_for_load_state()
    assert "complete and signed" in page.inner_text("body")

    # D2 "maybe", answering each gap and caution beside it.
    page.get_by_role("navigation", name="Reunification").get_by_role("link", name="Decisions").click()
    page.get_by_role("link", name="Propose a D2 decision").click()
    assert "no signed-off D1 decision" in page.get_by_test_id("earlier-gate").inner_text()
    boxes = page.locator('textarea[name^="finding_"]')
    assert boxes.count() >= 1
    for i in range(boxes.count()):
        box = boxes.nth(i)
        box.fill(f"Considered: {box.get_attribute('name')[len('finding_') :]} is addressed in the plan.")
    page.get_by_label("Maybe: with a plan and support").check()
    page.get_by_label("Your reasons").fill("Real progress by the mother; the partner is newly assessed.")
    _shot(page, "4-propose-d2")
    assert_accessible(page, "propose a D2 decision")
    page.get_by_role("button", name="Propose the decision for sign-off").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("decision-status").inner_text().strip() == "Waiting for manager sign-off"
    decision_url = page.url
    _sign_out(page)

    # The manager signs it off; a second attempt to change it is refused.
    login(page, live_server, "manager")
    page.goto(decision_url)
    page.get_by_role("link", name="Sign off or return").click()
    page.get_by_label("Sign off the decision").check()
    page.get_by_label("Your reasons").fill("Agreed: proceed to a reunification plan.")
    review_url = page.url
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Signed off by Helen Marsh" in page.inner_text("body")
    _shot(page, "5-signed-off")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    refused = page.request.post(
        review_url,
        form={"outcome": "return", "reasons": "Trying to change a signed decision"},
        headers={"X-CSRFToken": token, "Referer": review_url},
    )
    assert refused.status == 400 and "already been signed off" in refused.text()
    _sign_out(page)

    # The IRO reads it: the answer, every response, and no control to change it.
    login(page, live_server, "iro")
    page.goto(decision_url)
    body = page.inner_text("body")
    assert "Maybe: with a plan and support" in body and "Signed off by Helen Marsh" in body
    assert "is addressed in the plan" in body
    for name in ("Sign off or return", "Propose a new version", "Change"):
        assert page.get_by_role("link", name=re.compile(name)).count() == 0
    assert page.get_by_role("link", name="Add a challenge").count() == 1
    _shot(page, "6-iro-reads")
    assert_accessible(page, "decision (IRO)")
    page.goto(f"{base}/children/{child.pk}/reunification/goals/")
    assert page.get_by_role("img", name="Goal attainment T-score over time").count() == 1
    _shot(page, "7-goals-chart")
    assert_accessible(page, "goals and the T-score chart")
