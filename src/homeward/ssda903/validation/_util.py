"""Shared helpers for the validation rules."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import duckdb

from homeward.ssda903.issues import Issue, Severity

# Above this many findings of one kind in one file, the rest are summarised in one line.
MAX_PER_KIND_PER_FILE = 500


def fmt_date(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def issues_from(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[str],
    sql: str,
    *,
    kind: str,
    column: str | None,
    message: str,
    allowed: str | None,
    severity: Severity = Severity.ERROR,
) -> list[Issue]:
    """Run `sql` (selecting _file, _row, value, then any extra fields) and make one Issue per row.

    `message` is formatted with the extra fields as {0}, {1}, … (dates shown dd/mm/YYYY).
    """
    rows = con.execute(sql).fetchall()
    out: list[Issue] = []
    per_file: dict[int, int] = {}
    for r in sorted(rows, key=lambda r: (r[0], r[1])):
        f, row, value, *extra = r
        per_file[f] = per_file.get(f, 0) + 1
        if per_file[f] > MAX_PER_KIND_PER_FILE:
            continue
        shown = [fmt_date(x) if isinstance(x, date) else ("" if x is None else str(x)) for x in extra]
        out.append(
            Issue(
                file=files[f],
                row=int(row),
                column=column,
                value=None if value is None else str(value),
                message=message.format(*shown),
                allowed=allowed,
                severity=severity,
                kind=kind,
            )
        )
    for f, n in per_file.items():
        if n > MAX_PER_KIND_PER_FILE:
            out.append(
                Issue(
                    file=files[f],
                    row=None,
                    column=column,
                    value=None,
                    message=f"... and {n - MAX_PER_KIND_PER_FILE} more rows with the same problem "
                    f"({message.format(*['…'] * 9)})",
                    allowed=allowed,
                    severity=severity,
                    kind=kind,
                )
            )
    return out
