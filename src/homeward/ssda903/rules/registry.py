"""The rule registry: each 903 validation rule with its code, message, fields and severity.

Modelled on the DfE's 903 validator (`data-to-insight/csc-validator-be-903`, one `rule_<code>.py`
per rule, each declaring its code, message and affected fields above its check). A rule here is a
check function under the `@rule` decorator: the decorator holds what the rule is (its code, the
DfE's where the DfE has the same check, else a Homeward ``HW-nn`` code; one sentence saying what it
finds; the columns it looks at; error or warning; the `Issue.kind` its findings carry), and the
function says where it is broken, as `Found` groups of row positions. The engine turns those into
`Issue`s, so every finding of a rule carries that rule's code, kind and severity.

Rules run in the order they are registered (the modules are imported in a fixed order by
`homeward.ssda903.rules`), which is also the order in which findings on the same row are listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from homeward.ssda903.frame import Frame
from homeward.ssda903.issues import Issue, Severity

# Above this many findings of one kind in one file, the rest are summarised in one line.
MAX_PER_KIND_PER_FILE = 500

HOMEWARD_PREFIX = "HW-"


@dataclass(frozen=True)
class Found:
    """Rows of one table that break a rule, and what to tell the data officer about each.

    `message`, and `value` when given, are called with a row position; `value` defaults to the
    text of `column` as it was read.
    """

    frame: Frame
    positions: np.ndarray
    column: str | None
    message: str | Callable[[int], str]
    allowed: str | None
    value: Callable[[int], str | None] | None = None


Check = Callable[[Frame, Frame], Iterable[Found]]


@dataclass(frozen=True)
class Rule:
    code: str  # the DfE's code where the DfE validator has this check, else HW-nn
    message: str  # what the rule finds, in one sentence (each finding says it for its row)
    fields: tuple[str, ...]  # the 903 columns the rule looks at
    severity: Severity
    kind: str  # the `Issue.kind` of its findings (several rules may share one, e.g. unknown_code)
    check: Check

    @property
    def from_dfe(self) -> bool:
        return not self.code.startswith(HOMEWARD_PREFIX)

    def run(self, header: Frame, episodes: Frame) -> list[Issue]:
        issues: list[Issue] = []
        for found in self.check(header, episodes):
            issues += _issues(found, self)
        return issues


_RULES: dict[str, Rule] = {}
RULES: Mapping[str, Rule] = MappingProxyType(_RULES)  # code -> rule, as registered (see rules.RULES)


def rule(
    code: str,
    message: str,
    *,
    fields: tuple[str, ...],
    kind: str,
    severity: Severity = Severity.ERROR,
) -> Callable[[Check], Check]:
    """Register the decorated check as the rule `code` (codes are unique)."""

    def register(check: Check) -> Check:
        if code in _RULES:
            raise ValueError(f"903 rule {code} is defined twice")
        _RULES[code] = Rule(code, message, fields, severity, kind, check)
        return check

    return register


def rules() -> Iterator[Rule]:
    return iter(_RULES.values())


def _issues(found: Found, rule: Rule) -> list[Issue]:
    """One Issue per row position (ordered by file and row), at most MAX_PER_KIND_PER_FILE a file."""
    frame, column, message, allowed = found.frame, found.column, found.message, found.allowed
    positions = np.asarray(found.positions, dtype=np.int64)
    if len(positions) == 0:
        return []
    positions = positions[np.lexsort((frame.row[positions], frame.file[positions]))]
    value = found.value
    if value is None:

        def value(i: int) -> str | None:
            return frame.text(column, i) if column else None

    out: list[Issue] = []
    files = frame.file[positions]
    for f in np.unique(files):
        mine = positions[files == f]
        for i in mine[:MAX_PER_KIND_PER_FILE]:
            out.append(
                Issue(
                    file=frame.files[f],
                    row=int(frame.row[i]),
                    column=column,
                    value=value(int(i)),
                    message=message(int(i)) if callable(message) else message,
                    allowed=allowed,
                    severity=rule.severity,
                    kind=rule.kind,
                    code=rule.code,
                )
            )
        if len(mine) > MAX_PER_KIND_PER_FILE:
            first = message(int(mine[0])) if callable(message) else message
            out.append(
                Issue(
                    file=frame.files[f],
                    row=None,
                    column=column,
                    value=None,
                    message=f"… and {len(mine) - MAX_PER_KIND_PER_FILE} more rows with the same kind of "
                    f"problem as: {first}",
                    allowed=allowed,
                    severity=rule.severity,
                    kind=rule.kind,
                    rows=len(mine) - MAX_PER_KIND_PER_FILE,
                    code=rule.code,
                )
            )
    return out
