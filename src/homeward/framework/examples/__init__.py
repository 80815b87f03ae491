"""Fictional example case snapshots shipped with the rulebook (never real data).

`dean-smith.json`: Mia Smith, 11, on a care order, whose mother's new partner Dean Smith moved in
after the assessment and has not been assessed — the case the issue's browser journey walks through.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from homeward.framework.schema import snapshot_from_dict
from homeward.framework.snapshot import CaseSnapshot


def example_names() -> list[str]:
    """The shipped examples' names (file names without `.json`)."""
    files = resources.files(__name__).iterdir()
    return sorted(f.name[: -len(".json")] for f in files if f.name.endswith(".json"))


def example_dict(name: str = "dean-smith") -> dict[str, Any]:
    """The example's JSON, as a dict (a fresh copy)."""
    if name not in example_names():
        raise KeyError(f"no example called {name!r} (there are: {', '.join(example_names())})")
    data = json.loads(resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def example_snapshot(name: str = "dean-smith") -> CaseSnapshot:
    """The example as a validated snapshot."""
    return snapshot_from_dict(example_dict(name))
