"""Code lists by collection year: each file is checked against its own year's lists (from its dates, or
`--year`), and a code retired that year is an error naming the year."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from homeward.ssda903 import codes, load
from homeward.ssda903.cli import app
from tests.ssda903.helpers import ep_row, hd_row, write_year

runner = CliRunner()


def _2024_25_file(folder: Path) -> Path:
    """A return for 2024-25 (episodes to 31/03/2025) coded with that year's lists: SEX M/F, PLACE Z11."""
    write_year(
        folder,
        2025,
        [hd_row("A", SEX="M"), hd_row("B", SEX="F")],
        [
            ep_row("A", "01/05/2024", "S", "C2", "01/03/2025", "E4A", PLACE="Z11"),
            ep_row("B", "01/06/2024", "S", "C2", "31/03/2025", "E4B"),
        ],
    )
    return folder


def _code_issues(ds):
    return [i for i in ds.issues if i.kind == "unknown_code"]


def test_a_2024_25_file_validates_clean_under_its_own_year(tmp_path):
    ds = load(_2024_25_file(tmp_path))
    assert _code_issues(ds) == []
    assert not ds.has_errors
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output


def test_the_same_file_is_refused_under_an_earlier_years_lists_with_the_year_named(tmp_path):
    ds = load(_2024_25_file(tmp_path), year=2023)
    found = {(i.column, i.value): i.message for i in _code_issues(ds)}
    assert set(found) == {("SEX", "M"), ("SEX", "F"), ("PLACE", "Z11")}
    assert found["SEX", "M"] == "M is not a 903 sex code in 2023-24, the year of this file"
    result = runner.invoke(app, ["validate", str(tmp_path), "--year", "2023-24"])
    assert result.exit_code == 1
    assert "2023-24" in result.output


def test_a_code_retired_that_year_is_an_error_naming_the_year(tmp_path):
    write_year(tmp_path, 2025, [hd_row("A", SEX="1")], [ep_row("A", "01/05/2024", "S", "C2")])
    [issue] = _code_issues(load(tmp_path))
    assert (issue.column, issue.value, issue.code) == ("SEX", "1", "101")
    assert (
        issue.message
        == "1 is no longer a 903 sex code: it was retired in 2024-25, and this file is for 2024-25"
    )
    assert issue.severity.value == "error"


def test_several_years_at_once_each_file_under_its_own_lists(tmp_path):
    write_year(tmp_path, 2024, [hd_row("A", SEX="1")], [ep_row("A", "01/05/2023", "S", "C2")])
    write_year(
        tmp_path, 2025, [hd_row("A", SEX="M")], [ep_row("A", "01/05/2023", "S", "C2", "01/06/2024", "E4A")]
    )
    assert _code_issues(load(tmp_path)) == []


def test_the_lists_of_each_year():
    assert list(codes.code_list("SEX", 2023)) == ["1", "2"]
    assert list(codes.code_list("SEX", 2024)) == ["M", "F"]
    assert {"Z11", "Z12", "Z13", "Z14"} <= set(codes.code_list("PLACE", 2024))
    assert "Z11" not in codes.code_list("PLACE", 2023)
    assert codes.retired_in("SEX", "2", 2024) == 2024 and codes.retired_in("SEX", "2", 2023) is None
