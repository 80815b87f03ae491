"""Children: each once in the Header of a return; every child with episodes in a Header."""

from __future__ import annotations

import numpy as np
import pyarrow.compute as pc

from homeward.ssda903.frame import Frame, order_by
from homeward.ssda903.issues import Issue, Severity
from homeward.ssda903.validation._util import issues_at


def check(header: Frame, episodes: Frame) -> list[Issue]:
    issues: list[Issue] = []
    child = header.codes("CHILD")
    valid = np.flatnonzero(child >= 0)
    order = valid[order_by(header.file[valid], child[valid])]
    if len(order) > 1:
        dup = (child[order[1:]] == child[order[:-1]]) & (header.file[order[1:]] == header.file[order[:-1]])
        first_of = dict(zip(order[1:][dup].tolist(), order[:-1][dup].tolist(), strict=True))
        issues += issues_at(
            header,
            order[1:][dup],
            kind="duplicate_child",
            column="CHILD",
            message=lambda i: f"this child is already in the Header at row {header.row[first_of[i]]}",
            allowed="each child once in the Header of a return",
        )
    if header.n and episodes.n:
        ep_dict = episodes.table.column("CHILD").chunk(0).dictionary
        hd_dict = header.table.column("CHILD").chunk(0).dictionary
        missing_values = np.flatnonzero(
            ~np.asarray(pc.is_in(ep_dict, value_set=hd_dict).to_numpy(zero_copy_only=False))
        )
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
