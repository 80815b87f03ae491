"""What the dashboard shows and how it hides small numbers: shared by the tables (`selectors`), the
charts (`charts`) and the stored figures (`figures`), so each is defined once.
"""

from __future__ import annotations

from typing import Any

SMALL_COUNT = 5  # counts from 1 to SMALL_COUNT - 1 are shown as "fewer than 5"
SMALL_GROUP = 10  # percentages are not shown for groups of fewer than this many returns home
SUPPRESSED = f"fewer than {SMALL_COUNT}"
SUPPRESSION_RULE = (
    f"To keep every child unidentifiable, counts from 1 to {SMALL_COUNT - 1} are shown as "
    f"“{SUPPRESSED}”, amounts of money that would reveal such a count are not shown, and percentages and "
    f"curves are not shown for groups of fewer than {SMALL_GROUP} returns home or fewer than {SMALL_COUNT} "
    "re-entries. No names, identifiers or dates of birth are shown or downloadable."
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
