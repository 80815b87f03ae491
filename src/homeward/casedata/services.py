"""Case data in: children and their episodes from the authority's 903-shaped extracts (the sync).

One path with the outcomes import: the files are read, validated and repaired (several years at once) by
`homeward.ssda903.load`, so an extract the import would refuse is refused here with the same errors.
What the extract says then replaces what Homeward holds, child by child (by the CHILD id), except moves
recorded in Homeward that the case system does not hold yet: those are kept, and listed. Nothing is ever
deleted for being missing from the extract; the children it does not hold are listed for a person.

`sync_case_data` is the one entry point (the command, the upload page and the API call it). Every write
is one transaction, made of bulk statements, never a query per child.
"""

from __future__ import annotations

import csv
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.compute as pc
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from homeward.access import audit
from homeward.access.models import AuditAction
from homeward.base import uploads
from homeward.base.concurrency import claim_edit
from homeward.base.people import name_of
from homeward.casedata.models import MissingDecision, MissingFromExtract
from homeward.children.models import Child, Episode
from homeward.children.services import refresh_care_summaries
from homeward.framework.text import quoted, says_something
from homeward.moves.models import Move, MoveKind
from homeward.organisation.models import Team
from homeward.ssda903 import Issue, Severity, codes, load
from homeward.ssda903.tables import IDENTIFYING_COLUMNS

# An episode as compared and written: the model's fields in the 903's column order.
EPISODE_FIELDS = (
    "decom",
    "rne",
    "ls",
    "cin",
    "place",
    "place_provider",
    "dec",
    "rec",
    "reason_place_change",
    "home_post",
    "pl_post",
    "urn",
)
DECOM, DEC, REC = 0, 6, 7
CHILD_FIELDS = ("sex", "date_of_birth", "ethnicity", "upn")
ALLOCATION_FIELDS = ("team_id", "allocated_worker_id", "iro_id", "first_name", "last_name")
BATCH = 1000
T = TypeVar("T")

