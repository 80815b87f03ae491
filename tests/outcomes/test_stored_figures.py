"""The dashboard's figures and charts are computed once (at import, or once when first asked for) and
stored; the page and the CSV downloads read them back and never draw a chart or run the analysis."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from homeward.children.models import Child, Episode
from homeward.organisation.models import Team
from homeward.outcomes import charts, selectors
from homeward.outcomes.models import StoredFigures
from homeward.outcomes.services import import_paths, imported_dataset, withdraw_import
from homeward.ssda903 import UnitCosts, analyse

from .conftest import history

pytestmark = pytest.mark.django_db
QUERY_BUDGET = 8  # session, user, profile, the choice of data, the stored figures (and a little room)


def copies(k: int) -> tuple[list[str], list[str]]:
    """k copies of `history(30)` under different CHILD ids: 30·k children, 15·k of each return."""
    header, episodes = history(30)
    return (
        [line.replace("C", letter, 1) for letter in "CDEFGHJKLM"[:k] for line in header],
        [line.replace("C", letter, 1) for letter in "CDEFGHJKLM"[:k] for line in episodes],
    )


class Drawn(Exception):
    """A chart was drawn during a request."""


def refuse(*_args: object, **_kwargs: object) -> None:
    raise Drawn


@pytest.fixture
def forbid_drawing(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """From when it is called, drawing any chart raises: the page must use the stored SVG."""
    return lambda: monkeypatch.setattr(charts, "_figure", refuse)


def queries_of(client, url: str, data: dict[str, str] | None = None) -> tuple[int, Any]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as seen:
        page = client.get(url, data or {})
    assert page.status_code == 200
    return len(seen.captured_queries), page


def test_an_import_stores_its_figures_and_charts_once(write_return) -> None:
    imported = import_paths(write_return(*history(30)), None)
    stored = StoredFigures.objects.get(import_903=imported)
    assert stored.source == f"import-{imported.pk}"
    assert stored.result == analyse(imported_dataset(imported)).as_dict()
    assert stored.charts["curve"] is not None and stored.charts["curve"]["svg"].startswith("<svg")
    assert stored.charts["year_chart"]["alt"].startswith("Bar chart of returns home")
    assert set(stored.charts) == {"curve", "year_chart", "cost_chart"} | {
        f"group-{k}" for k, _ in selectors.BREAKDOWNS
    }


def test_the_page_reads_the_stored_figures_in_constant_queries_without_drawing(
    analyst, write_return, forbid_drawing, monkeypatch
) -> None:
    import_paths(write_return(*history(30), folder="small"), None)
    forbid_drawing()
    url = reverse("outcomes:dashboard")
    analyst.get(url)  # the first request of a session also refreshes the session row
    small, page = queries_of(analyst, url)
    assert "<svg" in page.content.decode()  # the stored charts are shown
    monkeypatch.undo()
    import_paths(write_return(*copies(10), folder="large"), None)
    forbid_drawing()
    large, page = queries_of(analyst, url)
    assert page.context["r"]["returns_home"] == {"E4A": 150, "E4B": 150}  # the newer, larger import
    assert small == large <= QUERY_BUDGET


def test_the_page_shows_what_the_903_analysis_gives_for_that_import(
    analyst, write_return, forbid_drawing
) -> None:
    first = import_paths(write_return(*history(30), folder="a"), None)
    second = import_paths(write_return(*copies(2), folder="b"), None)
    assert StoredFigures.objects.filter(import_903__in=[first, second]).count() == 2  # one each
    forbid_drawing()
    for imported in (first, second):
        page = analyst.get(reverse("outcomes:dashboard"), {"source": f"import-{imported.pk}"})
        assert page.context["r"] == analyse(imported_dataset(imported)).as_dict()


def test_each_csv_is_the_stored_figures(manager, write_return, forbid_drawing) -> None:
    imported = import_paths(write_return(*history(30)), None)
    stored = StoredFigures.objects.get(import_903=imported)
    tables = selectors.build_tables(stored.result)
    forbid_drawing()
    for key, table in tables.items():
        response = manager.get(reverse("outcomes:table_csv", args=[key]))
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == [table.caption]
        assert rows[1] == table.head
        assert rows[2 : 2 + len(table.rows)] == table.rows


def test_an_old_import_is_filled_once_then_read(analyst, write_return, monkeypatch) -> None:
    imported = import_paths(write_return(*history(30)), None)
    StoredFigures.objects.all().delete()  # as if imported before figures were stored
    drawn: list[int] = []
    real = charts._figure

    def counted(*args: Any, **kwargs: Any) -> Any:
        drawn.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(charts, "_figure", counted)
    first = analyst.get(reverse("outcomes:dashboard"))
    assert first.status_code == 200 and drawn  # computed on the first request
    assert StoredFigures.objects.filter(import_903=imported).count() == 1
    drawn.clear()
    again = analyst.get(reverse("outcomes:dashboard"))
    assert not drawn  # and never again
    assert again.context["r"] == first.context["r"] == analyse(imported_dataset(imported)).as_dict()


def test_other_unit_costs_are_computed_once_and_kept_apart(analyst, write_return, monkeypatch) -> None:
    imported = import_paths(write_return(*history(30)), None)
    ask = {"re_entry_cost": "1000", "support_cost": "10"}
    analyst.get(reverse("outcomes:dashboard"), ask)
    assert StoredFigures.objects.filter(import_903=imported).count() == 2
    monkeypatch.setattr(charts, "_figure", refuse)
    page = analyst.get(reverse("outcomes:dashboard"), ask)
    assert page.context["r"]["costs"]["cost_of_re_entries"] == 10 * 1000
    default = analyst.get(reverse("outcomes:dashboard"))
    assert default.context["r"]["costs"]["unit_costs"]["re_entry"] == UnitCosts().re_entry


def test_withdrawing_an_import_deletes_its_figures(write_return) -> None:
    imported = import_paths(write_return(*history(30)), None)
    withdraw_import(imported)
    assert not StoredFigures.objects.filter(import_903=imported).exists()


def _child(team: Team, n: int) -> Child:
    return Child.objects.create(
        la_child_id=f"H{n:03d}", first_name="Ada", last_name=f"Vesper{n}", date_of_birth=date(2012, 5, 1),
        sex="1", ethnicity="WBRI", team=team,
    )  # fmt: skip


def _episode(child: Child, start: date, end: date | None = None, rec: str = "") -> Episode:
    return Episode.objects.create(
        child=child, decom=start, rne="S", ls="C2", cin="N1", place="U1", place_provider="PR1",
        dec=end, rec=rec,
    )  # fmt: skip


def test_homeward_records_are_computed_again_only_when_an_episode_changes(analyst, monkeypatch) -> None:
    team = Team.objects.create(name="Ash Team")
    for i in range(12):
        _episode(_child(team, i), date(2020, 1, 1), date(2020, 6, 1), "E4A")
    source = selectors.choose_source(selectors.HOMEWARD)
    before = selectors.dashboard(source)[0].result
    assert before["returns_home"]["E4A"] == 12
    monkeypatch.setattr(charts, "_figure", refuse)
    page = analyst.get(reverse("outcomes:dashboard"), {"source": selectors.HOMEWARD})
    assert page.context["r"] == before  # unchanged records: read back, nothing drawn
    monkeypatch.undo()
    _episode(Child.objects.get(la_child_id="H000"), date(2020, 9, 1))  # back in care
    page = analyst.get(reverse("outcomes:dashboard"), {"source": selectors.HOMEWARD})
    assert page.context["r"]["re_entry"]["re_entries"] == 1
    assert StoredFigures.objects.filter(source=selectors.HOMEWARD).count() == 1  # replaced, not added
