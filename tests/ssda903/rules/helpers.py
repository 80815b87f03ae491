"""Run one 903 rule on a few hand-written rows (text, as read from a CSV file)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa

from homeward.ssda903 import arrow
from homeward.ssda903.frame import Frame, empty_raw
from homeward.ssda903.issues import Issue
from homeward.ssda903.reader import RawData, SourceFile, _with_position
from homeward.ssda903.rules import RULES
from homeward.ssda903.tables import COLUMNS


def read_text_tables(raw: RawData, name: str, rows: Sequence[dict[str, str]], label: str) -> None:
    """Add rows of text, as a CSV file called `label` would give them (dates still text, to be parsed)."""
    index = len(raw.files)
    raw.files.append(SourceFile(label, name, len(rows), "utf-8", "records"))
    table = pa.table({c: arrow.strings([r.get(c) or None for r in rows]) for c in COLUMNS[name]})
    raw.add(name, _with_position(table, index, np.arange(2, len(rows) + 2)))


def run(
    code: str, header: Sequence[dict[str, str]] = (), episodes: Sequence[dict[str, str]] = ()
) -> list[Issue]:
    """The findings of rule `code` alone, each carrying the rule's code, kind and severity."""
    raw = RawData()
    read_text_tables(raw, "Header", list(header), "header.csv")
    read_text_tables(raw, "Episodes", list(episodes), "episodes.csv")
    names = [f.path for f in raw.files]
    frames = {}
    for table in ("Header", "Episodes"):
        stacked = raw.stacked(table)
        frames[table] = Frame(table, stacked if stacked is not None else empty_raw(table), names)
    rule = RULES[code]
    issues = rule.run(frames["Header"], frames["Episodes"])
    assert all((i.code, i.kind, i.severity) == (code, rule.kind, rule.severity) for i in issues)
    return issues


def rows(issues: list[Issue]) -> list[tuple[str, int | None, str | None]]:
    """(file, row, column) of each finding, in the order reported."""
    return [(i.file, i.row, i.column) for i in issues]
