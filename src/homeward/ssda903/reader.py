"""Reading 903 files into tables of text, exactly as sent, with file-level problems reported.

CSV files are read with Arrow's multi-threaded reader (all columns as text, so nothing is lost before
validation); XML (`EXPSSDA903`) with ElementTree. A file is judged by its content, never its name:
compressed or archived files are refused unread (a few kilobytes can expand to gigabytes), and Arrow is
given the file's bytes, not its path, so a name ending .gz or .zst can never make it decompress one.
Each table gets two extra columns: `_file` (the index of the file in `RawData.files`) and `_row` (the
spreadsheet row: column names are row 1).
"""

from __future__ import annotations

import csv
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from homeward.ssda903 import arrow
from homeward.ssda903.frame import EPOCH, NULL_DAY
from homeward.ssda903.issues import Issue, Severity
from homeward.ssda903.tables import COLUMNS, DATE_COLUMNS, ESSENTIAL_COLUMNS, XML_RENAMES, identify_table


@dataclass
class SourceFile:
    """A file that was read (or tried): where it came from and what it held."""

    path: str
    table: str | None
    rows: int = 0
    encoding: str = "utf-8"
    format: str = "csv"


@dataclass
class RawData:
    """Text tables by 903 table name, all files of a table stacked, plus file-level issues."""

    files: list[SourceFile] = field(default_factory=list)
    tables: dict[str, list[pa.Table]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def add(self, table: str, data: pa.Table) -> None:
        self.tables.setdefault(table, []).append(data)

    def stacked(self, table: str) -> pa.Table | None:
        parts = self.tables.get(table)
        if not parts:
            return None
        return pa.concat_tables(parts)


# The first bytes of compressed and archive formats (those Arrow or Python would expand, and more).
COMPRESSED_SIGNATURES: Mapping[bytes, str] = {
    b"\x1f\x8b": "gzip",
    b"\x28\xb5\x2f\xfd": "Zstandard",
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"\x04\x22\x4d\x18": "LZ4",
    b"PK\x03\x04": "zip",
    b"PK\x05\x06": "zip",
    b"7z\xbc\xaf\x27\x1c": "7-Zip",
}
SIGNATURE_BYTES = max(map(len, COMPRESSED_SIGNATURES))


def compression_of(head: bytes) -> str | None:
    """The compressed or archive format that a file starting with `head` is in, or None for plain text."""
    return next((kind for magic, kind in COMPRESSED_SIGNATURES.items() if head.startswith(magic)), None)


def compressed_problem(file: str, kind: str) -> Issue:
    return _problem(
        file,
        f"This is a compressed ({kind}) file. Homeward does not open compressed files: "
        "upload the CSV or XML files themselves.",
        "compressed_file",
        allowed="plain 903 CSV files (one per table) or EXPSSDA903 XML, not zipped or compressed",
    )


def looks_like_xml(head: bytes) -> bool:
    """Whether text starting with `head` is XML (a CSV never starts with "<")."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given, and the .csv/.xml files inside any folder (recursively), sorted by name."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in {".csv", ".xml"})
            )
        else:
            out.append(p)
    return out


def _problem(file: str, message: str, kind: str, severity: Severity = Severity.ERROR, **kw: Any) -> Issue:
    return Issue(
        file=file,
        row=kw.get("row"),
        column=kw.get("column"),
        value=kw.get("value"),
        message=message,
        allowed=kw.get("allowed"),
        severity=severity,
        kind=kind,
    )


def _with_position(table: pa.Table, file_index: int, rows: np.ndarray) -> pa.Table:
    table = table.append_column(
        "_file", arrow.numeric(np.full(table.num_rows, file_index, dtype=np.int32), pa.int32())
    )
    return table.append_column("_row", arrow.numeric(rows, pa.int32()))


def _conform(table: pa.Table, name: str) -> pa.Table:
    """The table's official columns in order (absent ones as blank text), extra columns dropped."""
    n = table.num_rows
    cols = []
    for col in COLUMNS[name]:
        if col in table.column_names:
            cols.append(table.column(col))
        else:
            cols.append(pa.nulls(n, pa.string()))
    return pa.table(cols, names=list(COLUMNS[name]))


def read_files(
    paths: Iterable[str | os.PathLike[str]], progress: Callable[[int, int, str], None] | None = None
) -> RawData:
    """Read every file; problems with a file (encoding, empty, truncated, unknown) become issues."""
    raw = RawData()
    files = expand_paths(paths)
    # One file at a time; Arrow's reader parses each with all cores.
    for i, path in enumerate(files):
        if progress:
            progress(i, len(files), str(path))
        if not path.is_file():
            raw.files.append(SourceFile(str(path), None))
            raw.issues.append(_problem(str(path), "There is no such file.", "file_not_found"))
            continue
        with open(path, "rb") as f:
            head = f.read(64)
        if kind := compression_of(head):
            raw.files.append(SourceFile(str(path), None))
            raw.issues.append(compressed_problem(str(path), kind))
        elif path.suffix.lower() == ".xml" or looks_like_xml(head):
            _read_xml(raw, path)
        else:
            _read_csv(raw, path)
    if progress:
        progress(len(files), len(files), "")
    return raw


def read_typed_tables(raw: RawData, name: str, rows: Sequence[Mapping[str, object]], label: str) -> None:
    """Add in-memory typed rows (dates as `datetime.date`, everything else text, blanks None or "")
    as if read from a file called `label`: the dates go in as dates, never through text."""
    index = len(raw.files)
    raw.files.append(SourceFile(label, name, len(rows), "utf-8", "records"))
    cols: dict[str, pa.Array] = {}
    for c in COLUMNS[name]:
        values = [r.get(c) for r in rows]
        if c in DATE_COLUMNS[name]:
            days = np.array([NULL_DAY if v is None else _day_number(v, c) for v in values], dtype=np.int32)
            cols[c] = arrow.numeric(days, pa.date32(), null=days == NULL_DAY)
        else:
            cols[c] = arrow.strings([None if v is None or v == "" else str(v) for v in values])
    raw.add(name, _with_position(pa.table(cols), index, np.arange(2, len(rows) + 2)))


def _day_number(value: object, column: str) -> int:
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise TypeError(f"{column} must be a datetime.date or None, not {value!r}")
    return (value - EPOCH).days


def _sniff(path: Path) -> tuple[bytes, str]:
    """The file's first line (as bytes) and its encoding: utf-8 unless a BOM says otherwise."""
    with open(path, "rb") as f:
        head = f.read(65536)
    if head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff"):
        return head, "utf-16"
    return head, "utf-8"


def _read_csv(raw: RawData, path: Path) -> None:
    name = str(path)
    index = len(raw.files)
    src = SourceFile(name, None)
    raw.files.append(src)
    size = path.stat().st_size
    head, encoding = _sniff(path)
    if size == 0 or not head.strip(b"\xef\xbb\xbf \t\r\n,"):
        raw.issues.append(_problem(name, "The file is empty.", "empty_file", allowed="a 903 table with rows"))
        return
    if encoding == "utf-16":
        raw.issues.append(
            _problem(
                name,
                "The file is saved as UTF-16 ('Unicode text'), not UTF-8; it was read, but save it as "
                "'CSV UTF-8' next time.",
                "wrong_encoding",
                Severity.WARNING,
                allowed="UTF-8 text",
            )
        )
    # The column names, from the first line.
    first_line = head.decode(encoding, errors="replace").lstrip("\ufeff").splitlines()[0]
    columns = [c.strip() for c in next(csv.reader([first_line]))]
    match = identify_table(columns)
    if match.table is None:
        raw.issues.append(
            _problem(
                name,
                "The columns do not match any 903 table, so the file was not read.",
                "unknown_table",
                Severity.ERROR,
                row=1,
                value=_column_names_only(columns),
                allowed="the columns of one 903 table, e.g. Episodes: " + ", ".join(COLUMNS["Episodes"]),
            )
        )
        return
    table_name = match.table
    src.table = table_name
    if match.missing:
        raw.issues.append(
            _problem(
                name,
                f"This {table_name} file lacks the required column(s) {', '.join(match.missing)}.",
                "missing_columns",
                row=1,
                column=", ".join(match.missing),
                allowed="all of " + ", ".join(COLUMNS[table_name]),
            )
        )
        if any(c in match.missing for c in ESSENTIAL_COLUMNS.get(table_name, ())):
            return
    if match.extra:
        raw.issues.append(
            _problem(
                name,
                f"Column(s) {', '.join(match.extra)} are not part of the {table_name} table "
                "and were ignored.",
                "extra_columns",
                Severity.WARNING,
                row=1,
                column=", ".join(match.extra),
            )
        )

    table, bad_rows, encoding = _parse_csv(raw, path, name, encoding, columns)
    if table is None:
        return
    src.encoding = encoding
    n_valid = table.num_rows
    # Spreadsheet rows: header is row 1; rows skipped as malformed still count.
    rows = np.arange(2, n_valid + 2, dtype=np.int64)
    if bad_rows:
        bad = np.array(sorted(r for r, _, _, _ in bad_rows), dtype=np.int64)
        # Row k (k-th valid) sits after every bad row at or before its position.
        rows = rows + np.searchsorted(bad - np.arange(len(bad)), rows, side="right")
        ends_with_newline = _ends_with_newline(path)
        last_line = max(int(r) for r, _, _, _ in bad_rows)
        for number, expected, actual, _text in bad_rows:
            truncated = not ends_with_newline and number == last_line and actual < expected
            if truncated:
                raw.issues.append(
                    _problem(
                        name,
                        f"The file seems to be cut short: its last row (line {number}) has {actual} of "
                        f"{expected} values and no line ending. The row was not read.",
                        "truncated_file",
                        row=number,
                        allowed=f"{expected} comma-separated values on every row",
                    )
                )
            else:
                raw.issues.append(
                    _problem(
                        name,
                        f"Line {number} has {actual} values but the file has {expected} columns, so the "
                        "row was not read (its values are not shown: they may identify a child).",
                        "wrong_column_count",
                        row=number,
                        allowed=f"{expected} comma-separated values on every row",
                    )
                )
    # Rows where every value is blank (trailing rows from a spreadsheet) are dropped with a warning.
    blank = np.zeros(n_valid, dtype=bool)
    # A row is blank when every value is; the null counts are known already, so a file whose
    # first column has no blanks (the usual case) costs nothing here.
    if all(table.column(c).null_count for c in table.column_names):
        blank = np.ones(n_valid, dtype=bool)
        for col in table.column_names:
            blank &= _is_blank(table, col)
            if not blank.any():
                break
    if blank.any():
        raw.issues.append(
            _problem(
                name,
                f"{int(blank.sum())} empty row(s) were ignored.",
                "blank_rows",
                Severity.WARNING,
                row=int(rows[blank][0]),
            )
        )
        keep = arrow.booleans(~blank)
        table = table.filter(keep)
        rows = rows[~blank]
    if table.num_rows == 0:
        raw.issues.append(
            _problem(
                name, f"The {table_name} file has column names but no rows.", "no_rows", Severity.WARNING
            )
        )
    src.rows = table.num_rows
    raw.add(table_name, _with_position(_conform(table, table_name), index, rows))


def _column_names_only(columns: Sequence[str]) -> str:
    """The first line as the report may show it: a file without column names starts with a child's
    data (a date of birth, a UPN), which is never echoed."""
    if all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_ ]{0,39}", c) for c in columns):
        return ", ".join(columns)
    return "(not shown: the first line does not look like column names)"


