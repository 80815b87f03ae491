"""Children: each once in Header per return; every child with episodes in Header."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from homeward.ssda903.issues import Issue, Severity
from homeward.ssda903.validation._util import issues_from


def check(con: duckdb.DuckDBPyConnection, files: Sequence[str]) -> list[Issue]:
    issues = issues_from(
        con,
        files,
        "SELECT _file, _row, CHILD, first_row FROM (SELECT _file, _row, CHILD, "
        "min(_row) OVER (PARTITION BY _file, CHILD) AS first_row FROM header WHERE CHILD IS NOT NULL) "
        "WHERE _row > first_row",
        kind="duplicate_child",
        column="CHILD",
        message="this child is already in the Header at row {0}",
        allowed="each child once in the Header",
    )
    has_header = con.execute("SELECT count(*) FROM header").fetchone()
    if has_header and has_header[0]:
        issues += issues_from(
            con,
            files,
            "SELECT e._file, min(e._row), e.CHILD FROM episodes e "
            "ANTI JOIN header h ON e.CHILD = h.CHILD WHERE e.CHILD IS NOT NULL GROUP BY e._file, e.CHILD",
            kind="child_not_in_header",
            column="CHILD",
            message="this child has episodes but is in none of the Header files read",
            allowed="a Header row for every child with episodes",
            severity=Severity.WARNING,
        )
    return issues
