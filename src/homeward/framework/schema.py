"""The snapshot's JSON Schema, validation with field-by-field errors, and parsing.

`snapshot_from_dict(data)` validates `data` against the schema (JSON Schema draft 2020-12, generated
from the dataclasses in `homeward.framework.snapshot`), then checks the few things a schema cannot
(references between items, dates in order), and raises `SnapshotError` listing *every* problem, each
naming its field (e.g. `household_members[1].assessed_on: '2026-02-30' is not a valid date`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from homeward.framework.convert import from_jsonable, json_schema_for
from homeward.framework.snapshot import CaseSnapshot

SCHEMA_ID = "https://homeward.example/schemas/framework/case-snapshot.json"


class SnapshotError(ValueError):
    """A malformed snapshot. `messages` lists every problem, each starting with the field's path."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = list(messages)
        super().__init__("The case snapshot is not valid:\n" + "\n".join(f"- {m}" for m in self.messages))


@functools.cache
def _schema() -> dict[str, Any]:
    schema = json_schema_for(CaseSnapshot)
    assert isinstance(schema, dict)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def snapshot_json_schema() -> dict[str, Any]:
    """The JSON Schema of a case snapshot (a fresh copy: callers may change it freely)."""
    result = json.loads(json.dumps(_schema()))
    assert isinstance(result, dict)
    return result


@functools.cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _path(parts: Any) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(the snapshot)"


def _describe(error: ValidationError) -> list[str]:
    """Plain messages for one schema error (a nullable field's error is split into its branches)."""
    where = list(error.absolute_path)
    if error.validator == "anyOf" and error.context:
        # "X | None": report the non-null branch's error, which is what the author meant.
        branch = [e for e in error.context if e.validator != "type" or e.validator_value != "null"]
        if branch:
            return [m for e in branch for m in _describe(e)]
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [f"{_path([*where, missing])}: is required"]
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
        allowed = ", ".join(sorted(known))
        instance: Any = error.instance
        extras = sorted(set(instance) - set(known))
        return [f"{_path([*where, extra])}: is not a known field (known: {allowed})" for extra in extras]
    if error.validator == "enum":
        values: Any = error.validator_value
        allowed = ", ".join(repr(v) for v in values)
        return [f"{_path(where)}: {error.instance!r} is not one of {allowed}"]
    if error.validator == "format" and error.validator_value == "date":
        return [f"{_path(where)}: {error.instance!r} is not a valid date (YYYY-MM-DD)"]
    if error.validator == "pattern" and isinstance(error.instance, str):
        return [f"{_path(where)}: {error.instance!r} is not a valid date (YYYY-MM-DD)"]
    if error.validator == "type":
        return [f"{_path(where)}: {error.instance!r} is not of type {error.validator_value}"]
    return [f"{_path(where)}: {error.message}"]


def validate_snapshot_dict(data: Any) -> list[str]:
    """Every problem with `data` as a snapshot, as messages naming the field; [] when it is valid."""
    if not isinstance(data, Mapping):
        return [f"(the snapshot): expected a JSON object, got {type(data).__name__}"]
    messages: list[str] = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        for m in _describe(error):
            if m not in messages:
                messages.append(m)
    if messages:
        return sorted(messages)
    return _cross_checks(data)


def _cross_checks(data: Mapping[str, Any]) -> list[str]:
    """What a schema cannot say: unique ids, references that resolve, dates in order."""
    messages: list[str] = []
    evidence = data.get("evidence", [])
    evidence_ids: set[str] = set()
    for i, item in enumerate(evidence):
        if item["id"] in evidence_ids:
            messages.append(f"evidence[{i}].id: {item['id']!r} is used by an earlier evidence item")
        evidence_ids.add(item["id"])
        written = item.get("written_up_on")
        if written is not None and date.fromisoformat(written) < date.fromisoformat(item["seen_on"]):
            messages.append(f"evidence[{i}].written_up_on: {written} is before seen_on {item['seen_on']}")
    goal_ids: set[str] = set()
    for g, goal in enumerate(data.get("goals", [])):
        if goal["id"] in goal_ids:
            messages.append(f"goals[{g}].id: {goal['id']!r} is used by an earlier goal")
        goal_ids.add(goal["id"])
        for r, review in enumerate(goal.get("reviews", [])):
            for e, ref in enumerate(review.get("evidence_ids", [])):
                if ref not in evidence_ids:
                    where = f"goals[{g}].reviews[{r}].evidence_ids[{e}]"
                    messages.append(f"{where}: {ref!r} is not the id of an evidence item")
    for n, need in enumerate(data.get("needs", [])):
        for e, ref in enumerate(need.get("evidence_ids", [])):
            if ref not in evidence_ids:
                messages.append(f"needs[{n}].evidence_ids[{e}]: {ref!r} is not the id of an evidence item")
    for m, episode in enumerate(data.get("missing_episodes", [])):
        ended = episode.get("ended_on")
        if ended is not None and date.fromisoformat(ended) < date.fromisoformat(episode["started_on"]):
            messages.append(
                f"missing_episodes[{m}].ended_on: {ended} is before started_on {episode['started_on']}"
            )
    return messages


def snapshot_from_dict(data: Any) -> CaseSnapshot:
    """Validate `data` and build the snapshot; raises `SnapshotError` listing every problem."""
    messages = validate_snapshot_dict(data)
    if messages:
        raise SnapshotError(messages)
    snapshot = from_jsonable(CaseSnapshot, data)
    assert isinstance(snapshot, CaseSnapshot)
    return snapshot
