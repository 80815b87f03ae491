"""Every Homeward command, under one entry point (`python -m homeward`, also installed as `homeward`).

Sub-command groups live beside the code they drive (`homeward.ssda903.cli`, `homeward.framework.cli`);
the commands that need the database are here, on the top floor: they set Django up first, then import
the app code they call.
"""

from __future__ import annotations

import getpass
import os
import signal
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from homeward.framework.cli import app as framework_app
from homeward.ssda903.cli import YEAR_HELP, year_from
from homeward.ssda903.cli import app as ssda903_app

app = typer.Typer(
    help="Homeward: evidence-based, supervised and monitored returns home from care.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(ssda903_app, name="903", help="Read, validate, analyse and generate SSDA903 returns.")
app.add_typer(framework_app, name="framework", help="The reunification practice framework (rulebook).")
audit_app = typer.Typer(no_args_is_help=True)
app.add_typer(audit_app, name="audit", help="The audit trail of every access to a child's record.")


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.site.settings")
    import django

    django.setup()


def _who() -> str:
    """Who is acting, for the audit trail: the person at the command line."""
    try:
        return f"{getpass.getuser()} (command line)"
    except (KeyError, OSError):  # no login name in some containers
        return "(command line)"


@app.command()
def demo(
    children: int = typer.Option(60, "--children", help="How many synthetic children to create."),
    seed: int = typer.Option(1, "--seed", help="Random seed: the same seed gives the same demo."),
    if_empty: bool = typer.Option(
        False, "--if-empty", help="Only load the demo if there are no children yet."
    ),
    import_903: bool = typer.Option(
        True, "--import-903/--no-import-903", help="Also import a synthetic 903 history for the dashboard."
    ),
) -> None:
    """Replace the database's case records with a synthetic, deterministic demo (never real data)."""
    setup_django()
    from homeward.children.models import Child
    from homeward.demo.services import DEMO_PASSWORD, DEMO_TWO_FACTOR_HINT, STAFF, load_demo

    if if_empty and Child.objects.exists():
        logins = ", ".join(s.username for s in STAFF)
        typer.echo(f"Demo data already loaded. Logins: {logins}. Password for all: {DEMO_PASSWORD}")
        typer.echo(DEMO_TWO_FACTOR_HINT)
        return
    typer.echo(load_demo(children=children, seed=seed, import_903=import_903))


@app.command("demo-code")
def demo_code() -> None:
    """The sign-in code the demo's authenticator app shows now (for the demo's manager and admin)."""
    from homeward.demo.authenticator import code_now

    typer.echo(code_now())


@app.command()
def sync(
    paths: Annotated[
        list[Path], typer.Argument(help="The case system's 903 extracts: CSV or XML files, or folders.")
    ],
    allocation: Annotated[
        Path | None,
        typer.Option("--allocation", help="CSV of CHILD, worker, team, IRO (usernames and team names)."),
    ] = None,
    team: Annotated[
        str | None, typer.Option("--team", help="Team of a new child the allocation file does not place.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; change nothing.")
    ] = False,
    detail: Annotated[bool, typer.Option("--detail", help="List what changes for each child.")] = False,
    year: Annotated[str | None, typer.Option("--year", help=YEAR_HELP)] = None,
) -> None:
    """Load children and their episodes from the case system's 903 extracts (one or several years):
    new children added, existing ones updated by CHILD id, nothing deleted. Exit status 1 on any error
    (then nothing was changed)."""
    import sys

    setup_django()
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from homeward.access.audit import CommandLine
    from homeward.casedata.services import sync_case_data

    source = CommandLine(_who(), " ".join(str(p.resolve()) for p in paths))
    console = Console(stderr=True)
    run = lambda progress: sync_case_data(  # noqa: E731
        paths,
        source=source,
        allocation=allocation,
        default_team=team,
        dry_run=dry_run,
        year=year_from(year),
        progress=progress,
    )
    if sys.stderr.isatty():
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task("Reading the files", total=None)
            report = run(
                lambda stage, done, total: bar.update(
                    task, description=stage, completed=done, total=total or None
                )
            )
    else:
        report = run(None)
    for problem in report.errors:
        typer.echo(f"ERROR: {problem}", err=True)
    for problem in report.warnings[:20]:
        typer.echo(f"WARNING: {problem}", err=True)
    if len(report.warnings) > 20:
        typer.echo(
            f"… and {len(report.warnings) - 20} more warnings (`homeward 903 validate` lists them).", err=True
        )
    if not report.ok:
        typer.echo(f"{len(report.errors)} errors: nothing was changed.")
        raise typer.Exit(1)
    for line in report.summary():
        typer.echo(line)
    for title, lines in (
        ("Recorded in Homeward, not yet in the case system:", report.kept_moves),
        ("Conflicts:", report.conflicts),
        ("Allocations that could not be matched:", report.allocations_not_matched),
        (
            "In Homeward but not in the extract (not deleted; for a person to decide):",
            [f"CHILD {c}" for c in report.missing_from_extract],
        ),
    ):
        if lines:
            typer.echo(title)
            for line in lines:
                typer.echo(f"  {line}")
    if detail:
        for change in report.children:
            if change.changed:
                typer.echo(f"  {change.in_words()}")
    typer.echo(f"({report.seconds:.1f} s)")


@ssda903_app.command("export")
def export(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write header.csv and episodes.csv into.")],
) -> None:
    """Write Homeward's own children and episodes as 903 Header and Episodes CSVs (the export is audited)."""
    setup_django()
    from homeward.outcomes.services import export_homeward

    result = export_homeward(out_dir, who=_who())
    errors = [i for i in result.issues if i.severity.value == "error"]
    for issue in result.issues[:50]:
        typer.echo(str(issue), err=True)
    if len(result.issues) > 50:
        typer.echo(f"… and {len(result.issues) - 50} more issues.", err=True)
    typer.echo(
        f"Wrote {result.header} ({result.children} children) and {result.episodes} "
        f"({result.episode_rows} episodes); {len(errors)} errors, "
        f"{len(result.issues) - len(errors)} warnings."
    )
    if errors:
        raise typer.Exit(1)


@app.command("subject-access")
def subject_access(
    out: Annotated[Path, typer.Argument(help="File to write (JSON, or PDF with --pdf).")],
    child: str = typer.Option(None, "--child", help="The child's CHILD id."),
    family_member: int = typer.Option(
        None,
        "--family-member",
        help="A family member's number (as in the page's links): every child they appear with.",
    ),
    pdf: bool = typer.Option(False, "--pdf", help="A readable PDF instead of JSON."),
) -> None:
    """Everything Homeward holds about one child or family member (a subject access request); audited."""
    if (child is None) == (family_member is None):
        raise typer.BadParameter("give either --child or --family-member")
    setup_django()
    from homeward.access.audit import CommandLine
    from homeward.children.models import Child, FamilyMember
    from homeward.subjectaccess import selectors, services

    try:
        if child is not None:
            export = selectors.child_export(Child.objects.get(la_child_id=child), _who())
        else:
            export = selectors.person_export(FamilyMember.objects.get(pk=family_member), _who())
    except (Child.DoesNotExist, FamilyMember.DoesNotExist):
        typer.echo("No such child or family member.", err=True)
        raise typer.Exit(1) from None
    content = services.hand_over(CommandLine(_who(), str(out.resolve())), export, "PDF" if pdf else "JSON")
    out.write_bytes(content)
    held = f"{export.record_count} records and {len(export.audit)} audit entries"
    typer.echo(f"Wrote {out}: {held} about {export.name}.")


@audit_app.command("verify")
def audit_verify() -> None:
    """Check no audit event has been changed, deleted or slipped in: walk the hash chain, report the first
    broken link (and exit 1) or that it is intact."""
    setup_django()
    from homeward.access.chain import verify

    report = verify()
    typer.echo(report.summary, err=not report.intact)
    if not report.intact:
        raise typer.Exit(1)


@app.command()
def backup(
    folder: Annotated[Path, typer.Argument(help="A new (or empty) folder to write the backup into.")],
) -> None:
    """Back up the whole database (SQLite or PostgreSQL) into a folder, consistently while Homeward runs."""
    setup_django()
    from homeward.site.backup import BackupError
    from homeward.site.backup import backup as back_up

    try:
        manifest = back_up(folder, who=_who())
    except BackupError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"Backed up the {manifest.engine} database to {folder} ({manifest.audit_events:,} audit events)."
    )


