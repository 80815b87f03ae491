"""`903 export`: Homeward's own records as 903 CSVs, audited, that read back to the same analysis."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from homeward.access.models import AuditAction, AuditEvent
from homeward.cli import app
from homeward.outcomes.services import homeward_dataset
from homeward.ssda903 import analyse, load

pytestmark = pytest.mark.django_db

COUNTS = ("children", "episodes", "periods_of_care", "returns_home", "left_to_non_pr_E13", "re_entry")


def test_export_round_trips_to_the_same_analysis(demo, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = CliRunner().invoke(app, ["903", "export", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["episodes.csv", "header.csv"]
    assert (out / "header.csv").read_text().splitlines()[0] == "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
    direct = analyse(homeward_dataset()).as_dict()
    read_back = load(sorted(out.iterdir()))
    assert not read_back.has_errors
    again = analyse(read_back).as_dict()
    assert direct["returns_home"]["E4A"] + direct["returns_home"]["E4B"] > 0  # the demo has returns home
    for key in COUNTS:
        assert again[key] == direct[key], key
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, what__startswith="903 export").count() == 1


def test_export_writes_no_names(demo, tmp_path: Path) -> None:
    from homeward.children.models import Child

    CliRunner().invoke(app, ["903", "export", str(tmp_path)])
    text = (tmp_path / "header.csv").read_text() + (tmp_path / "episodes.csv").read_text()
    for child in Child.objects.all():
        assert child.last_name not in text
