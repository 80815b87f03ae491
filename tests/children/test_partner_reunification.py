"""A partner agency is not told that a return home is being considered (issue 12): that is a fact of the
reunification section, which is not shared with partners. The allocated worker still sees it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.urls import reverse

from homeward.access.policy import PARTNER_SECTIONS, Section

# The record's own words for the fact (free text a worker chose to share with the agency is not these).
CONSIDERED_WORDS = ("Being considered</strong>", "Not being considered", "Return home</dt>", "come first")


def _considered(demo: Any) -> Any:
    child = demo.showcase
    child.return_home_considered_since = date(2025, 5, 1)
    child.save(update_fields=["return_home_considered_since"])
    return child


def test_partners_are_not_shown_the_reunification_section() -> None:
    assert Section.REUNIFICATION not in PARTNER_SECTIONS


def test_the_partner_caseload_says_nothing_of_a_return_home_being_considered(
    client_for: Callable[[str | None], Any], demo: Any
) -> None:
    child = _considered(demo)
    for query in ("", "?sort=considered", "?sort=name"):
        response = client_for("health").get(reverse("children:caseload") + query)
        assert response.status_code == 200
        html = response.content.decode()
        assert child.full_name in html, "the partner's caseload should list the showcase child"
        for words in CONSIDERED_WORDS:
            assert words not in html, (query, words)
        assert "Return home being considered first" not in html


def test_the_partner_caseload_is_not_ordered_by_a_return_home_being_considered(
    client_for: Callable[[str | None], Any], demo: Any
) -> None:
    _considered(demo)
    rows = client_for("health").get(reverse("children:caseload")).context["rows"]
    names = [(row.child.last_name, row.child.first_name, row.child.pk) for row in rows]
    assert len(names) > 1
    assert names == sorted(names)
    assert not any(row.return_home_considered for row in rows)


def test_the_partner_record_says_nothing_of_a_return_home_being_considered(
    client_for: Callable[[str | None], Any], demo: Any
) -> None:
    child = _considered(demo)
    response = client_for("health").get(reverse("children:record", args=[child.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert child.full_name in html
    for words in CONSIDERED_WORDS:
        assert words not in html, words


def test_the_worker_still_sees_a_return_home_being_considered(
    client_for: Callable[[str | None], Any], demo: Any
) -> None:
    child = _considered(demo)
    worker = client_for("worker")
    caseload = worker.get(reverse("children:caseload")).content.decode()
    assert "Being considered" in caseload
    assert "Children where a return home is being considered come first." in caseload
    assert "Return home being considered first" in caseload
    record = worker.get(reverse("children:record", args=[child.pk])).content.decode()
    assert "Being considered</strong> since 1 May 2025" in record
