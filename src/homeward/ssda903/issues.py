"""Validation issues: one per problem, with the file, row, column and value a data officer can find."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # the return must be corrected before it is imported
    WARNING = "warning"  # read, perhaps after tidying; worth a look


@dataclass(frozen=True)
class Issue:
    """One validation finding.

    `row` is the spreadsheet row (the column names are row 1, the first child row 2) or, for XML,
    the number of the record in the file; `None` when the issue is about the whole file.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    allowed: str | None
    severity: Severity
    kind: str  # a short stable name for the kind of problem, e.g. "unknown_code"
    rows: int = 1  # rows this issue stands for (more than 1 for an "… and N more rows" summary)
    # The validation rule that found it (`homeward.ssda903.rules.RULES`): the DfE's code where the DfE
    # has the same check, else HW-nn; None for problems with a file as a whole (found on reading).
    code: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        text = f"{self.severity.value.upper()}: {where}: {self.message}"
        if self.value is not None and self.value != "":
            text += f" (value: '{self.value}')"
        if self.allowed:
            text += f". Allowed: {self.allowed}"
        return text

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["severity"] = self.severity.value
        return d
