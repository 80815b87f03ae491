"""Runs the DfE's 903 validator (the csc-validator-be-903 package) in its own environment.

Homeward never imports this file: `homeward.ssda903.dfe` starts it as a script with the Python that
has the DfE package (`python -I dfe_runner.py`), because that package pins pandas and numpy versions
Homeward cannot share. It reads one JSON request on stdin and writes one JSON answer on stdout:

    in:  {"collection_year": "2025", "ruleset_year": "2025", "local_authority": "E09000027",
          "files": [{"path": "...", "name": "header.csv", "when": "This year"}, ...]}
    out: {"ruleset": "lac2024_25", "rules": 305, "failed": ["231"], "skipped": [...],
          "findings": [{"code", "message", "fields", "table", "file", "index", "child"}, ...]}

Each rule gets its own deep copy of the tables: the package hands its rules shallow copies and some
rules change them in place, which would change what the rules after them see.
"""

from __future__ import annotations

import copy
import json
import logging
import sys
from pathlib import Path
from typing import Any


def _read(files: list[dict[str, str]]) -> tuple[dict[str, Any], dict[str, str], dict[str, Any]]:
    from lac_validator.ingress import read_from_text

    tables: dict[str, Any] = {}
    where: dict[str, str] = {}
    extras: dict[str, Any] = {}
    for when, suffix in (("This year", ""), ("Prev year", "_last")):
        chosen = [f for f in files if f["when"] == when]
        if not chosen:
            continue
        for f in chosen:  # one at a time first, to know which file each table came from
            one, _ = read_from_text([_uploaded(f)])
            for name in one:
                where[name + suffix] = f["name"]
        read, more = read_from_text([_uploaded(f) for f in chosen])
        extras.update(more)
        tables.update({name + suffix: table for name, table in read.items()})
    return tables, where, extras


def _uploaded(f: dict[str, str]) -> dict[str, Any]:
    return {"name": f["name"], "description": f["when"], "file_content": Path(f["path"]).read_bytes()}


def _as_index(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def main() -> None:
    logging.disable(logging.CRITICAL)  # the package logs every rule; the answer is the JSON
    answer, sys.stdout = sys.stdout, sys.stderr  # and some of its rules print: keep stdout for the answer
    request = json.load(sys.stdin)
    from lac_validator.datastore import create_datastore
    from lac_validator.rules.ruleset_utils import get_year_ruleset

    tables, where, extras = _read(request["files"])
    metadata = {"collectionYear": request["collection_year"], "localAuthority": request["local_authority"]}
    metadata.update(extras)
    store = create_datastore(tables, metadata)
    ruleset_year = request.get("ruleset_year") or request["collection_year"]
    registry = get_year_ruleset(ruleset_year)
    findings: list[dict[str, Any]] = []
    failed: list[str] = []
    skipped: list[str] = []
    for code, rule in registry.items():
        own = {k: (copy.deepcopy(v) if k == "metadata" else v.copy(deep=True)) for k, v in store.items()}
        try:
            result = rule.func(own)
        except Exception:  # a rule that cannot run on these tables is named, not fatal
            failed.append(str(code))
            continue
        if result == {}:
            skipped.append(str(code))  # the package's way of saying a table it needs is missing
            continue
        for table, indexes in result.items():
            frame = store.get(table)
            for value in indexes:
                index = _as_index(value)
                if index is None:
                    continue
                child = None
                if frame is not None and "CHILD" in frame.columns and index in frame.index:
                    raw = frame.at[index, "CHILD"]
                    child = None if raw != raw else str(raw)  # NaN is not equal to itself
                findings.append(
                    {
                        "code": str(rule.code),
                        "message": rule.message or "",
                        "fields": list(rule.affected_fields or []),
                        "table": table,
                        "file": where.get(table, table),
                        "index": index,
                        "child": child,
                    }
                )
    json.dump(
        {
            "ruleset": f"lac{int(ruleset_year) - 1}_{ruleset_year[2:4]}",
            "rules": len(registry),
            "failed": failed,
            "skipped": skipped,
            "findings": findings,
        },
        answer,
    )


if __name__ == "__main__":
    main()
