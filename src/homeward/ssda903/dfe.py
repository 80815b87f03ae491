"""The DfE's own 903 rules, run beside Homeward's where the DfE validator is installed.

Homeward checks the rules that change its figures itself (`homeward.ssda903.rules`). The ~300 other
statutory rules are the DfE validator's (the csc-validator-be-903 package, the one authorities use for
their return). Its findings are listed beside Homeward's with the DfE's codes and never change the
figures: a data officer sees what the DfE will say about the same files.

The package pins pandas and numpy versions Homeward cannot share, so it lives in its own environment
(`make dfe` builds `.venv-dfe`) and runs there as a separate process (`dfe_runner.py`), named by
`HOMEWARD_DFE_PYTHON`, or in Homeward's own Python if it can import the package. Without it, the
report says the statutory rules were not run: never that the files passed them.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from homeward.ssda903.history import year_label

# The rulesets the package holds: lac2022_23 … lac2026_27 (by the start of each collection year).
FIRST_YEAR, LAST_YEAR = 2022, 2026
NOT_INSTALLED = (
    "The DfE's statutory 903 rules were not run: the DfE validator (csc-validator-be-903) is not "
    "installed. Run `make dfe` and set HOMEWARD_DFE_PYTHON to .venv-dfe/bin/python (see the README)."
)
NOT_ASKED = (
    "The DfE's statutory 903 rules were not run (add --dfe to run them where the validator is installed)."
)
# The DfE validator reads local-authority codes to work out placement distances; Homeward's figures do
# not need them, so an authority that has not set its own code gets a placeholder English code.
DEFAULT_LA_CODE = "E09000027"
TIMEOUT_SECONDS = 1800
EXAMPLES = 5  # rows shown for each rule on a page; the rest are in the command's full list


@dataclass(frozen=True)
class Finding:
    """One row the DfE validator flagged: its rule's code and message, and where the row is."""

    code: str
    message: str
    fields: tuple[str, ...]
    file: str
    row: int | None  # the spreadsheet row (column names are row 1) or, for XML, the record's number
    child: str | None
    year: int  # the collection year (its start) whose ruleset flagged it

    def __str__(self) -> str:
        where = self.file + (f", row {self.row}" if self.row is not None else "")
        if self.child:
            where += f", child {self.child}"
        fields = f" (fields: {', '.join(self.fields)})" if self.fields else ""
        return f"DfE {self.code}: {where}: {self.message}{fields}"

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message": self.message,
            "fields": list(self.fields),
            "file": self.file,
            "row": self.row,
            "child": self.child,
            "year": year_label(self.year),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            code=data["code"],
            message=data["message"],
            fields=tuple(data["fields"]),
            file=data["file"],
            row=data["row"],
            child=data["child"],
            year=int(str(data["year"])[:4]),
        )


