"""Several years at once: de-duplicate re-sent episodes and repair the joins between returns.

Each annual return re-sends the episodes open during its year, so the same episode (child and start
date) arrives several times, open in one year and closed in the next. The rules below follow the
ones liiatools names (`lds_ssda903_episodes_fix`); each is counted, none is silent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

import duckdb
import pyarrow as pa

from homeward.ssda903.tables import COLUMNS

# Not a 903 code: the reason an episode ended is unknown because the return that would have
# closed it is missing. Never counted as a return home.
REC_UNKNOWN = "E99"

RULES = MappingProxyType(
    {
        "unusable_episode_dropped": "episode without a child ID or a readable start date (DECOM): dropped",
        "end_before_start_cleared": "episode ending before it starts (DEC < DECOM): end date and reason "
        "ignored, the episode treated as open",
        "duplicate_dropped": "the same episode (child and DECOM) sent more than once, e.g. open in one "
        "year's return and closed in the next: the closed, most recent version kept",
        "open_episode_closed_by_next_episode": "open episode followed by a later episode in the same "
        "period: closed the day the next one starts, with REC X1",
        "open_episode_closed_before_new_period": "open episode followed by a new period of care (RNE S): "
        f"closed the day the new period starts, reason unknown ({REC_UNKNOWN}, not a return home)",
        "overlap_truncated": "episode ending after the next one starts: its end moved to the next DECOM",
        "x1_gap_extended": "episode ending X1 (new episode the same day) but the next starts later: "
        "its end moved to the next DECOM",
        "header_resent_merged": "the same child in the Header of more than one return: the most recent kept",
    }
)


@dataclass
class Repaired:
    header: pa.Table
    episodes: pa.Table
    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)


_SQL = """
CREATE OR REPLACE TEMP TABLE _latest AS
  SELECT _file, max(greatest(DECOM, coalesce(DEC, DECOM))) AS latest FROM episodes GROUP BY _file;

CREATE OR REPLACE TEMP TABLE _r1 AS
SELECT e.* EXCLUDE (DEC, REC),
       CASE WHEN e.DEC < e.DECOM THEN NULL ELSE e.DEC END AS DEC,
       CASE WHEN e.DEC < e.DECOM THEN NULL ELSE e.REC END AS REC,
       (e.DEC < e.DECOM) AS _cleared,
       count(*) OVER (PARTITION BY e.CHILD, e.DECOM) AS _copies
FROM episodes e LEFT JOIN _latest l USING (_file)
WHERE e.CHILD IS NOT NULL AND e.DECOM IS NOT NULL
QUALIFY row_number() OVER (
    PARTITION BY e.CHILD, e.DECOM
    ORDER BY (e.DEC IS NOT NULL AND e.DEC >= e.DECOM) DESC, l.latest DESC, e._file DESC, e._row DESC) = 1;

CREATE OR REPLACE TEMP TABLE _r2 AS
SELECT *,
  lead(DECOM) OVER w AS _next_decom,
  lead(RNE) OVER w AS _next_rne
FROM _r1 WINDOW w AS (PARTITION BY CHILD ORDER BY DECOM);

CREATE OR REPLACE TEMP TABLE _r3 AS
SELECT *,
  CASE
    WHEN _next_decom IS NULL THEN NULL
    WHEN DEC IS NULL AND _next_rne = 'S' THEN 'open_episode_closed_before_new_period'
    WHEN DEC IS NULL THEN 'open_episode_closed_by_next_episode'
    WHEN DEC > _next_decom THEN 'overlap_truncated'
    WHEN REC = 'X1' AND DEC < _next_decom THEN 'x1_gap_extended'
  END AS _rule
FROM _r2;
"""

_COUNTS = """
SELECT
  (SELECT count(*) FROM episodes WHERE CHILD IS NULL OR DECOM IS NULL),
  (SELECT count_if(_cleared) FROM _r1),
  (SELECT coalesce(sum(_copies - 1), 0) FROM _r1)
"""


def repair(con: duckdb.DuckDBPyConnection) -> Repaired:
    """Turn the tidied `episodes`/`header` tables of every file into one clean history."""
    con.execute(_SQL)
    counts: dict[str, int] = dict.fromkeys(RULES, 0)
    row = con.execute(_COUNTS).fetchone()
    assert row is not None
    counts["unusable_episode_dropped"], counts["end_before_start_cleared"], counts["duplicate_dropped"] = (
        int(x) for x in row
    )
    examples: dict[str, list[str]] = {}
    for rule, n in con.execute("SELECT _rule, count(*) FROM _r3 WHERE _rule IS NOT NULL GROUP BY 1").fetchall():
        counts[rule] = int(n)
    for rule, child, decom in con.execute(
        "SELECT _rule, CHILD, DECOM FROM _r3 WHERE _rule IS NOT NULL "
        "QUALIFY row_number() OVER (PARTITION BY _rule ORDER BY CHILD, DECOM) <= 3"
    ).fetchall():
        examples.setdefault(rule, []).append(f"child {child}, episode starting {decom:%d/%m/%Y}")

    cols = []
    for c in COLUMNS["Episodes"]:
        if c == "DEC":
            cols.append("CASE WHEN _rule IN ('open_episode_closed_before_new_period', "
                        "'open_episode_closed_by_next_episode', 'overlap_truncated', 'x1_gap_extended') "
                        "THEN _next_decom ELSE DEC END AS DEC")
        elif c == "REC":
            cols.append(f"CASE WHEN _rule = 'open_episode_closed_before_new_period' THEN '{REC_UNKNOWN}' "
                        "WHEN _rule = 'open_episode_closed_by_next_episode' THEN 'X1' ELSE REC END AS REC")
        else:
            cols.append(f'"{c}"')
    episodes = con.sql(f"SELECT {', '.join(cols)} FROM _r3 ORDER BY CHILD, DECOM").to_arrow_table()

    hcols = ", ".join(f'"{c}"' for c in COLUMNS["Header"])
    header = con.sql(
        f"SELECT {hcols} FROM header h LEFT JOIN _latest l USING (_file) WHERE CHILD IS NOT NULL "
        "QUALIFY row_number() OVER (PARTITION BY CHILD ORDER BY l.latest DESC NULLS LAST, _file DESC, _row DESC) = 1 "
        "ORDER BY CHILD"
    ).to_arrow_table()
    hrow = con.execute(
        "SELECT count(*) - count(DISTINCT CHILD) FROM header WHERE CHILD IS NOT NULL"
    ).fetchone()
    counts["header_resent_merged"] = int(hrow[0]) if hrow else 0
    con.execute("DROP TABLE _r1; DROP TABLE _r2; DROP TABLE _r3; DROP TABLE _latest")
    return Repaired(header=header, episodes=episodes, counts=counts, examples=examples)
