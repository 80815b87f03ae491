"""A child's episodes in one return, in date order: overlaps, gaps after X1, RNE after a period ended.

Episodes are compared within each file (one return): the same episode re-sent in next year's return
is expected and handled by `homeward.ssda903.repair`, not reported here.
"""

from __future__ import annotations

import numpy as np

from homeward.ssda903.frame import NULL_DAY, Frame
from homeward.ssda903.issues import Issue, Severity
from homeward.ssda903.validation._util import issues_at


def check(header: Frame, episodes: Frame) -> list[Issue]:
    e = episodes
    child = e.codes("CHILD")
    start, end = e.days("DECOM"), e.days("DEC")
    # Child-and-start order, then a stable (radix) sort by file: each file's episodes by child and
    # start date, same-day episodes in row order.
    by_child = e.by_child_start()
    files = e.file[by_child]
    files = files.astype(np.int16) if e.n and files.max(initial=0) < 32767 else files
    order = by_child[np.argsort(files, kind="stable")]
    if len(order) < 2:
        return []
    cur, prev = order[1:], order[:-1]
    same = (child[cur] == child[prev]) & (e.file[cur] == e.file[prev])
    cur, prev = cur[same], prev[same]
    rec = e.codes("REC")
    rec_values = e.dictionary("REC")
    x1 = rec_values.index("X1") if "X1" in rec_values else -2
    is_s = e.isin("RNE", ["S"])
    prev_end = end[prev]
    prev_open = (prev_end == NULL_DAY) & (rec[prev] < 0)
    later = start[prev] < start[cur]

    prev_by_cur = np.full(e.n, -1, dtype=np.int64)  # position of each episode's predecessor
    prev_by_cur[cur] = prev

    def prev_row(i: int) -> int:
        return int(e.row[prev_by_cur[i]])

    issues = issues_at(
        e,
        cur[start[prev] == start[cur]],
        kind="duplicate_episode",
        column="DECOM",
        message=lambda i: f"the child has another episode starting the same day (row {prev_row(i)})",
        allowed="one episode per child per start date",
    )
    issues += issues_at(
        e,
        cur[later & (prev_end != NULL_DAY) & (prev_end > start[cur])],
        kind="overlapping_episodes",
        column="DECOM",
        message=lambda i: (
            f"this episode starts before the child's previous episode (row {prev_row(i)}) "
            f"ends on {e.value('DEC', prev_by_cur[i])}"
        ),
        allowed="each episode starts on or after the previous one ends",
    )
    issues += issues_at(
        e,
        cur[later & prev_open],
        kind="overlapping_episodes",
        column="DECOM",
        message=lambda i: (
            f"the child's previous episode (row {prev_row(i)}) is still open (no DEC or REC), "
            "yet this one starts"
        ),
        allowed="the earlier episode closed (DEC and REC) before a later one starts",
    )
    ended = (rec[prev] >= 0) & (rec[prev] != x1)
    issues += issues_at(
        e,
        cur[ended & ~is_s[cur]],
        kind="rne_not_s_after_period_ended",
        column="RNE",
        value=lambda i: e.value("RNE", i),
        message=lambda i: (
            f"the previous episode (row {prev_row(i)}) ended the period of care "
            f"(REC {e.value('REC', prev_by_cur[i])} on {e.value('DEC', prev_by_cur[i])}), "
            "so this episode starts a new period"
        ),
        allowed="S (started to be looked after)",
    )
    after_x1 = rec[prev] == x1
    issues += issues_at(
        e,
        cur[after_x1 & is_s[cur] & (prev_end == start[cur])],
        kind="rne_s_after_x1",
        column="RNE",
        value=lambda i: e.value("RNE", i),
        message=lambda i: (
            f"RNE S starts a new period of care, but the previous episode (row {prev_row(i)}) "
            "ended X1 (the child stayed looked after)"
        ),
        allowed="L, P, T, U or B after an X1; S only after the child left care",
        severity=Severity.WARNING,
    )
    issues += issues_at(
        e,
        cur[after_x1 & (prev_end != NULL_DAY) & (prev_end < start[cur])],
        kind="gap_after_x1",
        column="DECOM",
        message=lambda i: (
            f"the previous episode (row {prev_row(i)}) ended X1 on {e.value('DEC', prev_by_cur[i])}, "
            "which means a new episode the same day, but this one starts later"
        ),
        allowed="DECOM equal to the previous episode's DEC after an X1",
        severity=Severity.WARNING,
    )
    return issues
