"""Benchmark: the outcomes dashboard's request time with the synthetic demo (its 903 import and
Homeward's own records), with Django's test client.

python bench/dashboard_requests.py          # BENCH_903_CHILDREN=5000 for an authority-sized import

Builds a throwaway SQLite database in a temporary folder, loads the demo with its synthetic 903 import
(`load_demo(import_903=True)`; BENCH_903_CHILDREN children a year, 3,000 by default), logs in as the
analyst and times 20 requests of the dashboard for the import and for Homeward's own records after one
warm-up request each, printing the median and the queries each request made. BENCH_ROOT runs another
checkout's code (e.g. main, to compare before and after).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_ROOT", Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(ROOT / "src"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
CHILDREN_903 = int(os.environ.get("BENCH_903_CHILDREN", "3000"))

_tmp = tempfile.TemporaryDirectory(prefix="homeward-bench-")
os.environ.setdefault("HOMEWARD_VAR_DIR", _tmp.name)
os.environ.setdefault("HOMEWARD_ALLOW_INSECURE_KEY", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.site.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from homeward.demo.services import load_demo  # noqa: E402
from homeward.outcomes.demo import load_demo_903  # noqa: E402


def timed(client: Client, data: dict[str, str]) -> tuple[float, int]:
    url = reverse("outcomes:dashboard")
    client.get(url, data)  # warm-up: fills whatever is filled once
    times, queries = [], 0
    for _ in range(REQUESTS):
        with CaptureQueriesContext(connection) as seen:
            started = time.perf_counter()
            page = client.get(url, data)
            times.append(time.perf_counter() - started)
        assert page.status_code == 200, page.status_code
        queries = len(seen.captured_queries)
    return statistics.median(times), queries


def main() -> None:
    call_command("migrate", verbosity=0)
    load_demo(children=60, seed=1)
    started = time.perf_counter()
    imported = load_demo_903(children=CHILDREN_903)
    print(f"import of {imported.children:,} children, {imported.episodes:,} episodes: "
          f"{time.perf_counter() - started:.1f} s (code from {ROOT})")  # fmt: skip
    client = Client()
    client.force_login(get_user_model().objects.get(username="analyst"))
    for label, data in (("903 import", {}), ("Homeward's own records", {"source": "homeward"})):
        median, queries = timed(client, data)
        print(f"dashboard, {label}: median of {REQUESTS} requests {1000 * median:.0f} ms, {queries} queries")


if __name__ == "__main__":
    main()
