"""Importing 903 returns (stage → validate → import, all-or-nothing) and exporting Homeward's own episodes.

Uploaded files are kept in a staging folder (never the database) while the analyst reads the validation
report; only a clean set is imported, in one transaction. Homeward's own children and episodes become a
903 `Dataset` through the package's `dataset_from_records`, the same path the dashboard and the
`903 export` command use, so the application's records are judged and analysed exactly like a return.
"""

from __future__ import annotations

import io
import json
import logging
import shutil
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction

from homeward.access import audit
from homeward.access.models import AuditAction
from homeward.base import uploads
from homeward.base.uploads import Upload, megabytes

# The upload page's limits and refusal, as the import's own (one definition, in base.uploads).
from homeward.base.uploads import UploadRefused as UploadRefused
from homeward.base.uploads import upload_limits_mb as upload_limits_mb
from homeward.children.models import Child, Episode
from homeward.outcomes.models import Import903, Import903File, ImportedTable, ImportStatus
from homeward.ssda903 import (
    Dataset,
    Issue,
    Severity,
    dataset_from_records,
    dfe,
    file_checksum,
    load,
    write_csv,
)
from homeward.ssda903.history import ChildDetails
from homeward.ssda903.history import Episode as Episode903
from homeward.ssda903.tables import IDENTIFYING_COLUMNS

logger = logging.getLogger(__name__)

STAGING_HOURS = 24  # unless HOMEWARD_903_STAGING_HOURS says otherwise
STORED_TABLES = ("Header", "Episodes")


def staging_root() -> Path:
    return Path(getattr(settings, "HOMEWARD_903_STAGING_DIR", settings.VAR_DIR / "903-staging"))


class StagingNotFound(Exception):
    """No staged upload with this token for this user (expired, imported, or someone else's)."""


class ImportRejected(Exception):
    """The files have errors: nothing was imported."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(f"{len(report.errors)} errors: nothing was imported")
        self.report = report


@dataclass(frozen=True)
class ReportedIssue:
    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    allowed: str | None
    severity: str
    kind: str
    value_withheld: bool = False


@dataclass(frozen=True)
class ReportedFile:
    name: str
    table: str | None
    rows: int
    encoding: str
    sha256: str
    size: int

    @property
    def sha256_parts(self) -> list[str]:
        return [self.sha256[i : i + 16] for i in range(0, len(self.sha256), 16)]


@dataclass
class ValidationReport:
    """What a data officer needs to fix a return: every file, every error and warning, every repair."""

    files: list[ReportedFile]
    errors: list[ReportedIssue]
    warnings: list[ReportedIssue]
    repairs: list[dict[str, Any]]
    children: int
    episodes: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        return {
            "files": [f.__dict__ for f in self.files],
            "errors": [i.__dict__ for i in self.errors],
            "warnings": [i.__dict__ for i in self.warnings],
            "repairs": self.repairs,
            "children": self.children,
            "episodes": self.episodes,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ValidationReport:
        return cls(
            files=[ReportedFile(**f) for f in data["files"]],
            errors=[ReportedIssue(**i) for i in data["errors"]],
            warnings=[ReportedIssue(**i) for i in data["warnings"]],
            repairs=data["repairs"],
            children=data["children"],
            episodes=data["episodes"],
        )


def _reported(issue: Issue, names: dict[str, str]) -> ReportedIssue:
    withheld = bool(issue.column and issue.column.upper() in IDENTIFYING_COLUMNS and issue.value)
    return ReportedIssue(
        file=names.get(issue.file, Path(issue.file).name),
        row=issue.row,
        column=issue.column,
        value=None if withheld else issue.value,
        message=issue.message,
        allowed=issue.allowed,
        severity=issue.severity.value,
        kind=issue.kind,
        value_withheld=withheld,
    )


def build_report(dataset: Dataset, paths: Sequence[Path], names: dict[str, str]) -> ValidationReport:
    by_path = {f.path: f for f in dataset.files}
    files = []
    for p in paths:
        source = by_path.get(str(p))
        files.append(
            ReportedFile(
                name=names[str(p)],
                table=source.table if source else None,
                rows=source.rows if source else 0,
                encoding=source.encoding if source else "",
                sha256=file_checksum(p),
                size=p.stat().st_size,
            )
        )
    issues = [_reported(i, names) for i in dataset.issues]
    if dataset.episodes.num_rows == 0 and not any(i.severity == "error" for i in issues):
        # Without episodes there is nothing to analyse; say so rather than import an empty history
        # (which would become the dashboard's latest data). An XML file holds its episodes too.
        has_table = any(f.table and "Episodes" in f.table for f in files)
        issues.insert(0, ReportedIssue(
            file=", ".join(f.name for f in files), row=None, column=None, value=None,
            message="The Episodes table has column names but no rows, so there is nothing to analyse"
            if has_table else "There is no Episodes table among these files, so there is nothing to analyse",
            allowed="the Episodes file of each year (columns CHILD, DECOM, RNE, LS, CIN, PLACE …) with "
            "its rows, and its Header file; or EXPSSDA903 XML with its children's episodes",
            severity=Severity.ERROR.value, kind="no_episodes",
        ))  # fmt: skip
    return ValidationReport(
        files=files,
        errors=[i for i in issues if i.severity == Severity.ERROR.value],
        warnings=[i for i in issues if i.severity == Severity.WARNING.value],
        repairs=[r for r in dataset.repairs_listed() if r["count"]],
        children=dataset.header.num_rows,
        episodes=dataset.episodes.num_rows,
    )


# --- Staging ------------------------------------------------------------------------------------------


def _staging_seconds() -> float:
    return float(getattr(settings, "HOMEWARD_903_STAGING_HOURS", STAGING_HOURS)) * 3600


class AlreadyImported(Exception):
    """This staged upload was imported already (by another request, or a second click)."""

    def __init__(self, imported: Import903) -> None:
        super().__init__(f"already imported as import {imported.pk}")
        self.imported = imported


def upload_problems(files: Sequence[Upload], staged_bytes: int) -> list[str]:
    """Why these files cannot be staged, in a data officer's words (nothing when they can)."""
    room = megabytes("HOMEWARD_903_STAGING_MAX_MB", 1000) - staged_bytes
    return uploads.upload_problems(files, room)[0]


