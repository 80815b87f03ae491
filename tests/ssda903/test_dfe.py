"""The DfE's statutory rules, run beside Homeward's by the DfE validator in its own environment.

`make test` builds that environment (`make dfe`) and names it in HOMEWARD_DFE_PYTHON, so these tests
run the real package; run outside make without it, they fail and say how to get it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from homeward.ssda903 import dfe, load
from homeward.ssda903.analysis import analyse
from homeward.ssda903.cli import app
from tests.ssda903.helpers import ep_row, hd_row, write_year

runner = CliRunner()


@pytest.fixture(scope="module")
def dfe_python() -> str:
    python = os.environ.get("HOMEWARD_DFE_PYTHON")
    assert python and Path(python).exists(), (
        "The DfE validator's environment is missing: run `make dfe` and set "
        "HOMEWARD_DFE_PYTHON=.venv-dfe/bin/python (make test does both)."
    )
    return python


def _return(folder: Path, *, planted: bool) -> Path:
    """A 2024-25 return: child 1 leaves care on 10 May (E4A, returned home); with `planted`, the
    same child has a further episode after ceasing because they died (E2), which DfE rule 437 finds."""
    episodes = [
        ep_row("1", "01/04/2024", "S", "C2", "10/05/2024", "E4A"),
        ep_row("2", "01/06/2024", "S", "C2", "", ""),
    ]
    if planted:
        episodes[0] = ep_row("1", "01/04/2024", "S", "C2", "10/05/2024", "E2")
        episodes.insert(1, ep_row("1", "10/05/2024", "P", "C2", "", "", REASON_PLACE_CHANGE="CARPL"))
    write_year(folder, 2024, [hd_row("1", "01/01/2012"), hd_row("2", "01/01/2013")], episodes)
    return folder


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory, dfe_python: str) -> tuple[Path, dfe.Report]:
    folder = _return(tmp_path_factory.mktemp("planted"), planted=True)
    return folder, dfe.run(load([folder]).file_years, python=dfe_python)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, dfe_python: str) -> dfe.Report:
    folder = _return(tmp_path_factory.mktemp("clean"), planted=False)
    return dfe.run(load([folder]).file_years, python=dfe_python)


def test_the_dfe_rule_finds_the_planted_row_with_its_code_file_row_and_child(planted):
    _, report = planted
    assert report.ran and report.rulesets == ["lac2024_25"] and report.rules > 250
    found = [f for f in report.findings if f.code == "437"]
    assert found, report.summary()
    assert {(f.file, f.row, f.child) for f in found} == {("episodes_2024.csv", 2, "1")}


def test_the_same_rule_is_silent_on_a_near_identical_clean_return(clean):
    assert clean.ran
    assert not [f for f in clean.findings if f.code == "437"]


def test_the_dfe_findings_never_change_homewards_figures(planted):
    folder, report = planted
    assert report.findings
    before = analyse(load([folder])).to_json()
    result = runner.invoke(app, ["validate", "--dfe", "--json", str(folder)])
    body = json.loads(result.stdout)
    assert body["dfe"]["ran"] is True
    assert any(f["code"] == "437" and f["year"] == "2024-25" for f in body["dfe"]["findings"])
    assert analyse(load([folder])).to_json() == before


def test_validate_lists_the_dfe_codes_beside_homewards_issues(planted):
    folder, _ = planted
    result = runner.invoke(app, ["validate", "--dfe", str(folder)])
    assert "DfE 437: episodes_2024.csv, row 2, child 1" in result.stdout
    assert "They do not change Homeward's figures" in result.stdout


def test_without_the_validator_the_report_says_the_statutory_rules_were_not_run(tmp_path, monkeypatch):
    folder = _return(tmp_path, planted=True)
    monkeypatch.setenv("HOMEWARD_DFE_PYTHON", str(tmp_path / "no-such-python"))
    result = runner.invoke(app, ["validate", "--dfe", str(folder)])
    assert result.exit_code == 2
    assert "were not run" in result.stdout and "no-such-python" in result.stdout
    monkeypatch.delenv("HOMEWARD_DFE_PYTHON")
    asked_not = runner.invoke(app, ["validate", str(folder)])
    assert dfe.NOT_ASKED in " ".join(asked_not.stdout.split())


def test_an_older_years_files_are_checked_with_the_nearest_ruleset(tmp_path, dfe_python):
    write_year(tmp_path, 2018, [hd_row("1", "01/01/2010")], [ep_row("1", "01/04/2018", "S", "C2")])
    report = dfe.run(load([tmp_path]).file_years, python=dfe_python)
    assert report.rulesets == ["lac2022_23"]
    assert any("no rules for 2018-19" in note and "2022-23" in note for note in report.notes)
