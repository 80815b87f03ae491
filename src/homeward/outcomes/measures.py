"""What the dashboard shows and how it hides small numbers: shared by the tables (`selectors`), the
charts (`charts`) and the stored figures (`figures`), so each is defined once.

Plain Python (no Django): `suppress` works on any table of counts with the sums it shows, and
`published` is the one list of every count the dashboard and its downloads show, and of every sum
that ties them together, so the pages, the charts and the tests hide the same cells.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from homeward.ssda903.history import KIND_GROUPS

SMALL_COUNT = 5  # counts from 1 to SMALL_COUNT - 1 are shown as "fewer than 5"
SMALL_GROUP = 10  # percentages are not shown for groups of fewer than this many returns home
SUPPRESSED = f"fewer than {SMALL_COUNT}"
WITHHELD = "not shown"  # a count hidden only so that a small one cannot be worked out by subtraction
SUPPRESSION_RULE = (
    f"To keep every child unidentifiable, counts from 1 to {SMALL_COUNT - 1} are shown as "
    f"“{SUPPRESSED}”; where such a count could otherwise be worked out from a total and the other counts "
    f"shown (by subtraction), the next smallest count in that row, column or total is not shown either "
    f"(“{WITHHELD}”), nor any percentage or amount of money worked out from it; amounts of money that "
    f"would reveal a small count are not shown, and percentages and curves are not shown for groups of "
    f"fewer than {SMALL_GROUP} returns home or fewer than {SMALL_COUNT} re-entries. No names, identifiers "
    "or dates of birth are shown or downloadable."
)
HORIZONS = (("182", "6 months"), ("365", "1 year"), ("730", "2 years"), ("2190", "6 years"))
BREAKDOWNS = (
    ("legal_status_at_return", "Legal status at return"),
    ("age_at_return", "Age at return"),
    ("category_of_need", "Category of need"),
    ("planned_or_unplanned", "Planned or unplanned"),
    ("previous_returns", "Previous returns home"),
    ("year_of_return", "Year of return (April to March)"),
)


def is_small(n: int) -> bool:
    return 0 < n < SMALL_COUNT


def count(n: int) -> str:
    return SUPPRESSED if is_small(n) else f"{n:,}"


def percent(x: float | None) -> str:
    return "" if x is None else f"{100 * x:.1f}%"


def money(x: float) -> str:
    return f"£{x:,.0f}"


def rate_hidden(summary: dict[str, Any]) -> bool:
    """A rate from few returns, or from few re-entries, could be turned back into a small count."""
    return summary["returns"] < SMALL_GROUP or is_small(summary["re_entries"])


# Secondary suppression ---------------------------------------------------------------------------

PRIMARY, SECONDARY = "primary", "secondary"


@dataclass(frozen=True)
class Sum:
    """A sum a reader can do from what is shown: `total` is the sum of `parts` (each a cell's name)."""

    total: str
    parts: tuple[str, ...]

    @property
    def cells(self) -> tuple[str, ...]:
        return (self.total, *self.parts)


def suppress(values: Mapping[str, int], sums: Sequence[Sum]) -> dict[str, str]:
    """Which cells to hide, and why: PRIMARY for a small count (1 to SMALL_COUNT - 1), SECONDARY for a
    count hidden so that no hidden count can be worked out from the sums shown.

    Whenever a sum has exactly one hidden cell, the smallest shown cell of that sum (a non-zero one if
    there is one) is hidden too, until no sum gives a hidden cell away; then, in case several sums
    together pin a cell down (solving them as simultaneous equations), another cell of one of its sums
    is hidden, until every hidden cell stays undetermined."""
    hidden = {name: PRIMARY for name, n in values.items() if is_small(n)}

    def hide_smallest_of(cells: Sequence[str]) -> bool:
        shown = [c for c in cells if c not in hidden]
        if not shown:
            return False
        hidden[min(shown, key=lambda c: (values[c] == 0, values[c], c))] = SECONDARY
        return True

    while True:
        changed = True
        while changed:
            changed = False
            for s in sums:
                if sum(c in hidden for c in s.cells) == 1:
                    changed = hide_smallest_of(s.cells) or changed
        pinned = determined(hidden, sums)
        if not pinned:
            return hidden
        around = [c for s in sums if pinned[0] in s.cells for c in s.cells]
        if not hide_smallest_of(around):  # pragma: no cover - a sum always has another cell
            return hidden


def determined(hidden: Mapping[str, object], sums: Sequence[Sum]) -> list[str]:
    """The hidden cells whose value follows from the sums shown, solved together as linear equations.

    In the reduced row echelon form of the sums (over the hidden cells only; shown cells are known
    numbers), a cell is pinned down exactly when one row reads "this cell = a number"."""
    unknowns = sorted({c for s in sums for c in s.cells if c in hidden})
    rows: list[list[Fraction]] = []
    for s in sums:
        row = dict.fromkeys(unknowns, Fraction(0))
        for sign, c in ((1, s.total), *((-1, p) for p in s.parts)):
            if c in hidden:
                row[c] += sign
        if any(row.values()):
            rows.append([row[u] for u in unknowns])
    return [unknowns[r.index(Fraction(1))] for r in _echelon(rows) if sum(x != 0 for x in r) == 1]


def _echelon(m: list[list[Fraction]]) -> list[list[Fraction]]:
    """Reduced row echelon form, exactly (fractions, so no rounding can hide or invent a solution)."""
    rank, width = 0, len(m[0]) if m else 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(m)) if m[i][col]), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        lead = m[rank][col]
        m[rank] = [x / lead for x in m[rank]]
        for i in range(len(m)):
            if i != rank and m[i][col]:
                f = m[i][col]
                m[i] = [a - f * b for a, b in zip(m[i], m[rank], strict=True)]
        rank += 1
    return m[:rank]


