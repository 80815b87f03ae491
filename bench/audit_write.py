"""Benchmark: the cost of writing an audit event (`homeward.access.audit.record`).

python bench/audit_write.py

Builds a throwaway SQLite database in a temporary folder (or uses DATABASE_URL if set, e.g. a
PostgreSQL test database, which it fills and leaves), then writes 1,000 single-record events (a view)
and 1,000 listings (a caseload page showing 25 children each), each in its own transaction as a page
does, several rounds, and prints the median time for 1,000 of each. It ends by checking the trail is
whole (`homeward.access.chain.verify`, when the hash chain is there).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
EVENTS, ROUNDS = 1_000, int(os.environ.get("BENCH_ROUNDS", "3"))

_tmp = tempfile.TemporaryDirectory(prefix="homeward-bench-")
os.environ.setdefault("HOMEWARD_VAR_DIR", _tmp.name)
os.environ.setdefault("HOMEWARD_ALLOW_INSECURE_KEY", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.site.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from homeward.access.audit import CommandLine, record  # noqa: E402
from homeward.access.models import AuditAction  # noqa: E402


def _time(children: int) -> float:
    who = CommandLine("bench", "/bench")
    shown = list(range(1, children + 1))
    started = time.perf_counter()
    for i in range(EVENTS):
        if children:
            record(who, AuditAction.LIST, "caseload", children_shown=shown)
        else:
            record(who, AuditAction.VIEW, "child record", child_id=i)
    return time.perf_counter() - started


def main() -> None:
    call_command("migrate", verbosity=0)
    single, listing = [], []
    for _ in range(ROUNDS):
        single.append(_time(0))
        listing.append(_time(25))
    print(
        f"{EVENTS:,} audit events, one child each: median {statistics.median(single):.3f} s ({ROUNDS} rounds)"
    )
    print(f"{EVENTS:,} listings of 25 children each:   median {statistics.median(listing):.3f} s")
    try:
        from homeward.access.chain import verify  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return
    report = verify()
    print(report.summary)
    if not report.intact:
        sys.exit(1)


if __name__ == "__main__":
    main()
