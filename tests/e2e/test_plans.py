"""In the browser: the written agreement for the showcase child (903 id 100001).

The worker starts the agreement from the reunification sub-navigation, writes each parent's part with
what will happen if it is not kept, records that they agreed and sets the review date; the manager
signs it; the PDF downloads; the agreement page passes axe.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CONSEQUENCES = "If the agreement is not kept, the return will stop and we will ask the court to decide."


def test_worker_writes_the_agreement_manager_signs_and_the_pdf_downloads(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    child = demo.showcase
    parents = [m.full_name for m in child.family.filter(parental_responsibility=True).order_by("full_name")]
    assert parents
    today = timezone.localdate()

    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/children/{child.pk}/decisions/")
    page.get_by_role("navigation", name="Reunification").get_by_role("link", name="Written agreement").click()
    page.get_by_role("link", name="Start the written agreement").click()
    page.get_by_role("button", name="Start").click()
    page.wait_for_load_state()
    for name in parents:
        page.get_by_role("link", name=f"Change {name}'s part").click()
        page.get_by_label("What we are worried about").fill("Drinking while caring for the children.")
        page.get_by_label("What needs to happen: what they will do").fill(f"{name} will not drink at home.")
        page.get_by_label("Help they will get from the council and other services").fill(
            "Weekly sessions with the alcohol service."
        )
        page.get_by_label("What will happen if the agreement is not kept").fill(CONSEQUENCES)
        page.get_by_label("Day").fill(str(today.day))
        page.get_by_label("Month").fill(str(today.month))
        page.get_by_label("Year").fill(str(today.year))
        page.get_by_role("button", name="Save").click()
        page.wait_for_load_state()
        assert f"{name}'s part of the agreement saved" in page.inner_text("body")
    page.get_by_role("link", name="Change the review date").click()
    review = today.replace(year=today.year + 1)
    page.get_by_label("Day").fill(str(review.day))
    page.get_by_label("Month").fill(str(review.month))
    page.get_by_label("Year").fill(str(review.year))
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("missing").count() == 0

    # The return plan: a date needs the reason for its timing (an error summary, nothing saved).
    page.get_by_role("navigation", name="Reunification").get_by_role(
        "link", name="Return and support plans"
    ).click()
    page.get_by_role("link", name="Change the return plan").click()
    when = today.replace(year=today.year + 1)
    page.get_by_label("Day", exact=True).fill(str(when.day))
    page.get_by_label("Month", exact=True).fill(str(when.month))
    page.get_by_label("Year", exact=True).fill(str(when.year))
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "return plan (errors)")
    page.get_by_label("Christmas", exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("time-driven").is_visible()
    screenshot(page, "plans-return-plan-calendar")
    assert_accessible(page, "return and support plans")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/children/{child.pk}/agreement/")
    page.get_by_role("link", name="Sign the agreement").click()
    page.get_by_role("button", name="Sign the agreement").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("signed-notice").is_visible()
    assert CONSEQUENCES in page.inner_text("body")
    screenshot(page, "plans-agreement-signed")
    assert_accessible(page, "written agreement")

    link = page.get_by_test_id("pdf-link")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    path = download.path()
    assert path is not None and path.stat().st_size > 5_000
    response = page.context.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert len(response.body()) > 5_000 and response.body().startswith(b"%PDF")
