"""Warnings for values that were tidied on reading: spaces, lower-case codes, ISO dates.

These are never errors: the value is read as the 903 expects. One warning per file and column,
with the count and the first row, so a data officer can fix the export at source.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from homeward.ssda903.issues import Issue, Severity
from homeward.ssda903.tables import CODE_COLUMNS, COLUMNS, DATE_COLUMNS

_TABLES = (("Header", "raw_header"), ("Episodes", "raw_episodes"))


def check(con: duckdb.DuckDBPyConnection, files: Sequence[str]) -> list[Issue]:
    issues: list[Issue] = []
    for name, raw in _TABLES:
        tests: list[tuple[str, str, str]] = []  # (column, condition, what happened)
        for col in COLUMNS[name]:
            q = f'"{col}"'
            if col in CODE_COLUMNS[name]:
                tests.append((col, f"{q} <> upper(trim({q}))", "lower-case letters or spaces, read as upper case"))
            elif col in DATE_COLUMNS[name]:
                tests.append((col, f"trim({q}) LIKE '____-__-__'", "dates written YYYY-MM-DD, read as such"))
                tests.append((col, f"{q} <> trim({q})", "spaces around the value, removed"))
            else:
                tests.append((col, f"{q} <> trim({q})", "spaces around the value, removed"))
        # One pass over the table: for every test, how many rows and the first row/value.
        selects = []
        for i, (col, cond, _) in enumerate(tests):
            selects.append(f"count_if({cond}) AS n{i}, min(CASE WHEN {cond} THEN _row END) AS r{i}, "
                           f"arg_min(\"{col}\", CASE WHEN {cond} THEN _row END) AS v{i}")
        sql = f"SELECT _file, {', '.join(selects)} FROM {raw} GROUP BY _file"
        for row in con.execute(sql).fetchall():
            f = row[0]
            for i, (col, _, what) in enumerate(tests):
                n, first, value = row[1 + 3 * i : 4 + 3 * i]
                if n:
                    issues.append(
                        Issue(
                            file=files[f],
                            row=int(first),
                            column=col,
                            value=value,
                            message=f"{n} value(s) had {what} (first shown)",
                            allowed=None,
                            severity=Severity.WARNING,
                            kind="tidied_value",
                        )
                    )
    return issues
