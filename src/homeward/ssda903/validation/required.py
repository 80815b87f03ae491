"""Values that must be present: a blank CHILD, DECOM, RNE, LS, CIN, PLACE…; DEC and REC together."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from homeward.ssda903.issues import Issue
from homeward.ssda903.tables import DATE_COLUMNS, REQUIRED_VALUES
from homeward.ssda903.validation._util import issues_from

_WORDS = {
    "CHILD": "the child's ID",
    "SEX": "the child's sex",
    "DOB": "the date of birth",
    "ETHNIC": "the ethnicity code",
    "DECOM": "the date the episode started",
    "RNE": "the reason for new episode",
    "LS": "the legal status",
    "CIN": "the category of need",
    "PLACE": "the placement type",
}


def check(con: duckdb.DuckDBPyConnection, files: Sequence[str]) -> list[Issue]:
    issues: list[Issue] = []
    for name, table in (("Header", "header"), ("Episodes", "episodes")):
        for col in REQUIRED_VALUES[name]:
            blank = f'"{col}_TEXT" IS NULL' if col in DATE_COLUMNS[name] else f'"{col}" IS NULL'
            issues += issues_from(
                con,
                files,
                f"SELECT _file, _row, NULL FROM {table} WHERE {blank}",
                kind="missing_value",
                column=col,
                message=f"{col} is blank: {_WORDS.get(col, col)} must be given on every {name} row",
                allowed="a value on every row",
            )
    issues += issues_from(
        con,
        files,
        "SELECT _file, _row, REC FROM episodes WHERE DEC_TEXT IS NULL AND REC IS NOT NULL",
        kind="missing_value",
        column="DEC",
        message="REC (reason episode ceased) is given but DEC (date episode ceased) is blank",
        allowed="DEC and REC both blank (episode still open) or both filled in",
    )
    issues += issues_from(
        con,
        files,
        "SELECT _file, _row, DEC_TEXT FROM episodes WHERE DEC_TEXT IS NOT NULL AND REC IS NULL",
        kind="missing_value",
        column="REC",
        message="DEC (date episode ceased) is given but REC (reason episode ceased) is blank",
        allowed="DEC and REC both blank (episode still open) or both filled in",
    )
    return issues