EpisodeRow = tuple[Any, ...]
Progress = Callable[[str, int, int], None]  # (stage, done, total)
Source = HttpRequest | audit.CommandLine


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, named by file, row and column (a value only if it identifies no one)."""

    file: str
    row: int | None
    column: str | None
    message: str
    value: str | None = None

    def __str__(self) -> str:
        where = self.file + (f", row {self.row}" if self.row is not None else "")
        where += f", column {self.column}" if self.column else ""
        return f"{where}: {self.message}" + (f" (value: '{self.value}')" if self.value else "")


@dataclass
class ChildChange:
    """What the sync does (or would do) to one child, by their CHILD id."""

    child: str
    added: bool = False
    fields: list[str] = field(default_factory=list)
    episodes_added: list[date] = field(default_factory=list)
    episodes_removed: list[date] = field(default_factory=list)
    episodes_changed: list[date] = field(default_factory=list)
    kept_moves: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.added or self.fields or self.episodes_added or self.episodes_removed or self.episodes_changed
        )

    @property
    def status(self) -> str:
        return "added" if self.added else "updated" if self.changed else "unchanged"

    def in_words(self) -> str:
        """One line for the report and the audit trail."""
        parts = []
        if self.added:
            parts.append("added from the case system")
        elif self.fields:
            parts.append("details changed: " + ", ".join(self.fields))
        for label, dates in (
            ("episodes added", self.episodes_added),
            ("episodes removed", self.episodes_removed),
            ("episodes changed", self.episodes_changed),
        ):
            if dates:
                parts.append(f"{label} (starting {', '.join(f'{d:%d/%m/%Y}' for d in dates)})")
        return f"CHILD {self.child}: " + ("; ".join(parts) or "unchanged")


@dataclass
class SyncReport:
    """What a sync changed (or, in a dry run, would change), and everything a person must look at."""

    dry_run: bool
    files: list[str]
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    repairs: dict[str, int] = field(default_factory=dict)
    children: list[ChildChange] = field(default_factory=list)
    # In Homeward but not in the extract: never deleted, for a person to decide.
    missing_from_extract: list[str] = field(default_factory=list)
    # Workers, teams and IROs the extract's own columns name that match no one: left as they were.
    allocations_not_matched: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def _count(self, status: str) -> int:
        return sum(1 for c in self.children if c.status == status)

    @property
    def added(self) -> int:
        return self._count("added")

    @property
    def updated(self) -> int:
        return self._count("updated")

    @property
    def unchanged(self) -> int:
        return self._count("unchanged")

    @property
    def episodes_added(self) -> int:
        return sum(len(c.episodes_added) for c in self.children)

    @property
    def episodes_removed(self) -> int:
        return sum(len(c.episodes_removed) for c in self.children)

    @property
    def episodes_changed(self) -> int:
        return sum(len(c.episodes_changed) for c in self.children)

    @property
    def kept_moves(self) -> list[str]:
        return [m for c in self.children for m in c.kept_moves]

    @property
    def conflicts(self) -> list[str]:
        return [m for c in self.children for m in c.conflicts]

    def summary(self) -> list[str]:
        """The report in sentences, as the command prints it and the page shows it."""
        if not self.ok:
            return [f"{len(self.errors)} errors: nothing was changed."]
        would = "would be " if self.dry_run else ""
        lines = [
            f"Children: {self.added} {would}added, {self.updated} {would}updated, "
            f"{self.unchanged} unchanged.",
            f"Episodes: {self.episodes_added} {would}added, {self.episodes_removed} {would}removed, "
            f"{self.episodes_changed} {would}changed.",
        ]
        if self.kept_moves:
            lines.append(
                f"{len(self.kept_moves)} moves recorded in Homeward, not yet in the case system (kept)."
            )
        if self.conflicts:
            lines.append(f"{len(self.conflicts)} conflicts between Homeward and the case system.")
        if self.missing_from_extract:
            lines.append(
                f"{len(self.missing_from_extract)} children in Homeward are not in the extract: "
                "not deleted, for a person to decide."
            )
        if self.allocations_not_matched:
            lines.append(
                f"{len(self.allocations_not_matched)} names in the extract's allocation columns match no "
                "one in Homeward (left as they were)."
            )
        if self.dry_run:
            lines.append("Dry run: nothing was changed.")
        return lines


@dataclass(frozen=True)
class Allocation:
    """Who works with a child, from the allocation file (None: not given, left as it is)."""

    team_id: int | None = None
    allocated_worker_id: int | None = None
    iro_id: int | None = None
    first_name: str | None = None
    last_name: str | None = None


# --- Reading -------------------------------------------------------------------------------------------


def _problem(issue: Issue, names: dict[str, str]) -> Problem:
    withheld = bool(issue.column and issue.column.upper() in IDENTIFYING_COLUMNS)
    message = issue.message + (f". Allowed: {issue.allowed}" if issue.allowed else "")
    return Problem(
        file=names.get(issue.file, Path(issue.file).name),
        row=issue.row,
        column=issue.column,
        message=message,
        value=None if withheld else issue.value,
    )


_ALLOCATION_COLUMNS = {
    "child": "child",
    "childid": "child",
    "worker": "worker",
    "worker username": "worker",
    "social worker": "worker",
    "team": "team",
    "team name": "team",
    "iro": "iro",
    "iro username": "iro",
    "worker email": "worker",
    "social worker email": "worker",
    "iro email": "iro",
    "first name": "first_name",
    "last name": "last_name",
}


def _heading_key(heading: str) -> str:
    return " ".join(heading.strip().lower().replace("_", " ").replace("-", " ").split())


def _people(names: Iterable[str]) -> dict[str, int]:
    """Active users named by username or email (either, any case): the lower-cased name → user id.
    Staff are hundreds, not millions: read once, matched here."""
    wanted = {n.strip().lower() for n in names if n and n.strip()}
    if not wanted:
        return {}
    found: dict[str, int] = {}
    users = get_user_model().objects.filter(is_active=True).order_by("pk")
    for pk, username, email in users.values_list("pk", "username", "email"):
        for key in (username.lower(), (email or "").lower()):
            if key in wanted:
                found.setdefault(key, pk)
    return found


def _teams(names: Iterable[str]) -> dict[str, int]:
    """Teams by name, any case: the lower-cased name → team id (an authority has tens, not thousands)."""
    wanted = {n.strip().lower() for n in names if n and n.strip()}
    if not wanted:
        return {}
    return {n.lower(): pk for n, pk in Team.objects.values_list("name", "pk") if n.lower() in wanted}


def read_allocation(path: Path, name: str | None = None) -> tuple[dict[str, Allocation], list[Problem]]:
    """The allocation file: CHILD, worker (username), team (name), IRO (username), and optionally the
    child's first and last name (the 903 holds no names). A blank cell leaves that part as it is."""
    name = name or path.name
    problems: list[Problem] = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Problem(name, None, None, f"The allocation file could not be read ({error}).")]
    if not rows:
        return {}, [Problem(name, None, None, "The allocation file is empty.")]
    columns: list[str | None] = []
    for heading in rows[0]:
        key = _heading_key(heading)
        columns.append(_ALLOCATION_COLUMNS.get(key))
        if key and key not in _ALLOCATION_COLUMNS:
            problems.append(
                Problem(
                    name,
                    1,
                    heading,
                    "Not a column of the allocation file. Allowed: CHILD, worker, "
                    "team, IRO, first name, last name",
                )
            )
    if "child" not in columns:
        return {}, [*problems, Problem(name, 1, "CHILD", "The allocation file has no CHILD column.")]
    heading_of = dict(zip(columns, rows[0], strict=False))
    records = [
        (n, {c: v.strip() for c, v in zip(columns, row, strict=False) if c})
        for n, row in enumerate(rows[1:], start=2)
        if any(v.strip() for v in row)
    ]
    user_ids = _people({r.get(c, "") for _, r in records for c in ("worker", "iro")})
    team_ids = _teams({r.get("team", "") for _, r in records})
    found: dict[str, Allocation] = {}
    for n, r in records:
        child = r.get("child", "")
        if not child:
            problems.append(Problem(name, n, heading_of["child"], "There is no CHILD id on this row."))
            continue
        if child in found:
            problems.append(Problem(name, n, heading_of["child"], "This child is on an earlier row too."))
            continue
        ids: dict[str, int | None] = {}
        for column, known, attr, what in (
            ("worker", user_ids, "allocated_worker_id", "a user of Homeward (username or email)"),
            ("iro", user_ids, "iro_id", "a user of Homeward (username or email)"),
            ("team", team_ids, "team_id", "a team in Homeward (its full name)"),
        ):
            value = r.get(column, "")
            if value and value.lower() not in known:
                problems.append(Problem(name, n, heading_of[column], f"This is not {what}.", value))
            ids[attr] = known.get(value.lower())
        found[child] = Allocation(
            first_name=r.get("first_name") or None, last_name=r.get("last_name") or None, **ids
        )
    return found, problems


