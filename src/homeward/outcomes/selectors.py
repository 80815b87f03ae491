"""The leaders' dashboard: which data to analyse, and the analysis as tables fit to show and download.

Every figure comes from `homeward.ssda903.analysis.analyse` of one Dataset (an import, or Homeward's
own records through `dataset_from_records`), computed once and stored by `figures`; this module only
chooses the data, suppresses small counts and words the answers. Nothing here can name or single out a child.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.shortcuts import get_object_or_404

from homeward.outcomes import figures, services
from homeward.outcomes.charts import Chart
from homeward.outcomes.measures import (
    BREAKDOWNS,
    HORIZONS,
    SMALL_COUNT,
    SMALL_GROUP,
    SUPPRESSED,
    SUPPRESSION_RULE,
    WITHHELD,
    Published,
    count,
    is_small,
    money,
    percent,
    published,
    rate_hidden,
)
from homeward.outcomes.models import Import903, ImportStatus
from homeward.ssda903 import Dataset, UnitCosts
from homeward.ssda903.history import KIND_GROUPS

__all__ = [  # the measures are used through this module by the pages and their tests
    "BREAKDOWNS", "HORIZONS", "SMALL_COUNT", "SMALL_GROUP", "SUPPRESSED", "SUPPRESSION_RULE", "WITHHELD",
    "count", "is_small", "money", "percent", "published", "rate_hidden",
]  # fmt: skip
HOMEWARD = "homeward"

TOO_FEW = "too few to show"
NOT_YET = "not yet known"
CELL_NOTES = (
    f"“{TOO_FEW.capitalize()}” means fewer than {SMALL_GROUP} returns home, or fewer than {SMALL_COUNT} "
    f"re-entries, in the group. “{NOT_YET.capitalize()}” means no return home in the group has been "
    f"followed for that long yet. “{WITHHELD.capitalize()}” means the figure would let a small count be "
    "worked out from the others."
)


def share(summary: dict[str, Any], horizon: str, with_ci: bool = True, withheld: bool = False) -> str:
    """The KM share re-entered within `horizon` days, with its 95% CI, or why it is not shown
    (`withheld`: a count of the group is hidden, and the share could give it back)."""
    if rate_hidden(summary):
        return TOO_FEW
    if withheld:
        return WITHHELD
    value = summary["cumulative_incidence"].get(horizon)
    if value is None:
        return NOT_YET
    text = percent(value)
    ci = summary["confidence_interval_95"].get(horizon)
    # With no re-entry yet the Greenwood interval collapses to 0-0, which would mislead: leave it out.
    if with_ci and value > 0 and ci and ci[0] is not None:
        text += f" ({percent(ci[0])} to {percent(ci[1])})"
    return text


@dataclass
class Table:
    key: str
    caption: str
    head: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)  # right-align these columns

    def __post_init__(self) -> None:
        if not self.numeric:
            self.numeric = [False] + [True] * (len(self.head) - 1)

    @property
    def columns(self) -> list[tuple[str, bool]]:
        return list(zip(self.head, self.numeric, strict=True))

    def cells(self) -> list[list[tuple[str, bool]]]:
        return [list(zip(r, self.numeric, strict=True)) for r in self.rows]


@dataclass(frozen=True)
class Source:
    key: str  # "homeward" or "import-<id>"
    label: str  # short, for the choice of data
    description: str  # longer, for the page
    imported: Import903 | None = None


def sources() -> list[Source]:
    """Homeward's own records, and the ten most recent imports (newest first)."""
    found = [
        Source(f"import-{i.pk}", f"903 import of {i.imported_at:%d/%m/%Y %H:%M}", i.label, i)
        for i in Import903.objects.filter(status=ImportStatus.IMPORTED, tables__name="Episodes")[:10]
    ]
    found.append(
        Source(HOMEWARD, "Homeward's own records", "Homeward's own records (episodes recorded here)")
    )
    return found


def choose_source(key: str | None, available: list[Source] | None = None) -> Source:
    """The requested source; by default the latest import, else Homeward's own records."""
    available = sources() if available is None else available
    for s in available:
        if s.key == key:
            return s
    return available[0]


