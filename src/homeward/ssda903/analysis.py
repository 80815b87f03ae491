"""Reunification outcomes from a 903 `Dataset`: periods of care, returns home, re-entry, costs.

One code path for imported returns and Homeward's own records. The heavy lifting (ordering millions of
episodes into periods of care) is one pass of DuckDB SQL over the Arrow tables; the few hundred
thousand returns home are then summarised in numpy (Kaplan-Meier per group).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import duckdb
import numpy as np

from homeward.ssda903 import codes
from homeward.ssda903.dataset import Dataset
from homeward.ssda903.definitions import DEFINITIONS, NATIONAL_BENCHMARK
from homeward.ssda903.km import kaplan_meier

HORIZONS = (182, 365, 730, 2190)


@dataclass(frozen=True)
class UnitCosts:
    """Pounds per event; an authority may use its own figures."""

    re_entry: float = 105_804.0  # each child returning to care after a failed return home
    support_per_return: float = 7_857.0  # supporting a family when a child returns home
    source: str = "Holmes (2024)"


def _sql_list(values: Sequence[str]) -> str:
    return ", ".join(f"'{v}'" for v in sorted(values))


_PERIODS = """
CREATE OR REPLACE TEMP TABLE e AS
SELECT CHILD, DECOM,
       CASE WHEN DEC <= $as_of THEN DEC END AS DEC,
       CASE WHEN DEC <= $as_of THEN REC END AS REC,
       RNE, LS, CIN, PLACE
FROM ep WHERE DECOM <= $as_of;

CREATE OR REPLACE TEMP TABLE periods AS
WITH flagged AS (
  SELECT *, CASE WHEN lag(REC) OVER w IS NULL OR RNE = 'S' OR lag(REC) OVER w <> 'X1' THEN 1 ELSE 0 END AS starts
  FROM e WINDOW w AS (PARTITION BY CHILD ORDER BY DECOM)
), numbered AS (
  SELECT *, sum(starts) OVER (PARTITION BY CHILD ORDER BY DECOM ROWS UNBOUNDED PRECEDING) AS pno FROM flagged
)
SELECT CHILD, pno, min(DECOM) AS start_date,
       arg_max_null(DEC, DECOM) AS end_date, arg_max_null(REC, DECOM) AS rec,
       arg_max_null(LS, DECOM) AS ls, arg_max_null(CIN, DECOM) AS cin, arg_max_null(PLACE, DECOM) AS place,
       bool_and(coalesce(LS IN ({short}), false)) AS short_break,
       count_if(PLACE = 'P1') AS p1_episodes, count(*) AS episodes
FROM numbered GROUP BY CHILD, pno;