@app.command()
def restore(
    folder: Annotated[Path, typer.Argument(help="A folder written by `homeward backup`.")],
    force: bool = typer.Option(False, "--force", help="Replace a database that is not empty."),
) -> None:
    """Replace the whole database with a backup made by `homeward backup`, then check the audit trail."""
    setup_django()
    from homeward.access.chain import verify
    from homeward.site.backup import BackupError
    from homeward.site.backup import restore as restore_from

    try:
        manifest = restore_from(folder, who=_who(), force=force)
    except BackupError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Restored the database from the backup made {manifest.when}.")
    report = verify()
    typer.echo(f"Audit trail: {report.summary}", err=not report.intact)
    if not report.intact:
        raise typer.Exit(1)


@app.command()
def worker(
    once: bool = typer.Option(False, "--once", help="Do one pass over the outbox, then stop."),
    interval: float = typer.Option(5.0, "--interval", help="Seconds to wait between passes."),
) -> None:
    """Send the emails waiting in the outbox (agencies told of a change for a child), retrying failures,
    and delete 903 uploads left waiting too long; runs until stopped (Ctrl-C), or one pass with --once."""
    setup_django()
    from django.db import close_old_connections
    from django.utils import timezone

    from homeward.notifications.services import send_due_emails
    from homeward.outcomes.services import clean_staging, run_statutory_rules

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # a process manager's SIGTERM stops it between emails, as Ctrl-C does

    signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            close_old_connections()  # a long-running process must not hold a dead connection
            sent, failed = send_due_emails(timezone.now())
            if sent or failed or once:
                typer.echo(f"Outbox: {sent} sent, {failed} failed (to be tried again, or given up).")
            if removed := clean_staging():  # staged 903 files hold dates of birth and UPNs
                typer.echo(f"903 uploads: {removed} left unimported too long, deleted.")
            if checked := run_statutory_rules():
                typer.echo(f"903 uploads: the DfE's statutory rules run on {checked}.")
            if once:
                return
            time.sleep(interval)
    except KeyboardInterrupt:
        typer.echo("Worker stopped.")


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def serve(
    ctx: typer.Context,
    bind: str = typer.Option(
        "", "--bind", help="Address to listen on (default HOMEWARD_BIND or 127.0.0.1:8000)."
    ),
    workers: int = typer.Option(
        0, "--workers", help="Worker processes (default WEB_CONCURRENCY, or 2 per core + 1)."
    ),
) -> None:
    """Serve Homeward with gunicorn, the production web server (settings: homeward/site/gunicorn_conf.py);
    any further options are gunicorn's own."""
    args = [sys.executable, "-m", "gunicorn", "--config", "python:homeward.site.gunicorn_conf"]
    if bind:
        args += ["--bind", bind]
    if workers:
        args += ["--workers", str(workers)]
    # gunicorn takes this process's place, so a process manager's signals reach it directly.
    os.execv(sys.executable, [*args, *ctx.args])


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (e.g. `homeward manage migrate`)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["homeward manage", *ctx.args])


def main() -> None:
    app(prog_name="homeward")


if __name__ == "__main__":  # pragma: no cover
    main()
