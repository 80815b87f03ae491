"""Secondary suppression: no hidden count can be worked out from what the dashboard and its downloads show.

The unit tests drive `measures.suppress` on small tables. The walk reads every published table as a
person would (the strings of each cell, not the analysis behind them), writes down every sum a reader
can check between them, and solves those sums for each hidden cell: each must stay undetermined.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.urls import reverse

from homeward.outcomes import charts, figures, selectors
from homeward.outcomes.measures import (
    PRIMARY,
    SECONDARY,
    SUPPRESSED,
    WITHHELD,
    Sum,
    determined,
    published,
    suppress,
)
from homeward.outcomes.services import import_paths
from homeward.ssda903 import analyse, load
from homeward.ssda903.history import KIND_GROUPS
from homeward.ssda903.synth import write_years

from .conftest import d, history

FAKE = Path(__file__).parents[1] / "data" / "ssda903-fake"


# The function ------------------------------------------------------------------------------------


def test_one_small_cell_in_a_row_hides_the_next_smallest() -> None:
    values = {"total": 60, "a": 3, "b": 12, "c": 45}
    hidden = suppress(values, [Sum("total", ("a", "b", "c"))])
    assert hidden == {"a": PRIMARY, "b": SECONDARY}


def test_two_small_cells_protect_each_other() -> None:
    values = {"total": 50, "a": 3, "b": 2, "c": 45}
    assert suppress(values, [Sum("total", ("a", "b", "c"))]) == {"a": PRIMARY, "b": PRIMARY}


def test_a_zero_is_not_chosen_while_a_real_count_can_be() -> None:
    values = {"total": 40, "a": 3, "z": 0, "b": 37}
    assert suppress(values, [Sum("total", ("a", "z", "b"))])["b"] == SECONDARY


def test_nothing_small_hides_nothing() -> None:
    assert suppress({"total": 20, "a": 10, "b": 10, "c": 0}, [Sum("total", ("a", "b", "c"))]) == {}


def test_a_second_cell_hidden_in_a_row_is_protected_in_its_column_too() -> None:
    # rows r1, r2 and columns x, y with their totals: hiding r1x then r1y leaves column y with one
    # hidden cell, so the next smallest of column y goes too, and then of row r2.
    values = {
        "r1x": 2, "r1y": 10, "r1": 12,
        "r2x": 20, "r2y": 30, "r2": 50,
        "x": 22, "y": 40, "all": 62,
    }  # fmt: skip
    sums = [
        Sum("r1", ("r1x", "r1y")), Sum("r2", ("r2x", "r2y")),
        Sum("x", ("r1x", "r2x")), Sum("y", ("r1y", "r2y")),
        Sum("all", ("r1", "r2")), Sum("all", ("x", "y")),
    ]  # fmt: skip
    hidden = suppress(values, sums)
    assert hidden["r1x"] == PRIMARY
    assert {"r1y", "r2x", "r2y"} <= set(hidden)
    assert determined(hidden, sums) == []


def test_sums_solved_together_can_pin_a_cell_down_and_are_then_protected() -> None:
    # a + b = 10, b + c = 10, a + c = 8: two unknowns in every sum, yet together they give a = 4.
    values = {"ab": 10, "bc": 10, "ac": 8, "a": 4, "b": 6, "c": 4}
    sums = [Sum("ab", ("a", "b")), Sum("bc", ("b", "c")), Sum("ac", ("a", "c"))]
    assert determined({"a": 1, "b": 1, "c": 1}, sums) == ["a", "b", "c"]
    hidden = suppress(values, sums)
    assert determined(hidden, sums) == []
    assert {"a", "c"} <= set(hidden) and len(hidden) > 3


# What a reader sees, and the sums a reader can do ---------------------------------------------------


def number(cell: str) -> int | None:
    """The count a cell shows, or None when it is hidden."""
    if cell in (SUPPRESSED, WITHHELD):
        return None
    assert re.fullmatch(r"[0-9][0-9,]*", cell), cell
    return int(cell.replace(",", ""))


def reader_sums(tables: dict[str, selectors.Table]) -> tuple[dict[str, int | None], list[Sum]]:
    """Every count cell of the published tables (by table, row and column), what it shows, and every
    sum between them a reader can check: each row's parts against its total, each column against the
    key figures, and the same returns home counted in two tables."""
    shown: dict[str, int | None] = {}
    summary = {row[0]: row[1] for row in tables["summary"].rows}
    shown["E4A"] = number(summary["Returns home, planned (E4A)"])
    shown["E4B"] = number(summary["Returns home, unplanned (E4B)"])
    shown["E13"] = number(summary[next(k for k in summary if "(E13)" in k)])
    shown["re_entries"] = number(summary["Re-entries to care after a return home"])
    costs = {row[0]: row for row in tables["costs"].rows}
    shown["returns"] = number(costs["Supporting the family at every return home"][1])
    assert number(costs["Re-entries to care after a return home"][1]) == shown["re_entries"]
    sums = [Sum("returns", ("E4A", "E4B"))]
    years = [row[0] for row in tables["returns_by_year"].rows]
    for year, e4a, e4b, both, e13 in tables["returns_by_year"].rows:
        for column, cell in (("E4A", e4a), ("E4B", e4b), ("all", both), ("E13", e13)):
            shown[f"{year}:{column}"] = number(cell)
        sums.append(Sum(f"{year}:all", (f"{year}:E4A", f"{year}:E4B")))
    for column, total in (("E4A", "E4A"), ("E4B", "E4B"), ("E13", "E13"), ("all", "returns")):
        sums.append(Sum(total, tuple(f"{y}:{column}" for y in years)))
    for key, _title, table in ((k, t, tables[f"breakdown_{k}"]) for k, t in selectors.BREAKDOWNS):
        for group, returns, re_entries, *_shares in table.rows:
            shown[f"{key}:{group}:returns"] = number(returns)
            shown[f"{key}:{group}:re_entries"] = number(re_entries)
        groups = [row[0] for row in table.rows]
        sums.append(Sum("returns", tuple(f"{key}:{g}:returns" for g in groups)))
        sums.append(Sum("re_entries", tuple(f"{key}:{g}:re_entries" for g in groups)))
        if key == "planned_or_unplanned":
            for code, g in zip(("E4A", "E4B"), KIND_GROUPS, strict=True):
                if g in groups:
                    sums.append(Sum(code, (f"{key}:{g}:returns",)))
        if key == "year_of_return":
            sums += [Sum(f"{g}:all", (f"{key}:{g}:returns",)) for g in groups if g in years]
    return shown, [s for s in sums if all(c in shown for c in s.cells)]


def pinned_down(shown: dict[str, int | None], sums: list[Sum]) -> list[str]:
    """Hidden cells a reader can solve for, by least squares on the sums (numpy, not the code under test):
    a cell is determined when every solution of the sums gives it the same value."""
    unknown = sorted(c for c, v in shown.items() if v is None)
    if not unknown:
        return []
    index = {c: i for i, c in enumerate(unknown)}
    rows = []
    for s in sums:
        row = np.zeros(len(unknown))
        for sign, c in ((1, s.total), *((-1, p) for p in s.parts)):
            if shown[c] is None:
                row[index[c]] += sign
        if row.any():
            rows.append(row)
    if not rows:
        return []
    a = np.array(rows)
    null = np.linalg.svd(a)[2][np.linalg.matrix_rank(a) :]  # the directions the sums cannot see
    return [c for c in unknown if not len(null) or np.allclose(null[:, index[c]], 0)]


def check_nothing_can_be_worked_out(
    tables: dict[str, selectors.Table], answers: list[tuple[str, str]], result: dict[str, Any]
) -> int:
    """The walk over one set of tables; returns how many cells are hidden (to show it was not empty)."""
    shown, sums = reader_sums(tables)
    assert pinned_down(shown, sums) == []
    costs = {row[0]: row for row in tables["costs"].rows}
    for label, cell in (("Re-entries to care after a return home", "re_entries"),
                        ("Supporting the family at every return home", "returns")):  # fmt: skip
        if shown[cell] is None:  # count times the unit cost shown would give it back
            assert not costs[label][3].startswith("£"), costs[label]
    for table in tables.values():  # a share beside a hidden count could give it back
        if table.key.startswith("breakdown_"):
            for row in table.rows:
                if number(row[1]) is None or number(row[2]) is None:
                    assert all(not c.endswith("%") and "%" not in c for c in row[3:]), row
    cells = published(result)
    withheld = {cells.values[c] for c, why in cells.hidden.items() if why == SECONDARY} - {0, 1, 5}
    for _question, text in answers:  # the answers never say a withheld count ("1 in 5" aside)
        said = {int(n.replace(",", "")) for n in re.findall(r"(?<![£.\d])\b\d[\d,]*\b(?![.%\d])", text)}
        assert not said & withheld, text
    return sum(v is None for v in shown.values())


def all_tables(result: dict[str, Any]) -> tuple[dict[str, selectors.Table], list[tuple[str, str]]]:
    return selectors.build_tables(result), selectors.answers(result)


def few(n_per_year: dict[int, int]) -> tuple[list[str], list[str]]:
    """Returns home in several years, n_per_year[year] of them, every third re-entering; small years too."""
    from datetime import date, timedelta

    header, episodes = [], []
    i = 0
    for year, n in n_per_year.items():
        for _ in range(n):
            child = f"C{i:04d}"
            header.append(f"{child},{1 + i % 2},{d(date(2003, 1, 1) + timedelta(days=10 * i))},WBRI,,,")
            began = date(year, 5, 1) + timedelta(days=i % 200)
            returned = began + timedelta(days=60)
            rec = "E4A" if i % 3 else "E4B"
            ls = ("V2", "C2", "C1")[i % 3] if i % 7 else "E1"
            cin = "N1" if i % 5 else "N2"
            episodes.append(f"{child},{d(began)},S,{ls},{cin},U1,PR1,{d(returned)},{rec},,,,")
            if i % 3 == 0:
                episodes.append(f"{child},{d(returned + timedelta(days=90))},S,C1,N1,U1,PR1,,,,,,")
            i += 1
    return header, episodes


# The walk -------------------------------------------------------------------------------------------


def datasets(write_return: Callable[..., list[Path]], tmp_path: Path) -> dict[str, list[Path]]:
    synth = tmp_path / "synth"
    write_years(synth, children=120, years=3, seed=7)
    return {
        "the fake data": [FAKE],
        "one small year": write_return(*few({2018: 40, 2019: 3, 2020: 35}), folder="one-small-year"),
        "two small years": write_return(*few({2018: 2, 2019: 30, 2020: 4}), folder="two-small"),
        "three returns": write_return(*history(3), folder="three"),
        "twelve returns": write_return(*history(12), folder="twelve"),
        "a small synthetic authority": [synth],
    }


def test_no_hidden_count_can_be_worked_out_from_any_published_table(write_return, tmp_path) -> None:
    hidden_somewhere = 0
    secondary_somewhere = 0
    for name, paths in datasets(write_return, tmp_path).items():
        result = analyse(load(paths)).as_dict()
        tables, answers = all_tables(result)
        hidden_somewhere += check_nothing_can_be_worked_out(tables, answers, result)
        secondary_somewhere += sum(v == SECONDARY for v in published(result).hidden.values())
        assert name and tables
    assert hidden_somewhere and secondary_somewhere  # the walk met both kinds


def test_without_secondary_suppression_the_walk_finds_a_count_given_away(write_return) -> None:
    result = analyse(load(write_return(*few({2018: 40, 2019: 3, 2020: 35})))).as_dict()
    cells = published(result)
    cells.hidden = {c: why for c, why in cells.hidden.items() if why == PRIMARY}
    shown, sums = reader_sums(selectors.build_tables(result, cells))
    assert pinned_down(shown, sums)  # e.g. 2019's three returns = all returns minus the other years


def test_the_one_small_year_is_hidden_with_the_next_smallest_and_its_shares(write_return) -> None:
    result = analyse(load(write_return(*few({2018: 40, 2019: 3, 2020: 35})))).as_dict()
    tables = selectors.build_tables(result)
    years = {row[0]: row for row in tables["returns_by_year"].rows}
    assert years["2019-20"][3] == SUPPRESSED
    assert WITHHELD in years["2020-21"] or WITHHELD in years["2018-19"]
    by_year = {row[0]: row for row in tables["breakdown_year_of_return"].rows}
    withheld = [row for row in by_year.values() if WITHHELD in row[1:3]]
    assert withheld
    assert all(cell in (WITHHELD, selectors.TOO_FEW) for row in withheld for cell in row[3:])
    assert WITHHELD.capitalize() in selectors.CELL_NOTES and WITHHELD in selectors.SUPPRESSION_RULE


def test_charts_draw_no_bar_for_a_withheld_count(write_return) -> None:
    result = analyse(load(write_return(*few({2018: 40, 2019: 3, 2020: 35})))).as_dict()
    cells = published(result)
    withheld = [c for c, why in cells.hidden.items() if why == SECONDARY and c.startswith("year:")]
    assert withheld
    chart = charts.returns_by_year(result["returns_home_by_year"], cells)
    assert chart is not None and "n/s" in chart.svg and "most returns home" not in chart.alt
    primary_only = charts.returns_by_year(result["returns_home_by_year"])
    assert primary_only is not None and "n/s" not in primary_only.svg


@pytest.mark.django_db
def test_the_csv_downloads_and_the_page_hide_the_same_cells(analyst, write_return) -> None:
    imported = import_paths(write_return(*few({2018: 40, 2019: 3, 2020: 35})), None)
    page = analyst.get(reverse("outcomes:dashboard"))
    tables = page.context["tables"]
    html = page.content.decode()
    assert WITHHELD in html and "“not shown”" in html
    for key, table in tables.items():
        download = analyst.get(reverse("outcomes:table_csv", args=[key]), {"source": f"import-{imported.pk}"})
        rows = list(csv.reader(io.StringIO(download.content.decode())))
        assert rows[2 : 2 + len(table.rows)] == table.rows
        assert any(r[0] == selectors.SUPPRESSION_RULE for r in rows if r)
    check_nothing_can_be_worked_out(tables, page.context["board"].answers, page.context["r"])
    stored = figures.stored(f"import-{imported.pk}", selectors.UnitCosts(), None)
    assert stored is not None and "n/s" in stored.charts["year_chart"]["svg"]
