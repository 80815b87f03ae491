"""`python -m homeward framework …`: schema, check, rules, example."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from homeward.framework import RULES, snapshot_json_schema
from homeward.framework.cli import app
from homeward.framework.examples import example_dict

runner = CliRunner()
EXAMPLE = (
    Path(__file__).resolve().parents[2] / "src" / "homeward" / "framework" / "examples" / "dean-smith.json"
)


def test_schema_command_prints_the_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == snapshot_json_schema()


@pytest.mark.parametrize("gate", ["D1", "D2", "D3"])
def test_check_on_the_shipped_example(gate: str) -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE), "--gate", gate])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["gate"] == gate and out["config_version"] == "2026.1"
    assert out["suggested_answer"] in ("yes", "maybe", "no") and out["reasons"]
    dean = next(g for g in out["gaps"] if g["id"] == "household-member-not-assessed")
    assert dean["people"] == ["Dean Smith"] and dean["source"]


def test_check_malformed_snapshot_exits_2_with_field_errors(tmp_path: Path) -> None:
    data = example_dict("dean-smith")
    data["child"]["date_of_birth"] = "14/02/2015"
    data["needs"][0]["type"] = "drink"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    result = runner.invoke(app, ["check", str(path), "--gate", "D2"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "child.date_of_birth: '14/02/2015' is not a valid date" in result.stderr
    assert "needs[0].type: 'drink' is not one of" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("content", "message"), [("{not json", "not valid JSON"), (None, "cannot be read")])
def test_check_unreadable_file(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "case.json"
    if content is not None:
        path.write_text(content)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and message in result.stderr


def test_check_with_a_bad_config(tmp_path: Path) -> None:
    bad = tmp_path / "c.toml"
    bad.write_text('version = "x"\n')
    result = runner.invoke(app, ["check", str(EXAMPLE), "--config", str(bad)])
    assert result.exit_code == 2 and "is required" in result.stderr


def test_rules_and_example_commands() -> None:
    listed = json.loads(runner.invoke(app, ["rules"]).stdout)
    assert [r["id"] for r in listed] == [r.id for r in RULES]
    assert json.loads(runner.invoke(app, ["example", "ready-to-return"]).stdout) == example_dict(
        "ready-to-return"
    )
    assert runner.invoke(app, ["example", "nobody"]).exit_code == 2


def test_through_the_real_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "homeward", "framework", "check", str(EXAMPLE), "--gate", "D2"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["gate"] == "D2"
