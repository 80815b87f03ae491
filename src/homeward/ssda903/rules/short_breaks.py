"""Short breaks (LS V3, V4): the DfE's checks on them (365, 366, 367), and the period of care that ends in
a short break after episodes under another legal status (HW-13).

Short-break episodes are left out of every figure, as the DfE does (../shared/SSDA903.md, and
`history`): a long stay miscoded V3 or V4 silently takes a whole period out of the figures, and a
period whose last episode is a short break ending E4A or E4B ends where the short breaks began, so it
is no return home. These rules tell the data officer which rows that happened to.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from homeward.ssda903.codes import SHORT_BREAK_LEGAL_STATUSES, STILL_LOOKED_AFTER
from homeward.ssda903.frame import NULL_DAY, Frame
from homeward.ssda903.issues import Severity
from homeward.ssda903.rules.registry import Found, rule
from homeward.ssda903.rules.sequence import file_child_start

LONGEST_SHORT_BREAK_DAYS = 17  # DfE rule 365
MOST_SHORT_BREAK_DAYS_IN_A_YEAR = 75  # DfE rule 367
PLACEMENT_CHANGES = ("P", "T", "U", "B")


def _v3_days(e: Frame) -> tuple[np.ndarray, np.ndarray]:
    """The short-break (V3) episodes with a start and an end, and the length of each in days."""
    at = np.flatnonzero(e.isin("LS", ["V3"]))
    start, end = e.days("DECOM")[at].astype(np.int64), e.days("DEC")[at].astype(np.int64)
    known = (start != NULL_DAY) & (end != NULL_DAY) & (end >= start)
    return at[known], (end - start)[known]


@rule(
    "365",
    f"A short break (LS V3) lasts more than {LONGEST_SHORT_BREAK_DAYS} days.",
    fields=("LS", "DECOM", "DEC"),
    kind="short_break",
)
def short_break_too_long(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    at, length = _v3_days(e)
    days = dict(zip(at.tolist(), length.tolist(), strict=True))
    yield Found(
        e,
        at[length > LONGEST_SHORT_BREAK_DAYS],
        "LS",
        lambda i: (
            f"this short break lasts {int(days[i])} days "
            f"(from {e.value('DECOM', i)} to {e.value('DEC', i)}); "
            f"one short break is at most {LONGEST_SHORT_BREAK_DAYS} days. If the child was looked after "
            "for longer, the legal status is not V3, and as V3 the stay is left out of the figures"
        ),
        allowed=f"V3 episodes of {LONGEST_SHORT_BREAK_DAYS} days or fewer",
    )


@rule(
    "366",
    "A change of placement (RNE P, T, U or B) is recorded during a short break (LS V3).",
    fields=("LS", "RNE"),
    kind="short_break",
)
def placement_change_during_short_break(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    yield Found(
        e,
        np.flatnonzero(e.isin("LS", ["V3"]) & e.isin("RNE", PLACEMENT_CHANGES)),
        "RNE",
        lambda i: (
            f"this short break (LS V3) starts with a change of placement (RNE {e.value('RNE', i)}); "
            "each short break is an episode of its own, starting RNE S"
        ),
        allowed="RNE S for a short break (LS V3)",
    )


@rule(
    "367",
    f"The child has more than {MOST_SHORT_BREAK_DAYS_IN_A_YEAR} days of short breaks (LS V3) in one "
    "year's return.",
    fields=("LS", "DECOM", "DEC"),
    kind="short_break",
)
def too_many_short_break_days(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    at, length = _v3_days(e)
    has_child = e.codes("CHILD")[at] >= 0
    at, length = at[has_child], length[has_child]
    if not len(at):
        return
    # One total per child in each file (one year's return).
    key = e.file[at].astype(np.int64) * (e.n_values("CHILD") + 1) + e.codes("CHILD")[at]
    _, group = np.unique(key, return_inverse=True)
    totals = np.bincount(group, weights=length)
    total_of = dict(zip(at.tolist(), totals[group].tolist(), strict=True))
    yield Found(
        e,
        at[totals[group] > MOST_SHORT_BREAK_DAYS_IN_A_YEAR],
        "LS",
        lambda i: (
            f"the child's short breaks in this return add up to {int(total_of[i])} days; at most "
            f"{MOST_SHORT_BREAK_DAYS_IN_A_YEAR} days of short breaks are allowed in 12 months. A longer "
            "stay is not a short break, and as V3 it is left out of the figures"
        ),
        allowed=f"at most {MOST_SHORT_BREAK_DAYS_IN_A_YEAR} days of V3 short breaks a year",
    )


@rule(
    "HW-13",
    "A period of care ends in a short break (LS V3 or V4) after episodes under another legal status: the "
    "figures leave the short break out, so the period ends where the short breaks began.",
    fields=("LS", "REC"),
    kind="short_break",
    severity=Severity.WARNING,
)
def period_ends_in_a_short_break(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    if not e.isin("LS", SHORT_BREAK_LEGAL_STATUSES).any():
        return
    order = file_child_start(e)
    n = len(order)
    if n == 0:
        return
    child, file = e.codes("CHILD")[order], e.file[order]
    short = e.isin("LS", SHORT_BREAK_LEGAL_STATUSES)[order]
    rec_values = e.dictionary("REC")
    x1 = rec_values.index(STILL_LOOKED_AFTER) if STILL_LOOKED_AFTER in rec_values else -2
    rec = e.codes("REC")[order]
    ends = (rec >= 0) & (rec != x1)
    new = e.isin("RNE", ["S"])[order].copy()
    new[0] = True
    new[1:] |= (child[1:] != child[:-1]) | (file[1:] != file[:-1]) | ends[:-1]
    period = np.cumsum(new) - 1
    others = np.bincount(period, weights=~short)
    last = np.ones(n, dtype=bool)
    last[:-1] = new[1:]
    yield Found(
        e,
        order[last & short & ends & (others[period] > 0)],
        "REC",
        lambda i: (
            f"the period of care ends with this short break (LS {e.value('LS', i)}, REC {e.value('REC', i)}) "
            "after episodes under another legal status; short breaks are left out of the figures, so the "
            "period ends where the short breaks began and is not counted as a return home. Check the "
            "legal status of this episode and the reason the episode before it ended"
        ),
        allowed="a period of care that ends with an episode under its own legal status",
    )