def _is_blank(table: pa.Table, col: str) -> np.ndarray:
    return np.asarray(table.column(col).is_null().to_numpy(zero_copy_only=False))


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as f:
        f.seek(max(0, path.stat().st_size - 2))
        return f.read().endswith((b"\n", b"\r"))


def _parse_csv(
    raw: RawData, path: Path, name: str, encoding: str, columns: list[str]
) -> tuple[pa.Table | None, list[tuple[int, int, int, str]], str]:
    """Parse with Arrow; on invalid UTF-8 report it and read again as Windows-1252."""
    col_names = [c.strip().upper() for c in columns]
    # Plain ASCII (the usual 903 export) is valid UTF-8 as it stands: Arrow then parses the mapped
    # file without checking every value's encoding again.
    # Arrow always gets the bytes, never the path: given a path it picks a decompressor from the name.
    data = pa.memory_map(str(path)).read_buffer()
    ascii_only = (
        encoding == "utf-8" and data.size > 0 and int(np.frombuffer(data, dtype=np.uint8).max()) < 0x80
    )
    for attempt in (encoding, "cp1252"):
        bad: list[tuple[int, int, int, str]] = []

        def on_bad(row: Any, bad: list[tuple[int, int, int, str]] = bad) -> str:
            bad.append(
                (
                    row.number if row.number is not None else -1,
                    row.expected_columns,
                    row.actual_columns,
                    row.text,
                )
            )
            return "skip"

        def read(threads: bool, enc: str = attempt, on_bad: Any = on_bad) -> pa.Table:
            return pacsv.read_csv(
                pa.BufferReader(data),
                read_options=pacsv.ReadOptions(
                    column_names=col_names,
                    skip_rows=1,
                    encoding=enc,
                    use_threads=threads,
                ),
                parse_options=pacsv.ParseOptions(invalid_row_handler=on_bad, newlines_in_values=False),
                convert_options=pacsv.ConvertOptions(
                    column_types={c: pa.string() for c in col_names},
                    strings_can_be_null=True,
                    check_utf8=not ascii_only,
                ),
            )

        try:
            table = read(True)
            if any(b[0] < 0 for b in bad):  # row numbers are only known when read on one thread
                bad.clear()
                table = read(False)
            # Arrow numbers rows from the first line of the file (the skipped column names are 1).
            return table, bad, attempt
        except pa.ArrowInvalid as exc:
            msg = str(exc)
            if "UTF8" in msg.upper().replace("-", "") and attempt == encoding:
                raw.issues.append(
                    _problem(
                        name,
                        "The file is not UTF-8 text (perhaps saved as 'CSV' rather than 'CSV UTF-8' from "
                        "Excel); it was read as Windows-1252 so other problems can be listed.",
                        "wrong_encoding",
                        allowed="UTF-8 text",
                    )
                )
                continue
            raw.issues.append(
                _problem(
                    name,
                    f"The file could not be read as CSV ({msg.splitlines()[0]}); it may be cut short.",
                    "unreadable_file",
                )
            )
            return None, [], attempt
    return None, [], encoding


