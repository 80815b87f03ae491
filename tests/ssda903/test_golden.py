"""Golden outputs: what `903 validate` and `903 analyse` print today, pinned byte for byte.

Captured before validation became a registry of rules and `analyse` a typed result, so that those
refactors provably change nothing a user sees. Each case is read from files (paths relative to the
folder the command runs in, as a user would type them) or from records:

- ``fake``: the DfE validator's fake data (CSV and XML, thousands of rule breaks);
- ``golden``: synthetic returns with a seeded sprinkling of every kind of mistake
  (tests/data/ssda903-golden/make.py), so one row often breaks several rules and the order of the
  findings on a row is pinned too;
- ``broken``: one hand-made row per kind of finding;
- ``records``: Homeward's own records (`dataset_from_records`).

A deliberate change of output regenerates the files (then read the diff: it is what a user will see):

    HOMEWARD_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/ssda903/test_golden.py
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from homeward.ssda903 import Dataset, analyse, dataset_from_records, load
from homeward.ssda903.cli import app
from tests.ssda903.helpers import REPO, child, csv_text, ep_row, episode, hd_row

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("HOMEWARD_UPDATE_GOLDEN") == "1"
# The fields an issue had when the outputs were captured; fields added later are checked elsewhere.
ISSUE_FIELDS = ("file", "row", "column", "value", "message", "allowed", "severity", "kind", "rows")
# Rich draws to the width of the terminal; the runner has none.
ENV = {"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"}

runner = CliRunner()


def _broken(folder: Path) -> None:
    header = [
        hd_row("1"),
        hd_row("2"),
        hd_row("2"),
        hd_row("3", dob="01/01/2021"),
        hd_row("9", SEX="7", ETHNIC="wbri", DOB="31/02/2011", MC_DOB="01/01/1850"),
        hd_row("10", SEX="", ETHNIC="", DOB=""),
    ]
    episodes = [
        ep_row("1", "01/04/2020", "S", "C9"),  # unknown legal status
        ep_row("2", "31/02/2020", "S", "C2"),  # no such date
        ep_row("3", "01/05/2020", "S", "C2", "01/04/2020", "E4A"),  # ends before it starts, before DOB
        ep_row("4", "01/01/2020", "S", "C2", "01/06/2020", "X1"),
        ep_row("4", "01/05/2020", "P", "C2", "01/07/2020", "E4A"),  # overlaps the row before
        ep_row("4", "01/09/2020", "P", "C2", "", ""),  # RNE P after a return home
        ep_row("5", "01/01/2020", "S", "", "", ""),  # LS blank
        ep_row("6", "01/01/2020", "S", "C2", "", "E4A"),  # REC without DEC
        ep_row("6", "01/01/2020", "S", "C2", "", ""),  # same start as the row before
        ep_row("7", "01/01/2020", "S", "C2", "01/02/2020", "X1"),
        ep_row("7", "05/02/2020", "P", "C2", "", ""),  # starts 4 days after an X1
        ep_row("8", "01/01/2020", "S", "C2", "01/02/2099", "E4A"),  # DEC in the future
        ep_row("11", "01/01/2020", "S", "C2", "01/02/2020", "X1"),
        ep_row("11", "01/02/2020", "S", "C2", "01/03/2020", ""),  # S after X1; DEC without REC
        ep_row("11", "01/04/2020", "S", "V2", PLACE="K3", CIN="n4 "),  # K3 before 2024; tidied
        ep_row("12", "01/01/2020", "s", "ZZ", "2020-02-01", "E99", PLACE_PROVIDER="PR9"),  # no Header
        ep_row("", "", "", "", "", "", CIN="", PLACE=""),  # every required value blank
    ]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "header.csv").write_text(csv_text("Header", header))
    (folder / "episodes.csv").write_text(csv_text("Episodes", episodes))


def _records() -> Dataset:
    header = [child("A", "2012-05-01"), child("B", "2015-01-01", sex="2"), child("C", "2019-06-30")]
    episodes = [
        episode("A", "2018-01-01", "S", "C2", "2018-06-01", "X1"),
        episode("A", "2018-06-01", "P", "C2", "2019-01-01", "E4A", place="P1"),
        episode("A", "2019-09-01", "S", "V2", "2019-12-01", "E4B"),
        episode("A", "2020-03-01", "S", "C1", None, None),
        episode("B", "2017-01-01", "S", "V2", "2017-03-01", "E13"),
        episode("B", "2017-02-01", "S", "C2", None, "E4A"),  # overlaps; REC without DEC
        episode("C", "2019-01-01", "S", "C2", "2019-03-01", "E4A"),  # before birth
        episode("D", "2019-01-01", "S", "V3", "2019-01-03", "E4A"),  # short break; no Header
    ]
    return dataset_from_records(header, episodes)


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    assert path.exists(), f"{path} is missing: run with HOMEWARD_UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(), f"{name} differs from the golden output"


def _issue_lines(issues: list[dict[str, object]]) -> str:
    # The rule's code is the one field added since (tests/ssda903/rules/test_registry.py checks it).
    assert all(set(i) == {*ISSUE_FIELDS, "code"} for i in issues)
    return "".join(json.dumps({k: i[k] for k in ISSUE_FIELDS}) + "\n" for i in issues)


def _written_broken(where: Path) -> list[str]:
    _broken(where / "broken")
    return ["broken"]


FILE_CASES: dict[str, Callable[[Path], list[str]]] = {
    "fake": lambda repo: [str((REPO / "tests" / "data" / "ssda903-fake").relative_to(repo))],
    "golden": lambda repo: [str((REPO / "tests" / "data" / "ssda903-golden").relative_to(repo))],
    "broken": _written_broken,
}


@pytest.fixture
def case_dir(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the commands run in: the repository for its data, a fresh one for written files."""
    where = REPO if request.node.callspec.params["case"] in ("fake", "golden") else tmp_path
    monkeypatch.chdir(where)
    return where