def dataset_of(source: Source) -> Dataset:
    if source.imported is not None:
        return services.imported_dataset(source.imported)
    return services.homeward_dataset()


@dataclass
class Dashboard:
    source: Source
    result: dict[str, Any]
    costs: UnitCosts
    tables: dict[str, Table]
    answers: list[tuple[str, str]]

    def breakdowns(self) -> list[tuple[str, str, Table]]:
        """(key, title, table) for each breakdown, in the order shown."""
        return [(k, title, self.tables[f"breakdown_{k}"]) for k, title in BREAKDOWNS]


def dashboard(
    source: Source, costs: UnitCosts | None = None, as_of: date | None = None
) -> tuple[Dashboard, dict[str, Chart | None]]:
    """The dashboard (tables and answers worded from the stored figures) and its stored charts.

    The stored figures are read in one query. Only if they are missing (a choice of unit costs or date
    not asked for before, an import from before figures were stored) or, for Homeward's own records,
    the records changed since, are they computed and stored, once (see `figures`)."""
    costs = costs or UnitCosts()
    row = figures.stored(source.key, costs, as_of)
    fingerprint = figures.homeward_fingerprint() if source.imported is None else ""
    if row is None or row.fingerprint != fingerprint:
        row = figures.store(source.key, dataset_of(source), costs, as_of, source.imported, fingerprint)
    result = dict(row.result)
    shown = published(result)
    board = Dashboard(source, result, costs, build_tables(result, shown), answers(result, shown))
    return board, figures.charts_of(row)


def build_tables(r: dict[str, Any], shown: Published | None = None) -> dict[str, Table]:
    """Every table of the dashboard (and its downloads), with small counts and the counts that would
    give them away hidden (`measures.published`)."""
    tables: dict[str, Table] = {}
    shown = shown or published(r)
    n = shown.count
    tables["summary"] = Table(
        "summary",
        f"Key figures (data as of {date.fromisoformat(r['as_of']):%-d %B %Y})",
        ["Measure", "Number"],
        [
            ["Children looked after at some point", n("children")],
            ["Periods of care", n("periods_of_care")],
            ["Returns home, planned (E4A)", n("E4A")],
            ["Returns home, unplanned (E4B)", n("E4B")],
            ["Left care to live with parents or relatives without parental responsibility (E13)", n("E13")],
            ["Periods of care with a placement with parents (P1)", n("P1")],
            ["Re-entries to care after a return home", n("re_entries")],
            ["Short-break periods left out (V3, V4)", n("short_breaks")],
        ],
    )  # fmt: skip
    year_rows = []
    for y in r["returns_home_by_year"]:
        cell = f"year:{y['year']}"
        year_rows.append([y["year"], n(f"{cell}:E4A"), n(f"{cell}:E4B"), n(f"{cell}:all"), n(f"{cell}:E13")])
    tables["returns_by_year"] = Table(
        "returns_by_year",
        "Returns home per year (April to March), with E13 shown apart",
        ["Year", "Planned (E4A)", "Unplanned (E4B)", "All returns home", "Left to non-parents (E13)"],
        year_rows,
    )
    overall, by_type = r["re_entry"], r["re_entry_by_type"]
    benchmark = r["national_benchmark"]
    national = {
        "365": f"about {100 * benchmark['re_entry_within_1_year']:.0f}% (1 in 5)",
        "2190": f"about {100 * benchmark['re_entry_within_6_years']:.0f}% (over a third)",
    }
    tables["re_entry"] = Table(
        "re_entry",
        "Share of returns home followed by re-entry to care within a given time (Kaplan–Meier, 95% "
        "confidence interval in brackets)",
        ["Within", "All returns home", "Planned (E4A)", "Unplanned (E4B)", "National (Goldacre et al. 2022)"],
        [
            [
                label,
                share(overall, h, withheld=not shown.shown("returns", "re_entries")),
                share(by_type["E4A"], h, withheld=not shown.shown("E4A", _kind("E4A"))),
                share(by_type["E4B"], h, withheld=not shown.shown("E4B", _kind("E4B"))),
                national.get(h, ""),
            ]
            for h, label in HORIZONS
        ],
    )
    for key, title in BREAKDOWNS:
        rows = []
        for g in r["breakdowns"][key]:
            cell = f"{key}:{g['group']}"
            withheld = not shown.shown(f"{cell}:returns", f"{cell}:re_entries")
            rows.append(
                [g["group"], n(f"{cell}:returns"), n(f"{cell}:re_entries")]
                + [share(g, h, withheld=withheld) for h, _ in HORIZONS[:3]]
            )
        tables[f"breakdown_{key}"] = Table(
            f"breakdown_{key}",
            f"Re-entry after a return home by {title[0].lower()}{title[1:]}",
            [title, "Returns home", "Re-entries so far", "Re-entered within 6 months",
             "Within 1 year", "Within 2 years"],
            rows,
        )  # fmt: skip
    c = r["costs"]
    unit = c["unit_costs"]
    tables["costs"] = Table(
        "costs",
        f"What re-entries cost, against supporting every return home (unit costs: {unit['source']} "
        "unless changed)",
        ["Item", "Number", "Unit cost", "Total"],
        [
            ["Re-entries to care after a return home", n("re_entries"), money(unit["re_entry"]),
             _total(shown, "re_entries", c["cost_of_re_entries"])],
            ["Supporting the family at every return home", n("returns"), money(unit["support_per_return"]),
             _total(shown, "returns", c["cost_to_support_every_return"])],
        ],
    )  # fmt: skip
    return tables


