"""Dataclasses <-> JSON-able values, and the JSON Schema generated from the same dataclasses.

Supported field types: str, int, float, bool, date, Literal[...], nested frozen dataclasses,
`X | None` and `tuple[X, ...]`. That is all the snapshot uses; anything else is a programming error.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from datetime import date
from typing import Any, Literal, Union

JSON = Any


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_optional(tp: Any) -> tuple[bool, Any]:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return True, args[0]
    return False, tp


def to_jsonable(value: Any) -> JSON:
    """A dataclass instance (or value inside one) as plain JSON-able data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_jsonable(tp: Any, value: JSON) -> Any:
    """Build a value of type `tp` from JSON-able data already validated against the schema."""
    optional, inner = _is_optional(tp)
    if optional:
        return None if value is None else from_jsonable(inner, value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {
            f.name: from_jsonable(hints[f.name], value[f.name])
            for f in dataclasses.fields(tp)
            if f.name in value
        }
        return tp(**kwargs)
    origin = typing.get_origin(tp)
    if origin is tuple:
        (item_tp, _ellipsis) = typing.get_args(tp)
        return tuple(from_jsonable(item_tp, v) for v in value)
    if tp is date:
        return date.fromisoformat(value)
    if tp is float:
        return float(value)
    return value


def json_schema_for(tp: Any, description: str | None = None, extra: dict[str, Any] | None = None) -> JSON:
    """The JSON Schema (draft 2020-12) fragment for type `tp`."""
    optional, inner = _is_optional(tp)
    schema: dict[str, Any]
    if optional:
        schema = {"anyOf": [json_schema_for(inner, extra=extra), {"type": "null"}]}
        if description:
            schema["description"] = description
        return schema
    schema = {}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        props: dict[str, Any] = {}
        required: list[str] = []
        for f in dataclasses.fields(tp):
            doc = f.metadata.get("doc")
            props[f.name] = json_schema_for(hints[f.name], doc, f.metadata.get("schema"))
            if f.default is not dataclasses.MISSING:
                props[f.name]["default"] = to_jsonable(f.default)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                required.append(f.name)
        schema = {
            "type": "object",
            "title": tp.__name__,
            "description": " ".join((tp.__doc__ or "").split()),
            "properties": props,
            "required": required,
            "additionalProperties": False,
        }
    elif typing.get_origin(tp) is tuple:
        (item_tp, _ellipsis) = typing.get_args(tp)
        schema = {"type": "array", "items": json_schema_for(item_tp)}
    elif typing.get_origin(tp) is Literal:
        schema = {"enum": list(typing.get_args(tp))}
    elif tp is date:
        schema = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif tp is bool:
        schema = {"type": "boolean"}
    elif tp is int:
        schema = {"type": "integer"}
    elif tp is float:
        schema = {"type": "number"}
    elif tp is str:
        schema = {"type": "string"}
    else:  # pragma: no cover - a programming error caught by the tests
        raise TypeError(f"unsupported field type {tp!r}")
    if extra:
        schema.update(extra)
    if description:
        schema["description"] = description
    return schema
