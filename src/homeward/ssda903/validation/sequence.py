"""A child's episodes in one return, in date order: overlaps, gaps after X1, RNE after a period ended.

Episodes are compared within each file (one return): the same episode re-sent in next year's return
is expected and handled by `homeward.ssda903.repair`, not reported here.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from homeward.ssda903.issues import Issue, Severity
from homeward.ssda903.validation._util import issues_from

_ORDERED = """
SELECT _file, _row, CHILD, DECOM, DEC, RNE, REC, DECOM_TEXT, RNE AS RNE_VALUE,
       lag(_row) OVER w AS prev_row, lag(DEC) OVER w AS prev_dec, lag(REC) OVER w AS prev_rec,
       lag(DECOM) OVER w AS prev_decom
FROM episodes WHERE CHILD IS NOT NULL AND DECOM IS NOT NULL
WINDOW w AS (PARTITION BY _file, CHILD ORDER BY DECOM, _row)
"""


def check(con: duckdb.DuckDBPyConnection, files: Sequence[str]) -> list[Issue]:
    con.execute(f"CREATE OR REPLACE TEMP TABLE ordered AS {_ORDERED}")
    issues = issues_from(
        con,
        files,
        "SELECT _file, _row, DECOM_TEXT, prev_row FROM ordered WHERE prev_decom = DECOM",
        kind="duplicate_episode",
        column="DECOM",
        message="the child has another episode starting the same day (row {0})",
        allowed="one episode per child per start date",
    )
    issues += issues_from(
        con,
        files,
        "SELECT _file, _row, DECOM_TEXT, prev_row, prev_dec FROM ordered "
        "WHERE prev_decom < DECOM AND prev_dec > DECOM",
        kind="overlapping_episodes",
        column="DECOM",
        message="this episode starts before the child's previous episode (row {0}) ends on {1}",
        allowed="each episode starts on or after the previous one ends",
    )
    issues += issues_from(
        con,
        files,
        "SELECT _file, _row, DECOM_TEXT, prev_row FROM ordered "
        "WHERE prev_decom < DECOM AND prev_row IS NOT NULL AND prev_dec IS NULL AND prev_rec IS NULL",
        kind="overlapping_episodes",
        column="DECOM",
        message="the child's previous episode (row {0}) is still open (no DEC), yet this one starts",
        allowed="the earlier episode closed (DEC and REC) before a later one starts",
    )
    issues += issues_from(
        con,
        files,
        "SELECT _file, _row, RNE_VALUE, prev_row, prev_rec, prev_dec FROM ordered "
        "WHERE prev_rec IS NOT NULL AND prev_rec <> 'X1' AND RNE IS DISTINCT FROM 'S'",
        kind="rne_not_s_after_period_ended",
        column="RNE",
        message="the previous episode (row {0}) ended the period of care (REC {1} on {2}), "
        "so this episode starts a new period",
        allowed="S (started to be looked after)",
    )
    issues += issues_from(
        con,
        files,
        "SELECT _file, _row, RNE_VALUE, prev_row FROM ordered "
        "WHERE prev_rec = 'X1' AND RNE = 'S' AND prev_dec = DECOM",
        kind="rne_s_after_x1",
        column="RNE",
        message="RNE S starts a new period of care, but the previous episode (row {0}) ended X1 "
        "(the child stayed looked after)",
        allowed="L, P, T, U or B after an X1; S only after the child left care",
        severity=Severity.WARNING,
    )
    issues += issues_from(
        con,
        files,
        "SELECT _file, _row, DECOM_TEXT, prev_row, prev_dec FROM ordered "
        "WHERE prev_rec = 'X1' AND prev_dec < DECOM",
        kind="gap_after_x1",
        column="DECOM",
        message="the previous episode (row {0}) ended X1 on {1}, which means a new episode the same day, "
        "but this one starts later",
        allowed="DECOM equal to the previous episode's DEC after an X1",
        severity=Severity.WARNING,
    )
    con.execute("DROP TABLE ordered")
    return issues
