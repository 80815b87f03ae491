"""Reunification outcomes from a 903 `Dataset`: periods of care, returns home, re-entry, costs.

One code path for imported returns and Homeward's own records. The engine is Polars, chosen because
every step here is an expression over the whole episodes table (shifts against the previous row,
cumulative sums, a group-by per period of care, joins) that Polars plans lazily and runs
multi-threaded, with no Python loop over children or rows. The repaired Arrow tables are read with
`pl.from_arrow` (dates and the CHILD dictionary indices zero-copy). Episodes arrive ordered by child
and start date (as `load` leaves them), so the sort is skipped when that order already holds. The
result is one row per return home, summarised by Kaplan-Meier (`km`, numpy) overall and per group.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from homeward.ssda903 import codes
from homeward.ssda903.dataset import Dataset
from homeward.ssda903.definitions import DEFINITIONS, NATIONAL_BENCHMARK
from homeward.ssda903.frame import EPOCH, NULL_DAY, date_range_days, days_to_date
from homeward.ssda903.history import (
    AGE_BANDS,
    KIND_GROUPS,
    PLACEMENT_CHANGE_RNE,
    PREVIOUS_RETURN_GROUPS,
    UNKNOWN,
    HistorySummary,
    PeriodOfCare,
    ReturnHome,
    legal_status_group,
    need_group,
    year_label,
)
from homeward.ssda903.km import kaplan_meier
from homeward.ssda903.result import (
    Analysis,
    Bounds,
    Breakdowns,
    Costs,
    CurvePoint,
    DataQuality,
    Definition,
    GroupReEntry,
    PlacedWithParents,
    ReEntry,
    ReturnsHome,
    UnitCosts,
    YearOfReturns,
)

HORIZONS = (182, 365, 730, 2190)
__all__ = ["Analysis", "UnitCosts", "analyse", "collection_year", "re_entry_summary"]


def collection_year(d: date) -> str:
    """The 903 year (1 April to 31 March) a date falls in, e.g. 2023-05-01 -> '2023-24'."""
    start = d.year if d.month >= 4 else d.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


def re_entry_summary(durations: np.ndarray, events: np.ndarray) -> ReEntry:
    """Returns, observed re-entries and KM cumulative incidence with 95 % CIs at each horizon."""
    km = kaplan_meier(durations, events)
    incidence: dict[int, float | None] = {}
    ci: dict[int, Bounds | None] = {}
    for h in HORIZONS:
        v = km.at(h)
        incidence[h] = _round(v[0]) if v else None
        ci[h] = (_round(v[1]), _round(v[2])) if v else None
    return ReEntry(int(len(durations)), int(np.sum(events)), incidence, ci)


def _curve(durations: np.ndarray, events: np.ndarray) -> tuple[CurvePoint, ...]:
    km = kaplan_meier(durations, events)
    points = [CurvePoint(0, 0.0, 0.0, 0.0, len(durations))]
    for t, s, lo, hi, n, d in zip(
        km.times, km.survival, km.lower, km.upper, km.at_risk, km.events, strict=True
    ):
        if d > 0:
            points.append(
                CurvePoint(int(t), _round(float(1 - s)), _round(float(1 - hi)), _round(float(1 - lo)), int(n))
            )
    return tuple(points)


CODE_COLUMNS = ("RNE", "LS", "CIN", "PLACE", "REC")


def _dictionary(col: pa.ChunkedArray) -> pa.DictionaryArray:
    arr = col.combine_chunks()
    return arr if pa.types.is_dictionary(arr.type) else pc.dictionary_encode(arr)


def _episodes(dataset: Dataset) -> tuple[pl.DataFrame, pl.Series]:
    """The episode columns the analysis uses, as Polars, and the name of each child.

    `child` is the CHILD column's Arrow dictionary index (zero-copy; null where blank): an integer key
    that is cheap to compare, sort and group; the Series returned with the frame names the child of
    each index. Dates become day numbers (days since 1970-01-01, zero-copy), the codes categorical.
    """
    child = _dictionary(dataset.episodes.column("CHILD"))
    frame = pl.DataFrame(pl.from_arrow(dataset.episodes.select(["DECOM", "DEC", *CODE_COLUMNS])))
    frame = frame.select(
        pl.Series("child", child.indices),
        pl.col("DECOM").cast(pl.Int32).alias("start"),
        pl.col("DEC").cast(pl.Int32).alias("end"),
        *CODE_COLUMNS,
    )
    return frame, pl.Series("CHILD", child.dictionary.cast(pa.string()))


def _in(column: str, wanted: Collection[str]) -> pl.Expr:
    """Whether a code column holds one of `wanted` (false when blank)."""
    return pl.col(column).is_in(sorted(wanted)).fill_null(False)


def _is(column: str, code: str) -> pl.Expr:
    return (pl.col(column) == code).fill_null(False)


def _placed_with_parents() -> pl.Expr:
    """PLACE P1 under an order: P1 under s20 (V2) cannot be (DfE rule 378) and is not counted."""
    return _is("PLACE", codes.PLACED_WITH_PARENTS) & ~_in("LS", codes.VOLUNTARY_LEGAL_STATUSES)


def _changed(column: str, by: int = 1) -> pl.Expr:
    """True where the value differs from the one `by` rows before (or there is none)."""
    return (pl.col(column) != pl.col(column).shift(by)).fill_null(True)


def _cut(episodes: pl.DataFrame, as_of_days: int) -> pl.DataFrame:
    """The episodes known on as_of, in child then start order: later episodes are unknown, later
    endings not yet happened, and an episode without a DEC is open whatever its REC says."""
    late = pl.col("end") > as_of_days
    cut = (
        episodes.lazy()
        .filter(pl.col("child").is_not_null() & (pl.col("start") <= as_of_days))
        .with_columns(
            end=pl.when(late).then(None).otherwise(pl.col("end")),
            REC=pl.when(late | pl.col("end").is_null()).then(None).otherwise(pl.col("REC")),
        )
        .collect()
    )
    in_order = cut.select(
        ((pl.col("child").diff() > 0) | ((pl.col("child").diff() == 0) & (pl.col("start").diff() >= 0))).all()
    ).item()
    return cut if in_order else cut.sort("child", "start", maintain_order=True)


def _periods(cut: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """Periods of care in child then start order (short-break episodes left out), and how many periods
    were made only of short breaks.

    Each period carries its first start, its last episode's end, REC, LS, CIN and PLACE, its number of
    episodes, of placements and of P1 episodes, the next period's start for the same child, and whether
    it ended in a return home with how many earlier returns home the child had.
    """
    rec_before = pl.col("REC").shift(1)
    new_period = (
        _changed("child")
        | _is("RNE", "S")
        | (rec_before.is_not_null() & (rec_before != codes.STILL_LOOKED_AFTER)).fill_null(False)
    )
    # Periods are chained over every episode; then short-break episodes (V3, V4) are left out, as the
    # DfE does: a period's start, end and reason are those of its other episodes, and a period made
    # only of short breaks disappears.
    numbered = cut.lazy().with_columns(period=new_period.cum_sum().set_sorted())
    n_periods = numbered.select(pl.len(), pl.col("period").max()).collect().row(0)
    periods_counted = (
        numbered.filter(~_in("LS", codes.SHORT_BREAK_LEGAL_STATUSES))
        .group_by("period", maintain_order=True)
        .agg(
            pl.col("child", "start").first(),
            pl.col("end", *CODE_COLUMNS[1:]).last(),
            episodes=pl.len(),
            placements=_in("RNE", PLACEMENT_CHANGE_RNE).sum(),
            p1_episodes=_placed_with_parents().sum(),
        )
        .collect()
    )
    is_return = _in("REC", codes.RETURN_HOME_CODES).cast(pl.Int64)
    # Returns home before this period's, over all children, minus those before the child's first period.
    running = is_return.cum_sum() - is_return
    periods = (
        periods_counted.lazy()
        .with_columns(
            next_start=pl.when(~_changed("child", -1)).then(pl.col("start").shift(-1)),
            is_return=is_return.cast(pl.Boolean),
            previous_returns=running - pl.when(_changed("child")).then(running).forward_fill(),
        )
        .collect()
    )
    total = int(n_periods[1] or 0) if n_periods[0] else 0
    return periods, total - len(periods)


def _dates(days: str) -> pl.Expr:
    return pl.col(days).cast(pl.Date)


def _collection_start_year(days: str) -> pl.Expr:
    """The year the 903 collection year (1 April - 31 March) of a day number starts."""
    d = _dates(days)
    return d.dt.year().cast(pl.Int64) - (d.dt.month() < 4).cast(pl.Int64)


def _age_band(age: pl.Expr) -> pl.Expr:
    """Index into AGE_BANDS (len(AGE_BANDS) for unknown)."""
    band: pl.Expr = pl.lit(len(AGE_BANDS))
    for i, (lo, _) in enumerate(AGE_BANDS):
        band = pl.when(age >= lo).then(pl.lit(i)).otherwise(band)
    return band


def _dob(dataset: Dataset, children: pl.Series, wanted: pl.Series) -> pl.LazyFrame:
    """Date of birth (day number) of the `wanted` children (CHILD indices), from each one's first
    Header row. Only their names are matched with the Header's (through its CHILD dictionary)."""
    hd = _dictionary(dataset.header.column("CHILD"))
    header = pl.DataFrame(
        [
            pl.Series("h", hd.indices),
            pl.Series("dob", dataset.header.column("DOB").combine_chunks()).cast(pl.Int32),
        ]
    ).with_row_index("row")
    lowest, highest = date_range_days()  # an impossible date of birth is no age (rules HW-04, 102)
    header = header.with_columns(dob=pl.when(pl.col("dob").is_between(lowest, highest)).then(pl.col("dob")))
    header_names = pl.Series("CHILD", hd.dictionary.cast(pa.string())).to_frame().with_row_index("h")
    names = pl.DataFrame([wanted, children.gather(wanted)])
    return (
        names.lazy()
        .join(header_names.lazy(), on="CHILD")
        .join(header.lazy().with_columns(pl.col("h").cast(pl.UInt32)), on="h")
        .group_by("child")
        .agg(pl.col("dob").sort_by("row").first())
    )