# The allocation columns an extract may carry beside the 903's own (the case system's worker, team and
# IRO, and the child's name): read here, ignored by the 903 reader.
_EXTRACT_ALLOCATION_COLUMNS = {k: v for k, v in _ALLOCATION_COLUMNS.items() if v != "child"}


def _is_allocation_warning(issue: Issue) -> bool:
    """The reader's "not part of the table" warning, when every column it names is an allocation column."""
    if issue.kind != "extra_columns" or not issue.column:
        return False
    return all(_heading_key(c) in _EXTRACT_ALLOCATION_COLUMNS for c in issue.column.split(", "))


def extract_allocations(paths: Sequence[str]) -> tuple[dict[str, Allocation], list[str]]:
    """Who works with each child, from the extract's own worker / team / IRO columns (matched to staff by
    username or email, teams by name), where a CSV file has them; a later row or file wins (the latest
    year). Returns the allocations and, in words, the names that match no one (left as they were)."""
    given: dict[str, dict[str, str]] = {}
    for path in paths:
        try:
            with open(path, newline="", encoding="utf-8-sig") as f:
                reader = csv.reader(f)
                headings = next(reader, [])
                keys = [_heading_key(h) for h in headings]
                if "child" not in keys or not set(keys) & _EXTRACT_ALLOCATION_COLUMNS.keys():
                    continue
                at = keys.index("child")
                columns = _EXTRACT_ALLOCATION_COLUMNS
                wanted = {i: columns[k] for i, k in enumerate(keys) if k in columns}
                for row in reader:
                    if len(row) <= at or not row[at].strip():
                        continue
                    values = given.setdefault(row[at].strip(), {})
                    for i, column in wanted.items():
                        value = row[i].strip() if i < len(row) else ""
                        if value:  # a blank cell leaves that part as it is
                            values[column] = value
        except (OSError, UnicodeDecodeError, csv.Error):
            continue  # an XML file, or one the 903 reader reports on itself
    people = _people(v.get(c, "") for v in given.values() for c in ("worker", "iro"))
    teams = _teams(v.get("team", "") for v in given.values())
    found: dict[str, Allocation] = {}
    unmatched: dict[tuple[str, str], list[str]] = defaultdict(list)
    for child, values in sorted(given.items()):
        ids: dict[str, int | None] = {}
        for column, known, attr, what in (
            ("worker", people, "allocated_worker_id", "Worker"),
            ("team", teams, "team_id", "Team"),
            ("iro", people, "iro_id", "IRO"),
        ):
            value = values.get(column, "")
            ids[attr] = known.get(value.lower()) if value else None
            if value and ids[attr] is None:
                unmatched[what, value].append(child)
        found[child] = Allocation(
            first_name=values.get("first_name") or None, last_name=values.get("last_name") or None, **ids
        )
    words = []
    for (what, value), children in sorted(unmatched.items()):
        how = "no team has this name" if what == "Team" else "no one has this username or email"
        ids_ = ", ".join(children[:20]) + (f" and {len(children) - 20} more" if len(children) > 20 else "")
        words.append(f"{what} ‘{value}’: {how} in Homeward (CHILD {ids_}); left as it was")
    return found, words


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _episode_rows(table: pa.Table) -> tuple[list[str], list[EpisodeRow]]:
    """Each episode's CHILD and its row in `EPISODE_FIELDS` order (blanks ""), column by column: a
    ten-year history is tens of thousands of rows."""
    columns = []
    for f in EPISODE_FIELDS:
        values = table.column(f.upper()).to_pylist()
        columns.append(values if f in ("decom", "dec") else ["" if v is None else v for v in values])
    return table.column("CHILD").to_pylist(), list(zip(*columns, strict=True))