def _read_xml(raw: RawData, path: Path) -> None:
    """EXPSSDA903 XML: CHILD > HEADER (CHILDID …) and repeating CHILD > EPISODE (PL …)."""
    name = str(path)
    index = len(raw.files)
    src = SourceFile(name, "Header+Episodes", format="xml")
    raw.files.append(src)
    if path.stat().st_size == 0:
        raw.issues.append(_problem(name, "The file is empty.", "empty_file"))
        return
    headers: dict[str, list[str | None]] = {c: [] for c in COLUMNS["Header"]}
    episodes: dict[str, list[str | None]] = {c: [] for c in COLUMNS["Episodes"]}
    h_rows: list[int] = []
    e_rows: list[int] = []
    record = 0
    try:
        for _event, child in ET.iterparse(path, events=("end",)):
            if child.tag != "CHILD":
                continue
            header = child.find("HEADER")
            values = {}
            if header is not None:
                for el in header:
                    values[XML_RENAMES.get(el.tag, el.tag)] = el.text or None
            child_id = values.get("CHILD")
            record += 1
            for c in COLUMNS["Header"]:
                headers[c].append(values.get(c))
            h_rows.append(record)
            for ep in child.iter("EPISODE"):
                record += 1
                ev = {XML_RENAMES.get(el.tag, el.tag): el.text or None for el in ep}
                ev["CHILD"] = child_id
                for c in COLUMNS["Episodes"]:
                    episodes[c].append(ev.get(c))
                e_rows.append(record)
            child.clear()
    except ET.ParseError as exc:
        raw.issues.append(
            _problem(
                name,
                f"The XML could not be read past this point ({exc}); it may be cut short. "
                "Records before it were read.",
                "truncated_file",
                row=record + 1,
            )
        )
    except UnicodeDecodeError:
        raw.issues.append(
            _problem(name, "The XML file is not in the encoding it declares.", "wrong_encoding")
        )
        return
    src.rows = len(e_rows)
    h = pa.table({c: arrow.strings(v) for c, v in headers.items()})
    e = pa.table({c: arrow.strings(v) for c, v in episodes.items()})
    raw.add("Header", _with_position(h, index, np.array(h_rows, dtype=np.int64)))
    raw.add("Episodes", _with_position(e, index, np.array(e_rows, dtype=np.int64)))
