"""The floor under any analysis: load the yearly CSVs into typed DuckDB tables, nothing more.

python bench/duckdb_load.py FOLDER
"""

import sys
from pathlib import Path

import duckdb

folder = Path(sys.argv[1])
con = duckdb.connect()
for table, pattern in (("header", "header_*.csv"), ("episodes", "episodes_*.csv")):
    con.execute(
        f"CREATE TABLE {table} AS SELECT * FROM read_csv('{folder / pattern}', header = true, "
        "dateformat = '%d/%m/%Y')"
    )
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    print(table, row[0] if row else 0)
