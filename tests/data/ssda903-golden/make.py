"""How the files beside this one were made (run once; the files are kept, so they never change).

Synthetic returns (`homeward 903 synth`, seed 7) with a seeded sprinkling of every kind of mistake a
903 export can hold, so that one row often breaks several rules at once: the golden tests then pin
not only each finding but the order in which findings on the same row are listed.

    .venv/bin/python tests/data/ssda903-golden/make.py
"""

from __future__ import annotations

import csv
import random
import tempfile
from pathlib import Path

from homeward.ssda903.synth import write_years

HERE = Path(__file__).resolve().parent
MISTAKES = {
    "code": ["", "zz", " c2", "c2 ", "Q9", "K3", "X1", "E4A", "S"],
    "date": ["", "31/02/2020", "2020-01-05", "01/01/2099", "01/01/1899", "5/6/2019", "not a date"],
}
CODE_COLUMNS = {"SEX", "ETHNIC", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "REC", "REASON_PLACE_CHANGE"}
DATE_COLUMNS = {"DOB", "MC_DOB", "DECOM", "DEC"}


def corrupt(rows: list[dict[str, str]], rng: random.Random, rate: float) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for row in rows:
        row = dict(row)
        for col in row:
            if rng.random() >= rate:
                continue
            if col in CODE_COLUMNS:
                row[col] = rng.choice(MISTAKES["code"])
            elif col in DATE_COLUMNS:
                row[col] = rng.choice(MISTAKES["date"])
            elif col == "CHILD":
                row[col] = rng.choice(["", " " + row[col]])
        out.append(row)
        if rng.random() < 0.02:  # the same row twice
            out.append(dict(row))
    return [r for r in out if rng.random() >= 0.01]  # a few rows lost (children without a Header)


def main() -> None:
    rng = random.Random(903)
    with tempfile.TemporaryDirectory() as tmp:
        write_years(tmp, children=300, years=3, seed=7, last_year_end=2024)
        for path in sorted(Path(tmp).glob("*.csv")):
            with path.open(newline="") as f:
                reader = csv.DictReader(f)
                columns = list(reader.fieldnames or [])
                rows = corrupt(list(reader), rng, rate=0.03)
            with (HERE / path.name).open("w", newline="") as f:
                writer = csv.DictWriter(f, columns, lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)


if __name__ == "__main__":
    main()