@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_validate_output_is_unchanged(case: str, case_dir: Path) -> None:
    paths = FILE_CASES[case](case_dir)
    dataset = load(paths)
    _check(f"{case}.issues.jsonl", _issue_lines([i.as_dict() for i in dataset.issues]))

    shown = runner.invoke(app, ["validate", "--limit", "0", *paths], env=ENV)
    assert shown.exit_code == (1 if dataset.has_errors else 0), shown.output
    _check(f"{case}.validate.txt", shown.output)
    short = runner.invoke(app, ["validate", *paths], env=ENV)  # the default limit of 200
    _check(f"{case}.validate-limited.txt", short.output)

    as_json = runner.invoke(app, ["validate", "--json", *paths], env=ENV)
    assert as_json.exit_code == shown.exit_code
    _check(f"{case}.issues.jsonl", _issue_lines(json.loads(as_json.output)))


@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_analyse_output_is_unchanged(case: str, case_dir: Path) -> None:
    paths = FILE_CASES[case](case_dir)
    as_json = runner.invoke(app, ["analyse", "--json", *paths], env=ENV)
    assert as_json.exit_code == 0, as_json.output
    _check(f"{case}.analyse.json", as_json.output)
    assert as_json.output == analyse(load(paths)).to_json() + "\n"

    dated = runner.invoke(
        app,
        [
            "analyse",
            "--json",
            "--as-of",
            "2021-03-31",
            "--re-entry-cost",
            "1000",
            "--support-cost",
            "25",
            *paths,
        ],
        env=ENV,
    )
    assert dated.exit_code == 0, dated.output
    _check(f"{case}.analyse-dated.json", dated.output)

    report = runner.invoke(app, ["analyse", *paths], env=ENV)
    assert report.exit_code == 0, report.output
    _check(f"{case}.analyse.txt", report.output)


def test_records_are_unchanged() -> None:
    dataset = _records()
    _check("records.issues.jsonl", _issue_lines([i.as_dict() for i in dataset.issues]))
    _check("records.analyse.json", analyse(dataset).to_json() + "\n")


def test_the_golden_cases_cover_every_kind_of_finding() -> None:
    """Otherwise a rule could change unseen."""
    kinds: set[str] = set()
    for path in GOLDEN.glob("*.issues.jsonl"):
        kinds |= {json.loads(line)["kind"] for line in path.read_text().splitlines()}
    assert kinds >= {
        "tidied_value",
        "missing_value",
        "unknown_code",
        "code_not_valid_for_year",
        "impossible_date",
        "dec_before_decom",
        "duplicate_episode",
        "overlapping_episodes",
        "rne_not_s_after_period_ended",
        "rne_s_after_x1",
        "gap_after_x1",
        "duplicate_child",
        "child_not_in_header",
    }
