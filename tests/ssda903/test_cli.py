"""`python -m homeward 903 …` through typer's test runner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from homeward.ssda903 import load, write_csv
from homeward.ssda903.cli import app
from tests.ssda903.helpers import ep_row, hd_row, write_year

runner = CliRunner()


def test_synth_then_validate_and_analyse(tmp_path):
    out = tmp_path / "returns"
    result = runner.invoke(app, ["synth", "--children", "400", "--years", "3", "--seed", "5", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "episodes_2023.csv",
        "episodes_2024.csv",
        "episodes_2025.csv",
        "header_2023.csv",
        "header_2024.csv",
        "header_2025.csv",
    ]
    result = runner.invoke(app, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output

    result = runner.invoke(app, ["analyse", str(out), "--json", "--as-of", "2025-03-31"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in (
        "as_of",
        "children",
        "episodes",
        "periods_of_care",
        "returns_home",
        "left_to_non_pr_E13",
        "re_entry",
        "re_entry_by_type",
        "repairs",
        "definitions",
        "costs",
        "breakdowns",
    ):
        assert key in data
    assert data["as_of"] == "2025-03-31"
    assert set(data["re_entry"]["cumulative_incidence"]) == {"182", "365", "730", "2190"}
    assert set(data["re_entry_by_type"]) == {"E4A", "E4B"}
    assert data["repairs"]["duplicate_dropped"] > 0  # episodes re-sent across the three years

    result = runner.invoke(app, ["analyse", str(out)])
    assert result.exit_code == 0, result.output
    assert "Re-entry after a return home" in result.output and "Definitions" in result.output


def test_validate_exits_non_zero_on_errors(tmp_path):
    write_year(tmp_path, 2021, [hd_row("1")], [ep_row("1", "01/01/2020", "S", "XX")])
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "row 2, column LS" in result.output


def test_bad_as_of_is_refused(tmp_path):
    write_year(tmp_path, 2021, [hd_row("1")], [ep_row("1", "01/01/2020", "S", "C2")])
    result = runner.invoke(app, ["analyse", str(tmp_path), "--as-of", "someday"])
    assert result.exit_code != 0


def test_write_csv_round_trip(tmp_path):
    src = tmp_path / "in"
    write_year(
        src,
        2021,
        [hd_row("1", dob="05/06/2010")],
        [
            ep_row("1", "01/01/2020", "S", "C2", "01/03/2020", "X1", HOME_POST="LS1 4AP"),
            ep_row("1", "01/03/2020", "P", "C2", "01/06/2020", "E4A", PLACE="P1", PLACE_PROVIDER="PR0"),
        ],
    )
    ds = load([src])
    header_path, episodes_path = write_csv(ds, tmp_path / "out")
    lines = episodes_path.read_text().splitlines()
    assert lines[0] == ",".join(
        [
            "CHILD",
            "DECOM",
            "RNE",
            "LS",
            "CIN",
            "PLACE",
            "PLACE_PROVIDER",
            "DEC",
            "REC",
            "REASON_PLACE_CHANGE",
            "HOME_POST",
            "PL_POST",
            "URN",
        ]
    )
    assert lines[1].startswith("1,01/01/2020,S,C2,N1,U6,PR1,01/03/2020,X1,")
    assert header_path.read_text().splitlines()[1].startswith("1,1,05/06/2010,WBRI")
    again = load([tmp_path / "out"])
    assert again.episode_records() == ds.episode_records()
    assert not again.issues
