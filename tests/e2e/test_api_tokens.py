"""Browser test of API tokens: a social worker makes a token (shown once), uses it on the API, revokes
it, and the API then refuses it; the pages and the API docs page pass axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.e2e


def test_a_worker_makes_uses_and_revokes_a_token(
    transactional_db: None, demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    login(page, live_server, "worker")
    page.get_by_role("link", name="API tokens").click()
    assert page.get_by_role("heading", level=1).inner_text() == "API tokens"
    page.get_by_role("button", name="Make a token").click()
    assert_accessible(page, "make an API token")

    page.get_by_label("What is the token for?").fill("Nightly case system link")
    page.get_by_label("Read records").check()
    expires = timezone.localdate() + timedelta(days=400)
    page.get_by_label("Day").fill(str(expires.day))
    page.get_by_label("Month").fill(str(expires.month))
    page.get_by_label("Year").fill(str(expires.year))
    page.get_by_role("button", name="Make token").click()
    assert "within 366 days" in page.locator(".govuk-error-summary").inner_text()

    expires = timezone.localdate() + timedelta(days=30)
    page.get_by_label("Day").fill(str(expires.day))
    page.get_by_label("Month").fill(str(expires.month))
    page.get_by_label("Year").fill(str(expires.year))
    page.get_by_role("button", name="Make token").click()
    banner = page.locator(".govuk-notification-banner").inner_text()
    found = re.search(r"(hw_[0-9a-f]{8}_\S+)", banner)
    assert found, banner
    secret = found.group(1)
    assert "Nightly case system link" in page.locator(".govuk-table").first.inner_text()
    screenshot(page, "api-tokens")
    assert_accessible(page, "API tokens")

    api = page.context.request
    headers = {"Authorization": f"Bearer {secret}"}
    listed = api.get(f"{live_server.url}/api/v1/children", headers=headers)
    assert listed.status == 200 and listed.json()["count"] > 0

    page.reload()  # the secret is shown once: not on the list again
    assert secret not in page.content()
    page.get_by_role("link", name=re.compile("Revoke")).first.click()
    page.get_by_role("button", name="Revoke token").click()
    assert "revoked" in page.locator(".govuk-notification-banner").inner_text()
    refused = api.get(f"{live_server.url}/api/v1/children", headers=headers)
    assert refused.status == 401 and refused.json()["detail"] == "The API token has been revoked."

    page.get_by_role("link", name="API documentation").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Homeward API"
    assert "/api/v1/children/{child_id}/moves" in page.content()
    assert_accessible(page, "API documentation")