def _returns(dataset: Dataset, periods: pl.DataFrame, children: pl.Series, as_of_days: int) -> pl.DataFrame:
    """One row per return home, in order of follow-up time (so every group is sorted for Kaplan-Meier):
    duration (days to re-entry or to as_of), event (re-entered), and each breakdown's group."""
    returns = periods.filter("is_return")
    dob = _dob(dataset, children, returns.get_column("child").unique())
    ls = returns.get_column("LS").cast(pl.String).unique()
    cin = returns.get_column("CIN").cast(pl.String).unique()
    end, born = pl.col("end"), pl.col("dob")
    ended, birth = _dates("end"), _dates("dob")
    before_birthday = (ended.dt.month() < birth.dt.month()) | (
        (ended.dt.month() == birth.dt.month()) & (ended.dt.day() < birth.dt.day())
    )
    age = pl.when(born.is_not_null() & end.is_not_null() & (born <= end)).then(
        ended.dt.year().cast(pl.Int64) - birth.dt.year().cast(pl.Int64) - before_birthday.cast(pl.Int64)
    )
    return (
        returns.lazy()
        .join(dob, on="child", how="left", maintain_order="left")
        .select(
            duration=(
                pl.coalesce(pl.col("next_start"), pl.lit(as_of_days)).cast(pl.Int64) - end.cast(pl.Int64)
            ),
            event=pl.col("next_start").is_not_null(),
            planned=_is("REC", codes.PLANNED_RETURN_HOME),
            from_p1=_placed_with_parents(),
            legal_status=_label("LS", ls, legal_status_group),
            age_band=_age_band(age),
            need=_label("CIN", cin, need_group),
            kind=pl.when(_is("REC", codes.PLANNED_RETURN_HOME)).then(0).otherwise(1),
            previous=pl.min_horizontal(pl.col("previous_returns"), 2),
            year=_collection_start_year("end"),
            # What the per-child path (`history.ReturnHome`) holds, for `care_histories`.
            child=pl.col("child"),
            returned_on=_dates("end"),
            code=pl.col("REC").cast(pl.String),
            re_entry=_dates("next_start"),
            ls=pl.col("LS").cast(pl.String),
            cin=pl.col("CIN").cast(pl.String),
            place=pl.col("PLACE").cast(pl.String),
            previous_returns=pl.col("previous_returns"),
            age=age,
        )
        .sort("duration", maintain_order=True)
        .collect()
    )


