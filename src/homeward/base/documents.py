"""What a signed record shows, frozen at signing: the live records it refers to move on, it does not.

A signed agreement, assessment or decision shows names, relationships, dates and text that live in
other records (the family member's name and relationship, the child's name, the agency's name). Read
through foreign keys, a rename after signing would change what was signed. So `SignedVersion.sign()`
stores a `FrozenDocument` of everything the record shows on the signed row (`signed_document`), and
the pages and the PDF read `record.document`: the frozen one once signed, built live while unsigned,
so one template serves both.

A document is a frozen dataclass of plain values (str, int, bool, date, datetime, None), tuples of them
and nested dataclasses; `to_json()` and `from_json()` turn it into JSON and back, field by field from
its type hints, so a document read back equals the one stored and renders byte for byte the same.
Each app says what its document holds (`plans.documents`, `assessments.documents`,
`decisions.documents`), and builds it only from fields and related rows (no model methods), so the data
migrations that freeze the documents of records signed before this existed can build them too.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any, Self


@dataclasses.dataclass(frozen=True)
class FrozenDocument:
    """Base of each record's document: a frozen dataclass that round-trips through JSON."""

    def to_json(self) -> dict[str, Any]:
        return typing.cast(dict[str, Any], _dump(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        return typing.cast(Self, _load(cls, data))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_dump(v) for v in value]
    if isinstance(value, date):  # a datetime too: isoformat keeps its time and offset
        return value.isoformat()
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"A document holds plain values, not {type(value).__name__}")


def _load(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = (a for a in typing.get_args(hint) if a is not type(None))
        return _load(inner, value)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_load(item, v) for v in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        # A field added since the document was frozen takes its default (a document frozen before it).
        fields = [f for f in dataclasses.fields(hint) if f.name in value]
        return hint(**{f.name: _load(hints[f.name], value[f.name]) for f in fields})
    if hint is datetime:
        return datetime.fromisoformat(value)
    if hint is date:
        return date.fromisoformat(value)
    return value


def freeze_signed_rows(app_label: str, model_name: str, build: Callable[[Any], FrozenDocument]) -> Any:
    """A data migration's function that stores the document of every row signed before documents
    existed. Built from the records as they stand when the migration runs: the nearest there is to
    what they showed when signed, and from then on they are kept."""

    def freeze(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        for row in model._default_manager.filter(signed_at__isnull=False, signed_document__isnull=True):
            row.signed_document = build(row).to_json()
            row.save(update_fields=["signed_document"])

    return freeze
