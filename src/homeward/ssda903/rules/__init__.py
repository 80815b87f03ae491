"""903 validation, rule by rule, like the DfE's validator: `RULES` maps each code to its `Rule`.

Each rule is a check function under `@rule(code, message, fields=…, kind=…, severity=…)` in the
module for its family; the code is the DfE's where the DfE validator has the same check, else a
Homeward ``HW-nn`` code. `validate(header, episodes)` runs them all over the tidied `Frame`s of every
file read. Checks are whole-array (numpy) operations that only touch the offending rows, so a
national-scale set of returns is validated in about a second.

The rule table (``homeward 903 rules``) is kept in docs/ssda903-rules.md, which a test holds to the
registry; each rule has its own test in tests/ssda903/rules/.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from homeward.ssda903.frame import Frame
from homeward.ssda903.issues import Issue
from homeward.ssda903.rules import (
    children,
    code_lists,
    dates,
    registry,
    required,
    sequence,
    short_breaks,
    tidied,
)
from homeward.ssda903.rules.registry import MAX_PER_KIND_PER_FILE, Found, Rule, rule

# The order the families run in, and so the order in which findings on the same row are listed:
# tidying, blanks, codes, dates, the episode sequence, the children, short breaks; within a family,
# as written.
FAMILIES = (tidied, required, code_lists, dates, sequence, children, short_breaks)

RULES: Mapping[str, Rule] = MappingProxyType(
    {r.code: r for family in FAMILIES for r in registry.rules() if r.check.__module__ == family.__name__}
)
if len(RULES) != len(registry.RULES):
    raise ImportError("a 903 rule is registered outside the families listed in FAMILIES")

__all__ = ["FAMILIES", "MAX_PER_KIND_PER_FILE", "RULES", "Found", "Rule", "markdown", "rule", "validate"]


def validate(header: Frame, episodes: Frame) -> list[Issue]:
    issues: list[Issue] = []
    for r in RULES.values():
        issues += r.run(header, episodes)
    return issues


def markdown() -> str:
    """The rule table as Markdown (docs/ssda903-rules.md is this, under its title)."""
    lines = [
        "| code | severity | fields | kind | what it finds |",
        "|---|---|---|---|---|",
    ]
    for r in RULES.values():
        lines.append(f"| {r.code} | {r.severity.value} | {', '.join(r.fields)} | {r.kind} | {r.message} |")
    return "\n".join(lines) + "\n"