def _folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _created(folder: Path) -> float:
    try:
        return float(json.loads((folder / "manifest.json").read_text())["created"])
    except (OSError, ValueError, KeyError, TypeError):
        return folder.stat().st_mtime  # a half-written staging: judged by its folder's age


def clean_staging(now: float | None = None) -> int:
    """Delete staged uploads older than HOMEWARD_903_STAGING_HOURS (they hold dates of birth and UPNs);
    run by the worker, and before each upload. Returns how many were deleted."""
    root = staging_root()
    if not root.exists():
        return 0
    cutoff = (time.time() if now is None else now) - _staging_seconds()
    removed = 0
    for folder in root.iterdir():
        if folder.is_dir() and _created(folder) < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def stage_upload(files: Sequence[Upload], user: AbstractBaseUser) -> str:
    """Save uploaded files to a private staging folder; returns its token. Nothing touches the database.

    Raises UploadRefused, having kept nothing, when a file is too large or compressed or there is no room.
    Files are kept under neutral names (01_2024.csv, 02.xml: see base.uploads.stored_name): a name the
    user chose (ending .gz, say) must never reach a reader that decides from a name how to decode a file."""
    root = staging_root()
    clean_staging()
    root.mkdir(parents=True, exist_ok=True)
    if problems := upload_problems(files, _folder_bytes(root)):
        raise UploadRefused(problems)
    token = uuid.uuid4().hex
    paths, by_path = uploads.write_uploads(files, root / token / "files")
    names, stored = [by_path[str(p)] for p in paths], [p.name for p in paths]
    manifest = {"user": user.pk, "files": names, "stored": stored, "created": time.time()}
    (root / token / "manifest.json").write_text(json.dumps(manifest))
    return token


def _staged(token: str, user: AbstractBaseUser) -> tuple[Path, list[Path], dict[str, str]]:
    if not token.isalnum():
        raise StagingNotFound(token)
    folder = staging_root() / token
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as e:
        raise StagingNotFound(token) from e
    if manifest.get("user") != user.pk or manifest.get("created", 0) < time.time() - _staging_seconds():
        raise StagingNotFound(token)
    paths = [folder / "files" / n for n in manifest["stored"]]
    return folder, paths, {str(p): name for p, name in zip(paths, manifest["files"], strict=True)}


def staged_files(token: str, user: AbstractBaseUser) -> tuple[list[Path], dict[str, str]]:
    """The files of a staged upload (paths, and each one's name as uploaded), for the case-data sync."""
    _, paths, names = _staged(token, user)
    return paths, names


def staged_report(token: str, user: AbstractBaseUser) -> ValidationReport:
    """The validation report of a staged upload (computed once, then read back)."""
    folder, paths, names = _staged(token, user)
    cached = folder / "report.json"
    if cached.exists():
        return ValidationReport.from_json(json.loads(cached.read_text()))
    try:
        dataset = load(paths)
        report = build_report(dataset, paths, names)
    except Exception as error:  # a reader bug must not lose the analyst's upload or show a crash page
        logger.exception("903 files could not be read")
        report = unreadable_report(paths, names, error)
    cached.write_text(json.dumps(report.as_json()))
    if report.ok:  # the worker runs the DfE's rules on it (`run_statutory_rules`), each year under its own
        years = {Path(p).name: dataset.file_years.get(str(p)) for p in paths}
        (folder / STATUTORY_YEARS).write_text(json.dumps(years))
    if not report.ok:
        # They can never be imported: keep only the report, not the children's data.
        shutil.rmtree(folder / "files", ignore_errors=True)
    return report


