"""Values tidied on reading: spaces, lower-case codes, ISO dates (warnings, never errors).

The value is read as the 903 expects; one warning per file, column and kind of tidying, with the
count and the first row, so a data officer can fix the export at source.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from homeward.ssda903.frame import Frame
from homeward.ssda903.issues import Severity
from homeward.ssda903.rules.registry import Found, rule
from homeward.ssda903.tables import COLUMNS, FREE_TEXT_COLUMNS

# Every column but free text is tidied on reading (ids, codes and dates).
_TIDIED = tuple(
    dict.fromkeys(c for t in ("Header", "Episodes") for c in COLUMNS[t] if c not in FREE_TEXT_COLUMNS[t])
)


@rule(
    "HW-01",
    "A value had to be tidied to be read (spaces, lower-case letters, a YYYY-MM-DD date).",
    fields=_TIDIED,
    kind="tidied_value",
    severity=Severity.WARNING,
)
def tidied(header: Frame, episodes: Frame) -> Iterator[Found]:
    for frame in (header, episodes):
        for col, what, positions in frame.tidied:
            files = frame.file[positions]
            firsts: list[int] = []
            counts: dict[int, int] = {}
            for f in np.unique(files):
                mine = positions[files == f]
                first = int(mine[np.argmin(frame.row[mine])])
                firsts.append(first)
                counts[first] = len(mine)

            def message(i: int, counts: dict[int, int] = counts, what: str = what) -> str:
                return f"{counts[i]} value(s) had {what} (the first is shown)"

            yield Found(frame, np.array(firsts, dtype=np.int64), col, message, allowed=None)