def _too_long(
    table: pa.Table, model: type[Child] | type[Episode], fields: Sequence[str], name: str
) -> list[Problem]:
    """Values Homeward cannot store (longer than its field); the validator knows most of them already."""
    problems = []
    for f in fields:
        limit = getattr(model._meta.get_field(f), "max_length", None)
        if not limit:
            continue
        column = table.column(f.upper())
        if pa.types.is_dictionary(column.type):
            column = column.cast(pa.string())
        too_long = pc.fill_null(pc.greater(pc.utf8_length(column), limit), False)
        for child in table.column("CHILD").filter(too_long).to_pylist():
            problems.append(
                Problem(
                    name, None, f.upper(), f"CHILD {child}: longer than the {limit} characters Homeward keeps"
                )
            )
    return problems


# --- Planning ------------------------------------------------------------------------------------------


def _move_words(move: dict[str, Any]) -> str:
    kind = MoveKind(move["kind"]).label
    if move["kind"] == MoveKind.RETURN_HOME:
        kind = "Returned home (planned)" if move["planned"] else "Returned home (not planned)"
    return f"{kind} on {move['moved_on']:%d/%m/%Y}"


def _keep_homeward_moves(
    child: str, extract: list[EpisodeRow], homeward: list[EpisodeRow], moves: list[dict[str, Any]]
) -> tuple[list[EpisodeRow], list[str], list[str]]:
    """The episodes to hold: the extract's, except from the first move recorded in Homeward that the
    case system does not hold yet, from which Homeward's own are kept. Returns (episodes, kept, conflicts)."""
    starts = {e[DECOM] for e in extract}
    ends = {e[DEC]: e[REC] for e in extract if e[DEC] is not None}
    unheld, conflicts = [], []
    for move in moves:
        on = move["moved_on"]
        if move["kind"] == MoveKind.RETURN_HOME:
            rec = codes.PLANNED_RETURN_HOME if move["planned"] else codes.UNPLANNED_RETURN_HOME
            if on not in ends or ends[on] == "X1":
                unheld.append(move)
            elif ends[on] != rec:
                conflicts.append(
                    f"CHILD {child}: Homeward records {_move_words(move)} ({rec}); the case system ends the "
                    f"episode that day with {ends[on]}. The case system's is kept: check which is right."
                )
        elif on not in starts:
            unheld.append(move)
    if not unheld:
        return extract, [], conflicts
    cutoff = min(m["moved_on"] for m in unheld)
    kept = [
        f"CHILD {child}: {_move_words(m)}: recorded in Homeward, not yet in the case system (kept)"
        for m in unheld
    ]
    before = [e for e in extract if e[DECOM] < cutoff]
    ours = [e for e in homeward if e[DECOM] >= cutoff]
    by_start = {e[DECOM]: e for e in homeward}
    if before:
        # The episode the move ended, as Homeward ended it (the case system still has it open or later).
        last, mine = before[-1], by_start.get(before[-1][DECOM])
        if mine is not None and mine[DEC] == cutoff and (last[DEC] is None or last[DEC] > cutoff):
            before[-1] = (*last[:DEC], mine[DEC], mine[REC], *last[REC + 1 :])
    for e in extract:
        if e[DECOM] >= cutoff and e not in ours:
            conflicts.append(
                f"CHILD {child}: the case system has an episode starting {e[DECOM]:%d/%m/%Y}, after "
                f"{_move_words(unheld[0]).lower()} recorded in Homeward that it does not hold. Homeward's "
                "record is kept: check the case system."
            )
    return before + ours, kept, conflicts


