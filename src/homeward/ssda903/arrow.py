"""Arrow arrays from numpy without `pa.array`.

`pa.array` imports pandas on first use when pandas is installed (as it is in development), which
costs more than a second; building arrays from their buffers is zero-copy and imports nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa


def _validity(null: np.ndarray | None) -> pa.Buffer | None:
    if null is None or not null.any():
        return None
    return pa.py_buffer(np.packbits(~np.asarray(null, dtype=bool), bitorder="little"))


def numeric(values: np.ndarray, type_: pa.DataType, null: np.ndarray | None = None) -> pa.Array:
    """A fixed-width Arrow array (int32, int64, date32 …) over `values`, null where `null`."""
    width = type_.bit_width // 8
    data = np.ascontiguousarray(values, dtype=f"<i{width}")
    nulls = int(np.count_nonzero(null)) if null is not None else 0
    return pa.Array.from_buffers(type_, len(data), [_validity(null), pa.py_buffer(data)], null_count=nulls)


def booleans(values: np.ndarray) -> pa.Array:
    bits = np.packbits(np.asarray(values, dtype=bool), bitorder="little")
    return pa.Array.from_buffers(pa.bool_(), len(values), [None, pa.py_buffer(bits)], null_count=0)


def strings(values: Sequence[str | None]) -> pa.Array:
    """A string array from Python strings (None for null)."""
    encoded = [b"" if v is None else v.encode() for v in values]
    null = np.array([v is None for v in values], dtype=bool)
    offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
    if encoded:
        np.cumsum([len(b) for b in encoded], out=offsets[1:])
    data = pa.py_buffer(b"".join(encoded))
    return pa.Array.from_buffers(
        pa.string(), len(encoded), [_validity(null), pa.py_buffer(offsets), data], null_count=int(null.sum())
    )


def null_mask(arr: pa.Array) -> np.ndarray | None:
    """Where the array is null, or None when nothing is (then no bitmap is unpacked at all)."""
    if arr.null_count == 0:
        return None
    return np.asarray(arr.is_null().to_numpy(zero_copy_only=False))


def indices_or_minus_one(arr: pa.DictionaryArray, blank: int = -1) -> np.ndarray:
    """A dictionary array's indices as int32, with `blank` where the value is null."""
    ind = arr.indices
    # The raw index buffer (to_numpy would turn indices with nulls into floats).
    width = ind.type.bit_width // 8
    idx = np.frombuffer(ind.buffers()[1], dtype=f"<i{width}")[ind.offset : ind.offset + len(ind)]
    null = null_mask(arr)
    if null is None:
        return idx.astype(np.int32, copy=False)
    out = idx.astype(np.int32, copy=True)
    out[null] = blank
    return out


def chunked_to_numpy(col: pa.ChunkedArray) -> np.ndarray:
    """One numpy array from a chunked fixed-width column without nulls (no pandas involved)."""
    parts = [c.to_numpy(zero_copy_only=False) for c in col.chunks]
    if len(parts) == 1:
        return parts[0]
    return np.concatenate(parts) if parts else np.array([], dtype=np.int32)
