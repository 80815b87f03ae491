"""Readable text for the command line: validation lists and the outcome report."""

from __future__ import annotations

from collections import Counter
from dataclasses import fields

from rich.console import Console
from rich.table import Table

from homeward.ssda903 import dfe
from homeward.ssda903.dataset import Dataset
from homeward.ssda903.definitions import DEFINITIONS
from homeward.ssda903.repair import EFFECTS
from homeward.ssda903.result import Analysis, Bounds, GroupReEntry, ReEntry


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _ci(ci: Bounds | None) -> str:
    if not ci or ci[0] is None or ci[1] is None:
        return ""
    return f"{100 * ci[0]:.1f}–{100 * ci[1]:.1f}%"


def print_issues(console: Console, dataset: Dataset, limit: int | None = None) -> None:
    shown = dataset.issues if limit is None else dataset.issues[:limit]
    for issue in shown:
        style = "red" if issue.severity.value == "error" else "yellow"
        console.print(str(issue), style=style, highlight=False, markup=False, soft_wrap=True)
    if limit is not None and len(dataset.issues) > limit:
        console.print(f"… and {len(dataset.issues) - limit} more.")
    kinds: Counter[tuple[str, str]] = Counter()
    for i in dataset.issues:
        kinds[(i.severity.value, i.kind)] += i.rows
    if kinds:
        table = Table(title="Issues by kind")
        table.add_column("severity")
        table.add_column("kind")
        table.add_column("rows", justify="right")
        for (sev, kind), n in sorted(kinds.items()):
            table.add_row(sev, kind, str(n))
        console.print(table)
    console.print(
        f"{len(dataset.errors)} error(s), {len(dataset.warnings)} warning(s) in {len(dataset.files)} file(s)."
    )


def print_dfe(console: Console, report: dfe.Report | None, limit: int | None = None) -> None:
    """The DfE's statutory rules' findings, beside Homeward's (or why they were not run)."""
    if report is None:
        console.print(dfe.NOT_ASKED, highlight=False, markup=False)
        return
    if not report.ran:
        console.print(report.summary(), style="red", highlight=False, markup=False, soft_wrap=True)
        return
    for note in report.notes:
        console.print(note, style="yellow", highlight=False, markup=False, soft_wrap=True)
    shown = report.findings if limit is None else report.findings[:limit]
    for finding in shown:
        console.print(str(finding), highlight=False, markup=False, soft_wrap=True)
    if limit is not None and len(report.findings) > limit:
        console.print(f"… and {len(report.findings) - limit} more DfE findings.")
    by_code: Counter[str] = Counter(f.code for f in report.findings)
    if by_code:
        messages = {f.code: f.message for f in report.findings}
        table = Table(title="The DfE's statutory rules that flagged rows")
        table.add_column("DfE code")
        table.add_column("what it finds")
        table.add_column("rows", justify="right")
        for code, n in sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0])):
            table.add_row(code, messages[code], str(n))
        console.print(table)
    console.print(report.summary(), highlight=False, markup=False, soft_wrap=True)


def _re_entry_table(title: str, rows: list[tuple[str, ReEntry]]) -> Table:
    t = Table(title=title)
    for c in ("group", "returns", "re-entries", "6 months", "1 year", "2 years", "6 years", "1 year 95% CI"):
        t.add_column(c, justify="left" if c == "group" else "right")
    for group, r in rows:
        ci = r.cumulative_incidence
        t.add_row(
            group,
            str(r.returns),
            str(r.re_entries),
            _pct(ci[182]),
            _pct(ci[365]),
            _pct(ci[730]),
            _pct(ci[2190]),
            _ci(r.confidence_interval_95[365]),
        )
    return t


def print_report(console: Console, result: Analysis) -> None:
    console.rule(f"Returns home and re-entry — data as of {result.as_of.isoformat()}")
    console.print(
        f"{result.children:,} children, {result.episodes:,} episodes, "
        f"{result.periods_of_care:,} periods of care "
        f"({result.short_break_periods_excluded:,} short-break periods excluded)."
    )
    rh = result.returns_home
    p1 = result.placed_with_parents_p1
    console.print(
        f"Returns home: {rh.planned:,} planned (E4A), {rh.unplanned:,} unplanned (E4B); "
        f"left to live with parents or relatives without parental responsibility (E13): "
        f"{result.left_to_non_pr_e13:,}; placed with parents while looked after (P1): "
        f"{p1.episodes:,} episodes, {p1.children:,} children."
    )
    rows = [("all returns home", result.re_entry), *result.re_entry_by_type.items()]
    console.print(_re_entry_table("Re-entry after a return home (Kaplan–Meier cumulative incidence)", rows))
    nb = result.national_benchmark
    console.print(
        f"National benchmark: about {_pct(nb.re_entry_within_1_year)} within a year, over "
        f"{_pct(nb.re_entry_within_6_years)} within six years ({nb.source})"
    )
    years = Table(title="Returns home per year (1 April to 31 March)")
    for c in ("year", "planned (E4A)", "unplanned (E4B)", "E13"):
        years.add_column(c, justify="right")
    for y in result.returns_home_by_year:
        years.add_row(y.year, str(y.planned), str(y.unplanned), str(y.left_to_non_pr))
    console.print(years)
    for breakdown in fields(result.breakdowns):
        groups: tuple[GroupReEntry, ...] = getattr(result.breakdowns, breakdown.name)
        table_rows = [(g.group, g.re_entry) for g in groups]
        console.print(_re_entry_table("Re-entry by " + breakdown.name.replace("_", " "), table_rows))
    costs = result.costs
    u = costs.unit_costs
    console.print(
        f"Costs ({u.source}): {costs.re_entries:,} re-entries × £{u.re_entry:,.0f} = "
        f"£{costs.cost_of_re_entries:,.0f}; supporting all {costs.returns_home:,} returns home at "
        f"£{u.support_per_return:,.0f} would cost £{costs.cost_to_support_every_return:,.0f}, "
        f"which pays for itself if it prevents {costs.re_entries_to_avoid_to_break_even} re-entries "
        f"({_pct(costs.share_of_returns_to_break_even)} of returns)."
    )
    repairs = {k: v for k, v in result.repairs.items() if v}
    if repairs:
        console.print("Repairs made (what each did to the figures):")
        for k, v in repairs.items():
            console.print(f"  {k} {v:,}: {EFFECTS.get(k, '')}")
    dq = result.data_quality
    console.print(
        f"Data quality: {dq.errors} error(s), {dq.warnings} warning(s); "
        f"{dq.episodes_left_out:,} episode row(s) left out of every figure."
    )
    console.rule("Definitions")
    for term, text in DEFINITIONS:
        console.print(f"[bold]{term}[/bold]: {text}")