@dataclass
class Published:
    """Every count the dashboard, its charts and its downloads show, named, with the sums that tie
    them (only the sums that hold in these figures: a reader can do those), and what is hidden."""

    values: dict[str, int]
    sums: list[Sum]
    hidden: dict[str, str] = field(default_factory=dict)

    def count(self, name: str) -> str:
        """The count as shown: the number, or why it is not shown."""
        if self.hidden.get(name) == SECONDARY:
            return WITHHELD
        return count(self.values[name])

    def shown(self, *names: str) -> bool:
        return not any(n in self.hidden for n in names)


def published(r: dict[str, Any]) -> Published:
    """The counts of an analysis (`analyse(...).as_dict()`) as the dashboard shows them, with their sums
    and the cells to hide (`suppress`)."""
    values: dict[str, int] = {
        "children": r["children"],
        "periods_of_care": r["periods_of_care"],
        "E4A": r["returns_home"]["E4A"],
        "E4B": r["returns_home"]["E4B"],
        "E13": r["left_to_non_pr_E13"],
        "P1": r["placed_with_parents_P1"]["periods_of_care"],
        "re_entries": r["re_entry"]["re_entries"],
        "short_breaks": r["short_break_periods_excluded"],
        "returns": r["costs"]["returns_home"],  # also the costs table's (the same returns home)
    }
    candidates = [Sum("returns", ("E4A", "E4B"))]
    years = r["returns_home_by_year"]
    for y in years:
        cell = f"year:{y['year']}"
        values |= {f"{cell}:E4A": y["E4A"], f"{cell}:E4B": y["E4B"], f"{cell}:E13": y["E13"]}
        values[f"{cell}:all"] = y["E4A"] + y["E4B"]
        candidates.append(Sum(f"{cell}:all", (f"{cell}:E4A", f"{cell}:E4B")))
    for column, total in (("E4A", "E4A"), ("E4B", "E4B"), ("E13", "E13"), ("all", "returns")):
        candidates.append(Sum(total, tuple(f"year:{y['year']}:{column}" for y in years)))
    for key, _title in BREAKDOWNS:
        groups = r["breakdowns"][key]
        for g in groups:
            values[f"{key}:{g['group']}:returns"] = g["returns"]
            values[f"{key}:{g['group']}:re_entries"] = g["re_entries"]
        for measure, total in (("returns", "returns"), ("re_entries", "re_entries")):
            candidates.append(Sum(total, tuple(f"{key}:{g['group']}:{measure}" for g in groups)))
    # The same children counted in two tables: a group of one breakdown is a cell of another table.
    for code, group in zip(("E4A", "E4B"), KIND_GROUPS, strict=True):
        candidates.append(Sum(code, (f"planned_or_unplanned:{group}:returns",)))
    for y in years:
        candidates.append(Sum(f"year:{y['year']}:all", (f"year_of_return:{y['year']}:returns",)))
    sums = [
        s
        for s in candidates
        if all(c in values for c in s.cells) and values[s.total] == sum(values[p] for p in s.parts)
    ]
    return Published(values, sums, suppress(values, sums))