# --- The DfE's statutory rules, beside the report ------------------------------------------------------

STATUTORY_YEARS = "years.json"  # the collection year each staged file was read as
STATUTORY_DONE = "dfe.json"  # what the DfE's rules found (written by the worker)
STATUTORY_NOT_ON_ERRORS = (
    "The DfE's statutory 903 rules were not run: they are run once Homeward's own errors are fixed."
)


def statutory_report(token: str, user: AbstractBaseUser) -> dfe.Report | None:
    """What the DfE's rules said about a staged upload; None while the worker is still running them."""
    folder, _, _ = _staged(token, user)
    done = folder / STATUTORY_DONE
    if done.exists():
        return dfe.Report.from_dict(json.loads(done.read_text()))
    if not (folder / STATUTORY_YEARS).exists():
        return dfe.Report(not_run=STATUTORY_NOT_ON_ERRORS)
    if dfe.validator_python() is None:
        return dfe.Report(not_run=dfe.NOT_INSTALLED)
    return None


def run_statutory_rules() -> int:
    """Run the DfE's rules on every staged upload waiting for them (the background worker calls this:
    the ~300 rules take seconds to minutes, too long for a request). Returns how many were run."""
    root = staging_root()
    if dfe.validator_python() is None or not root.is_dir():
        return 0
    ran = 0
    for folder in sorted(root.iterdir()):
        years_file, done, files = folder / STATUTORY_YEARS, folder / STATUTORY_DONE, folder / "files"
        if done.exists() or not years_file.exists() or not files.is_dir():
            continue
        try:
            manifest = json.loads((folder / "manifest.json").read_text())
            years = json.loads(years_file.read_text())
            result = dfe.run({str(files / name): year for name, year in years.items()})
            named = result.with_file_names(dict(zip(manifest["stored"], manifest["files"], strict=True)))
            partial = folder / (STATUTORY_DONE + ".part")
            partial.write_text(json.dumps(named.as_dict()))
            partial.replace(done)  # whole or not at all: the page never reads half an answer
        except (OSError, ValueError):  # imported or expired meanwhile: its folder went with it
            continue
        ran += 1
    return ran


def unreadable_report(paths: Sequence[Path], names: dict[str, str], error: Exception) -> ValidationReport:
    files = [ReportedFile(names[str(p)], None, 0, "", file_checksum(p), p.stat().st_size) for p in paths]
    problem = ReportedIssue(
        file=", ".join(f.name for f in files), row=None, column=None, value=None,
        message=f"Homeward could not read these files ({type(error).__name__}); tell the Homeward team",
        allowed="903 CSV files (one per table) or EXPSSDA903 XML", severity=Severity.ERROR.value,
        kind="unreadable",
    )  # fmt: skip
    return ValidationReport(files, [problem], [], [], 0, 0)


def discard_staged(token: str, user: AbstractBaseUser) -> None:
    folder, _, _ = _staged(token, user)
    shutil.rmtree(folder, ignore_errors=True)


def import_staged(token: str, user: AbstractBaseUser) -> Import903:
    """Import a staged upload if it has no errors (read again, so what is imported is what was checked)."""
    folder, paths, names = _staged(token, user)
    try:
        imported = import_paths(paths, user, names, staged_upload=token)
    except (ImportRejected, OSError):
        # Another request may have imported these files (and deleted them) while this one read them.
        if done := Import903.objects.filter(staged_upload=token).first():
            raise AlreadyImported(done) from None
        raise
    # The staged copy goes once the import is committed (the caller may add its audit event first).
    transaction.on_commit(lambda: shutil.rmtree(folder, ignore_errors=True))
    return imported


# --- Importing ----------------------------------------------------------------------------------------


