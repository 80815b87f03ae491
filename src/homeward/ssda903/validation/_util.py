"""Shared helpers for the validation rules."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from homeward.ssda903.frame import Frame
from homeward.ssda903.issues import Issue, Severity

# Above this many findings of one kind in one file, the rest are summarised in one line.
MAX_PER_KIND_PER_FILE = 500


def issues_at(
    frame: Frame,
    positions: np.ndarray,
    *,
    kind: str,
    column: str | None,
    message: str | Callable[[int], str],
    allowed: str | None,
    value: Callable[[int], str | None] | None = None,
    severity: Severity = Severity.ERROR,
) -> list[Issue]:
    """One Issue per row position (ordered by file and row), at most MAX_PER_KIND_PER_FILE a file."""
    positions = np.asarray(positions, dtype=np.int64)
    if len(positions) == 0:
        return []
    positions = positions[np.lexsort((frame.row[positions], frame.file[positions]))]
    if value is None:

        def value(i: int) -> str | None:
            return frame.text(column, i) if column else None

    out: list[Issue] = []
    files = frame.file[positions]
    for f in np.unique(files):
        mine = positions[files == f]
        for i in mine[:MAX_PER_KIND_PER_FILE]:
            out.append(
                Issue(
                    file=frame.files[f],
                    row=int(frame.row[i]),
                    column=column,
                    value=value(int(i)),
                    message=message(int(i)) if callable(message) else message,
                    allowed=allowed,
                    severity=severity,
                    kind=kind,
                )
            )
        if len(mine) > MAX_PER_KIND_PER_FILE:
            first = message(int(mine[0])) if callable(message) else message
            out.append(
                Issue(
                    file=frame.files[f],
                    row=None,
                    column=column,
                    value=None,
                    message=f"… and {len(mine) - MAX_PER_KIND_PER_FILE} more rows with the same kind of "
                    f"problem as: {first}",
                    allowed=allowed,
                    severity=severity,
                    kind=kind,
                    rows=len(mine) - MAX_PER_KIND_PER_FILE,
                )
            )
    return out
