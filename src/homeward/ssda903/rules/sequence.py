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


def file_child_start(e: Frame) -> np.ndarray:
    """Each file's episodes by child and start date, same-day episodes in row order (sorted once)."""
    return e.cached("file_child_start", lambda: _file_child_start(e))


def _file_child_start(e: Frame) -> np.ndarray:
    # Child-and-start order, then a stable (radix) sort by file.
    by_child = e.by_child_start()
    files = e.file[by_child]
    files = files.astype(np.int16) if e.n and files.max(initial=0) < 32767 else files
    return by_child[np.argsort(files, kind="stable")]


def _ordered_pairs(e: Frame) -> np.ndarray:
    order = file_child_start(e)
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


# The DfE's 431 is an error; here a warning, because Homeward repairs what it does to the figures
# (`repair` rule same_day_restart_joined): the ending is read as X1, so no return home and no re-entry
# at day 0 is counted.
@rule(
    "431",
    "RNE S (a new period of care) starts the day the previous episode ended: the child never left care.",
    fields=("RNE", "DECOM", "DEC", "REC"),
    kind="rne_s_after_x1",
    severity=Severity.WARNING,
)
def rne_s_same_day(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    p, start, end = _pairs(e), e.days("DECOM"), e.days("DEC")
    rec = e.codes("REC")[p.prev]

    def message(i: int) -> str:
        ended = p.prev_value("REC", i)
        if ended == "X1":
            return (
                f"RNE S starts a new period of care, but the previous episode (row {p.prev_row(i)}) "
                "ended X1 (the child stayed looked after)"
            )
        return (
            f"RNE S starts a new period of care on the day the previous episode (row {p.prev_row(i)}) "
            f"ended {ended}: a return and a re-entry on the same day, usually an X1 coded wrongly. "
            "The figures read it as X1 (one period of care, no return home)"
        )

    yield Found(
        e,
        p.cur[
            (rec >= 0)
            & e.isin("RNE", ["S"])[p.cur]
            & (end[p.prev] == start[p.cur])
            & (end[p.prev] != NULL_DAY)
        ],
        "RNE",
        message,
        allowed="L, P, T, U or B after an X1; S only after the child left care on an earlier day",
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


def _last_of_child(e: Frame) -> np.ndarray:
    """Each child's last episode across every file read (by start date; ties: the last row)."""
    order = e.by_child_start()
    if not len(order):
        return order
    child = e.codes("CHILD")[order]
    last = np.ones(len(order), dtype=bool)
    last[:-1] = child[1:] != child[:-1]
    return order[last]


@rule(
    "388",
    "The child's last episode ends X1 (a new episode the same day), but no episode follows it.",
    fields=("DEC", "REC"),
    kind="x1_with_nothing_after",
)
def x1_with_nothing_after(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    last = _last_of_child(e)
    ended_x1 = (e.codes("REC")[last] == _x1(e)) & (e.days("DEC")[last] != NULL_DAY)
    yield Found(
        e,
        last[ended_x1],
        "REC",
        lambda i: (
            f"this episode ends X1 on {e.value('DEC', i)}, which means a new episode began the same day, "
            "but the child has no later episode in the files read: the real end of the period of care is "
            "missing. The figures count no return home or other ending for it"
        ),
        allowed="an episode starting on the DEC of an X1, or the reason the child left care",
    )


@rule(
    "437",
    "The child has an episode after one that ended E2 (died) or E15 (age assessed as 18 or over).",
    fields=("DECOM", "REC"),
    kind="episode_after_final_ending",
)
def episode_after_final_ending(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    order = e.by_child_start()
    if not len(order):
        return
    final = e.isin("REC", ["E2", "E15"])[order]
    child = e.codes("CHILD")[order]
    new_child = np.ones(len(order), dtype=bool)
    new_child[1:] = child[1:] != child[:-1]
    # Whether an E2 or E15 came before, within the child: a running count reset at each child.
    seen = np.cumsum(final) - final
    base = np.maximum.accumulate(np.where(new_child, seen, 0))
    after_final = (seen - base) > 0
    yield Found(
        e,
        order[after_final],
        "DECOM",
        "an earlier episode of this child ended E2 (died) or E15 (age assessed as 18 or over), so no "
        "episode can follow it; check the earlier reason. The figures use the episodes as sent",
        allowed="no episode after an E2 or E15",
    )


@rule(
    "357",
    "The child's first episode in the files read does not start a period of care (RNE is not S).",
    fields=("RNE",),
    kind="first_episode_not_s",
    severity=Severity.WARNING,
)
def first_episode_not_s(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    order = e.by_child_start()
    if not len(order):
        return
    child = e.codes("CHILD")[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = child[1:] != child[:-1]
    firsts = order[first]
    yield Found(
        e,
        firsts[~e.isin("RNE", ["S"])[firsts]],
        "RNE",
        lambda i: (
            f"this is the child's first episode in the files read, but its RNE is {e.value('RNE', i)}, "
            "not S: the start of the period of care is in a return not loaded. The figures start the "
            "period at this episode; load the earlier years for the real start"
        ),
        allowed="S (started to be looked after) on the child's first episode",
        value=lambda i: e.value("RNE", i),
    )