def _kind(code: str) -> str:
    """The cell of the planned-or-unplanned breakdown holding the re-entries after this kind of return."""
    return f"planned_or_unplanned:{KIND_GROUPS[code == 'E4B']}:re_entries"


def _total(shown: Published, cell: str, amount: float) -> str:
    """An amount of money that is a count times the unit cost shown beside it: hidden with the count."""
    if is_small(shown.values[cell]):
        return "not shown (small number)"
    if not shown.shown(cell):
        return "not shown (it would reveal a small number)"
    return money(amount)


def answers(r: dict[str, Any], shown: Published | None = None) -> list[tuple[str, str]]:
    """The authority's policy questions, answered in words from the same figures, never saying a count
    (or a figure worked out from one) that the tables hide."""
    overall, by_type, c = r["re_entry"], r["re_entry_by_type"], r["costs"]
    shown = shown or published(r)
    out: list[tuple[str, str]] = []
    bench = r["national_benchmark"]
    q1 = "How many returns home broke down within a year?"
    year = overall["cumulative_incidence"].get("365")
    if rate_hidden(overall) or not shown.shown("returns", "re_entries"):
        out.append(
            (
                q1,
                "There are too few returns home or re-entries in these data to say without risking "
                "identifying a child.",
            )
        )
    elif year is None:
        out.append((q1, "No return home in these data has yet been followed for a whole year."))
    else:
        lo, hi = overall["confidence_interval_95"]["365"]
        comparison = (
            "higher than"
            if lo > bench["re_entry_within_1_year"]
            else ("lower than" if hi < bench["re_entry_within_1_year"] else "in line with")
        )
        out.append((
            q1,
            f"An estimated {percent(year)} of returns home (95% confidence interval {percent(lo)} to "
            f"{percent(hi)}) ended with the child back in care within a year, out of "
            f"{count(overall['returns'])} returns home. That is {comparison} the national figure of about "
            "1 in 5.",
        ))  # fmt: skip
    out.append(
        compare(
            "Do unplanned returns break down more often than planned ones?",
            (by_type["E4B"] if shown.shown("E4B", _kind("E4B")) else None, "unplanned returns (E4B)"),
            (by_type["E4A"] if shown.shown("E4A", _kind("E4A")) else None, "planned returns (E4A)"),
        )
    )
    q3 = "What would supporting every return have cost, against what re-entries cost?"
    unit = c["unit_costs"]
    if is_small(c["returns_home"]) or not shown.shown("returns"):
        out.append((q3, "The numbers are too small to show without risking identifying a child."))
    elif not c["returns_home"]:
        out.append((q3, "There are no returns home in these data."))
    else:
        text = (
            f"Supporting the family at all {count(c['returns_home'])} returns home at "
            f"{money(unit['support_per_return'])} each would cost "
            f"{money(c['cost_to_support_every_return'])}."
        )
        if is_small(c["re_entries"]):
            text += " The cost of the re-entries so far is not shown: there are fewer than 5 of them."
        elif not shown.shown("re_entries"):
            text += " The cost of the re-entries so far is not shown: it would reveal a small number."
        else:
            text += (
                f" The {count(c['re_entries'])} re-entries to care so far cost about "
                f"{money(c['cost_of_re_entries'])} at {money(unit['re_entry'])} each."
            )
        if (
            c["re_entries_to_avoid_to_break_even"] is not None
            and c["share_of_returns_to_break_even"] is not None
        ):
            text += (
                f" Support would pay for itself if it prevented {c['re_entries_to_avoid_to_break_even']:,} "
                f"re-entries ({percent(c['share_of_returns_to_break_even'])} of returns home)."
            )
        out.append((q3, text))

    def groups(key: str) -> dict[str, dict[str, Any]]:
        return {
            g["group"]: g
            for g in r["breakdowns"][key]
            if shown.shown(f"{key}:{g['group']}:returns", f"{key}:{g['group']}:re_entries")
        }

    legal = groups("legal_status_at_return")
    out.append(
        compare(
            "Do returns home from section 20 accommodation break down more often than returns from a "
            "care or placement order?",
            (legal.get(S20_GROUP), "returns from section 20 accommodation (V2)"),
            (legal.get(ORDER_GROUP), "returns from a care or placement order"),
        )
    )
    previous = groups("previous_returns")
    out.append(
        compare(
            "Do children who have been home before break down more often than on their first return?",
            (previous.get("1"), "second returns home"),
            (previous.get("none"), "first returns home"),
        )
    )
    return out


