"""The export round-trip: a synthetic case-system extract synced into Homeward and exported again as
903 validates and analyses to the same figures as the extract itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from homeward.children.models import Child, Episode
from homeward.cli import app
from homeward.organisation.models import Team
from homeward.ssda903 import analyse, load

pytestmark = pytest.mark.django_db


def figures(folder: Path) -> dict[str, Any]:
    dataset = load(folder)
    assert not dataset.has_errors, dataset.errors[:3]
    result = analyse(dataset, as_of=None).as_dict()
    # Which files were read, and the repairs the yearly returns needed, are about the files, not the figures.
    result["data_quality"].pop("files")
    result.pop("repairs")
    return result


def test_a_synced_extract_exports_to_the_same_figures(tmp_path: Path) -> None:
    team = Team.objects.create(name="Children in Care")
    runner = CliRunner()
    extract, export = tmp_path / "extract", tmp_path / "export"
    result = runner.invoke(
        app, ["903", "synth", "--children", "400", "--years", "4", "--seed", "5", str(extract)]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["sync", str(extract), "--team", team.name])
    assert result.exit_code == 0, result.output
    original = load(extract)
    assert Child.objects.count() == original.header.num_rows
    assert Episode.objects.count() == original.episodes.num_rows
    result = runner.invoke(app, ["903", "export", str(export)])
    assert result.exit_code == 0, result.output
    before, after = figures(extract), figures(export)
    assert before["returns_home"]["E4A"] + before["returns_home"]["E4B"] > 0  # there is something to compare
    assert before["re_entry"]["re_entries"] > 0
    assert after == before
    # The export holds the children's UPNs as the extract gave them.
    upns = {r["CHILD"]: r["UPN"] for r in load(export).header_records()}
    assert upns == {r["CHILD"]: r["UPN"] for r in original.header_records()}
