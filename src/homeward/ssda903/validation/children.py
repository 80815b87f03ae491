"""Children: each once in the Header of a return; every child with episodes in a Header."""

from __future__ import annotations

import numpy as np

from homeward.ssda903.frame import Frame, header_rows, order_by
from homeward.ssda903.issues import Issue, Severity
from homeward.ssda903.validation._util import issues_at


def check(header: Frame, episodes: Frame) -> list[Issue]:
    issues: list[Issue] = []
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

        issues += issues_at(
            header,
            order[later],
            kind="duplicate_child",
            column="CHILD",
            message=message,
            allowed="each child once in the Header of a return",
        )
    if header.n and episodes.n:
        # Episode CHILD values (dictionary indices) with no Header row.
        missing_values = np.flatnonzero(header_rows(episodes, header)[:-1] < 0)
        if len(missing_values):
            e_child = episodes.codes("CHILD")
            rows = np.flatnonzero(np.isin(e_child, missing_values))
            # One message per child and file: its first episode row.
            order = rows[order_by(episodes.file[rows], e_child[rows])]
            first = np.ones(len(order), dtype=bool)
            first[1:] = (e_child[order[1:]] != e_child[order[:-1]]) | (
                episodes.file[order[1:]] != episodes.file[order[:-1]]
            )
            issues += issues_at(
                episodes,
                order[first],
                kind="child_not_in_header",
                column="CHILD",
                message="this child has episodes but is in none of the Header files read",
                allowed="a Header row for every child with episodes",
                severity=Severity.WARNING,
            )
    return issues