@dataclass
class Report:
    """What the DfE's rules said about the files, or why they were not run (`not_run`)."""

    not_run: str | None = None
    rulesets: list[str] = field(default_factory=list)
    rules: int = 0
    findings: list[Finding] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # rules that could not run on these tables
    notes: list[str] = field(default_factory=list)  # years or files the DfE's rules did not look at

    @property
    def ran(self) -> bool:
        return self.not_run is None

    def summary(self) -> str:
        if self.not_run:
            return self.not_run
        codes = len({f.code for f in self.findings})
        text = (
            f"The DfE's statutory rules ({', '.join(self.rulesets)}; {self.rules} rules) flagged "
            f"{len(self.findings)} row(s) on {codes} rule(s). They do not change Homeward's figures."
        )
        if self.failed:
            text += f" {len(self.failed)} rule(s) could not run on these files: {', '.join(self.failed)}."
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "ran": self.ran,
            "not_run": self.not_run,
            "rulesets": self.rulesets,
            "rules": self.rules,
            "failed": self.failed,
            "notes": self.notes,
            "findings": [f.as_dict() for f in self.findings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        return cls(
            not_run=data["not_run"],
            rulesets=list(data["rulesets"]),
            rules=int(data["rules"]),
            failed=list(data["failed"]),
            notes=list(data["notes"]),
            findings=[Finding.from_dict(f) for f in data["findings"]],
        )

    def by_code(self) -> list[tuple[str, str, int, list[Finding]]]:
        """Each DfE rule that flagged rows: its code, message, how many rows, and the first few."""
        groups: dict[str, list[Finding]] = {}
        for f in self.findings:
            groups.setdefault(f.code, []).append(f)
        ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        return [(code, rows[0].message, len(rows), rows[:EXAMPLES]) for code, rows in ordered]

    def with_file_names(self, names: dict[str, str]) -> Report:
        """The same report with each finding's file under the name the person knows it by."""
        findings = [replace(f, file=names.get(f.file, f.file)) for f in self.findings]
        return replace(self, findings=findings)


def validator_python() -> str | None:
    """The Python that can run the DfE validator, or None."""
    named = os.environ.get("HOMEWARD_DFE_PYTHON")
    if named:
        return named
    if importlib.util.find_spec("lac_validator") is not None:
        return sys.executable
    return None


def _format(path: str) -> str:
    """The DfE reader picks CSV or XML by the file's name: name each file by what it holds."""
    with open(path, "rb") as f:
        start = f.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "xml" if start.startswith(b"<") else "csv"


def run(
    file_years: dict[str, int | None],
    *,
    local_authority: str | None = None,
    python: str | None = None,
) -> Report:
    """Run the DfE's rules on the files read (by path, with the collection year each was read as).

    Each collection year is checked with its own ruleset, last year's files beside it as the DfE's
    "previous year" (some rules compare the two)."""
    python = python or validator_python()
    if python is None:
        return Report(not_run=NOT_INSTALLED)
    if not Path(python).exists():
        return Report(not_run=f"{NOT_INSTALLED} (HOMEWARD_DFE_PYTHON names {python}, which does not exist.)")
    la = local_authority or os.environ.get("HOMEWARD_LA_CODE") or DEFAULT_LA_CODE
    report = Report()
    unknown = sorted(Path(p).name for p, y in file_years.items() if y is None)
    if unknown:
        report.notes.append(f"No collection year could be told for {', '.join(unknown)}: not checked.")
    years = sorted({y for y in file_years.values() if y is not None})
    for year in years:
        rules_year = min(max(year, FIRST_YEAR), LAST_YEAR)
        if rules_year != year:
            report.notes.append(
                f"The DfE validator has no rules for {year_label(year)}: its files were checked with "
                f"the {year_label(rules_year)} rules, the nearest it has."
            )
        this = [p for p, y in file_years.items() if y == year]
        last = [p for p, y in file_years.items() if y == year - 1]
        answer = _run_year(python, year, rules_year, la, this, last)
        if isinstance(answer, str):
            return Report(not_run=answer)
        if answer["ruleset"] not in report.rulesets:
            report.rulesets.append(str(answer["ruleset"]))
        report.rules = max(report.rules, int(answer["rules"]))
        report.failed.extend(f"{code} ({year_label(year)})" for code in answer["failed"])
        report.findings.extend(_findings(answer["findings"], year))
    if not report.rulesets and not report.notes:
        report.notes.append("No 903 files with dates were read: nothing to check.")
    return report


def _run_year(
    python: str, year: int, rules_year: int, la: str, this: list[str], last: list[str]
) -> dict[str, Any] | str:
    # The DfE reader takes CSV or XML for a year, not both: the year's XML return if there is one.
    def pick(paths: list[str]) -> list[str]:
        xml = [p for p in paths if _format(p) == "xml"]
        return xml[:1] if xml else paths

    files = [
        {"path": str(Path(p).resolve()), "name": f"{n}-{Path(p).stem}.{_format(p)}", "when": when}
        for when, paths in (("This year", pick(this)), ("Prev year", pick(last)))
        for n, p in enumerate(paths)
    ]
    request = {
        "collection_year": str(year + 1),
        "ruleset_year": str(rules_year + 1),
        "local_authority": la,
        "files": files,
    }
    runner = Path(__file__).with_name("dfe_runner.py")
    with tempfile.TemporaryDirectory(prefix="homeward-dfe-") as scratch:
        try:
            done = subprocess.run(
                [python, "-I", str(runner)],
                input=json.dumps(request),
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                cwd=scratch,  # the package writes nothing we keep; keep whatever it writes out of the way
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"The DfE's statutory 903 rules could not be run: {exc}."
    if done.returncode != 0:
        last_line = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return f"The DfE's statutory 903 rules could not be run on {year_label(year)}'s files: {last_line}"
    answer: dict[str, Any] = json.loads(done.stdout)
    # The runner names files by their order; give the findings back their real names.
    given = {f["name"]: f for f in files}
    for finding in answer["findings"]:
        source = given.get(finding["file"])
        finding["xml"] = bool(source and source["name"].endswith(".xml"))
        if source:
            finding["file"] = Path(source["path"]).name
    return answer


def _findings(rows: list[dict[str, Any]], year: int) -> list[Finding]:
    out = []
    for r in rows:
        index = r["index"]
        row = None
        if isinstance(index, int):
            # pandas counts data rows from 0: in a spreadsheet the column names are row 1.
            row = index + 1 if r.get("xml") else index + 2
        out.append(
            Finding(
                code=str(r["code"]),
                message=str(r["message"]),
                fields=tuple(str(x) for x in r["fields"]),
                file=str(r["file"]),
                row=row,
                child=None if r["child"] is None else str(r["child"]),
                year=year,
            )
        )
    out.sort(key=lambda f: (f.file, f.row or 0, f.code))
    return out
