"""Validation rules, one module per kind of problem (the DfE validator's style).

Each module has `check(header, episodes) -> list[Issue]` over the tidied `Frame`s of every file read.
Checks are whole-array (numpy) operations that only touch the offending rows, so a national-scale
set of returns is validated in about a second.
"""

from __future__ import annotations

from homeward.ssda903.frame import Frame
from homeward.ssda903.issues import Issue
from homeward.ssda903.validation import children, dates, required, sequence, tidied, unknown_codes

CHECKS = (tidied, required, unknown_codes, dates, sequence, children)


def validate(header: Frame, episodes: Frame) -> list[Issue]:
    issues: list[Issue] = []
    for module in CHECKS:
        issues.extend(module.check(header, episodes))
    return issues
