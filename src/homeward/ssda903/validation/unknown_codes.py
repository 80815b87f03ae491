"""Codes that are not on the 903 code list for their column (after tidying case and spaces)."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from homeward.ssda903 import codes
from homeward.ssda903.issues import Issue, Severity
from homeward.ssda903.tables import CODE_COLUMNS
from homeward.ssda903.validation._util import issues_from

_NAMES = {
    "SEX": "sex",
    "ETHNIC": "ethnicity",
    "RNE": "reason for new episode",
    "LS": "legal status",
    "CIN": "category of need",
    "PLACE": "placement type",
    "PLACE_PROVIDER": "placement provider",
    "REC": "reason episode ceased",
    "REASON_PLACE_CHANGE": "reason for placement change",
}


def _sql_list(values: Sequence[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def check(con: duckdb.DuckDBPyConnection, files: Sequence[str]) -> list[Issue]:
    issues: list[Issue] = []
    for name, table in (("Header", "header"), ("Episodes", "episodes")):
        for col in CODE_COLUMNS[name]:
            allowed = list(codes.CODE_LISTS[col])
            issues += issues_from(
                con,
                files,
                f'SELECT _file, _row, "{col}" FROM {table} '
                f'WHERE "{col}" IS NOT NULL AND "{col}" NOT IN ({_sql_list(allowed)})',
                kind="unknown_code",
                column=col,
                message=f"this is not a 903 {_NAMES[col]} code",
                allowed=", ".join(allowed),
            )
    # Codes that exist but only from a later collection year.
    for (col, code), since in codes.VALID_FROM.items():
        issues += issues_from(
            con,
            files,
            f"SELECT _file, _row, \"{col}\", DECOM FROM episodes WHERE \"{col}\" = '{code}' "
            f"AND DECOM < DATE '{since.isoformat()}'",
            kind="code_not_valid_for_year",
            column=col,
            message=f"{code} is a 903 code only for episodes from {since:%d/%m/%Y}; this one started {{0}}",
            allowed=f"{code} for episodes starting on or after {since:%d/%m/%Y}",
            severity=Severity.WARNING,
        )
    return issues
