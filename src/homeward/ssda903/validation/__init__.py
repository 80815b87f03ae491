"""Validation rules, one module per kind of problem (the DfE validator's style).

Each module has `check(con, files) -> list[Issue]`, run against the DuckDB tables made by
`homeward.ssda903.normalise` (`header`, `episodes`, and the untouched `raw_*` text). A check finds the
offending rows with one set-based query, so a national-scale return is validated in seconds.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from homeward.ssda903.issues import Issue
from homeward.ssda903.validation import children, dates, required, sequence, tidied, unknown_codes

CHECKS = (tidied, required, unknown_codes, dates, sequence, children)


def validate(con: duckdb.DuckDBPyConnection, files: Sequence[str]) -> list[Issue]:
    issues: list[Issue] = []
    for module in CHECKS:
        issues.extend(module.check(con, files))
    return issues
