"""In the browser: an analyst uploads a generated year of 903 returns, reads the report, imports it and
sees the dashboard; a social worker cannot reach the upload; no page the analyst sees names a child."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from homeward.ssda903.synth import write_years
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# pytest-playwright empties test-results/ when a session starts; HOMEWARD_SCREENSHOTS keeps them elsewhere.
SHOTS = Path(os.environ.get("HOMEWARD_SCREENSHOTS", Path(__file__).resolve().parents[2] / "test-results"))


def names_of_children() -> list[str]:
    from homeward.children.models import Child

    return [c.full_name for c in Child.objects.all()]


def assert_no_child_named(page: Any, names: list[str]) -> None:
    text = page.inner_text("body")
    shown = [n for n in names if n in text]
    assert not shown, f"{page.url} shows children's names: {shown}"


def test_analyst_imports_a_year_and_sees_the_dashboard(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None], tmp_path: Path
) -> None:
    SHOTS.mkdir(exist_ok=True)
    summary = write_years(tmp_path, children=1500, years=2, seed=11)
    names = names_of_children()
    assert names

    login(page, live_server, "analyst")
    page.goto(f"{live_server.url}/outcomes/")
    assert page.get_by_role("heading", level=1).inner_text() == "Returns home and re-entry to care"
    assert_no_child_named(page, names)
    page.get_by_role("button", name="Import 903 returns").click()
    assert_no_child_named(page, names)
    page.get_by_label("903 return files").set_input_files(summary.files)
    page.screenshot(path=str(SHOTS / "outcomes-upload.png"), full_page=True)
    assert_accessible(page, "903 upload")
    page.get_by_role("button", name="Check files").click()
    page.wait_for_load_state()
    page.screenshot(path=str(SHOTS / "outcomes-report.png"), full_page=True)
    assert_accessible(page, "903 validation report")
    assert page.get_by_role("heading", name="No errors found").is_visible()
    assert "header_2024.csv" in page.inner_text("body") and "episodes_2025.csv" in page.inner_text("body")
    assert_no_child_named(page, names)

    page.get_by_role("button", name="Import these returns").click()
    page.wait_for_load_state()
    page.screenshot(path=str(SHOTS / "outcomes-dashboard.png"), full_page=True)
    assert_accessible(page, "outcomes dashboard")
    body = page.inner_text("body")
    assert "Imported" in body and "children" in body
    assert page.get_by_role("heading", name="Re-entry to care after a return home").is_visible()
    assert page.locator("figure svg").count() >= 1
    assert page.get_by_role(
        "table", name="Returns home per year (April to March), with E13 shown apart"
    ).is_visible()
    assert_no_child_named(page, names)

    # Changing the unit costs is a plain GET form: it works without JavaScript.
    page.get_by_label("Cost of each re-entry to care (£)").fill("50000")
    page.get_by_role("button", name="Update figures").click()
    page.wait_for_load_state()
    assert "£50,000" in page.inner_text("body")

    page.get_by_role("link", name="Past imports").click()
    assert "header_2025.csv" in page.inner_text("body")
    assert_no_child_named(page, names)
    page.screenshot(path=str(SHOTS / "outcomes-imports.png"), full_page=True)
    assert_accessible(page, "past imports")


def test_worker_cannot_reach_the_upload(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    login(page, live_server, "worker")
    response = page.goto(f"{live_server.url}/outcomes/imports/upload/")
    assert response is not None and response.status == 403
    response = page.goto(f"{live_server.url}/outcomes/")
    assert response is not None and response.status == 403
    assert page.get_by_role("link", name="Outcomes").count() == 0


def test_a_broken_return_is_reported_and_not_imported(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None], tmp_path: Path
) -> None:
    from homeward.outcomes.models import Import903

    SHOTS.mkdir(exist_ok=True)
    summary = write_years(tmp_path, children=200, years=1, seed=5)
    episodes = Path(next(f for f in summary.files if "episodes" in f))
    lines = episodes.read_text().splitlines()
    fields = lines[1].split(",")
    fields[3] = "ZZ"  # LS (legal status) of the first episode, spreadsheet row 2: not a 903 code
    lines[1] = ",".join(fields)
    episodes.write_text("\n".join(lines) + "\n")

    login(page, live_server, "analyst")
    page.goto(f"{live_server.url}/outcomes/imports/upload/")
    page.get_by_label("903 return files").set_input_files(summary.files)
    page.get_by_role("button", name="Check files").click()
    page.wait_for_load_state()
    page.screenshot(path=str(SHOTS / "outcomes-report-errors.png"), full_page=True)
    assert page.get_by_role("heading", level=1).inner_text() == "These files cannot be imported"
    errors = page.get_by_role("table", name="Errors: these stop the import")
    first = errors.locator("tbody tr").first.inner_text()
    assert "episodes_2025.csv" in first and "2" in first and "LS" in first and "ZZ" in first
    assert page.get_by_role("button", name="Import these returns").count() == 0
    assert Import903.objects.count() == 0


def test_manager_sees_homewards_own_records_without_names(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    SHOTS.mkdir(exist_ok=True)
    names = names_of_children()
    login(page, live_server, "manager")
    page.get_by_role("link", name="Outcomes").click()
    page.wait_for_load_state()
    page.screenshot(path=str(SHOTS / "outcomes-manager.png"), full_page=True)
    assert page.get_by_role("heading", level=1).inner_text() == "Returns home and re-entry to care"
    assert "Homeward's own records" in page.inner_text("body")
    assert page.get_by_role("button", name="Import 903 returns").count() == 0
    assert_no_child_named(page, names)
