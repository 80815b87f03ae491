"""Reunification outcomes from a 903 `Dataset`: periods of care, returns home, re-entry, costs.

One code path for imported returns and Homeward's own records. Episodes arrive ordered by child and
start date (as `load` leaves them), so periods of care are found with whole-array numpy operations
(no per-child Python loop); the returns home are then summarised by Kaplan-Meier per group.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from homeward.ssda903 import arrow, codes
from homeward.ssda903.dataset import Dataset
from homeward.ssda903.definitions import DEFINITIONS, NATIONAL_BENCHMARK
from homeward.ssda903.frame import EPOCH, NULL_DAY, days_to_date, order_by
from homeward.ssda903.km import kaplan_meier

HORIZONS = (182, 365, 730, 2190)


@dataclass(frozen=True)
class UnitCosts:
    """Pounds per event; an authority may use its own figures."""

    re_entry: float = 105_804.0  # each child returning to care after a failed return home
    support_per_return: float = 7_857.0  # supporting a family when a child returns home
    source: str = "Holmes (2024)"


def _codes(col: pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """Dictionary codes (-1 for blank) and the distinct values of a text column."""
    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    if not pa.types.is_dictionary(arr.type):
        arr = pc.dictionary_encode(arr)
    return arrow.indices_or_minus_one(arr), arr.dictionary.to_pylist()


def _days(col: pa.ChunkedArray) -> np.ndarray:
    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    return np.asarray(
        pc.fill_null(arr.cast(pa.int32()), NULL_DAY).to_numpy(zero_copy_only=False), dtype=np.int64
    )


def _member(codes_: np.ndarray, values: list[str], wanted: Collection[str]) -> np.ndarray:
    positions = [i for i, v in enumerate(values) if v in wanted]
    return np.isin(codes_, positions) if positions else np.zeros(len(codes_), dtype=bool)


def _grouped(codes_: np.ndarray, values: list[str], label: Any) -> tuple[np.ndarray, list[str]]:
    """Group numbers and names for rows, through each code's label (worked out once per value)."""
    labels = [label(v) for v in values] + [label(None)]
    names = sorted(set(labels))
    table = np.array([names.index(x) for x in labels], dtype=np.int64)
    return table[np.where(codes_ < 0, len(values), codes_)], names


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
    points: list[dict[str, Any]] = [
        {"day": 0, "cumulative_incidence": 0.0, "lower": 0.0, "upper": 0.0, "at_risk": len(durations)}
    ]
    for t, s, lo, hi, n, d in zip(
        km.times, km.survival, km.lower, km.upper, km.at_risk, km.events, strict=True
    ):
        if d > 0:
            points.append(
                {
                    "day": int(t),
                    "cumulative_incidence": _round(float(1 - s)),
                    "lower": _round(float(1 - hi)),
                    "upper": _round(float(1 - lo)),
                    "at_risk": int(n),
                }
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


def _breakdown(
    groups: np.ndarray, names: Sequence[str], durations: np.ndarray, events: np.ndarray
) -> list[dict[str, Any]]:
    """One re_entry summary per group that has returns, in the order of `names`."""
    rows = []
    for k, name in enumerate(names):
        mask = groups == k
        if mask.any():
            rows.append({"group": name, **re_entry_summary(durations[mask], events[mask])})
    return rows


@dataclass
class _Periods:
    child: np.ndarray
    start: np.ndarray
    end: np.ndarray
    rec: np.ndarray
    ls: np.ndarray
    cin: np.ndarray
    place: np.ndarray
    episodes: np.ndarray
    p1_episodes: np.ndarray


def _periods(dataset: Dataset, as_of_days: int | None) -> tuple[_Periods, dict[str, list[str]], int, int]:
    """Periods of care (all, short breaks included) and the code lists; also as_of and short breaks."""
    ep = dataset.episodes
    child, _ = _codes(ep.column("CHILD"))
    start, end = _days(ep.column("DECOM")), _days(ep.column("DEC"))
    cols = {c: _codes(ep.column(c)) for c in ("RNE", "LS", "CIN", "PLACE", "REC")}
    values = {c: v for c, (_, v) in cols.items()}
    rne, ls, cin, place, rec = (cols[c][0] for c in ("RNE", "LS", "CIN", "PLACE", "REC"))
    if as_of_days is None:
        as_of_days = int(max(start.max(initial=NULL_DAY), end.max(initial=NULL_DAY)))
    # Cut at as_of: later episodes are unknown, later endings not yet happened.
    keep = (start != NULL_DAY) & (start <= as_of_days) & (child >= 0)
    late_end = end > as_of_days
    end = np.where(late_end, NULL_DAY, end)
    rec = np.where(late_end, -1, rec)
    order = np.flatnonzero(keep)
    key_sorted = len(order) < 2 or bool(
        np.all(
            (child[order][1:] > child[order][:-1])
            | ((child[order][1:] == child[order][:-1]) & (start[order][1:] >= start[order][:-1]))
        )
    )
    if not key_sorted:
        order = order[order_by(child[order], start[order])]
    child, start, end = child[order], start[order], end[order]
    rne, ls, cin, place, rec = rne[order], ls[order], cin[order], place[order], rec[order]
    n = len(order)
    x1 = values["REC"].index(codes.STILL_LOOKED_AFTER) if codes.STILL_LOOKED_AFTER in values["REC"] else -2
    new_period = np.ones(n, dtype=bool)
    if n > 1:
        prev_rec = rec[:-1]
        new_period[1:] = (
            (child[1:] != child[:-1])
            | _member(rne[1:], values["RNE"], {"S"})
            | ((prev_rec >= 0) & (prev_rec != x1))
        )
    first = np.flatnonzero(new_period)
    last = np.append(first[1:] - 1, n - 1) if n else first
    short = _member(ls, values["LS"], codes.SHORT_BREAK_LEGAL_STATUSES)
    not_short = np.add.reduceat((~short).astype(np.int64), first) if n else np.array([], dtype=np.int64)
    p1 = _member(place, values["PLACE"], {codes.PLACED_WITH_PARENTS}).astype(np.int64)
    periods = _Periods(
        child=child[first],
        start=start[first],
        end=end[last],
        rec=rec[last],
        ls=ls[last],
        cin=cin[last],
        place=place[last],
        episodes=np.diff(np.append(first, n)),
        p1_episodes=np.add.reduceat(p1, first) if n else np.array([], dtype=np.int64),
    )
    short_breaks = not_short == 0
    sel = ~short_breaks
    kept = _Periods(**{k: v[sel] for k, v in periods.__dict__.items()})
    return kept, values, as_of_days, int(short_breaks.sum())


def analyse(dataset: Dataset, as_of: date | None = None, costs: UnitCosts | None = None) -> dict[str, Any]:
    """Every outcome figure as one JSON-serialisable dict (see the package docs for its keys)."""
    costs = costs or UnitCosts()
    as_of_days = None if as_of is None else (as_of - EPOCH).days
    p, values, as_of_days, short_breaks = _periods(dataset, as_of_days)
    if as_of is None:
        as_of = days_to_date(as_of_days) or date.today()
    rec_of = values["REC"]
    is_return = _member(p.rec, rec_of, codes.RETURN_HOME_CODES)
    planned_all = _member(p.rec, rec_of, {codes.PLANNED_RETURN_HOME})
    unplanned_all = _member(p.rec, rec_of, {codes.UNPLANNED_RETURN_HOME})
    e13 = _member(p.rec, rec_of, {codes.LEFT_TO_NON_PR})
    m = len(p.child)
    same_child_next = np.zeros(m, dtype=bool)
    same_child_next[:-1] = p.child[1:] == p.child[:-1]
    next_start = np.full(m, NULL_DAY, dtype=np.int64)
    next_start[:-1] = p.start[1:]
    next_start = np.where(same_child_next, next_start, NULL_DAY)
    # Earlier returns home of the same child.
    child_first = np.ones(m, dtype=bool)
    child_first[1:] = p.child[1:] != p.child[:-1]
    running = np.cumsum(is_return) - is_return
    base = (
        np.maximum.accumulate(np.where(child_first, np.arange(m), 0)) if m else np.array([], dtype=np.int64)
    )
    previous = running - running[base] if m else running

    r = np.flatnonzero(is_return)
    # Returns in order of follow-up time: every group below is then already sorted for Kaplan-Meier.
    follow_up = np.where(next_start[r] != NULL_DAY, next_start[r], as_of_days) - p.end[r]
    r = r[np.argsort(follow_up, kind="stable")]
    returned = p.end[r]
    has_next = next_start[r] != NULL_DAY
    durations = (np.where(has_next, next_start[r], as_of_days) - returned).astype(np.float64)
    events = has_next
    planned = planned_all[r]

    # Age at return from the Header's date of birth.
    dob = _dob_by_child(dataset, p.child)
    ages = np.where((dob[r] != NULL_DAY) & (dob[r] <= returned), _whole_years(dob[r], returned), -1)
    band_names = [b for _, b in AGE_BANDS] + ["unknown"]
    band = np.searchsorted(np.array([lo for lo, _ in AGE_BANDS]), ages, side="right") - 1
    age_groups = np.where(ages >= 0, band, len(AGE_BANDS))
    ls_groups, ls_names = _grouped(p.ls[r], values["LS"], _legal_group)
    cin_groups, cin_names = _grouped(
        p.cin[r], values["CIN"], lambda c: codes.describe("CIN", c) if c else "unknown"
    )
    prev_groups = np.minimum(previous[r], 2)
    ret_years = _collection_start_year(returned)
    first_year = int(ret_years.min()) if len(r) else 0
    year_names = [_year_label(y) for y in range(first_year, int(ret_years.max(initial=first_year)) + 1)]
    kind_groups = np.where(planned, 0, 1)

    overall = re_entry_summary(durations, events)
    returns_total = int(len(r))
    re_entries = overall["re_entries"]
    support_total = returns_total * costs.support_per_return
    break_even = support_total / costs.re_entry if costs.re_entry else None

    counted = planned_all | unplanned_all | e13
    cy = _collection_start_year(p.end[counted])
    years_seen, year_index = np.unique(cy, return_inverse=True)
    per_year = [
        np.bincount(year_index, weights=m[counted], minlength=len(years_seen)).astype(np.int64)
        for m in (planned_all, unplanned_all, e13)
    ]
    p1_periods = p.p1_episodes > 0
    from_p1 = _member(p.place, values["PLACE"], {codes.PLACED_WITH_PARENTS}) & is_return

    return {
        "as_of": as_of.isoformat(),
        "children": _distinct_sorted(p.child),
        "episodes": int(p.episodes.sum()),
        "periods_of_care": int(m),
        "returns_home": {"E4A": int(planned.sum()), "E4B": int((~planned).sum())},
        "left_to_non_pr_E13": int(e13.sum()),
        "placed_with_parents_P1": {
            "episodes": int(p.p1_episodes.sum()),
            "periods_of_care": int(p1_periods.sum()),
            "children": _distinct_sorted(p.child[p1_periods]),
            "returns_home_from_P1": int(from_p1.sum()),
        },
        "short_break_periods_excluded": short_breaks,
        "re_entry": overall,
        "re_entry_by_type": {
            "E4A": re_entry_summary(durations[planned], events[planned]),
            "E4B": re_entry_summary(durations[~planned], events[~planned]),
        },
        "re_entry_curve": _curve(durations, events),
        "returns_home_by_year": [
            {"year": _year_label(int(y)), "E4A": int(a), "E4B": int(b), "E13": int(c)}
            for y, a, b, c in zip(years_seen, *per_year, strict=True)
        ],
        "breakdowns": {
            "legal_status_at_return": _breakdown(ls_groups, ls_names, durations, events),
            "age_at_return": _breakdown(age_groups, band_names, durations, events),
            "category_of_need": _breakdown(cin_groups, cin_names, durations, events),
            "planned_or_unplanned": _breakdown(
                kind_groups, ["planned (E4A)", "unplanned (E4B)"], durations, events
            ),
            "previous_returns": _breakdown(prev_groups, ["none", "1", "2 or more"], durations, events),
            "year_of_return": _breakdown(ret_years - first_year, year_names, durations, events),
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


def _year_label(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


def _distinct_sorted(values: np.ndarray) -> int:
    """How many distinct values in an array already grouped (equal values next to each other)."""
    return int(len(values) and 1 + np.count_nonzero(values[1:] != values[:-1]))


def _collection_start_year(days: np.ndarray) -> np.ndarray:
    """The year a 903 collection year (1 April - 31 March) starts, for day numbers."""
    d = days.astype("datetime64[D]")
    year = d.astype("datetime64[Y]").astype(np.int64) + 1970
    month = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    return np.where(month >= 4, year, year - 1)


def _whole_years(born: np.ndarray, on: np.ndarray) -> np.ndarray:
    b, o = born.astype("datetime64[D]"), on.astype("datetime64[D]")
    by, oy = b.astype("datetime64[Y]").astype(np.int64), o.astype("datetime64[Y]").astype(np.int64)
    bm, om = b.astype("datetime64[M]").astype(np.int64) % 12, o.astype("datetime64[M]").astype(np.int64) % 12
    bd = (b - b.astype("datetime64[M]")).astype(np.int64)
    od = (o - o.astype("datetime64[M]")).astype(np.int64)
    before_birthday = (om < bm) | ((om == bm) & (od < bd))
    return oy - by - before_birthday.astype(np.int64)


def _dob_by_child(dataset: Dataset, period_child: np.ndarray) -> np.ndarray:
    """Date of birth (day number) for each period's child, NULL_DAY if not in the Header."""
    if dataset.header.num_rows == 0 or len(period_child) == 0:
        return np.full(len(period_child), NULL_DAY, dtype=np.int64)
    ep_child = dataset.episodes.column("CHILD").combine_chunks()
    # The same dictionary _codes() used for the child codes.
    ep_values = (
        ep_child.dictionary
        if pa.types.is_dictionary(ep_child.type)
        else pc.dictionary_encode(ep_child).dictionary
    )
    hd_child = dataset.header.column("CHILD").combine_chunks()
    hd_child = hd_child.cast(pa.string()) if pa.types.is_dictionary(hd_child.type) else hd_child
    pos = pc.index_in(ep_values.cast(pa.string()), value_set=hd_child)
    pos_np = np.asarray(pc.fill_null(pos, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
    dob = _days(dataset.header.column("DOB"))
    dob_by_value = np.where(pos_np >= 0, dob[np.maximum(pos_np, 0)], NULL_DAY)
    return dob_by_value[period_child]


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