CREATE OR REPLACE TEMP TABLE returns AS
WITH p AS (
  SELECT *, (rec IN ('E4A', 'E4B'))::INTEGER AS is_return FROM periods WHERE NOT short_break
), ordered AS (
  SELECT *, lead(start_date) OVER w AS next_start,
         coalesce(sum(is_return) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS previous_returns
  FROM p WINDOW w AS (PARTITION BY CHILD ORDER BY start_date)
)
SELECT o.CHILD, o.end_date AS returned, o.rec, o.ls, o.cin, o.place, o.next_start, o.previous_returns,
       CASE WHEN h.DOB IS NULL OR h.DOB > o.end_date THEN NULL
            ELSE year(o.end_date) - year(h.DOB)
                 - CASE WHEN month(o.end_date) * 100 + day(o.end_date) < month(h.DOB) * 100 + day(h.DOB)
                        THEN 1 ELSE 0 END END AS age
FROM ordered o LEFT JOIN hd h ON o.CHILD = h.CHILD
WHERE o.is_return = 1;
"""


def collection_year(d: date) -> str:
    """The 903 year (1 April to 31 March) a date falls in, e.g. 2023-05-01 -> '2023-24'."""
    start = d.year if d.month >= 4 else d.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


def re_entry_summary(durations: np.ndarray, events: np.ndarray) -> dict[str, Any]:
    """The `re_entry` object: returns, observed re-entries and KM cumulative incidence with 95 % CIs."""
    km = kaplan_meier(durations, events)
    incidence: dict[str, float | None] = {}
    ci: dict[str, list[float | None] | None] = {}
    for h in HORIZONS:
        v = km.at(h)
        incidence[str(h)] = _round(v[0]) if v else None
        ci[str(h)] = [_round(v[1]), _round(v[2])] if v else None
    return {
        "returns": int(len(durations)),
        "re_entries": int(np.sum(events)),
        "cumulative_incidence": incidence,
        "confidence_interval_95": ci,
    }


def _curve(durations: np.ndarray, events: np.ndarray) -> list[dict[str, Any]]:
    km = kaplan_meier(durations, events)
    points = [{"day": 0, "cumulative_incidence": 0.0, "lower": 0.0, "upper": 0.0, "at_risk": len(durations)}]
    for t, s, lo, hi, n, d in zip(km.times, km.survival, km.lower, km.upper, km.at_risk, km.events, strict=True):
        if d > 0:
            points.append(
                {"day": int(t), "cumulative_incidence": _round(float(1 - s)), "lower": _round(float(1 - hi)),
                 "upper": _round(float(1 - lo)), "at_risk": int(n)}
            )
    return points


def _legal_group(ls: str | None) -> str:
    if ls in codes.VOLUNTARY_LEGAL_STATUSES:
        return "s20 accommodation (V2)"
    if ls in codes.ORDER_LEGAL_STATUSES:
        return "care or placement order (C1, C2, D1, E1)"
    if ls is None:
        return "unknown"
    return "other (police, emergency protection, youth justice)"


AGE_BANDS = ((0, "under 1"), (1, "1 to 4"), (5, "5 to 9"), (10, "10 to 15"), (16, "16 and over"))


def _age_band(age: int | None) -> str:
    if age is None:
        return "unknown"
    label = AGE_BANDS[0][1]
    for lower, name in AGE_BANDS:
        if age >= lower:
            label = name
    return label


def _breakdown(labels: np.ndarray, durations: np.ndarray, events: np.ndarray,
               order: Sequence[str] | None = None) -> list[dict[str, Any]]:
    groups = list(order) if order else sorted(set(labels.tolist()))
    rows = []
    for g in groups:
        mask = labels == g
        if not mask.any():
            continue
        rows.append({"group": g, **re_entry_summary(durations[mask], events[mask])})
    return rows


def analyse(dataset: Dataset, as_of: date | None = None, costs: UnitCosts | None = None) -> dict[str, Any]:
    """Every outcome figure as one JSON-serialisable dict (see the package docs for its keys)."""
    costs = costs or UnitCosts()
    con = duckdb.connect()
    try:
        con.register("ep", dataset.episodes)
        con.register("hd", dataset.header)
        if as_of is None:
            row = con.execute("SELECT max(greatest(DECOM, coalesce(DEC, DECOM))) FROM ep").fetchone()
            as_of = row[0] if row and row[0] else date.today()
        assert as_of is not None
        sql = _PERIODS.replace("{short}", _sql_list(codes.SHORT_BREAK_LEGAL_STATUSES))
        for statement in filter(str.strip, sql.split(";")):
            con.execute(statement, {"as_of": as_of} if "$as_of" in statement else None)
        counts = con.execute(
            """SELECT count(DISTINCT CHILD), coalesce(sum(episodes), 0), count(*),
                      count_if(rec = 'E13' ), count_if(short_break),
                      coalesce(sum(p1_episodes), 0), count_if(p1_episodes > 0),
                      count(DISTINCT CASE WHEN p1_episodes > 0 THEN CHILD END),
                      count_if(place = 'P1' AND rec IN ('E4A', 'E4B'))
               FROM periods WHERE NOT short_break"""
        ).fetchone()
        short_breaks = con.execute("SELECT count_if(short_break) FROM periods").fetchone()
        by_year_rows = con.execute(
            """SELECT CASE WHEN month(end_date) >= 4 THEN year(end_date) ELSE year(end_date) - 1 END AS y,
                      count_if(rec = 'E4A'), count_if(rec = 'E4B'), count_if(rec = 'E13')
               FROM periods WHERE NOT short_break AND rec IN ('E4A', 'E4B', 'E13') GROUP BY y ORDER BY y"""
        ).fetchall()
        r = con.execute(
            "SELECT returned, rec, ls, cin, next_start, previous_returns, age FROM returns"
        ).fetchnumpy()
    finally:
        con.close()
    assert counts is not None

    as_of_day = np.datetime64(as_of, "D")
    returned = np.asarray(r["returned"], dtype="datetime64[D]")
    next_start = r["next_start"]
    if isinstance(next_start, np.ma.MaskedArray):
        has_next = ~np.ma.getmaskarray(next_start)
        next_days = np.where(has_next, next_start.filled(as_of_day).astype("datetime64[D]"), as_of_day)
    else:
        next_days = np.asarray(next_start, dtype="datetime64[D]")
        has_next = ~np.isnat(next_days)
        next_days = np.where(has_next, next_days, as_of_day)
    durations = (next_days - returned).astype(np.int64).astype(np.float64)
    events = has_next
    rec = np.asarray(r["rec"]).astype(str)

    def column(name: str) -> list[Any]:
        v = r[name]
        if isinstance(v, np.ma.MaskedArray):
            mask = np.ma.getmaskarray(v)
            return [None if m else x for x, m in zip(v.data.tolist(), mask.tolist(), strict=True)]
        return list(v.tolist())

    ls = np.array([_legal_group(x) for x in column("ls")], dtype=object)
    ages = np.array([_age_band(None if a is None else int(a)) for a in column("age")], dtype=object)
    cin = np.array([codes.describe("CIN", c) if c else "unknown" for c in column("cin")], dtype=object)
    prev = np.array(
        ["none" if p == 0 else "1" if p == 1 else "2 or more" for p in column("previous_returns")], dtype=object
    )
    years = np.array([collection_year(d.astype(object)) for d in returned], dtype=object)
    kind = np.where(rec == "E4A", "planned (E4A)", "unplanned (E4B)").astype(object)

    overall = re_entry_summary(durations, events)
    planned = rec == "E4A"
    returns_total = int(len(durations))
    re_entries = overall["re_entries"]
    support_total = returns_total * costs.support_per_return
    break_even = support_total / costs.re_entry if costs.re_entry else None

    return {
        "as_of": as_of.isoformat(),
        "children": int(counts[0]),
        "episodes": int(counts[1]),
        "periods_of_care": int(counts[2]),
        "returns_home": {"E4A": int(planned.sum()), "E4B": int((rec == "E4B").sum())},
        "left_to_non_pr_E13": int(counts[3]),
        "placed_with_parents_P1": {
            "episodes": int(counts[5]),
            "periods_of_care": int(counts[6]),
            "children": int(counts[7]),
            "returns_home_from_P1": int(counts[8]),
        },
        "short_break_periods_excluded": int(short_breaks[0]) if short_breaks else 0,
        "re_entry": overall,
        "re_entry_by_type": {
            "E4A": re_entry_summary(durations[planned], events[planned]),
            "E4B": re_entry_summary(durations[~planned], events[~planned]),
        },
        "re_entry_curve": _curve(durations, events),
        "returns_home_by_year": [
            {"year": f"{y}-{(y + 1) % 100:02d}", "E4A": int(a), "E4B": int(b), "E13": int(c)}
            for y, a, b, c in by_year_rows
        ],
        "breakdowns": {
            "legal_status_at_return": _breakdown(ls, durations, events),
            "age_at_return": _breakdown(ages, durations, events, [b for _, b in AGE_BANDS] + ["unknown"]),
            "category_of_need": _breakdown(cin, durations, events),
            "planned_or_unplanned": _breakdown(kind, durations, events),
            "previous_returns": _breakdown(prev, durations, events, ["none", "1", "2 or more"]),
            "year_of_return": _breakdown(years, durations, events),
        },
        "costs": {
            "unit_costs": asdict(costs),
            "re_entries": re_entries,
            "cost_of_re_entries": round(re_entries * costs.re_entry, 2),
            "returns_home": returns_total,
            "cost_to_support_every_return": round(support_total, 2),
            "re_entries_to_avoid_to_break_even": None if break_even is None else round(break_even, 1),
            "share_of_returns_to_break_even": (
                None if break_even is None or not returns_total else round(break_even / returns_total, 4)
            ),
        },
        "national_benchmark": NATIONAL_BENCHMARK,
        "data_quality": {
            "errors": len(dataset.errors),
            "warnings": len(dataset.warnings),
            "files": [f.path for f in dataset.files],
        },
        "repairs": dict(dataset.repairs),
        "definitions": [{"term": t, "text": x} for t, x in DEFINITIONS],
    }


def as_of_from(text: str | None) -> date | None:
    """Parse --as-of (YYYY-MM-DD or dd/mm/YYYY)."""
    if not text:
        return None
    from datetime import datetime

    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD)")


