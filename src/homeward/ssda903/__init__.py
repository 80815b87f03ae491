"""SSDA903: read, validate, repair and analyse the statutory return on looked-after children.

Pure Python (no Django). The definitions are those of ../shared/SSDA903.md; every output carries them.

Public API (what the Django side calls)
---------------------------------------
``load(paths, progress=None, year=None) -> Dataset``
    Read 903 returns: CSV files (one per table, recognised by its column set) and ``EXPSSDA903``
    XML (CHILDID read as CHILD, PL as PLACE), or folders of them; several years at once, with
    re-sent episodes de-duplicated and the joins between years repaired. ``progress(done, total,
    file)`` is called as files are read. Each file's codes are checked against its own collection
    year's lists (``codes.code_list``), or those of ``year`` (its start: 2024 for 2024-25).
``dataset_from_records(header, episodes, label="Homeward records") -> Dataset``
    Homeward's own children (dicts with CHILD, SEX, DOB, ETHNIC, …) and episodes (CHILD, DECOM, RNE,
    LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, …; dates as ``datetime.date``, codes as ``str``),
    validated and repaired by exactly the same code as a loaded return.
``write_csv(dataset, out_dir) -> (header_path, episodes_path)``
    ``header.csv`` and ``episodes.csv`` in the official column order with dd/mm/YYYY dates.
``analyse(dataset, as_of=None, costs=None) -> Analysis``
    The outcomes as frozen dataclasses (``result``: ``Analysis``, ``ReEntry``, ``Breakdowns``, …);
    ``.as_dict()`` is the JSON object (``.to_json()`` its text), with keys ``as_of``, ``children``,
    ``episodes``, ``periods_of_care``, ``returns_home`` {E4A, E4B}, ``left_to_non_pr_E13``,
    ``placed_with_parents_P1``,
    ``re_entry`` {returns, re_entries, cumulative_incidence {"182","365","730","2190"},
    confidence_interval_95 {same keys: [lower, upper]}}, ``re_entry_by_type`` {E4A, E4B},
    ``re_entry_curve`` [{day, cumulative_incidence, lower, upper, at_risk}], ``returns_home_by_year``
    [{year, E4A, E4B, E13}], ``breakdowns`` {legal_status_at_return, age_at_return, category_of_need,
    planned_or_unplanned, previous_returns, year_of_return: [{group, <re_entry fields>}]}, ``costs``,
    ``national_benchmark``, ``data_quality`` (errors, warnings, episodes_left_out, files), ``repairs``
    (rule -> count; what each does to the figures in ``repair.EFFECTS``) and ``definitions``.
``UnitCosts(re_entry=105_804.0, support_per_return=7_857.0, source="Holmes (2024)")``
    Configurable unit costs for ``analyse``.
``Dataset``
    ``header`` and ``episodes`` (Arrow tables, official column order; dates are dates, codes
    dictionary-encoded text, blanks null), ``issues`` (list of ``Issue``), ``errors``/``warnings``/
    ``has_errors``, ``repairs`` (rule -> count; meanings in ``repair.RULES``), ``repairs_listed()``,
    ``files`` (what was read), ``other_tables`` (Reviews, UASC, … as read), ``header_records()`` and
    ``episode_records()`` (lists of dicts).
``Issue``
    ``file``, ``row`` (spreadsheet row, column names = row 1; XML: record number), ``column``,
    ``value``, ``message``, ``allowed``, ``severity`` (``Severity.ERROR``/``WARNING``), ``kind``,
    ``code`` (the rule that found it, see ``rules.RULES``; None for a problem with a whole file); its
    ``str()`` is one sentence a data officer can act on.
``file_checksum(path) -> str``
    SHA-256 of a file, for recording an import.
``codes``
    The 903 code lists (``LEGAL_STATUS``, ``REASON_EPISODE_CEASED``, …, ``describe``, ``choices``,
    ``is_valid``).

Modules: ``reader`` (files to text tables, file-level problems), ``frame`` (tidying and typing),
``rules`` (the validation rules, one by one, each with its DfE or Homeward code), ``repair``
(cross-year rules), ``analysis`` and ``km`` (Kaplan-Meier), ``synth`` (synthetic national-scale
returns), ``report`` and ``cli``.

Engines: reading, tidying, validation and repair work on Arrow tables with numpy views (dictionary
codes and day numbers). The analysis engine is Polars: `analyse` reads the repaired tables with
``pl.from_arrow`` and finds periods of care, returns home and their follow-up with expressions over
the whole table in lazy queries (shifts, cumulative sums, a group-by per period, joins), which Polars
runs multi-threaded with no Python loop over rows; Kaplan-Meier (``km``, numpy) then runs on the one
row per return home.

One child's care history: ``history.care_history(episodes, as_of, child=None) -> CareHistory``
(periods of care, returns home with their breakdown groups, legal status now, in care since, a
timeline), from typed ``history.Episode`` and ``history.ChildDetails``; pure Python. The bulk twin
is ``analysis.care_histories(dataset, as_of)`` (and ``analysis.return_groups``), the frames
``analyse`` summarises; tests/ssda903/test_history.py holds the two equal child by child.

Everything but ``codes`` and ``history`` is imported on first use (PEP 562), so that importing the
package (as the framework and the record pages do) loads neither Arrow nor Polars: `903 analyse`
loads Polars while the files are being read.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from homeward.ssda903.analysis import analyse
    from homeward.ssda903.dataset import Dataset, dataset_from_records, file_checksum, load, write_csv
    from homeward.ssda903.issues import Issue, Severity
    from homeward.ssda903.result import Analysis, UnitCosts

_LAZY = {
    "Dataset": "dataset",
    "dataset_from_records": "dataset",
    "file_checksum": "dataset",
    "load": "dataset",
    "write_csv": "dataset",
    "Issue": "issues",
    "Severity": "issues",
    "Analysis": "analysis",
    "UnitCosts": "analysis",
    "analyse": "analysis",
}

__all__ = [
    "Analysis",
    "Dataset",
    "Issue",
    "Severity",
    "UnitCosts",
    "analyse",
    "dataset_from_records",
    "file_checksum",
    "load",
    "write_csv",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f"homeward.ssda903.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
