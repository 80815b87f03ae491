"""A 903 dataset: read, validated and repaired, ready for `analyse`.

`load(paths)` reads returns from files or folders; `dataset_from_records(header, episodes)` takes
Homeward's own records. Both go through the same tidying, validation and repair, so an authority's
returns and Homeward's own episodes are judged by the same rules.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from homeward.ssda903 import arrow, codes
from homeward.ssda903.frame import Frame, empty_raw, tidy_columns
from homeward.ssda903.history import ChildDetails, Episode, collection_start_year
from homeward.ssda903.issues import Issue, Severity
from homeward.ssda903.reader import RawData, SourceFile, read_files, read_typed_tables
from homeward.ssda903.repair import EFFECTS, RULES, repair
from homeward.ssda903.rules import code_lists, validate
from homeward.ssda903.tables import COLUMNS, DATE_COLUMNS

Progress = Callable[[int, int, str], None]


@dataclass
class Dataset:
    """Header and episodes after tidying and repair, with every issue and repair found on the way.

    `header` and `episodes` are Arrow tables in the official column order; dates are dates, codes
    upper-case text, blanks null. `repairs` counts each repair rule (see `repair.RULES`).
    """

    header: pa.Table
    episodes: pa.Table  # grouped by child (in order of first appearance), then by DECOM
    issues: list[Issue] = field(default_factory=list)
    repairs: dict[str, int] = field(default_factory=dict)
    repair_examples: dict[str, list[str]] = field(default_factory=dict)
    files: list[SourceFile] = field(default_factory=list)
    other_tables: dict[str, pa.Table] = field(default_factory=dict)
    # The collection year (its start) each file was read as, by path: the year whose code lists it was
    # checked against (None when no date in it tells).
    file_years: dict[str, int | None] = field(default_factory=dict)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        return any(i.severity is Severity.ERROR for i in self.issues)

    def header_records(self) -> list[dict[str, Any]]:
        return list(self.header.to_pylist())

    def episode_records(self) -> list[dict[str, Any]]:
        """Episodes as dicts (dates as datetime.date), grouped by child, each child's by start date."""
        return list(self.episodes.to_pylist())

    def repairs_listed(self) -> list[dict[str, object]]:
        """Every repair rule with its count, its meaning and a few examples, for reports."""
        return [
            {
                "rule": r,
                "count": self.repairs.get(r, 0),
                "meaning": RULES[r],
                "effect": EFFECTS[r],
                "examples": self.repair_examples.get(r, []),
            }
            for r in RULES
        ]