def _parquet(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def _date_span(episodes: pa.Table) -> tuple[Any, Any]:
    if episodes.num_rows == 0:
        return None, None
    first = pc.min(episodes.column("DECOM")).as_py()
    last_start = pc.max(episodes.column("DECOM")).as_py()
    last_end = pc.max(episodes.column("DEC")).as_py()
    last = max(d for d in (last_start, last_end) if d is not None)
    return first, last


def import_paths(
    paths: Sequence[Path],
    user: AbstractBaseUser | None,
    names: dict[str, str] | None = None,
    who: str | None = None,
    staged_upload: str | None = None,
) -> Import903:
    """Validate files and, only if there is no error, record them, their tables and the dashboard's
    figures and charts for them in one transaction.

    Raises ImportRejected (with the report) when any file has an error, and AlreadyImported when the
    staged upload was imported by another request; the database is then unchanged.
    """
    names = names or {str(p): p.name for p in paths}
    dataset = load(paths)
    report = build_report(dataset, paths, names)
    if not report.ok:
        raise ImportRejected(report)
    first, last = _date_span(dataset.episodes)
    tables = {"Header": dataset.header, "Episodes": dataset.episodes}
    blobs = {name: _parquet(t) for name, t in tables.items()}
    with transaction.atomic():
        try:
            with transaction.atomic():  # one staged upload, one import: the unique key decides a race
                imported = Import903.objects.create(
                    imported_by_id=user.pk if user else None,
                    imported_by_name=who or (user.get_username() if user else "(command line)"),
                    staged_upload=staged_upload,
                    children=dataset.header.num_rows,
                    episodes=dataset.episodes.num_rows,
                    warnings=len(report.warnings),
                    repairs=dict(dataset.repairs),
                    first_date=first,
                    last_date=last,
                )
        except IntegrityError:
            raise AlreadyImported(Import903.objects.get(staged_upload=staged_upload)) from None
        Import903File.objects.bulk_create(
            Import903File(
                import_903=imported,
                name=f.name,
                sha256=f.sha256,
                size=f.size,
                table=f.table or "",
                rows=f.rows,
            )
            for f in report.files
        )
        ImportedTable.objects.bulk_create(
            ImportedTable(import_903=imported, name=n, rows=tables[n].num_rows, parquet=blobs[n])
            for n in tables
        )
        # The dashboard's figures and charts, once, with the import (see outcomes.figures); imported
        # here, not at the top, because figures stands on the selectors that stand on this module.
        from homeward.outcomes import figures

        figures.store_import(imported, stored_dataset(dataset.header, dataset.episodes, imported.repairs))
    return imported


def already_imported(report: ValidationReport) -> list[Import903]:
    """Imports in use that already hold one of these exact files (same SHA-256)."""
    sums = [f.sha256 for f in report.files]
    return list(Import903.objects.filter(status=ImportStatus.IMPORTED, files__sha256__in=sums).distinct())


def withdraw_import(imported: Import903) -> None:
    """Stop using an import and delete its data (the pseudonymous tables); the record of who imported
    which files, with their checksums, is kept."""
    with transaction.atomic():
        imported.tables.all().delete()
        imported.stored_figures.all().delete()
        imported.status = ImportStatus.WITHDRAWN
        imported.save(update_fields=["status"])


def latest_import() -> Import903 | None:
    return Import903.objects.filter(status=ImportStatus.IMPORTED).first()


def imported_dataset(imported: Import903) -> Dataset:
    """The validated tables of an import, as the Dataset `analyse` takes."""
    tables = {t.name: pq.read_table(io.BytesIO(bytes(t.parquet))) for t in imported.tables.all()}
    return stored_dataset(tables["Header"], tables["Episodes"], imported.repairs)


def stored_dataset(header: pa.Table, episodes: pa.Table, repairs: dict[str, int]) -> Dataset:
    """The Dataset an import keeps: its validated tables and repair counts, not the files' paths."""
    return Dataset(header=header, episodes=episodes, repairs=dict(repairs))


# --- Homeward's own records ---------------------------------------------------------------------------


def homeward_records() -> tuple[list[ChildDetails], list[Episode903]]:
    """Homeward's children and episodes, typed, in 903 terms (CHILD is the authority's 903 child id)."""
    children = Child.objects.order_by("la_child_id")
    header = [c.details_903() for c in children]
    episodes = [
        e.as_903(e.child.la_child_id)
        for e in Episode.objects.select_related("child").order_by("child__la_child_id", "decom", "id")
    ]
    return header, episodes


def homeward_dataset() -> Dataset:
    header, episodes = homeward_records()
    return dataset_from_records(header, episodes)


@dataclass(frozen=True)
class ExportResult:
    header: Path
    episodes: Path
    children: int
    episode_rows: int
    issues: list[Issue]


def export_homeward(out_dir: str | Path, who: str = "(command line)") -> ExportResult:
    """Write Homeward's own records as 903 Header and Episodes CSVs; the export is audited."""
    dataset = homeward_dataset()
    header, episodes = write_csv(dataset, out_dir)
    audit.record(
        audit.CommandLine(who, str(Path(out_dir).resolve())),
        AuditAction.EXPORT,
        f"903 export: {dataset.header.num_rows} children, {dataset.episodes.num_rows} episodes",
    )
    return ExportResult(header, episodes, dataset.header.num_rows, dataset.episodes.num_rows, dataset.issues)
