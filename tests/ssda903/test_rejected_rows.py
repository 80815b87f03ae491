"""No figure from a rejected row: an episode that failed validation is either repaired by a named,
counted repair (`repair.RULES`) or left out of every figure with its count in `data_quality`, never
carried into a figure with a placeholder date."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from homeward.ssda903 import analyse, load
from homeward.ssda903.cli import app
from homeward.ssda903.history import collection_start_year, readable_date
from homeward.ssda903.repair import RULES
from tests.ssda903.helpers import ep_row, hd_row, write_year

runner = CliRunner()


def _figures(folder: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["analyse", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _one_return(tmp_path: Path, dec: str) -> dict[str, Any]:
    """A child returned home (E4A) on `dec`, then a second child whose dates end the data in 2021."""
    write_year(
        tmp_path,
        2021,
        [hd_row("A"), hd_row("B")],
        [
            ep_row("A", "01/04/2020", "S", "C2", dec, "E4A"),
            ep_row("B", "01/04/2020", "S", "C2", "01/03/2021", "E8"),
        ],
    )
    return _figures(tmp_path)


def test_a_return_home_without_a_usable_dec_is_no_return(tmp_path):
    for n, dec in enumerate(("", "31/02/2021", "yesterday", "01/01/1850", "01/01/2999")):
        folder = tmp_path / str(n)
        figures = _one_return(folder, dec)
        assert figures["returns_home"] == {"E4A": 0, "E4B": 0}, dec
        assert figures["returns_home_by_year"] == [], dec
        assert figures["as_of"] == "2021-03-01", dec  # no impossible date becomes the end of the data
        assert [p["day"] for p in figures["re_entry_curve"]] == [0], dec
        repairs = figures["repairs"]  # named and counted (a DEC in 1850 is also before the DECOM)
        assert repairs["end_unreadable_cleared"] + repairs["end_before_start_cleared"] == 1, dec
    assert "end_unreadable_cleared" in RULES


def test_the_same_return_with_a_readable_dec_is_counted(tmp_path):
    figures = _one_return(tmp_path, "01/02/2021")
    assert figures["returns_home"] == {"E4A": 1, "E4B": 0}
    assert figures["returns_home_by_year"] == [{"year": "2020-21", "E4A": 1, "E4B": 0, "E13": 0}]
    assert figures["repairs"]["end_unreadable_cleared"] == 0


def test_an_episode_without_a_possible_start_is_left_out_and_counted(tmp_path):
    write_year(
        tmp_path,
        2021,
        [hd_row("A")],
        [
            ep_row("A", "01/04/2020", "S", "C2", "01/05/2020", "E4A"),
            ep_row("A", "01/01/2999", "S", "C2", "01/07/2999", "E4B"),
            ep_row("A", "31/02/2021", "S", "C2", "01/07/2021", "E4B"),
        ],
    )
    figures = _figures(tmp_path)
    assert figures["returns_home"] == {"E4A": 1, "E4B": 0}
    assert figures["re_entry"]["re_entries"] == 0
    assert figures["as_of"] == "2020-05-01"
    assert figures["data_quality"]["episodes_left_out"] == 2
    assert figures["repairs"]["unusable_episode_dropped"] == 2


def test_an_impossible_date_of_birth_gives_no_age(tmp_path):
    write_year(
        tmp_path,
        2021,
        [hd_row("A", dob="01/01/1850")],
        [ep_row("A", "01/04/2020", "S", "C2", "01/05/2020", "E4A")],
    )
    groups = _figures(tmp_path)["breakdowns"]["age_at_return"]
    assert [g["group"] for g in groups] == ["unknown"]


# --- the property: whatever rows are broken -----------------------------------------------------------

START = date(2016, 4, 1)
BROKEN_DATES = ("", "xx", "31/02/2020", "2020-13-01", "01/01/1800", "01/01/2999", "n/a", "00/00/0000")
BROKEN_REC = ("", "ZZ", "E4A", "E4B", "X1", "S")


@st.composite
def broken_return(draw: st.DrawFn) -> list[dict[str, str]]:
    rows = []
    for c in range(draw(st.integers(1, 6))):
        day = START + timedelta(days=draw(st.integers(0, 300)))
        for _ in range(draw(st.integers(1, 5))):
            end = day + timedelta(days=draw(st.integers(0, 400)))
            row = ep_row(
                f"C{c}",
                f"{day:%d/%m/%Y}",
                draw(st.sampled_from(["S", "P", "L"])),
                draw(st.sampled_from(["C2", "V2", "V3"])),
                f"{end:%d/%m/%Y}",
                draw(st.sampled_from(["X1", "E4A", "E4B", "E13", "E8"])),
            )
            for col, choices in (("DEC", BROKEN_DATES), ("DECOM", BROKEN_DATES), ("REC", BROKEN_REC)):
                if draw(st.integers(0, 3)) == 0:
                    row[col] = draw(st.sampled_from(choices))
            rows.append(row)
            day = end + timedelta(days=draw(st.integers(0, 60)))
    return rows


def _readable(text: str) -> date | None:
    try:
        d = date(int(text[6:]), int(text[3:5]), int(text[:2]))
    except ValueError:
        return None
    return d if readable_date(d) else None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=broken_return())
def test_no_figure_is_a_date_outside_the_data_or_a_follow_up_longer_than_it(tmp_path, rows):
    folder = tmp_path / "broken"
    write_year(folder, 2018, [hd_row(f"C{c}") for c in range(6)], rows)
    figures = _figures(folder)
    # The data's dates: those of the episodes with a possible start (the others are left out).
    dates = [
        d for r in rows if _readable(r["DECOM"]) for d in (_readable(r["DECOM"]), _readable(r["DEC"])) if d
    ]
    if not dates:
        assert figures["periods_of_care"] == 0
        return
    first, last = min(dates), max(dates)
    as_of = date.fromisoformat(figures["as_of"])
    assert first <= as_of <= last
    span = (last - first).days
    assert all(0 <= p["day"] <= span for p in figures["re_entry_curve"])
    years = [y["year"] for y in figures["returns_home_by_year"]]
    years += [g["group"] for g in figures["breakdowns"]["year_of_return"]]
    for label in years:
        assert collection_start_year(first) <= int(label[:4]) <= collection_start_year(last), label
    # The same figures from the library call the dashboard makes.
    assert analyse(load(folder)).as_dict()["returns_home"] == figures["returns_home"]
