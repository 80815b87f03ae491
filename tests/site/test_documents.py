"""`FrozenDocument` round-trips through JSON: what is read back equals what was stored, field by field
(dates, times with their offset, optional values, tuples and nested parts)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from homeward.base.documents import FrozenDocument


@dataclass(frozen=True)
class Part:
    name: str
    on: date | None


@dataclass(frozen=True)
class Document(FrozenDocument):
    title: str
    version: int
    signed: bool
    at: datetime | None
    parts: tuple[Part, ...]
    lines: tuple[str, ...]


def test_a_document_reads_back_equal_to_the_one_stored() -> None:
    document = Document(
        title="Written agreement",
        version=2,
        signed=True,
        at=datetime(2025, 6, 30, 14, 5, 7, 123456, tzinfo=UTC),
        parts=(Part("Jade Turner", date(2025, 6, 1)), Part("Darren Turner", None)),
        lines=("one", "two"),
    )
    stored = json.loads(json.dumps(document.to_json()))
    assert stored["at"] == "2025-06-30T14:05:07.123456+00:00" and stored["parts"][1]["on"] is None
    back = Document.from_json(stored)
    assert back == document and isinstance(back.parts, tuple) and back.at is not None
    assert back.at.utcoffset() is not None


def test_only_plain_values_are_stored() -> None:
    @dataclass(frozen=True)
    class Wrong(FrozenDocument):
        value: object

    with pytest.raises(TypeError, match="plain values"):
        Wrong(value={1, 2}).to_json()