def _label(column: str, values: pl.Series, label: Callable[[str | None], str]) -> pl.Expr:
    """A code column's group names, through each code's label (worked out once per distinct value)."""
    present = [v for v in values.to_list() if v is not None]
    return (
        pl.col(column)
        .cast(pl.String)
        .replace_strict(present, [label(v) for v in present], return_dtype=pl.String)
        .fill_null(label(None))
    )


def _arrays(returns: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    return (
        returns.get_column("duration").to_numpy().astype(np.float64),
        returns.get_column("event").to_numpy().astype(bool),
    )


def _breakdown(returns: pl.DataFrame, column: str, name: Callable[[Any], str]) -> tuple[GroupReEntry, ...]:
    """One re_entry summary per group that has returns, in the order of the group keys."""
    parts = returns.partition_by(column, as_dict=True, maintain_order=True)
    return tuple(
        GroupReEntry(name(key[0]), re_entry_summary(*_arrays(parts[key])))
        for key in sorted(parts, key=lambda k: k[0])
    )


def _as_of(episodes: pl.DataFrame, as_of: date | None) -> tuple[date, int]:
    """as_of and its day number; by default the latest start or end date in the data."""
    if as_of is None:
        latest = episodes.select(pl.max_horizontal(pl.max("start"), pl.max("end"))).item()
        as_of_days = NULL_DAY if latest is None else int(latest)
        return days_to_date(as_of_days) or date.today(), as_of_days
    return as_of, (as_of - EPOCH).days


def _by_child(
    dataset: Dataset, as_of: date | None
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.Series]:
    episodes, children = _episodes(dataset)
    as_of, as_of_days = _as_of(episodes, as_of)
    cut = _cut(episodes, as_of_days)
    periods, _ = _periods(cut)
    return cut, periods, _returns(dataset, periods, children, as_of_days), children


def care_histories(dataset: Dataset, as_of: date | None = None) -> dict[str, HistorySummary]:
    """What `analyse` finds for each child (periods, returns home, legal status now, in care since),
    by CHILD: the bulk twin of `history.care_history(...).summary()`, from the very frames `analyse`
    summarises. For checking the two paths agree, and for asking about many children at once."""
    cut, periods, returns, children = _by_child(dataset, as_of)
    names = children.to_list()
    now = cut.group_by("child", maintain_order=True).agg(pl.col("end", "LS").last())
    out: dict[int, dict[str, Any]] = {
        c: {"periods": [], "returns": [], "now": ls if end is None else None}
        for c, end, ls in now.iter_rows()
    }
    for row in periods.with_columns(start=_dates("start"), end=_dates("end")).iter_rows(named=True):
        out[row["child"]]["periods"].append(
            PeriodOfCare(
                start=row["start"],
                end=row["end"],
                end_reason=row["REC"],
                legal_status=row["LS"],
                category_of_need=row["CIN"],
                placement=row["PLACE"],
                episodes=row["episodes"],
                placements=row["placements"],
            )
        )
    for row in returns.sort("child", "returned_on", maintain_order=True).iter_rows(named=True):
        out[row["child"]]["returns"].append(
            ReturnHome(
                returned_on=row["returned_on"],
                code=row["code"],
                legal_status=row["ls"],
                category_of_need=row["cin"],
                placement=row["place"],
                re_entry=row["re_entry"],
                previous_returns=row["previous_returns"],
                age=row["age"],
            )
        )
    result = {}
    for c, found in out.items():
        ps: list[PeriodOfCare] = found["periods"]
        result[names[c]] = HistorySummary(
            periods=tuple(ps),
            returns_home=tuple(found["returns"]),
            legal_status_now=found["now"],
            in_care_since=ps[-1].start if ps and ps[-1].end is None else None,
        )
    return result


def return_groups(dataset: Dataset, as_of: date | None = None) -> dict[str, list[dict[str, str]]]:
    """Each child's returns home (in date order) with the group each falls in for every breakdown
    `analyse` reports: the bulk twin of `history.ReturnHome.groups()`."""
    _, _, returns, children = _by_child(dataset, as_of)
    names = children.to_list()
    out: dict[str, list[dict[str, str]]] = {}
    for row in returns.sort("child", "returned_on", maintain_order=True).iter_rows(named=True):
        out.setdefault(names[row["child"]], []).append(
            {
                "legal_status_at_return": row["legal_status"],
                "age_at_return": ([b for _, b in AGE_BANDS] + [UNKNOWN])[row["age_band"]],
                "category_of_need": row["need"],
                "planned_or_unplanned": KIND_GROUPS[row["kind"]],
                "previous_returns": PREVIOUS_RETURN_GROUPS[row["previous"]],
                "year_of_return": year_label(row["year"]),
            }
        )
    return out


def analyse(dataset: Dataset, as_of: date | None = None, costs: UnitCosts | None = None) -> Analysis:
    """Every outcome figure, typed; `.as_dict()` is the JSON (see the package docs for its keys)."""
    costs = costs or UnitCosts()
    episodes, children = _episodes(dataset)
    as_of, as_of_days = _as_of(episodes, as_of)
    p, short_breaks = _periods(_cut(episodes, as_of_days))
    returns = _returns(dataset, p, children, as_of_days)
    durations, events = _arrays(returns)
    planned = returns.get_column("planned").to_numpy()

    overall = re_entry_summary(durations, events)
    returns_total = int(len(returns))
    re_entries = overall.re_entries
    support_total = returns_total * costs.support_per_return
    break_even = support_total / costs.re_entry if costs.re_entry else None

    per_year = (
        p.lazy()
        .filter(_in("REC", {codes.PLANNED_RETURN_HOME, codes.UNPLANNED_RETURN_HOME, codes.LEFT_TO_NON_PR}))
        .group_by(year=_collection_start_year("end"))
        .agg(
            E4A=_is("REC", codes.PLANNED_RETURN_HOME).sum(),
            E4B=_is("REC", codes.UNPLANNED_RETURN_HOME).sum(),
            E13=_is("REC", codes.LEFT_TO_NON_PR).sum(),
        )
        .sort("year")
        .collect()
    )
    p1_period = pl.col("p1_episodes") > 0
    counts = p.select(
        children=pl.col("child").n_unique(),
        episodes=pl.col("episodes").sum(),
        e13=_is("REC", codes.LEFT_TO_NON_PR).sum(),
        p1_episodes=pl.col("p1_episodes").sum(),
        p1_periods=p1_period.sum(),
        p1_children=pl.col("child").filter(p1_period).n_unique(),
    ).row(0, named=True)
    band_names = [b for _, b in AGE_BANDS] + [UNKNOWN]

    return Analysis(
        as_of=as_of,
        children=int(counts["children"]),
        episodes=int(counts["episodes"] or 0),
        periods_of_care=int(len(p)),
        returns_home=ReturnsHome(planned=int(planned.sum()), unplanned=int((~planned).sum())),
        left_to_non_pr_e13=int(counts["e13"] or 0),
        placed_with_parents_p1=PlacedWithParents(
            episodes=int(counts["p1_episodes"] or 0),
            periods_of_care=int(counts["p1_periods"] or 0),
            children=int(counts["p1_children"]),
            returns_home_from_p1=int(returns.get_column("from_p1").sum()),
        ),
        short_break_periods_excluded=short_breaks,
        re_entry=overall,
        re_entry_by_type={
            "E4A": re_entry_summary(durations[planned], events[planned]),
            "E4B": re_entry_summary(durations[~planned], events[~planned]),
        },
        re_entry_curve=_curve(durations, events),
        returns_home_by_year=tuple(
            YearOfReturns(year_label(int(row["year"])), int(row["E4A"]), int(row["E4B"]), int(row["E13"]))
            for row in per_year.iter_rows(named=True)
        ),
        breakdowns=Breakdowns(
            legal_status_at_return=_breakdown(returns, "legal_status", str),
            age_at_return=_breakdown(returns, "age_band", band_names.__getitem__),
            category_of_need=_breakdown(returns, "need", str),
            planned_or_unplanned=_breakdown(returns, "kind", KIND_GROUPS.__getitem__),
            previous_returns=_breakdown(returns, "previous", PREVIOUS_RETURN_GROUPS.__getitem__),
            year_of_return=_breakdown(returns, "year", year_label),
        ),
        costs=Costs(
            unit_costs=costs,
            re_entries=re_entries,
            cost_of_re_entries=round(re_entries * costs.re_entry, 2),
            returns_home=returns_total,
            cost_to_support_every_return=round(support_total, 2),
            re_entries_to_avoid_to_break_even=None if break_even is None else round(break_even, 1),
            share_of_returns_to_break_even=(
                None if break_even is None or not returns_total else round(break_even / returns_total, 4)
            ),
        ),
        national_benchmark=NATIONAL_BENCHMARK,
        data_quality=DataQuality(
            errors=len(dataset.errors),
            warnings=len(dataset.warnings),
            episodes_left_out=dataset.repairs.get("unusable_episode_dropped", 0),
            files=tuple(f.path for f in dataset.files),
        ),
        repairs=dict(dataset.repairs),
        definitions=tuple(Definition(t, x) for t, x in DEFINITIONS),
    )