S20_GROUP = "s20 accommodation (V2)"  # group names of the package's legal-status breakdown
ORDER_GROUP = "care or placement order (C1, C2, D1, E1)"


def compare(
    question: str, first: tuple[dict[str, Any] | None, str], second: tuple[dict[str, Any] | None, str]
) -> tuple[str, str]:
    """Does the first group re-enter care within a year more often than the second? Only a difference
    whose 95% confidence intervals do not overlap is called one (a cautious test, said in words)."""
    (a, a_name), (b, b_name) = first, second
    ya = a["cumulative_incidence"].get("365") if a else None
    yb = b["cumulative_incidence"].get("365") if b else None
    if a is None or b is None or rate_hidden(a) or rate_hidden(b) or ya is None or yb is None:
        return question, f"There are too few {a_name} or {b_name} followed for a year to compare them."
    ca, cb = a["confidence_interval_95"]["365"], b["confidence_interval_95"]["365"]
    if ca[0] > cb[1]:
        verdict = f"Yes: {a_name} broke down more often"
    elif cb[0] > ca[1]:
        verdict = f"No: {b_name} broke down more often"
    else:
        verdict = (
            "The difference is within what chance alone could produce (the confidence intervals overlap)"
        )
    return question, (
        f"{verdict}. Within a year, {percent(ya)} of {a_name} ended with the child back in care, against "
        f"{percent(yb)} of {b_name}."
    )


def recent_imports(limit: int = 50) -> list[Import903]:
    """The latest imports, newest first, with their files."""
    return list(Import903.objects.prefetch_related("files")[:limit])


def standing_import(import_id: int) -> Import903:
    """An import that has not been withdrawn, or 404."""
    return get_object_or_404(Import903, pk=import_id, status=ImportStatus.IMPORTED)


def import_of_upload(token: str) -> Import903 | None:
    """The import a staged upload became, if it was imported (its staged files are then gone)."""
    return Import903.objects.filter(staged_upload=token).first() if token.isalnum() else None
