"""`python -m homeward 903 …`: validate, analyse and generate SSDA903 returns."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from homeward.ssda903.dataset import Dataset

app = typer.Typer(no_args_is_help=True, add_completion=False)


class _NoPandas:
    """An import hook that makes `import pandas` fail (used for a moment by _fast_start)."""

    @staticmethod
    def find_spec(name: str, *_: object) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas is not used by this command")
        return None


@cache
def _fast_start() -> None:
    """Two start-up costs this command can skip, each about a second on a national return.

    Arrow imports pandas (when installed, as in development) the first time it converts to or
    from numpy; these commands never use pandas, so Arrow is told it is absent. And Arrow's default
    allocator (mimalloc) hands freed memory straight back to the system, so re-faulting it costs
    seconds of system time: jemalloc keeps it.
    """
    import pyarrow as pa

    if "pandas" not in sys.modules:
        sys.meta_path.insert(0, _NoPandas)
        try:
            pa.array([0])  # Arrow tries pandas once and remembers it is not there
        finally:
            sys.meta_path.remove(_NoPandas)
    with contextlib.suppress(NotImplementedError, pa.ArrowNotImplementedError):  # no jemalloc in this build
        pa.set_memory_pool(pa.jemalloc_memory_pool())


def _import_meanwhile(module: str) -> Future[ModuleType]:
    """Import a module on another thread, e.g. Polars (about 0.3 s, holding the GIL) while the files
    are read and checked on the main thread (by Arrow and numpy, which mostly release it)."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import")
    try:
        return pool.submit(importlib.import_module, module)
    finally:
        pool.shutdown(wait=False)


def as_of_from(text: str | None) -> date | None:
    """Parse --as-of (YYYY-MM-DD or dd/mm/YYYY)."""
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD)")


def _exit_now() -> None:
    """Leave without freeing a national dataset object by object (~0.2 s of a 3 s run); nothing
    else needs cleaning up. Only when writing to the real stdout, never inside a test runner."""
    if sys.stdout is sys.__stdout__ and sys.stderr is sys.__stderr__:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def year_from(text: str | None) -> int | None:
    """Parse --year: a collection year written 2024-25 (or 2024), as the year it starts."""
    if not text:
        return None
    head, _, tail = text.partition("-")
    if not (head.isdigit() and len(head) == 4) or (tail and tail != f"{(int(head) + 1) % 100:02d}"):
        raise typer.BadParameter(
            f"not a collection year: {text!r} (write it like 2024-25)", param_hint="--year"
        )
    return int(head)


YEAR_HELP = (
    "Collection year whose code lists to check every file against, e.g. 2024-25 "
    "(default: each file's own, from its dates)."
)


def _load(paths: list[Path], show_progress: bool, year: int | None = None) -> Dataset:
    from homeward.ssda903.dataset import load

    _fast_start()

    if not show_progress:
        return load(paths, year=year)
    # Rich is imported only when it draws something (not for --json, which a script reads).
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("Reading 903 files"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} {task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def step(done: int, total: int, name: str) -> None:
            progress.update(
                task, completed=done, total=total, description=Path(name).name if name else "checking"
            )

        return load(paths, progress=step, year=year)


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="903 CSV or XML files, or folders of them.")],
    limit: int = typer.Option(200, "--limit", help="Show at most this many issues (0: all)."),
    as_json: bool = typer.Option(False, "--json", help="Print the issues as JSON."),
    year: str = typer.Option(None, "--year", help=YEAR_HELP),
    dfe: bool = typer.Option(
        False,
        "--dfe",
        help="Also run the DfE's statutory 903 rules (the DfE validator, where installed: `make dfe`) and "
        "list their findings beside Homeward's. They never change the figures.",
    ),
    la_code: str = typer.Option(
        None, "--la", help="Your local authority's code, e.g. E09000027, for the DfE's placement checks."
    ),
) -> None:
    """List every problem found in the files; exit status 1 if any is an error (2 if --dfe could not run)."""
    dataset = _load(paths, show_progress=not as_json, year=year_from(year))
    statutory = None
    if dfe:
        from homeward.ssda903 import dfe as dfe_rules

        statutory = dfe_rules.run(dataset.file_years, local_authority=la_code)
    if as_json:
        issues = [i.as_dict() for i in dataset.issues]
        body: object = issues if statutory is None else {"issues": issues, "dfe": statutory.as_dict()}
        typer.echo(json.dumps(body, indent=1))
    else:
        from rich.console import Console

        from homeward.ssda903.report import print_dfe, print_issues

        console = Console()
        print_issues(console, dataset, limit or None)
        print_dfe(console, statutory, limit or None)
    if statutory is not None and not statutory.ran:
        raise typer.Exit(2)
    raise typer.Exit(1 if dataset.has_errors else 0)


