"""`python -m homeward framework …`: the rulebook on the command line.

- `framework schema` prints the case snapshot's JSON Schema.
- `framework check SNAPSHOT.json --gate D2` prints the evaluation as JSON. A malformed snapshot prints
  each field's problem on stderr and exits with code 2 (no traceback).
- `framework rules` lists the rules with their kind, gates and source.
- `framework example [NAME]` prints a shipped example snapshot (fictional).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from homeward.framework.config import ConfigError, load_config
from homeward.framework.docs import rules_markdown
from homeward.framework.evaluate import evaluate
from homeward.framework.examples import example_dict, example_names
from homeward.framework.model import Gate
from homeward.framework.rules import RULES
from homeward.framework.schema import SnapshotError, snapshot_from_dict, snapshot_json_schema

app = typer.Typer(no_args_is_help=True)

EXIT_INVALID = 2


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _fail(lines: list[str]) -> None:
    for line in lines:
        typer.echo(line, err=True)
    raise typer.Exit(EXIT_INVALID)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a case snapshot."""
    _print_json(snapshot_json_schema())


@app.command()
def check(
    snapshot: Annotated[Path, typer.Argument(help="A case snapshot as JSON (see `framework schema`).")],
    gate: Annotated[
        Gate, typer.Option("--gate", case_sensitive=False, help="Decision gate: D1, D2 or D3.")
    ] = Gate.D1,
    config: Annotated[
        Path | None, typer.Option("--config", help="A configuration TOML (default: the shipped one).")
    ] = None,
) -> None:
    """Evaluate a case snapshot at a decision gate and print gaps, cautions and the suggested answer."""
    try:
        data = json.loads(snapshot.read_text(encoding="utf-8"))
    except OSError as exc:
        _fail([f"{snapshot}: cannot be read ({exc.strerror})"])
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        _fail([f"{snapshot}: not valid JSON ({exc})"])
    try:
        case = snapshot_from_dict(data)
    except SnapshotError as exc:
        _fail([f"{snapshot}: the case snapshot is not valid:", *(f"  {m}" for m in exc.messages)])
    try:
        cfg = load_config(config)
    except ConfigError as exc:
        _fail([f"{config}: the configuration is not valid:", *(f"  {m}" for m in exc.messages)])
    _print_json(evaluate(case, gate, cfg).to_dict())


@app.command()
def rules(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print a Markdown table instead of JSON.")
    ] = False,
) -> None:
    """List every rule: id, kind, the gates it applies at and its source."""
    if markdown:
        typer.echo(rules_markdown(), nl=False)
        return
    _print_json(
        [
            {
                "id": r.id,
                "kind": r.kind,
                "title": r.title,
                "gates": [str(g) for g in sorted(r.gates)],
                "why_these_gates": r.why_these_gates,
                "source": r.source,
            }
            for r in RULES
        ]
    )


@app.command()
def example(name: Annotated[str, typer.Argument(help="Which example.")] = "dean-smith") -> None:
    """Print a shipped (fictional) example snapshot."""
    if name not in example_names():
        _fail([f"no example called {name!r} (there are: {', '.join(example_names())})"])
    _print_json(example_dict(name))
