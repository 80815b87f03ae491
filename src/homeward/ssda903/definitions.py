"""The definitions behind every figure (from SSDA903.md), shown on every report and in the JSON."""

from __future__ import annotations

from homeward.ssda903.result import Benchmark

DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "Period of care",
        "The chain of a child's episodes from one with RNE S (started to be looked after) to the first "
        "episode that ends with a reason other than X1. Short-break episodes (V3 or V4) are left out, as "
        "the DfE does: a period made only of short breaks is not counted, and a period that ends in a "
        "short break ends where the short breaks began (never a return home); 'children' and 'episodes' "
        "count only children and episodes in the remaining periods, after duplicates re-sent across "
        "years are removed.",
    ),
    (
        "Return home",
        "A period of care ending E4A (returned home to parents or others with parental responsibility as "
        "part of the care plan: planned) or E4B (the same, not part of the care plan: unplanned). E13 "
        "(left care to live with parents or relatives without parental responsibility) is counted "
        "separately, as are P1 placements (placed with parents while still looked after), which are not "
        "a cessation.",
    ),
    (
        "Re-entry",
        "A later period of care (RNE S) for the same child, starting on or after the day of a return home. "
        "The share re-entering within 6 months (182 days), 1 year (365), 2 years (730) and 6 years (2190) "
        "is the Kaplan-Meier cumulative incidence, with 95% confidence intervals (Greenwood, log-log): "
        "each return is followed until the child re-enters or the data end (the 'as of' date), so recent "
        "returns count for the time they were followed, never as a naive proportion.",
    ),
    (
        "As of",
        "The date the data are taken to end: by default the latest start or end date in them. Episodes "
        "starting later are ignored; episodes ending later are treated as still open.",
    ),
    (
        "Breakdowns",
        "Legal status, category of need and placement are those of the last episode before the return; "
        "age is the child's age in whole years on the day of return; previous returns count the child's "
        "earlier returns home in the data; years run 1 April to 31 March, as the 903 does.",
    ),
    (
        "Limits",
        "A child's ID is local to one authority: re-entry elsewhere is invisible. The DfE counts only a "
        "child's last cessation in a year and rounds national figures to the nearest 10; these local "
        "figures count every return and are not rounded.",
    ),
    (
        "Costs",
        "Unit costs are configurable. Defaults (Holmes 2024): about £105,804 for each child who returns to "
        "care after a failed return home, and about £7,857 to support a family when a child returns home.",
    ),
)

NATIONAL_BENCHMARK = Benchmark(
    re_entry_within_1_year=0.20,
    re_entry_within_6_years=0.35,
    source="Goldacre, Hood, Jones, King & Wang (2022), BJSW 52(8): about one in five re-entered within "
    "a year of returning home, over a third within six years (n = 51,238 episodes, 2014-2020).",
)


def definitions_text() -> str:
    return "\n".join(f"{term}: {text}" for term, text in DEFINITIONS)
