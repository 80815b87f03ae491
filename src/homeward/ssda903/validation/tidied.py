"""Warnings for values that were tidied on reading: spaces, lower-case codes, ISO dates.

These are never errors: the value is read as the 903 expects. One warning per file and column,
with the count and the first row, so a data officer can fix the export at source.
"""

from __future__ import annotations

import numpy as np

from homeward.ssda903.frame import Frame
from homeward.ssda903.issues import Issue, Severity


def check(header: Frame, episodes: Frame) -> list[Issue]:
    issues: list[Issue] = []
    for frame in (header, episodes):
        for col, what, positions in frame.tidied:
            files = frame.file[positions]
            for f in np.unique(files):
                mine = positions[files == f]
                first = int(mine[np.argmin(frame.row[mine])])
                issues.append(
                    Issue(
                        file=frame.files[f],
                        row=int(frame.row[first]),
                        column=col,
                        value=frame.text(col, first),
                        message=f"{len(mine)} value(s) had {what} (the first is shown)",
                        allowed=None,
                        severity=Severity.WARNING,
                        kind="tidied_value",
                    )
                )
    return issues
