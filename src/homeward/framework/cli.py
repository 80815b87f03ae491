"""Commands for this package (filled in by its own work)."""

import typer

app = typer.Typer(no_args_is_help=True)