@app.command()
def rules(
    as_markdown: bool = typer.Option(False, "--markdown", help="Print the table as Markdown."),
) -> None:
    """The validation rules: each one's code (the DfE's where it has the check), severity and fields."""
    from homeward.ssda903.rules import RULES, markdown

    if as_markdown:
        typer.echo(markdown(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="903 validation rules (HW-: Homeward's own; the others are the DfE's codes)")
    for c in ("code", "severity", "fields", "kind", "what it finds"):
        table.add_column(c)
    for r in RULES.values():
        table.add_row(r.code, r.severity.value, ", ".join(r.fields), r.kind, r.message)
    Console().print(table)


@app.command()
def analyse(
    paths: Annotated[
        list[Path], typer.Argument(help="903 CSV or XML files, or folders of them (several years).")
    ],
    as_of: str = typer.Option(
        None, "--as-of", help="End of the data, YYYY-MM-DD (default: latest date in it)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of the report."),
    re_entry_cost: float = typer.Option(
        105_804.0, "--re-entry-cost", help="£ per re-entry after a failed return."
    ),
    support_cost: float = typer.Option(
        7_857.0, "--support-cost", help="£ to support a family per return home."
    ),
    year: str = typer.Option(None, "--year", help=YEAR_HELP),
) -> None:
    """Periods of care, returns home, re-entry (Kaplan–Meier), breakdowns and costs."""
    try:
        when = as_of_from(as_of)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--as-of") from exc
    _fast_start()  # before the import below: it hides pandas from Arrow for a moment
    importing = _import_meanwhile("homeward.ssda903.analysis")
    dataset = _load(paths, show_progress=not as_json, year=year_from(year))
    analysis = importing.result()
    costs = analysis.UnitCosts(re_entry=re_entry_cost, support_per_return=support_cost)
    result = analysis.analyse(dataset, as_of=when, costs=costs)
    if as_json:
        typer.echo(result.to_json())
    else:
        from rich.console import Console

        from homeward.ssda903.report import print_report

        print_report(Console(), result)
    _exit_now()


@app.command()
def synth(
    out: Annotated[Path, typer.Argument(help="Folder to write header_YYYY.csv / episodes_YYYY.csv into.")],
    children: int = typer.Option(1000, "--children", help="How many children to generate."),
    years: int = typer.Option(5, "--years", help="How many yearly returns."),
    seed: int = typer.Option(1, "--seed", help="Random seed: the same seed gives the same files."),
    last_year: int = typer.Option(2025, "--last-year", help="Year in which the last return ends (31 March)."),
) -> None:
    """Synthetic yearly returns following the national rates (never real children)."""
    from homeward.ssda903.synth import write_years

    s = write_years(out, children=children, years=years, seed=seed, last_year_end=last_year)
    typer.echo(
        f"{s.children:,} children, {s.episodes:,} episodes, {s.rows_written:,} episode rows "
        f"in {len(s.files)} files under {out}"
    )
