"""Tidy the text tables into typed columns, and give validation and repair cheap numpy views.

Every column is dictionary-encoded first: a national return has millions of rows but only a few
thousand distinct dates and a few dozen distinct codes, so tidying (spaces, case), parsing dates and
checking codes work on the distinct values and are mapped back to the rows by index. Messy-but-fine
input (stray spaces, lower-case codes, ISO dates) is accepted here and recorded in `Frame.tidied`
for the rule HW-01 (`rules.tidied`) to warn about.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from homeward.ssda903 import arrow
from homeward.ssda903.history import EARLIEST_DATE
from homeward.ssda903.tables import CODE_COLUMNS, COLUMNS, DATE_COLUMNS, FREE_TEXT_COLUMNS

T = TypeVar("T")
NULL_DAY = np.iinfo(np.int32).min  # a missing date in the day-number arrays
EPOCH = date(1970, 1, 1)


def _dictionary(arr: pa.ChunkedArray | pa.Array) -> pa.DictionaryArray:
    if isinstance(arr, pa.ChunkedArray):
        if arr.num_chunks > 1 and not pa.types.is_dictionary(arr.type):
            # Encoded chunk by chunk: every chunk gets the one dictionary, so joining them only
            # joins their indices (the text itself is never copied into one array first).
            return pc.dictionary_encode(arr.cast(pa.string())).combine_chunks()
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    if pa.types.is_dictionary(arr.type):
        return arr
    return pc.dictionary_encode(arr.cast(pa.string()))


@dataclass
class Tidied:
    """Rows whose value was changed on reading: column -> (what happened, row positions)."""

    changes: list[tuple[str, str, np.ndarray]] = field(default_factory=list)


def _tidy_text(arr: pa.DictionaryArray, upper: bool) -> tuple[pa.DictionaryArray, np.ndarray | None]:
    """Trim (and upper-case) the distinct values; blanks become null. Returns changed row positions."""
    values = arr.dictionary
    fixed = pc.utf8_trim_whitespace(values)
    if upper:
        fixed = pc.utf8_upper(fixed)
    changed_values = pc.not_equal(values, fixed)
    blank = pc.equal(fixed, "")
    if not (pc.any(changed_values).as_py() or pc.any(blank).as_py()):
        return arr, None
    changed_idx = np.flatnonzero(pc.and_(changed_values, pc.invert(blank)).to_numpy(zero_copy_only=False))
    indices = arr.indices.to_numpy(zero_copy_only=False)
    valid = ~np.asarray(arr.is_null().to_numpy(zero_copy_only=False))
    changed_rows = np.flatnonzero(valid & np.isin(np.where(valid, indices, -1), changed_idx))
    fixed = pc.if_else(blank, pa.scalar(None, pa.string()), fixed)
    full = pc.take(fixed, arr.indices)
    return pc.dictionary_encode(full), changed_rows


def _parse_one(text: str) -> tuple[date | None, bool]:
    """(date, was ISO) for one distinct value; None if no date."""
    for fmt, iso in (("%d/%m/%Y", False), ("%Y-%m-%d", True)):
        try:
            return datetime.strptime(text, fmt).date(), iso
        except ValueError:
            continue
    return None, False


def _tidy_date(arr: pa.DictionaryArray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """(day numbers with NULL_DAY, bad-text row positions, ISO row positions, spaced row positions)."""
    values = arr.dictionary.to_pylist()
    days = np.full(len(values) + 1, NULL_DAY, dtype=np.int32)  # last slot: null
    bad: list[int] = []
    iso: list[int] = []
    spaced: list[int] = []
    # The usual case, dd/mm/YYYY, parsed by Arrow for all distinct values at once; Python looks
    # only at the rest (ISO dates, spaces, impossible dates).
    # Arrow is lenient (31/02 becomes 02/03, spaces pass), so only values that print back
    # exactly as written are taken from it.
    parsed = pc.strptime(arr.dictionary, format="%d/%m/%Y", unit="s", error_is_null=True)
    exact = pc.equal(pc.strftime(parsed, format="%d/%m/%Y"), arr.dictionary)
    parsed = pc.if_else(pc.fill_null(exact, False), parsed, pa.scalar(None, parsed.type))
    parsed_days = pc.fill_null(pc.cast(pc.cast(parsed, pa.date32()), pa.int32()), NULL_DAY)
    days[: len(values)] = parsed_days.to_numpy(zero_copy_only=False)
    for i in np.flatnonzero(days[: len(values)] == NULL_DAY).tolist():
        v = values[i]
        s = v.strip()
        if s != v and s:
            spaced.append(i)
        if not s:
            continue
        d, was_iso = _parse_one(s)
        if d is None:
            bad.append(i)
        else:
            days[i] = (d - EPOCH).days
            if was_iso:
                iso.append(i)
    idx = arrow.indices_or_minus_one(arr, blank=len(values))
    row_days = days[idx]

    def rows(which: list[int]) -> np.ndarray:
        return np.flatnonzero(np.isin(idx, which)) if which else np.array([], dtype=np.int64)

    return row_days, rows(bad), rows(iso), rows(spaced) if spaced else None


@dataclass
class _Column:
    array: pa.Array
    text: pa.Array  # the values as read, in one array (dictionary-encoded unless free text)
    days: np.ndarray | None = None
    bad_dates: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))
    tidied: list[tuple[str, np.ndarray]] = field(default_factory=list)


def _typed_dates(data: pa.ChunkedArray) -> _Column:
    """A date column that arrived typed (Homeward's own records): nothing to parse or tidy. The text
    kept for messages is the dates written dd/mm/YYYY, each distinct date formatted once."""
    arr = data.combine_chunks() if data.num_chunks != 1 else data.chunk(0)
    null = np.asarray(arr.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    days = np.where(null, NULL_DAY, np.asarray(arr.cast(pa.int32()).fill_null(0).to_numpy())).astype(np.int32)
    encoded = pc.dictionary_encode(arr)
    text = pa.DictionaryArray.from_arrays(
        encoded.indices, pc.strftime(encoded.dictionary.cast(pa.timestamp("s")), format="%d/%m/%Y")
    )
    return _Column(arr, text, days)


def _tidy_column(table: str, col: str, data: pa.ChunkedArray) -> _Column:
    """One column tidied and typed (free text is kept as sent)."""
    if pa.types.is_date32(data.type):
        return _typed_dates(data)
    if col in FREE_TEXT_COLUMNS.get(table, ()):
        text = data.combine_chunks() if data.num_chunks != 1 else data.chunk(0)
        return _Column(text, text)
    d = _dictionary(data)
    if col in DATE_COLUMNS.get(table, ()):
        days, bad, iso, spaced = _tidy_date(d)
        out = _Column(arrow.numeric(days, pa.date32(), null=days == NULL_DAY), d, days, bad)
        if len(iso):
            out.tidied.append(("dates written YYYY-MM-DD, read as such", iso))
        if spaced is not None and len(spaced):
            out.tidied.append(("spaces around the value, removed", spaced))
        return out
    upper = col in CODE_COLUMNS.get(table, ())
    tidy, changed = _tidy_text(d, upper)
    out = _Column(tidy, d)
    if changed is not None and len(changed):
        what = (
            "lower-case letters or spaces, read as upper case"
            if upper
            else "spaces around the value, removed"
        )
        out.tidied.append((what, changed))
    return out


def tidy_columns(
    raws: Mapping[str, pa.Table], pool: ThreadPoolExecutor | None = None
) -> dict[str, Iterator[_Column]]:
    """Every column of the tables tidied, by table, in the official order.

    Columns are independent, so with a pool all of them are queued at once (Arrow's kernels release
    the GIL): the child IDs first, the slowest to encode (many distinct values), then the rest."""
    if pool is None:
        return {name: _tidied(name, raw) for name, raw in raws.items()}
    jobs = sorted(((name, c) for name in raws for c in COLUMNS[name]), key=lambda job: job[1] != "CHILD")
    queued = {(name, c): pool.submit(_tidy_column, name, c, raws[name].column(c)) for name, c in jobs}
    return {name: _results([queued[name, c] for c in COLUMNS[name]]) for name in raws}


def _tidied(name: str, raw: pa.Table) -> Iterator[_Column]:
    for c in COLUMNS[name]:
        yield _tidy_column(name, c, raw.column(c))


def _results(futures: list[Future[_Column]]) -> Iterator[_Column]:
    for f in futures:
        yield f.result()


class Frame:
    """One 903 table (all files stacked) tidied: typed Arrow columns plus numpy views.

    `table` holds the tidied columns in the official order: codes and ids dictionary-encoded text,
    dates as date32, blanks null. `raw` is the text as read, row for row, for messages (each column
    in one array, dictionary-encoded unless free text; the text columns read are not kept).
    """

    def __init__(
        self,
        name: str,
        raw: pa.Table,
        files: Sequence[str],
        pool: ThreadPoolExecutor | None = None,
        columns: Iterable[_Column] | None = None,
    ):
        self.name = name
        self.files = files
        # The collection year (its start, e.g. 2024 for 2024-25) whose code lists every file is read
        # under, when given (`load(..., year=)`, `903 validate --year`); else each file's own.
        self.year: int | None = None
        self.n = raw.num_rows
        self.file = arrow.chunked_to_numpy(raw.column("_file"))
        self.row = arrow.chunked_to_numpy(raw.column("_row"))
        self.tidied: list[tuple[str, str, np.ndarray]] = []
        self.bad_dates: dict[str, np.ndarray] = {}
        self._days: dict[str, np.ndarray] = {}
        self._codes: dict[str, np.ndarray] = {}
        self._lock = threading.RLock()
        self._by_child_start: np.ndarray | None = None
        self._cache: dict[object, Any] = {}
        # Tidied here (two columns at a time with a pool) unless already under way.
        done = columns if columns is not None else tidy_columns({name: raw}, pool)[name]
        tidy: dict[str, pa.Array] = {}
        text: dict[str, pa.Array] = {}
        for col, result in zip(COLUMNS[name], done, strict=True):
            tidy[col], text[col] = result.array, result.text
            if result.days is not None:
                self._days[col] = result.days
                self.bad_dates[col] = result.bad_dates
            self.tidied.extend((col, what, rows) for what, rows in result.tidied)
        self.table = pa.table(tidy)
        self.raw = pa.table({**text, "_file": raw.column("_file"), "_row": raw.column("_row")})

    # --- numpy views -------------------------------------------------------------------------
    def by_child_start(self) -> np.ndarray:
        """Positions of the episodes with a child and a start date, ordered by child then DECOM;
        ties keep file and row order. Sorted once, shared by validation and repair (both threads)."""
        with self._lock:
            if self._by_child_start is None:
                child, start = self.codes("CHILD"), self.days("DECOM")
                usable = np.flatnonzero((child >= 0) & (start != NULL_DAY))
                if len(usable) == self.n:  # the usual case: no gathering needed
                    self._by_child_start = order_by(child, start)
                else:
                    self._by_child_start = usable[order_by(child[usable], start[usable])]
            return self._by_child_start

    def days(self, col: str) -> np.ndarray:
        """Day numbers (days since 1970-01-01) with NULL_DAY for blank or impossible dates."""
        return self._days[col]

    def codes(self, col: str) -> np.ndarray:
        """Dictionary indices of a text column, -1 where blank."""
        if col not in self._codes:
            arr = self.table.column(col).chunk(0) if self.table.column(col).num_chunks else None
            if arr is None:
                self._codes[col] = np.full(self.n, -1, dtype=np.int32)
            else:
                self._codes[col] = arrow.indices_or_minus_one(arr)
        return self._codes[col]

    def cached(self, key: object, compute: Callable[[], T]) -> T:
        """A view computed once and shared by validation and repair (both threads)."""
        with self._lock:
            if key not in self._cache:
                self._cache[key] = compute()
            return self._cache[key]

    def n_values(self, col: str) -> int:
        """How many distinct values a text column holds (the length of its dictionary)."""
        data = self.table.column(col)
        return len(data.chunk(0).dictionary) if data.num_chunks else 0

    def dictionary(self, col: str) -> list[str]:
        col_data = self.table.column(col)
        return col_data.chunk(0).dictionary.to_pylist() if col_data.num_chunks else []

    def isnull(self, col: str) -> np.ndarray:
        if col in self._days:
            return self._days[col] == NULL_DAY
        return self.codes(col) < 0

    def isin(self, col: str, values: Iterable[str]) -> np.ndarray:
        wanted = set(values)
        positions = [i for i, v in enumerate(self.dictionary(col)) if v in wanted]
        if not positions:
            return np.zeros(self.n, dtype=bool)
        if len(positions) == 1:
            return self.codes(col) == positions[0]
        return np.isin(self.codes(col), positions)

    def value(self, col: str, i: int) -> str | None:
        v = self.table.column(col)[int(i)].as_py()
        if isinstance(v, date):
            return v.strftime("%d/%m/%Y")
        return v

    def text(self, col: str, i: int) -> str | None:
        """The value exactly as read."""
        return self.raw.column(col)[int(i)].as_py()


def empty_raw(name: str) -> pa.Table:
    return pa.table(
        {
            **{c: pa.nulls(0, pa.string()) for c in COLUMNS[name]},
            "_file": pa.nulls(0, pa.int32()),
            "_row": pa.nulls(0, pa.int32()),
        }
    )


def date_range_days() -> tuple[int, int]:
    """The day numbers of the first and last date a figure may use (`history.readable_date`)."""
    return (EARLIEST_DATE - EPOCH).days, (date.today() - EPOCH).days


def days_to_date(d: int) -> date | None:
    return None if d == NULL_DAY else date.fromordinal(EPOCH.toordinal() + int(d))


def header_rows(episodes: Frame, header: Frame) -> np.ndarray:
    """For each distinct CHILD of the episodes (its dictionary index), the position of the child's
    last Header row, -1 if none; one more slot at the end, -1, so that a blank CHILD (code -1) maps
    to -1. The two dictionaries are matched once and the result kept (validation asks twice)."""
    return episodes.cached(("header_rows", id(header)), lambda: _header_rows(episodes, header))


def _header_rows(episodes: Frame, header: Frame) -> np.ndarray:
    n_ep_values, n_hd_values = episodes.n_values("CHILD"), header.n_values("CHILD")
    out = np.full(n_ep_values + 1, -1, dtype=np.int64)
    if not n_ep_values or not n_hd_values or header.n == 0:
        return out
    h_codes = header.codes("CHILD")
    # Header dictionary code -> a row having it (the latest row wins); a last slot for no match.
    row_of_code = np.full(n_hd_values + 1, -1, dtype=np.int64)
    valid = h_codes >= 0
    row_of_code[h_codes[valid]] = np.flatnonzero(valid)
    mapped = pc.index_in(
        episodes.table.column("CHILD").chunk(0).dictionary,
        value_set=header.table.column("CHILD").chunk(0).dictionary,
    )
    mapped_np = pc.fill_null(mapped, n_hd_values).to_numpy()
    out[:n_ep_values] = row_of_code[mapped_np]
    return out


def child_lookup(episodes: Frame, header: Frame) -> np.ndarray:
    """For each episode row, the position of its child's last Header row (-1 if none)."""
    return header_rows(episodes, header)[episodes.codes("CHILD")]


def order_by(*keys: np.ndarray) -> np.ndarray:
    """Row order sorting by the integer keys, the first most significant; stable (ties keep order).

    The keys are packed into one int64 when they fit (a single argsort, fast on the nearly sorted
    data real files are), else np.lexsort.
    """
    if not keys or len(keys[0]) == 0:
        return np.arange(len(keys[0]) if keys else 0)
    ranges = []
    total = 0
    for k in keys:
        lo = int(k.min())
        width = max(1, (int(k.max()) - lo).bit_length())
        total += width
        ranges.append((lo, width))
    if total > 63:
        return np.lexsort(tuple(np.asarray(k) for k in reversed(keys)))
    # Packed in place, one int64 array: (key - its minimum), shifted left by the widths of the rest.
    composite = np.empty(len(keys[0]), dtype=np.int64)
    for i, (k, (lo, width)) in enumerate(zip(keys, ranges, strict=True)):
        if i == 0:
            np.subtract(k, lo, out=composite, dtype=np.int64)
        else:
            composite <<= width
            part = np.subtract(k, lo, dtype=np.int64)
            composite |= part
    return np.argsort(composite, kind="stable")
