"""Run one 903 rule on a few hand-written rows (text, as read from a CSV file)."""

from __future__ import annotations

from collections.abc import Sequence

from homeward.ssda903.frame import Frame, empty_raw
from homeward.ssda903.issues import Issue
from homeward.ssda903.reader import RawData, read_text_tables
from homeward.ssda903.rules import RULES


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
