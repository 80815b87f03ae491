"""`python -m homeward 903 export OUT/`: Homeward's own episodes as 903 CSVs (registered in homeward.cli)."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer


def export(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write header.csv and episodes.csv into.")],
) -> None:
    """Write Homeward's own children and episodes as 903 Header and Episodes CSVs (the export is audited)."""
    from homeward.cli import setup_django

    setup_django()
    from homeward.outcomes.services import export_homeward

    try:
        who = f"{getpass.getuser()} (command line)"
    except (KeyError, OSError):  # no login name in some containers
        who = "(command line)"
    result = export_homeward(out_dir, who=who)
    errors = [i for i in result.issues if i.severity.value == "error"]
    for issue in result.issues[:50]:
        typer.echo(str(issue), err=True)
    if len(result.issues) > 50:
        typer.echo(f"… and {len(result.issues) - 50} more issues.", err=True)
    typer.echo(
        f"Wrote {result.header} ({result.children} children) and {result.episodes} "
        f"({result.episode_rows} episodes); {len(errors)} errors, "
        f"{len(result.issues) - len(errors)} warnings."
    )
    if errors:
        raise typer.Exit(1)
