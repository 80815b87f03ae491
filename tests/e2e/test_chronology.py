"""In the browser: the showcase child's chronology (903 id 100001).

The worker opens the chronology from the child's record, filters it to the household's comings and
goings without JavaScript's help (a GET form), adds a significant event (refused without its source,
then with it), writes what it meant for the child, and downloads the PDF. Every page passes axe, and the
chronology reflows at 320 px.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from homeward.chronology.models import AnalysisNote, SignificantEvent
from tests.e2e.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_worker_reads_filters_and_adds_to_the_chronology(
    demo: Any, page: Any, live_server: Any, login: Callable[..., None]
) -> None:
    child = demo.showcase
    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/children/{child.pk}/")
    page.get_by_test_id("chronology-link").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Chronology", exact=True).is_visible()
    every = page.get_by_test_id("chronology-event").count()
    assert every > 10
    assert_accessible(page, "chronology")

    # Filter to the household, oldest first.
    page.get_by_text("Filter by kind and period").click()
    page.get_by_label("Family and household").check()
    page.get_by_label("Oldest first").check()
    page.get_by_role("button", name="Show events").click()
    page.wait_for_load_state()
    kinds = page.get_by_test_id("chronology-event").evaluate_all("els => els.map(e => e.dataset.kind)")
    assert kinds and set(kinds) == {"household"} and len(kinds) < every
    assert "kind=household" in page.url
    assert_accessible(page, "chronology (filtered)")

    # A significant event: refused without its source, added with it.
    page.get_by_role("link", name="Clear the filters").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Add a significant event").click()
    page.wait_for_load_state()
    day = timezone.localdate() - timedelta(days=5)
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("What happened").fill("Told her teacher she was frightened when the partner shouted")
    page.get_by_role("button", name="Add the event").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "add a significant event (errors)")
    page.get_by_label("Source").fill("Class teacher, Oakfield Primary School")
    page.get_by_role("button", name="Add the event").click()
    page.wait_for_load_state()
    added = SignificantEvent.objects.filter(child=child).latest("pk")
    entry = page.locator(f"#event-{added.event_key}")
    assert "Source: Class teacher, Oakfield Primary School" in entry.inner_text()

    # What it meant for the child.
    entry.get_by_role("link", name="Add an analysis note").click()
    page.wait_for_load_state()
    assert_accessible(page, "analysis note")
    page.get_by_label("What it meant for the child").fill("The first time she named the partner as a worry.")
    page.get_by_role("button", name="Save the note").click()
    page.wait_for_load_state()
    assert AnalysisNote.objects.get(child=child, event_key=added.event_key)
    assert "The first time she named the partner" in page.locator(f"#event-{added.event_key}").inner_text()
    assert_accessible(page, "chronology with a note")

    # The PDF of what is shown.
    with page.expect_download() as download:
        page.get_by_test_id("chronology-pdf").click()
    assert download.value.suggested_filename == f"chronology-{child.la_child_id}.pdf"

    # On a phone: nothing scrolls sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the chronology scrolls sideways at 320 px ({width} px wide)"
    screenshot(page, "chronology-320")
