"""Children: each once in the Header of a return (HW-11); every child with episodes in a Header (HW-12)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from homeward.ssda903.frame import Frame, header_rows, order_by
from homeward.ssda903.issues import Severity
from homeward.ssda903.rules.registry import Found, rule


@rule(
    "HW-11",
    "The child is in the Header of a return more than once.",
    fields=("CHILD",),
    kind="duplicate_child",
)
def duplicate_child(header: Frame, episodes: Frame) -> Iterator[Found]:
    child = header.codes("CHILD")
    n_values = header.n_values("CHILD")
    # Rows are stacked file by file: count each child within each file's slice.
    starts = np.flatnonzero(np.diff(header.file, prepend=-1)) if header.n else np.array([], dtype=np.int64)
    ends = np.append(starts[1:], header.n) if len(starts) else starts
    for lo, hi in zip(starts, ends, strict=True):
        codes_ = child[lo:hi]
        counts = np.bincount(codes_[codes_ >= 0], minlength=n_values)
        if not (counts > 1).any():
            continue
        rows = lo + np.flatnonzero(np.isin(codes_, np.flatnonzero(counts > 1)))
        order = rows[order_by(child[rows])]  # stable: file order within each child
        later = np.zeros(len(order), dtype=bool)
        later[1:] = child[order[1:]] == child[order[:-1]]
        first_row = np.maximum.accumulate(np.where(~later, np.arange(len(order)), 0))
        first_of = {int(order[k]): int(order[first_row[k]]) for k in np.flatnonzero(later)}

        def message(i: int, first_of: dict[int, int] = first_of) -> str:
            return f"this child is already in the Header at row {header.row[first_of[i]]}"

        yield Found(
            header, order[later], "CHILD", message, allowed="each child once in the Header of a return"
        )


@rule(
    "HW-12",
    "The child has episodes but is in none of the Header files read.",
    fields=("CHILD",),
    kind="child_not_in_header",
    severity=Severity.WARNING,
)
def child_not_in_header(header: Frame, episodes: Frame) -> Iterator[Found]:
    if not (header.n and episodes.n):
        return
    # Episode CHILD values (dictionary indices) with no Header row.
    missing_values = np.flatnonzero(header_rows(episodes, header)[:-1] < 0)
    if not len(missing_values):
        return
    e_child = episodes.codes("CHILD")
    rows = np.flatnonzero(np.isin(e_child, missing_values))
    # One finding per child and file: its first episode row.
    order = rows[order_by(episodes.file[rows], e_child[rows])]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (e_child[order[1:]] != e_child[order[:-1]]) | (
        episodes.file[order[1:]] != episodes.file[order[:-1]]
    )
    yield Found(
        episodes,
        order[first],
        "CHILD",
        "this child has episodes but is in none of the Header files read",
        allowed="a Header row for every child with episodes",
    )
