"""Benchmark: an authority's ten-year 903 history synced into an empty database, then the same again.

python bench/sync_case_data.py [--children N]

Writes ten synthetic yearly returns (`homeward.ssda903.synth`, the generator behind `homeward 903
synth`; never real children) into a temporary folder, builds a throwaway SQLite database there (or uses
DATABASE_URL if set, e.g. an empty PostgreSQL database, which it fills and leaves), and runs
`homeward.casedata.services.sync_case_data` twice on the same files: into the empty database, then
again (nothing changes: a no-op). Each run is its own process, so its peak memory (the process's
maximum resident set, Django included) is its own; the time is that of the sync alone (wall clock,
and the CPU time of the process: the database server's, for PostgreSQL, is not in it). Prints figures;
it is not a timed test. Targets (issue 10): the first under 60 s on two cores, the no-op under 10 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
TEAM = "Bench team"


def _django(var_dir: str) -> None:
    os.environ.setdefault("HOMEWARD_VAR_DIR", var_dir)
    os.environ.setdefault("HOMEWARD_ALLOW_INSECURE_KEY", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.site.settings")
    import django

    django.setup()


def once(folder: str, var_dir: str) -> None:
    """One sync, in this process: prints its figures as JSON for the parent."""
    _django(var_dir)
    from homeward.access.audit import CommandLine
    from homeward.casedata.services import sync_case_data

    started, cpu = time.perf_counter(), time.process_time()
    report = sync_case_data([Path(folder)], source=CommandLine("bench"), default_team=TEAM)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert report.ok, report.errors[:5]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "summary": report.summary()}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--children", type=int, default=12_000, help="children generated (some never enter care)"
    )
    parser.add_argument("--once", nargs=2, metavar=("FOLDER", "VAR_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        once(*args.once)
        return
    with tempfile.TemporaryDirectory(prefix="homeward-bench-") as tmp:
        from homeward.ssda903.synth import write_years

        extract = Path(tmp) / "extract"
        made = write_years(extract, children=args.children, years=10, seed=2026)
        print(
            f"Extract: {made.children:,} children, {made.episodes:,} episodes, {made.rows_written:,} episode "
            f"rows in {len(made.files)} files (ten yearly returns, re-sent episodes included)"
        )
        _django(tmp)
        from django.core.management import call_command
        from django.db import connection

        from homeward.organisation.models import Team

        call_command("migrate", verbosity=0)
        Team.objects.get_or_create(name=TEAM)
        print(f"Database: {connection.vendor}")
        connection.close()
        for label in ("Into an empty database", "The same extract again (no-op)"):
            out = subprocess.run(
                [sys.executable, __file__, "--once", str(extract), tmp],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            print(
                f"{label}: {result['seconds']:.1f} s ({result['cpu']:.1f} s of CPU in this process), "
                f"peak memory {result['peak_mb']:.0f} MB"
            )
            for line in result["summary"]:
                print(f"    {line}")


if __name__ == "__main__":
    main()
