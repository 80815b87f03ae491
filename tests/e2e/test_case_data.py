"""In the browser: a data officer uploads the case system's extracts, reads what would change, confirms,
and the children are in Homeward; a bad file changes nothing and names its row and column; a social worker
cannot reach the page; the data officer cannot open a child's record."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from homeward.ssda903.synth import write_years
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_data_officer_loads_case_data(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None], tmp_path: Path
) -> None:
    from homeward.children.models import Child

    before = Child.objects.count()
    made = write_years(tmp_path / "extract", children=60, years=2, seed=4)
    login(page, live_server, "dataofficer")
    page.goto(f"{live_server.url}/")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Load children and episodes from the case system"
    )
    assert_accessible(page, "case data upload")
    page.get_by_label("The case system's 903 extracts").set_input_files(made.files)
    page.get_by_label("Team for children new to Homeward (optional)").select_option(
        label="Northshire Children in Care (North)"
    )
    page.get_by_role("button", name="Check files").click()
    page.wait_for_load_state()
    screenshot(page, "case-data-check")
    assert_accessible(page, "case data check")
    assert page.get_by_role("heading", level=1).inner_text() == "Check what would change"
    summary = page.locator("#summary").inner_text()
    assert (
        f"Children: {made.children} would be added" in summary and "Dry run: nothing was changed." in summary
    )
    # The demo's own children are not in the extract: listed, not deleted.
    assert page.get_by_role("heading", name="In Homeward, not in these files").is_visible()
    assert Child.objects.count() == before
    page.get_by_role("button", name="Load this case data").click()
    page.wait_for_load_state()
    assert f"Children: {made.children} added" in page.inner_text("body")
    assert Child.objects.count() == before + made.children

    # A file with an error changes nothing and says where the error is.
    bad = tmp_path / "bad" / "episodes.csv"
    bad.parent.mkdir()
    lines = Path(next(f for f in made.files if Path(f).name.startswith("episodes"))).read_text().splitlines()
    fields = lines[1].split(",")
    fields[3] = "ZZ"  # LS
    bad.write_text("\n".join([lines[0], ",".join(fields), *lines[2:]]) + "\n")
    header = next(f for f in made.files if Path(f).name.startswith("header"))
    page.goto(f"{live_server.url}/case-data/")
    page.get_by_label("The case system's 903 extracts").set_input_files([header, bad])
    page.get_by_role("button", name="Check files").click()
    page.wait_for_load_state()
    assert_accessible(page, "case data errors")
    assert page.get_by_role("heading", level=1).inner_text() == "These files cannot be loaded"
    cells = page.locator("#errors tbody tr", has_text="LS").first.locator("td").all_inner_texts()
    assert cells[:3] == ["episodes.csv", "2", "LS"]
    assert Child.objects.count() == before + made.children

    # No child's record for a data officer.
    child = Child.objects.order_by("pk").first()
    assert child is not None
    response = page.goto(f"{live_server.url}/children/{child.pk}/")
    assert response is not None and response.status == 403
    assert child.full_name not in page.inner_text("body")


def test_social_worker_cannot_load_case_data(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    login(page, live_server, "worker")
    response = page.goto(f"{live_server.url}/case-data/")
    assert response is not None and response.status == 403
    assert page.get_by_role("link", name="Case data").count() == 0
