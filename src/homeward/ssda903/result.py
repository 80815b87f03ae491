"""What `analyse` returns: the outcome figures as frozen dataclasses, and their JSON.

`Analysis.as_dict()` is the JSON object `homeward 903 analyse --json` prints and the dashboard reads
(keys, order and values as they have always been); the dataclasses are the same figures typed, e.g.
``result.re_entry.cumulative_incidence[365]`` or ``result.breakdowns.age_at_return[0].group``.
Horizons are days (182, 365, 730, 2190), written as strings in the JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

Bounds = tuple[float | None, float | None]  # a 95 % confidence interval (lower, upper)


@dataclass(frozen=True)
class ReEntry:
    """Returns home, observed re-entries and Kaplan-Meier cumulative incidence with 95 % CIs."""

    returns: int
    re_entries: int
    cumulative_incidence: Mapping[int, float | None]  # horizon (days) -> incidence; None past the data
    confidence_interval_95: Mapping[int, Bounds | None]

    def as_dict(self) -> dict[str, Any]:
        return {
            "returns": self.returns,
            "re_entries": self.re_entries,
            "cumulative_incidence": {str(h): v for h, v in self.cumulative_incidence.items()},
            "confidence_interval_95": {
                str(h): None if v is None else list(v) for h, v in self.confidence_interval_95.items()
            },
        }


@dataclass(frozen=True)
class GroupReEntry:
    """The re-entry figures of one group of a breakdown (e.g. "under 1")."""

    group: str
    re_entry: ReEntry

    def as_dict(self) -> dict[str, Any]:
        return {"group": self.group, **self.re_entry.as_dict()}


@dataclass(frozen=True)
class Breakdowns:
    """Re-entry by each characteristic at the return home: one entry per group that has returns."""

    legal_status_at_return: tuple[GroupReEntry, ...]
    age_at_return: tuple[GroupReEntry, ...]
    category_of_need: tuple[GroupReEntry, ...]
    planned_or_unplanned: tuple[GroupReEntry, ...]
    previous_returns: tuple[GroupReEntry, ...]
    year_of_return: tuple[GroupReEntry, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "legal_status_at_return": [g.as_dict() for g in self.legal_status_at_return],
            "age_at_return": [g.as_dict() for g in self.age_at_return],
            "category_of_need": [g.as_dict() for g in self.category_of_need],
            "planned_or_unplanned": [g.as_dict() for g in self.planned_or_unplanned],
            "previous_returns": [g.as_dict() for g in self.previous_returns],
            "year_of_return": [g.as_dict() for g in self.year_of_return],
        }


@dataclass(frozen=True)
class CurvePoint:
    """A step of the cumulative incidence of re-entry (one per day with a re-entry, after day 0)."""

    day: int
    cumulative_incidence: float | None
    lower: float | None
    upper: float | None
    at_risk: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "cumulative_incidence": self.cumulative_incidence,
            "lower": self.lower,
            "upper": self.upper,
            "at_risk": self.at_risk,
        }


@dataclass(frozen=True)
class ReturnsHome:
    planned: int  # E4A
    unplanned: int  # E4B

    def as_dict(self) -> dict[str, Any]:
        return {"E4A": self.planned, "E4B": self.unplanned}


@dataclass(frozen=True)
class PlacedWithParents:
    """P1 placements: still looked after, placed with parents."""

    episodes: int
    periods_of_care: int
    children: int
    returns_home_from_p1: int  # returns home whose last placement was P1

    def as_dict(self) -> dict[str, Any]:
        return {
            "episodes": self.episodes,
            "periods_of_care": self.periods_of_care,
            "children": self.children,
            "returns_home_from_P1": self.returns_home_from_p1,
        }


@dataclass(frozen=True)
class YearOfReturns:
    year: str  # the 903 year, 1 April to 31 March, e.g. "2023-24"
    planned: int  # E4A
    unplanned: int  # E4B
    left_to_non_pr: int  # E13

    def as_dict(self) -> dict[str, Any]:
        return {"year": self.year, "E4A": self.planned, "E4B": self.unplanned, "E13": self.left_to_non_pr}


@dataclass(frozen=True)
class UnitCosts:
    """Pounds per event; an authority may use its own figures."""

    re_entry: float = 105_804.0  # each child returning to care after a failed return home
    support_per_return: float = 7_857.0  # supporting a family when a child returns home
    source: str = "Holmes (2024)"


@dataclass(frozen=True)
class Costs:
    unit_costs: UnitCosts
    re_entries: int
    cost_of_re_entries: float
    returns_home: int
    cost_to_support_every_return: float
    re_entries_to_avoid_to_break_even: float | None
    share_of_returns_to_break_even: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit_costs": asdict(self.unit_costs),
            "re_entries": self.re_entries,
            "cost_of_re_entries": self.cost_of_re_entries,
            "returns_home": self.returns_home,
            "cost_to_support_every_return": self.cost_to_support_every_return,
            "re_entries_to_avoid_to_break_even": self.re_entries_to_avoid_to_break_even,
            "share_of_returns_to_break_even": self.share_of_returns_to_break_even,
        }


@dataclass(frozen=True)
class Benchmark:
    re_entry_within_1_year: float
    re_entry_within_6_years: float
    source: str


@dataclass(frozen=True)
class DataQuality:
    errors: int
    warnings: int
    files: tuple[str, ...]
    # Episode rows left out of every figure (no child ID or no possible start date); every other row
    # that failed validation is used only as a named repair says (`repairs`).
    episodes_left_out: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "episodes_left_out": self.episodes_left_out,
            "files": list(self.files),
        }


@dataclass(frozen=True)
class Definition:
    term: str
    text: str


@dataclass(frozen=True)
class Analysis:
    """Every outcome figure of one dataset (see ../shared/SSDA903.md for the definitions)."""

    as_of: date
    children: int
    episodes: int
    periods_of_care: int
    returns_home: ReturnsHome
    left_to_non_pr_e13: int
    placed_with_parents_p1: PlacedWithParents
    short_break_periods_excluded: int
    re_entry: ReEntry
    re_entry_by_type: Mapping[str, ReEntry]  # "E4A", "E4B"
    re_entry_curve: tuple[CurvePoint, ...]
    returns_home_by_year: tuple[YearOfReturns, ...]
    breakdowns: Breakdowns
    costs: Costs
    national_benchmark: Benchmark
    data_quality: DataQuality
    repairs: Mapping[str, int]  # repair rule -> count (repair.RULES)
    definitions: tuple[Definition, ...]

    def as_dict(self) -> dict[str, Any]:
        """The JSON object, as `903 analyse --json` prints it."""
        return {
            "as_of": self.as_of.isoformat(),
            "children": self.children,
            "episodes": self.episodes,
            "periods_of_care": self.periods_of_care,
            "returns_home": self.returns_home.as_dict(),
            "left_to_non_pr_E13": self.left_to_non_pr_e13,
            "placed_with_parents_P1": self.placed_with_parents_p1.as_dict(),
            "short_break_periods_excluded": self.short_break_periods_excluded,
            "re_entry": self.re_entry.as_dict(),
            "re_entry_by_type": {k: v.as_dict() for k, v in self.re_entry_by_type.items()},
            "re_entry_curve": [p.as_dict() for p in self.re_entry_curve],
            "returns_home_by_year": [y.as_dict() for y in self.returns_home_by_year],
            "breakdowns": self.breakdowns.as_dict(),
            "costs": self.costs.as_dict(),
            "national_benchmark": asdict(self.national_benchmark),
            "data_quality": self.data_quality.as_dict(),
            "repairs": dict(self.repairs),
            "definitions": [asdict(d) for d in self.definitions],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict())
