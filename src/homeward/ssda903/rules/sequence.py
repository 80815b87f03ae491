"""A child's episodes in one return, in date order: each episode against the one before it.

Episodes are compared within each file (one return): the same episode re-sent in next year's return
is expected and handled by `homeward.ssda903.repair`, not reported here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from homeward.ssda903.frame import NULL_DAY, Frame
from homeward.ssda903.issues import Severity
from homeward.ssda903.rules.registry import Found, rule


@dataclass(frozen=True)
class _Pairs:
    """Each episode (`cur`) with the child's previous one in the same file (`prev`)."""

    e: Frame
    cur: np.ndarray
    prev: np.ndarray
    prev_by_cur: np.ndarray  # position of each episode's predecessor (-1: none)

    def prev_row(self, i: int) -> int:
        return int(self.e.row[self.prev_by_cur[i]])

    def prev_value(self, col: str, i: int) -> str | None:
        return self.e.value(col, int(self.prev_by_cur[i]))


def _ordered_pairs(e: Frame) -> np.ndarray:
    # Child-and-start order, then a stable (radix) sort by file: each file's episodes by child and
    # start date, same-day episodes in row order.
    by_child = e.by_child_start()
    files = e.file[by_child]
    files = files.astype(np.int16) if e.n and files.max(initial=0) < 32767 else files
    order = by_child[np.argsort(files, kind="stable")]
    if len(order) < 2:
        return np.zeros((2, 0), dtype=np.int64)
    cur, prev = order[1:], order[:-1]
    child = e.codes("CHILD")
    same = (child[cur] == child[prev]) & (e.file[cur] == e.file[prev])
    return np.stack([cur[same], prev[same]])


def _pairs(e: Frame) -> _Pairs:
    """Sorted once per frame and shared by the rules below."""
    both = e.cached("episode_pairs", lambda: _ordered_pairs(e))
    prev_by_cur = e.cached("previous_episode", lambda: _previous(e.n, both))
    return _Pairs(e, both[0], both[1], prev_by_cur)


def _previous(n: int, both: np.ndarray) -> np.ndarray:
    out = np.full(n, -1, dtype=np.int64)
    out[both[0]] = both[1]
    return out


def _x1(e: Frame) -> int:
    values = e.dictionary("REC")
    return values.index("X1") if "X1" in values else -2


@rule(
    "HW-09",
    "The child has two episodes starting on the same day.",
    fields=("CHILD", "DECOM"),
    kind="duplicate_episode",
)
def same_start(header: Frame, episodes: Frame) -> Iterator[Found]:
    p, start = _pairs(episodes), episodes.days("DECOM")
    yield Found(
        episodes,
        p.cur[start[p.prev] == start[p.cur]],
        "DECOM",
        lambda i: f"the child has another episode starting the same day (row {p.prev_row(i)})",
        allowed="one episode per child per start date",
    )


@rule(
    "501",
    "An episode starts before the child's previous episode ends.",
    fields=("DECOM", "DEC"),
    kind="overlapping_episodes",
)
def starts_before_previous_ends(header: Frame, episodes: Frame) -> Iterator[Found]:
    p, start, end = _pairs(episodes), episodes.days("DECOM"), episodes.days("DEC")
    prev_end = end[p.prev]
    yield Found(
        episodes,
        p.cur[(start[p.prev] < start[p.cur]) & (prev_end != NULL_DAY) & (prev_end > start[p.cur])],
        "DECOM",
        lambda i: (
            f"this episode starts before the child's previous episode (row {p.prev_row(i)}) "
            f"ends on {p.prev_value('DEC', i)}"
        ),
        allowed="each episode starts on or after the previous one ends",
    )


# The DfE's 142 names the open episode; the later episode is named here, with the open one's row.
@rule(
    "142",
    "An episode starts while the child's previous episode is still open.",
    fields=("DECOM", "DEC", "REC"),
    kind="overlapping_episodes",
)
def starts_while_previous_open(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    p, start = _pairs(e), e.days("DECOM")
    prev_open = (e.days("DEC")[p.prev] == NULL_DAY) & (e.codes("REC")[p.prev] < 0)
    yield Found(
        e,
        p.cur[(start[p.prev] < start[p.cur]) & prev_open],
        "DECOM",
        lambda i: (
            f"the child's previous episode (row {p.prev_row(i)}) is still open (no DEC or REC), "
            "yet this one starts"
        ),
        allowed="the earlier episode closed (DEC and REC) before a later one starts",
    )


@rule(
    "432",
    "The previous episode ended the period of care, but this one's RNE is not S (started to be looked "
    "after).",
    fields=("RNE", "REC"),
    kind="rne_not_s_after_period_ended",
)
def rne_not_s_after_period_ended(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    p, rec = _pairs(e), e.codes("REC")
    ended = (rec[p.prev] >= 0) & (rec[p.prev] != _x1(e))
    yield Found(
        e,
        p.cur[ended & ~e.isin("RNE", ["S"])[p.cur]],
        "RNE",
        lambda i: (
            f"the previous episode (row {p.prev_row(i)}) ended the period of care "
            f"(REC {p.prev_value('REC', i)} on {p.prev_value('DEC', i)}), "
            "so this episode starts a new period"
        ),
        allowed="S (started to be looked after)",
        value=lambda i: e.value("RNE", i),
    )


# The DfE's 431 (an error) flags RNE S after any episode ending the same day; here only after an X1,
# which says the child stayed looked after, and as a warning.
@rule(
    "431",
    "RNE S (a new period of care) follows an episode that ended X1 on the same day.",
    fields=("RNE", "DECOM", "DEC", "REC"),
    kind="rne_s_after_x1",
    severity=Severity.WARNING,
)
def rne_s_after_x1(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    p, start, end = _pairs(e), e.days("DECOM"), e.days("DEC")
    after_x1 = e.codes("REC")[p.prev] == _x1(e)
    yield Found(
        e,
        p.cur[after_x1 & e.isin("RNE", ["S"])[p.cur] & (end[p.prev] == start[p.cur])],
        "RNE",
        lambda i: (
            f"RNE S starts a new period of care, but the previous episode (row {p.prev_row(i)}) "
            "ended X1 (the child stayed looked after)"
        ),
        allowed="L, P, T, U or B after an X1; S only after the child left care",
        value=lambda i: e.value("RNE", i),
    )


# Close to the DfE's 388 (an X1 with no episode beginning that day), which names the X1 episode.
@rule(
    "HW-10",
    "The previous episode ended X1 (a new episode the same day), but this one starts later.",
    fields=("DECOM", "DEC", "REC"),
    kind="gap_after_x1",
    severity=Severity.WARNING,
)
def gap_after_x1(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    p, start, end = _pairs(e), e.days("DECOM"), e.days("DEC")
    prev_end = end[p.prev]
    after_x1 = e.codes("REC")[p.prev] == _x1(e)
    yield Found(
        e,
        p.cur[after_x1 & (prev_end != NULL_DAY) & (prev_end < start[p.cur])],
        "DECOM",
        lambda i: (
            f"the previous episode (row {p.prev_row(i)}) ended X1 on {p.prev_value('DEC', i)}, "
            "which means a new episode the same day, but this one starts later"
        ),
        allowed="DECOM equal to the previous episode's DEC after an X1",
    )
