"""Benchmark: `903 analyse` on ten years of national-scale 903 returns (`make bench`).

Generates the returns once (cached under bench/out/, git-ignored): about 0.7 million children and
3 million episode rows across ten yearly Header/Episodes CSV pairs, re-sent episodes included. Then
times, each in its own process (wall time, best of a few runs; peak resident memory from wait4):

1. `python -m homeward 903 analyse OUT --json`      the product (analysis engine: Polars);
2. `python bench/reference_pandas.py OUT`           the plain pandas oracle (its answer is compared);
3. `python bench/duckdb_load.py OUT`                DuckDB typed load, the floor under any analysis.

Targets on a 2-core machine: analyse <= 10 s, <= 2x the typed load, peak memory <= 4 GB.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DATA = OUT / "ssda903_national"
PY = sys.executable
CHILDREN, YEARS, SEED = 750_000, 10, 2026
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))


def measure(cmd: list[str], stdout_path: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one run of cmd in its own process."""
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(stdout_path, "wb")) if stdout_path else subprocess.DEVNULL
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)  # wait4: this child's own peak memory
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024  # Linux reports kB


def best_of(cmd: list[str], repeats: int, stdout_path: Path | None = None) -> tuple[float, float]:
    runs = [measure(cmd, stdout_path) for _ in range(repeats)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def generate() -> None:
    marker = DATA / ".complete"
    wanted = f"{CHILDREN} {YEARS} {SEED}"
    if marker.exists() and marker.read_text() == wanted:
        return
    print(f"Generating {YEARS} years of national-scale returns into {DATA} (once) …", flush=True)
    t0 = time.perf_counter()
    subprocess.run(
        [
            PY,
            "-m",
            "homeward",
            "903",
            "synth",
            "--children",
            str(CHILDREN),
            "--years",
            str(YEARS),
            "--seed",
            str(SEED),
            str(DATA),
        ],
        check=True,
        cwd=ROOT,
    )
    marker.write_text(wanted)
    print(f"  generated in {time.perf_counter() - t0:.1f} s", flush=True)


def compare(ours: object, reference: object, path: str = "") -> list[str]:
    """Differences between analyse and the pandas reference, on every key the reference gives."""
    if isinstance(reference, dict):
        if not isinstance(ours, dict):
            return [f"{path}: analyse has {ours!r}"]
        problems = []
        for key, want in reference.items():
            problems += compare(ours.get(key), want, f"{path}.{key}" if path else key)
        return problems
    if isinstance(reference, float) and isinstance(ours, float):
        return [] if abs(reference - ours) <= 2e-6 else [f"{path}: analyse {ours} != reference {reference}"]
    if isinstance(reference, list) and isinstance(ours, list) and len(reference) == len(ours):
        return [
            p
            for i, (a, b) in enumerate(zip(ours, reference, strict=True))
            for p in compare(a, b, f"{path}[{i}]")
        ]
    return [] if ours == reference else [f"{path}: analyse {ours!r} != reference {reference!r}"]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    generate()
    episode_files = sorted(DATA.glob("episodes_*.csv"))
    rows = 0
    for f in episode_files:
        with open(f, "rb") as fh:
            rows += sum(1 for _ in fh) - 1
    size = sum(f.stat().st_size for f in DATA.glob("*.csv")) / 1e6
    print(f"Data: {rows:,} episode rows, {size:.0f} MB of CSV in {len(list(DATA.glob('*.csv')))} files")

    analyse_json, reference_json = OUT / "analyse.json", OUT / "reference.json"
    # Interleaved, so both see the same machine load; the best run of each is reported.
    loads, analyses = [], []
    for i in range(REPEATS):
        print(f"Run {i + 1}/{REPEATS}: DuckDB typed load, then 903 analyse …", flush=True)
        loads.append(measure([PY, "bench/duckdb_load.py", str(DATA)]))
        analyses.append(measure([PY, "-m", "homeward", "903", "analyse", str(DATA), "--json"], analyse_json))
    load_t, load_mem = min(t for t, _ in loads), max(m for _, m in loads)
    an_t, an_mem = min(t for t, _ in analyses), max(m for _, m in analyses)
    print("  typed load runs: " + ", ".join(f"{t:.2f}" for t, _ in loads))
    print("  analyse runs:    " + ", ".join(f"{t:.2f}" for t, _ in analyses))
    print("Timing the pandas reference …", flush=True)
    ref_t, ref_mem = best_of([PY, "bench/reference_pandas.py", str(DATA)], 1, reference_json)

    ours = json.loads(analyse_json.read_text())
    problems = compare(ours, json.loads(reference_json.read_text()))

    print()
    print(f"{'':28}{'time (s)':>10}{'peak MB':>10}")
    print(f"{'903 analyse (Polars)':28}{an_t:10.2f}{an_mem:10.0f}")
    print(f"{'pandas reference':28}{ref_t:10.2f}{ref_mem:10.0f}")
    print(f"{'DuckDB typed load':28}{load_t:10.2f}{load_mem:10.0f}")
    print()
    print(f"analyse / typed load   {an_t / load_t:5.2f}x   (target <= 2x)")
    print(f"analyse / reference    {an_t / ref_t:5.2f}x")
    checks = {
        "analyse <= 10 s": an_t <= 10,
        "analyse <= 2x typed load": an_t <= 2 * load_t,
        "analyse peak memory <= 4 GB": an_mem <= 4096,
        "analyse agrees with the pandas reference": not problems,
    }
    for name, ok in checks.items():
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")
    for p in problems:
        print("    " + p)
    print(
        f"Re-entry within a year: {ours['re_entry']['cumulative_incidence']['365']}, "
        f"six years: {ours['re_entry']['cumulative_incidence']['2190']} "
        f"({ours['re_entry']['returns']:,} returns home, {ours['children']:,} children)"
    )
    (OUT / "ssda903_results.json").write_text(
        json.dumps(
            {
                "episode_rows": rows,
                "csv_mb": round(size),
                "analyse": {"seconds": an_t, "peak_mb": an_mem},
                "reference_pandas": {"seconds": ref_t, "peak_mb": ref_mem},
                "duckdb_typed_load": {"seconds": load_t, "peak_mb": load_mem},
                "checks": checks,
                "differences": problems,
            },
            indent=1,
        )
    )
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