@dataclass
class _Plan:
    new_children: list[Child] = field(default_factory=list)
    changed_children: list[Child] = field(default_factory=list)
    changed_fields: set[str] = field(default_factory=set)
    create: list[tuple[str, EpisodeRow]] = field(default_factory=list)
    update: list[tuple[int, EpisodeRow]] = field(default_factory=list)
    delete: list[int] = field(default_factory=list)


def _diff_episodes(
    change: ChildChange,
    child_pk: int | None,
    desired: list[EpisodeRow],
    held: list[tuple[int, EpisodeRow]],
    plan: _Plan,
) -> None:
    by_start: dict[date, list[tuple[int, EpisodeRow]]] = defaultdict(list)
    for pk, row in held:
        by_start[row[DECOM]].append((pk, row))
    for row in desired:
        same_start = by_start.get(row[DECOM])
        if not same_start:
            plan.create.append((change.child, row))
            change.episodes_added.append(row[DECOM])
            continue
        pk, was = same_start.pop(0)
        if was != row:
            plan.update.append((pk, row))
            change.episodes_changed.append(row[DECOM])
    for rest in by_start.values():
        for pk, was in rest:
            plan.delete.append(pk)
            change.episodes_removed.append(was[DECOM])


def sync_case_data(
    paths: Sequence[str | Path],
    *,
    source: Source,
    allocation: Path | None = None,
    default_team: str | None = None,
    dry_run: bool = False,
    year: int | None = None,
    names: dict[str, str] | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> SyncReport:
    """Bring Homeward's children and episodes into line with the case system's 903 extracts.

    `source` is who acts, for the audit (the request of the page, or `CommandLine` for the command).
    `allocation` is the allocation file (see `read_allocation`); `default_team` names the team of a new
    child the allocation file does not place. A report with errors has changed nothing; so has a dry run.
    """
    started = time.perf_counter()
    today = today or timezone.localdate()
    path_list = [Path(p) for p in paths]
    names = names or {}
    report = SyncReport(dry_run=dry_run, files=[names.get(str(p), p.name) for p in path_list])

    def step(stage: str, done: int, total: int) -> None:
        if progress:
            progress(stage, done, total)

    dataset = load(
        path_list, progress=lambda done, total, _f: step("Reading the files", done, total), year=year
    )
    for issue in dataset.issues:
        if _is_allocation_warning(issue):
            continue  # read below, not ignored
        (report.errors if issue.severity is Severity.ERROR else report.warnings).append(
            _problem(issue, names)
        )
    report.repairs = {r: n for r, n in dataset.repairs.items() if n}
    tables = {f.table for f in dataset.files}
    for table in ("Header", "Episodes"):
        if not report.errors and not tables & {table, "Header+Episodes"}:
            message = (
                f"There is no {table} table among these files: give each year's Header and Episodes files."
            )
            report.errors.append(Problem(", ".join(report.files), None, None, message))
    allocations, report.allocations_not_matched = extract_allocations([f.path for f in dataset.files])
    if allocation is not None:
        # The allocation file is a person's deliberate choice: it wins over the extract's columns, and
        # a name in it that matches no one is an error.
        from_file, allocation_problems = read_allocation(allocation, names.get(str(allocation)))
        report.errors.extend(allocation_problems)
        for child, chosen in from_file.items():
            was = allocations.get(child, Allocation())
            allocations[child] = Allocation(
                **{
                    f: getattr(chosen, f) if getattr(chosen, f) is not None else getattr(was, f)
                    for f in ALLOCATION_FIELDS
                }
            )
    header = dataset.header_records()
    episodes_by_child: dict[str, list[EpisodeRow]] = defaultdict(list)
    for child, row in zip(*_episode_rows(dataset.episodes), strict=True):
        episodes_by_child[child].append(row)
    report.errors.extend(_too_long(dataset.header, Child, ("upn",), "Header"))
    report.errors.extend(_too_long(dataset.episodes, Episode, EPISODE_FIELDS[1:], "Episodes"))
    team_id = None
    if default_team:
        team_id = Team.objects.filter(name=default_team).values_list("pk", flat=True).first()
        if team_id is None:
            report.errors.append(Problem("--team", None, None, f"There is no team called '{default_team}'."))
    if report.errors:
        report.seconds = time.perf_counter() - started
        return report

    step("Comparing with Homeward", 0, len(header))
    # What is compared and what is written are one transaction, with the children's rows locked: a move
    # recorded meanwhile (it locks its child's row too) waits for the sync, or the sync for it.
    with transaction.atomic():
        plan = _plan(report, header, episodes_by_child, allocations, team_id, lock=not dry_run)
        if not report.errors and not dry_run:
            step("Writing", 0, 1)
            _write(plan, report, source, today)
            step("Writing", 1, 1)
    if dry_run and not report.errors:
        audit.record(source, AuditAction.VIEW, "Case data sync (dry run): " + " ".join(report.summary()[:2]))
    report.seconds = time.perf_counter() - started
    return report


def _plan(
    report: SyncReport,
    header: list[dict[str, Any]],
    episodes_by_child: dict[str, list[EpisodeRow]],
    allocations: dict[str, Allocation],
    default_team_id: int | None,
    lock: bool,
) -> _Plan:
    fields = [f.removesuffix("_id") for f in ALLOCATION_FIELDS]
    children = Child.objects.only("id", "la_child_id", *CHILD_FIELDS, *fields)
    existing = {c.la_child_id: c for c in (children.select_for_update() if lock else children)}
    held: dict[int, list[tuple[int, EpisodeRow]]] = defaultdict(list)
    for pk, child_pk, *row in Episode.objects.order_by("child_id", "decom", "id").values_list(
        "id", "child_id", *EPISODE_FIELDS
    ):
        held[child_pk].append((pk, tuple(row)))
    moves: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for move in (
        Move.objects.filter(corrected_by__isnull=True)
        .order_by("moved_on", "id")
        .values("child_id", "kind", "moved_on", "planned")
    ):
        moves[move["child_id"]].append(move)

    plan = _Plan()
    in_extract = set()
    for record in header:
        child_id = record["CHILD"]
        in_extract.add(child_id)
        given = allocations.get(child_id, Allocation())
        wanted: dict[str, Any] = {
            "sex": codes.as_records_code("SEX", record["SEX"]),
            "date_of_birth": record["DOB"],
            "ethnicity": _text(record["ETHNIC"]),
            "upn": _text(record["UPN"]),
        }
        wanted.update({f: getattr(given, f) for f in ALLOCATION_FIELDS if getattr(given, f) is not None})
        change = ChildChange(child_id)
        child = existing.get(child_id)
        if child is None:
            wanted.setdefault("team_id", default_team_id)
            if wanted["team_id"] is None:
                report.errors.append(
                    Problem(
                        "Header",
                        None,
                        "CHILD",
                        f"CHILD {child_id} is new to Homeward and "
                        "has no team: name it in the allocation file, or give --team.",
                    )
                )
                continue
            wanted.setdefault("first_name", "Child")
            wanted.setdefault("last_name", child_id)
            plan.new_children.append(Child(la_child_id=child_id, **wanted))
            change.added = True
            homeward: list[tuple[int, EpisodeRow]] = []
            child_moves: list[dict[str, Any]] = []
        else:
            change.fields = [f.removesuffix("_id") for f, v in wanted.items() if getattr(child, f) != v]
            if change.fields:
                for f in wanted:
                    setattr(child, f, wanted[f])
                plan.changed_children.append(child)
                plan.changed_fields.update(f for f, v in wanted.items())
            homeward = held.get(child.pk, [])
            child_moves = moves.get(child.pk, [])
        desired, change.kept_moves, change.conflicts = _keep_homeward_moves(
            child_id, episodes_by_child.get(child_id, []), [r for _, r in homeward], child_moves
        )
        _diff_episodes(change, child.pk if child else None, desired, homeward, plan)
        report.children.append(change)
    report.missing_from_extract = sorted(set(existing) - in_extract)
    for child_id in set(episodes_by_child) - in_extract:
        report.errors.append(
            Problem(
                "Episodes",
                None,
                "CHILD",
                f"CHILD {child_id} has episodes but no Header "
                "row: the child cannot be added without their sex and date of birth.",
            )
        )
    return plan


def _chunks(items: Sequence[T], size: int = BATCH) -> Iterable[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _write(plan: _Plan, report: SyncReport, source: Source, today: date) -> None:
    with transaction.atomic():
        Child.objects.bulk_create(plan.new_children, batch_size=BATCH)
        if plan.changed_children:
            Child.objects.bulk_update(plan.changed_children, sorted(plan.changed_fields), batch_size=BATCH)
        pk_of = {c.la_child_id: c.pk for c in (*plan.new_children, *plan.changed_children)}
        changed_ids = {c.child for c in report.children if c.changed} - pk_of.keys()
        for ids in _chunks(sorted(changed_ids)):
            pk_of.update(Child.objects.filter(la_child_id__in=ids).values_list("la_child_id", "pk"))
        for pks in _chunks(plan.delete):
            Episode.objects.filter(pk__in=pks).delete()
        if plan.update:
            rows = []
            for pk, row in plan.update:
                rows.append(Episode(pk=pk, **dict(zip(EPISODE_FIELDS, row, strict=True))))
            Episode.objects.bulk_update(rows, EPISODE_FIELDS, batch_size=BATCH)
        Episode.objects.bulk_create(
            (
                Episode(child_id=pk_of[c], **dict(zip(EPISODE_FIELDS, row, strict=True)))
                for c, row in plan.create
            ),
            batch_size=BATCH,
        )
        changed = [c for c in report.children if c.changed]
        for pks in _chunks([pk_of[c.child] for c in changed]):
            refresh_care_summaries(Child.objects.filter(pk__in=pks), today)
        for action, added in ((AuditAction.CREATE, True), (AuditAction.CHANGE, False)):
            audit.record_each(
                source,
                action,
                (
                    (pk_of[c.child], "Case data sync: " + c.in_words().split(": ", 1)[1])
                    for c in changed
                    if c.added is added
                ),
            )
        _note_missing(report.missing_from_extract)
        audit.record(source, AuditAction.CHANGE, "Case data sync: " + " ".join(report.summary()[:2]))


def _note_missing(missing: Sequence[str]) -> None:
    """Keep the list of children not in the extract for a person to decide on: a child newly missing
    is added (undecided), one still missing keeps its decision, one back in the extract leaves the list.
    Bulk statements: a few a thousand children."""
    now = timezone.now()
    missing_pks: set[int] = set()
    for ids in _chunks(sorted(missing)):
        missing_pks.update(Child.objects.filter(la_child_id__in=ids).values_list("pk", flat=True))
    rows = dict(MissingFromExtract.objects.values_list("child_id", "back_in_extract_at"))
    listed = [c for c, back in rows.items() if back is None]
    back = [c for c in listed if c not in missing_pks]
    still = [c for c in listed if c in missing_pks]
    again = [c for c, was_back in rows.items() if was_back is not None and c in missing_pks]
    for pks in _chunks(back):
        MissingFromExtract.objects.filter(child_id__in=pks).update(back_in_extract_at=now)
    for pks in _chunks(still):
        MissingFromExtract.objects.filter(child_id__in=pks).update(last_missing_at=now)
    for pks in _chunks(again):  # missing once more: a new question, decided afresh
        MissingFromExtract.objects.filter(child_id__in=pks).update(
            first_missing_at=now, last_missing_at=now, back_in_extract_at=None, decision="", reason="",
            decided_by=None, decided_by_name="", decided_at=None, edit_version=F("edit_version") + 1,
        )  # fmt: skip
    MissingFromExtract.objects.bulk_create(
        (
            MissingFromExtract(child_id=c, first_missing_at=now, last_missing_at=now)
            for c in sorted(missing_pks - rows.keys())
        ),
        batch_size=BATCH,
    )


def decide_missing(
    entry: MissingFromExtract,
    *,
    request: HttpRequest,
    decision: str,
    reason: str,
    edit_version: int | None,
) -> None:
    """Record what a person decided about a child not in the extract (the record is never deleted)."""
    if not says_something(reason):
        raise ValidationError({"reason": f"Say why: the reason {quoted(reason)}"})
    with transaction.atomic():
        claim_edit(entry, edit_version)
        entry.decision = MissingDecision(decision)
        entry.reason = reason
        entry.decided_by = request.user  # type: ignore[assignment]
        entry.decided_by_name = name_of(request.user)
        entry.decided_at = timezone.now()
        entry.save(update_fields=["decision", "reason", "decided_by", "decided_by_name", "decided_at"])
        audit.record(
            request,
            AuditAction.CHANGE,
            f"Case data: not in the case system's extract: {MissingDecision(decision).label}",
            entry.child_id,
        )


def sync_uploads(
    files: Sequence[uploads.Upload],
    *,
    source: Source,
    dry_run: bool,
    default_team: str | None = None,
    allocation: uploads.Upload | None = None,
) -> SyncReport:
    """The sync of files sent in one request (the API): refused as the upload pages refuse them (too
    large, compressed: `uploads.UploadRefused`, nothing read), else written under neutral names to a
    private temporary folder, synced by `sync_case_data`, and deleted whatever the outcome."""
    problems, too_large = uploads.upload_problems([*files, *([allocation] if allocation else [])])
    if problems:
        raise uploads.UploadRefused(problems, too_large=too_large)
    with tempfile.TemporaryDirectory(prefix="homeward-sync-") as folder:
        paths, names = uploads.write_uploads(files, Path(folder) / "extract")
        allocation_path = None
        if allocation is not None:
            [allocation_path], allocation_name = uploads.write_uploads([allocation], Path(folder) / "alloc")
            names.update(allocation_name)
        return sync_case_data(
            paths,
            source=source,
            allocation=allocation_path,
            default_team=default_team,
            dry_run=dry_run,
            names=names,
        )
