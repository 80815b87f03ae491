"""Impossible dates: not a date at all, an episode ending before it starts, care before birth,
dates in the future."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from homeward.ssda903.issues import Issue, Severity
from homeward.ssda903.tables import DATE_COLUMNS
from homeward.ssda903.validation._util import issues_from

DATE_FORM = "a real date written dd/mm/YYYY, e.g. 31/03/2024"


def check(con: duckdb.DuckDBPyConnection, files: Sequence[str]) -> list[Issue]:
    issues: list[Issue] = []
    for name, table in (("Header", "header"), ("Episodes", "episodes")):
        for col in DATE_COLUMNS[name]:
            issues += issues_from(
                con,
                files,
                f'SELECT _file, _row, "{col}_TEXT" FROM {table} '
                f'WHERE "{col}_TEXT" IS NOT NULL AND "{col}" IS NULL',
                kind="impossible_date",
                column=col,
                message="this is not a date (or not a real one, like 31/02)",
                allowed=DATE_FORM,
            )
            issues += issues_from(
                con,
                files,
                f'SELECT _file, _row, "{col}_TEXT" FROM {table} '
                f'WHERE "{col}" < DATE \'1900-01-01\' OR "{col}" > current_date',
                kind="impossible_date",
                column=col,
                message="this date is in the future or before 1900",
                allowed="a date between 01/01/1900 and today",
            )
    issues += issues_from(
        con,
        files,
        "SELECT _file, _row, DEC_TEXT, DECOM FROM episodes WHERE DEC < DECOM",
        kind="dec_before_decom",
        column="DEC",
        message="the episode ends (DEC) before it starts (DECOM {0})",
        allowed="DEC on or after DECOM",
    )
    issues += issues_from(
        con,
        files,
        "SELECT e._file, e._row, e.DECOM_TEXT, h.DOB FROM episodes e "
        "JOIN (SELECT _file, CHILD, min(DOB) AS DOB FROM header GROUP BY ALL) h "
        "ON e._file = h._file AND e.CHILD = h.CHILD WHERE e.DECOM < h.DOB",
        kind="impossible_date",
        column="DECOM",
        message="the episode starts before the child's date of birth ({0})",
        allowed="DECOM on or after DOB",
        severity=Severity.ERROR,
    )
    return issues
