"""Several years at once: de-duplicate re-sent episodes and repair the joins between returns.

Each annual return re-sends the episodes open during its year, so the same episode (child and start
date) arrives several times, open in one year and closed in the next. The rules below follow the ones
liiatools names (`lds_ssda903_episodes_fix`); each is counted, none is silent.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pyarrow as pa

from homeward.ssda903 import arrow
from homeward.ssda903.codes import REC_UNKNOWN
from homeward.ssda903.frame import NULL_DAY, Frame, date_range_days, days_to_date

RULES = MappingProxyType(
    {
        "unusable_episode_dropped": "episode without a child ID or a possible start date (DECOM blank, "
        "not a date, before 1900 or in the future): left out of every figure",
        "end_before_start_cleared": "episode ending before it starts (DEC before DECOM): end date and reason "
        "ignored, the episode treated as open",
        "end_unreadable_cleared": "episode whose end cannot be used (a reason REC with DEC blank or not a "
        "date, or a DEC before 1900 or in the future): end date and reason ignored, the episode treated "
        "as open, so it ends no period and makes no return home",
        "duplicate_dropped": "the same episode (child and DECOM) sent more than once, e.g. open in one "
        "year's return and closed in the next: the closed, most recent version kept",
        "open_episode_closed_by_next_episode": "open episode followed by a later episode in the same "
        "period: closed the day the next one starts, with REC X1",
        "open_episode_closed_before_new_period": "open episode followed by a new period of care (RNE S): "
        f"closed the day the new period starts, reason unknown ({REC_UNKNOWN}, not a return home)",
        "overlap_truncated": "episode ending X1 (or with no reason) after the next one starts: its end "
        "moved to the next DECOM",
        "overlapping_ending_unknown": "episode ending the period of care (E4A, E4B or any reason but X1) "
        f"after the child's next episode starts: its end moved to the next DECOM and its reason unknown "
        f"({REC_UNKNOWN}), so the overlap makes no return home, re-entry or breakdown",
        "x1_gap_extended": "episode ending X1 (new episode the same day) but the next starts later: "
        "its end moved to the next DECOM",
        "same_day_restart_joined": "episode ending the period of care (E4A, E4B or any reason but X1) on the "
        "day the child's next episode starts (RNE S: DfE rule 431; any other RNE: rule 432): read as X1, "
        "the child stayed looked after (usually a miscoded X1)",
        "header_resent_merged": "the same child in the Header of more than one return: the most recent kept",
    }
)


# What each repair does to the figures, for the repairs list.
EFFECTS = MappingProxyType(
    {
        "unusable_episode_dropped": "left out of every figure (counted in data_quality)",
        "end_before_start_cleared": "no period ends there: no return home or other ending counted from it",
        "end_unreadable_cleared": "no period ends there: no return home or other ending counted from it",
        "duplicate_dropped": "none: each episode counted once",
        "open_episode_closed_by_next_episode": "none: the period of care goes on",
        "open_episode_closed_before_new_period": "the period ends for an unknown reason: never a return home",
        "overlap_truncated": "none: the period of care goes on",
        "overlapping_ending_unknown": "the period ends for an unknown reason: a return home there is not "
        "counted, so no re-entry at day 0",
        "x1_gap_extended": "none: the period of care goes on",
        "same_day_restart_joined": "the period ends X1 (still looked after): no return home and no "
        "re-entry on the same day",
        "header_resent_merged": "none: each child counted once",
    }
)


@dataclass
class Repaired:
    header: pa.Table
    episodes: pa.Table
    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)


def _file_recency(frame: Frame, n_files: int) -> np.ndarray:
    """Rank of each file by the latest date in it (later returns rank higher; ties by file order)."""
    latest = np.full(n_files, np.iinfo(np.int64).min, dtype=np.int64)
    if frame.n:
        # Rows are stacked file by file, so each file is one slice (NULL_DAY is the smallest int32).
        starts = np.flatnonzero(np.diff(frame.file, prepend=-1))
        for col in ("DECOM", "DEC"):
            per_file = np.maximum.reduceat(frame.days(col), starts)
            latest[frame.file[starts]] = np.maximum(latest[frame.file[starts]], per_file)
    order = np.lexsort((np.arange(n_files), latest))
    rank = np.empty(n_files, dtype=np.int64)
    rank[order] = np.arange(n_files)
    return rank


def _with_code(values: list[str], code: str) -> tuple[list[str], int]:
    if code in values:
        return values, values.index(code)
    return [*values, code], len(values)


def repair(header: Frame, episodes: Frame, n_files: int, pool: Executor | None = None) -> Repaired:
    """Turn the tidied header and episodes of every file into one clean history (the Header on
    the pool's thread, when given one, while the episodes are repaired on this one)."""
    e = episodes
    counts: dict[str, int] = dict.fromkeys(RULES, 0)
    header_part = pool.submit(_repair_header, header) if pool is not None else None
    rank = _file_recency(e, max(n_files, 1))
    child = e.codes("CHILD")
    start = e.days("DECOM")
    end = e.days("DEC")
    rec = e.codes("REC")
    # Usable episodes (a child and a start date), ordered by child and start (shared with validation).
    lowest, highest = date_range_days()
    order = e.by_child_start()
    possible = (start[order] >= lowest) & (start[order] <= highest)
    if not possible.all():
        order = order[possible]
    n_usable = len(order)
    counts["unusable_episode_dropped"] = int(e.n - n_usable)
    o_start, o_end, o_rec = start[order], end[order], rec[order]
    before_start = (o_end != NULL_DAY) & (o_end < o_start)
    unreadable = ~before_start & np.where(o_end == NULL_DAY, o_rec >= 0, (o_end < lowest) | (o_end > highest))
    if len(e.bad_dates["DEC"]):  # a DEC that is not a date, even with REC blank
        bad = np.zeros(e.n, dtype=bool)
        bad[e.bad_dates["DEC"]] = True
        unreadable |= bad[order]
    counts["end_before_start_cleared"] = int(np.count_nonzero(before_start))
    counts["end_unreadable_cleared"] = int(np.count_nonzero(unreadable))
    if counts["end_before_start_cleared"] or counts["end_unreadable_cleared"]:
        cleared = order[before_start | unreadable]
        end, rec = end.copy(), rec.copy()
        end[cleared] = NULL_DAY
        rec[cleared] = -1

    # Keep one version of each (child, DECOM): closed first, then the latest return, then the first row.
    c, s = child[order], start[order]
    group_start = np.ones(n_usable, dtype=bool)
    group_start[1:] = (c[1:] != c[:-1]) | (s[1:] != s[:-1])
    kept_at = np.flatnonzero(group_start)  # positions in `order`: each group's first row
    if len(kept_at) < n_usable:  # re-sent episodes: choose the best copy in each group of several
        sizes = np.diff(np.append(kept_at, n_usable))
        several = np.flatnonzero(sizes > 1)
        g_sizes = sizes[several]
        at = np.flatnonzero(np.repeat(sizes > 1, sizes))  # positions in `order` of those groups' rows
        g_starts = np.cumsum(g_sizes) - g_sizes  # each group's first position in `at`
        k_in_group = np.arange(len(at)) - np.repeat(g_starts, g_sizes)
        rows = order[at]
        score = (
            ((end[rows] != NULL_DAY).astype(np.int64) << 50)
            | (rank[e.file[rows]].astype(np.int64) << 30)
            | ((1 << 30) - 1 - np.minimum(k_in_group, (1 << 30) - 1))
        )
        best = np.maximum.reduceat(score, g_starts)
        kept_at[several] = at[score == np.repeat(best, g_sizes)]  # exactly one per group: scores differ
    kept = order[kept_at]
    counts["duplicate_dropped"] = int(n_usable - len(kept))

    # Join each episode to the child's next one.
    c, s, d, r = c[kept_at], s[kept_at], end[kept], rec[kept]
    has_next = np.zeros(len(kept), dtype=bool)
    has_next[:-1] = c[1:] == c[:-1]
    next_start = np.full(len(kept), NULL_DAY, dtype=s.dtype)
    next_start[:-1] = s[1:]
    next_is_s = np.zeros(len(kept), dtype=bool)
    rne_values = e.dictionary("RNE")
    if "S" in rne_values:
        next_is_s[:-1] = e.codes("RNE")[kept[1:]] == rne_values.index("S")
    rec_values = e.dictionary("REC")
    rec_values, x1 = _with_code(rec_values, "X1")
    rec_values, unknown = _with_code(rec_values, REC_UNKNOWN)
    is_open = d == NULL_DAY
    overlap = has_next & ~is_open & (d > next_start)
    ends_period = (r >= 0) & (r != x1)
    rules = {
        "open_episode_closed_before_new_period": has_next & is_open & next_is_s,
        "open_episode_closed_by_next_episode": has_next & is_open & ~next_is_s,
        "overlap_truncated": overlap & ~ends_period,
        "overlapping_ending_unknown": overlap & ends_period,
        "x1_gap_extended": has_next & ~is_open & (r == x1) & (d < next_start),
        "same_day_restart_joined": has_next & ~is_open & ends_period & (d == next_start),
    }
    examples: dict[str, list[str]] = {}
    for name, mask in rules.items():
        counts[name] = int(mask.sum())
        for i in np.flatnonzero(mask)[:3]:
            examples.setdefault(name, []).append(
                f"child {e.value('CHILD', kept[i])}, episode starting {days_to_date(int(s[i])):%d/%m/%Y}"
            )
        d = np.where(mask, next_start, d)
    r = np.where(
        rules["open_episode_closed_before_new_period"] | rules["overlapping_ending_unknown"], unknown, r
    )
    r = np.where(rules["open_episode_closed_by_next_episode"] | rules["same_day_restart_joined"], x1, r)

    dec = arrow.numeric(d, pa.date32(), null=d == NULL_DAY)
    rec_arr = pa.DictionaryArray.from_arrays(
        arrow.numeric(np.maximum(r, 0), pa.int32(), null=r < 0), arrow.strings(rec_values)
    )
    names = e.table.column_names
    table = e.table.drop_columns(["DEC", "REC"]).take(arrow.numeric(kept, pa.int64()))
    table = table.add_column(names.index("DEC"), "DEC", dec)
    table = table.add_column(names.index("REC"), "REC", rec_arr)

    header_table, counts["header_resent_merged"] = (
        header_part.result() if header_part is not None else _repair_header(header)
    )
    return Repaired(header=header_table, episodes=table, counts=counts, examples=examples)


def _repair_header(h: Frame) -> tuple[pa.Table, int]:
    """The latest return's Header row for each child, and how many re-sent rows were merged."""
    h_child = h.codes("CHILD")
    hidx = np.flatnonzero(h_child >= 0)
    # Header files carry no episode dates: the file given (or named) last counts as the latest,
    # so each child's last row wins (no sort needed: rows are stacked in file order).
    last = np.full(h.n_values("CHILD"), -1, dtype=np.int64)
    np.maximum.at(last, h_child[hidx], hidx)
    keep = last[last >= 0]  # in child order
    return h.table.take(arrow.numeric(keep, pa.int64())), int(len(hidx) - len(keep))
