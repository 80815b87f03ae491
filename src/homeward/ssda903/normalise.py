"""Tidy the text tables into typed ones inside DuckDB: trimmed, upper-case codes, real dates.

Messy-but-fine input (stray spaces, lower-case codes, ISO dates) is accepted here; `validation.tidied`
turns what was changed into warnings. A date that is no date stays NULL here, with its text kept in
`<column>_TEXT` so validation can say which value was wrong.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from homeward.ssda903.tables import CODE_COLUMNS, COLUMNS, DATE_COLUMNS


def date_sql(expr: str) -> str:
    """dd/mm/YYYY (the 903 form; one-digit day or month accepted) or ISO YYYY-MM-DD, else NULL."""
    return (
        f"CASE WHEN {expr} LIKE '%/%/%' THEN try_strptime({expr}, '%d/%m/%Y')::DATE "
        f"WHEN {expr} LIKE '____-__-__' THEN try_strptime({expr}, '%Y-%m-%d')::DATE END"
    )


def _select(table: str) -> str:
    parts = ["_file", "_row"]
    for col in COLUMNS[table]:
        trimmed = f"nullif(trim(\"{col}\"), '')"
        if col in DATE_COLUMNS.get(table, ()):
            parts.append(f"{date_sql(trimmed)} AS \"{col}\"")
            parts.append(f"{trimmed} AS \"{col}_TEXT\"")
        elif col in CODE_COLUMNS.get(table, ()):
            parts.append(f"upper({trimmed}) AS \"{col}\"")
        else:
            parts.append(f"{trimmed} AS \"{col}\"")
    return ", ".join(parts)


def load_tables(con: duckdb.DuckDBPyConnection, header: pa.Table | None, episodes: pa.Table | None) -> None:
    """Create `raw_header`/`raw_episodes` (text as read) and `header`/`episodes` (tidied) in `con`."""
    for name, data, target in (("Header", header, "header"), ("Episodes", episodes, "episodes")):
        if data is None:
            data = pa.table(
                {**{c: pa.array([], pa.string()) for c in COLUMNS[name]},
                 "_file": pa.array([], pa.int32()), "_row": pa.array([], pa.int32())}
            )
        con.register(f"raw_{target}", data)
        con.execute(f"CREATE OR REPLACE TABLE {target} AS SELECT {_select(name)} FROM raw_{target}")