def file_checksum(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file, for recording which files an import came from."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _build(raw: RawData, year: int | None = None) -> Dataset:
    names = [f.path for f in raw.files]
    # Each table's files stacked; the text read is then held only until it is tidied.
    stacked: dict[str, pa.Table] = {}
    for t in ("Episodes", "Header"):
        table = raw.stacked(t)
        stacked[t] = table if table is not None else empty_raw(t)
        raw.tables.pop(t, None)

    # Two threads: Arrow and numpy release the GIL for the heavy work, so on a national return the
    # columns are tidied two at a time, and validation runs beside the repairs. Both only read the
    # frames (their cached views are computed under a lock).
    with ThreadPoolExecutor(max_workers=2) as pool:
        columns = tidy_columns(stacked, pool)
        episodes = Frame("Episodes", stacked["Episodes"], names, columns=columns.pop("Episodes"))
        # Queued behind the Header's columns: the first thread free sorts the episodes by child
        # and start date (repair and validation both need that order).
        pool.submit(episodes.by_child_start)
        header = Frame("Header", stacked.pop("Header"), names, columns=columns.pop("Header"))
        episodes.year = header.year = year
        del stacked
        checks = pool.submit(validate, header, episodes)
        fixed = repair(header, episodes, len(names), pool)
        issues = list(raw.issues) + checks.result()
        years = code_lists.file_years(header, episodes)
    others = {}
    for name in raw.tables:
        if name not in ("Header", "Episodes"):
            table = raw.stacked(name)
            if table is not None:
                others[name] = table
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    # Whole-file problems first, then by row; the '… and N more' summaries after their rows.
    issues.sort(
        key=lambda i: (
            order[i.severity],
            i.file,
            i.row if i.row is not None else (0 if i.column is None else 1 << 40),
        )
    )
    return Dataset(
        header=fixed.header,
        episodes=fixed.episodes,
        issues=issues,
        repairs=fixed.counts,
        repair_examples=fixed.examples,
        files=raw.files,
        other_tables=others,
        file_years={names[i]: y for i, y in years.items() if i < len(names)},
    )


def load(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    progress: Progress | None = None,
    year: int | None = None,
) -> Dataset:
    """Read 903 returns (CSV files, EXPSSDA903 XML, or folders of them; several years at once).

    Each file's codes are checked against the code lists of its own collection year, found from its
    dates (`rules.code_lists.file_years`), or of `year` (its start, e.g. 2024 for 2024-25) when given."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _build(read_files(paths, progress), year)


def _record(r: Mapping[str, object] | Episode | ChildDetails) -> Mapping[str, object]:
    return r.as_903() if isinstance(r, (Episode, ChildDetails)) else r


def dataset_from_records(
    header: Iterable[Mapping[str, object] | ChildDetails],
    episodes: Iterable[Mapping[str, object] | Episode],
    label: str = "Homeward records",
) -> Dataset:
    """Homeward's own children and episodes (`history.ChildDetails` and `history.Episode`, or dicts in
    903 columns with dates as datetime.date and codes as str), validated, repaired and ready for
    `analyse` exactly like a loaded return. The dates go in as dates (never through text)."""
    raw = RawData()
    for name, records in (("Header", header), ("Episodes", episodes)):
        read_typed_tables(raw, name, [_record(r) for r in records], f"{label} ({name})")
    # Homeward stores the codes of `codes.CODE_LISTS` (SEX 1/2): checked under those lists, whatever
    # the dates; `write_csv` writes them in the codes of the data's year.
    return _build(raw, codes.RECORDS_YEAR)


def _as_903_text(table: pa.Table, name: str) -> pa.Table:
    cols = []
    for c in COLUMNS[name]:
        col = table.column(c) if c in table.column_names else pa.nulls(table.num_rows, pa.string())
        if c in DATE_COLUMNS[name]:
            # Format each distinct date once (a few thousand), then spread them over the rows.
            encoded = pc.dictionary_encode(col.combine_chunks())
            text = pc.strftime(encoded.dictionary.cast(pa.timestamp("s")), format="%d/%m/%Y")
            col = pc.take(text, encoded.indices)
        cols.append(col.cast(pa.string()))
    return pa.table(cols, names=list(COLUMNS[name]))


def write_table_csv(table: pa.Table, name: str, path: str | os.PathLike[str]) -> None:
    """One 903 table as CSV: official column order, dd/mm/YYYY dates, blanks empty."""
    text = _as_903_text(table, name)
    with open(path, "wb") as f:
        f.write((",".join(COLUMNS[name]) + "\n").encode())
        try:  # unquoted, as 903 exports are; quoted only if a value holds a comma or a quote
            pacsv.write_csv(
                text, f, write_options=pacsv.WriteOptions(include_header=False, quoting_style="none")
            )
        except pa.ArrowInvalid:
            f.seek(0)
            f.truncate()
            f.write((",".join(COLUMNS[name]) + "\n").encode())
            pacsv.write_csv(text, f, write_options=pacsv.WriteOptions(include_header=False))


def _data_year(episodes: pa.Table) -> int | None:
    """The collection year (its start) of the latest date in the episodes."""
    latest = [pc.max(episodes.column(c)).as_py() for c in ("DECOM", "DEC") if episodes.num_rows]
    known = [d for d in latest if d is not None]
    return collection_start_year(max(known)) if known else None


def _in_year_codes(header: pa.Table, year: int | None) -> pa.Table:
    """The Header with SEX in the codes of `year` (M/F from 2024-25)."""
    sex = header.column("SEX").combine_chunks()
    encoded = sex if pa.types.is_dictionary(sex.type) else pc.dictionary_encode(sex)
    words = [codes.in_year_codes("SEX", v, year) for v in encoded.dictionary.to_pylist()]  # a few values
    recoded = pc.take(arrow.strings(words), encoded.indices)
    return header.set_column(header.column_names.index("SEX"), "SEX", recoded)


def write_csv(dataset: Dataset, out_dir: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Write `header.csv` and `episodes.csv` in the 903 layout; returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    h, e = out / "header.csv", out / "episodes.csv"
    write_table_csv(_in_year_codes(dataset.header, _data_year(dataset.episodes)), "Header", h)
    write_table_csv(dataset.episodes, "Episodes", e)
    return h, e
