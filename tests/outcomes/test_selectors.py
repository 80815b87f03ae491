"""The wording and suppression rules of the dashboard, on hand-made summaries."""

from __future__ import annotations

from typing import Any

from homeward.outcomes import selectors


def summary(
    returns: int, re_entries: int, year: float | None, ci: tuple[float, float] | None
) -> dict[str, Any]:
    return {
        "returns": returns,
        "re_entries": re_entries,
        "cumulative_incidence": {"182": year, "365": year, "730": None, "2190": None},
        "confidence_interval_95": {"182": list(ci) if ci else None, "365": list(ci) if ci else None},
    }


def test_counts_from_one_to_four_are_suppressed() -> None:
    assert [selectors.count(n) for n in (0, 1, 4, 5, 1234)] == [
        "0",
        "fewer than 5",
        "fewer than 5",
        "5",
        "1,234",
    ]


def test_a_rate_is_shown_with_its_interval_only_for_enough_returns_and_re_entries() -> None:
    assert selectors.share(summary(50, 10, 0.2, (0.1, 0.3)), "365") == "20.0% (10.0% to 30.0%)"
    assert selectors.share(summary(9, 5, 0.5, (0.2, 0.8)), "365") == selectors.TOO_FEW
    assert selectors.share(summary(50, 3, 0.06, (0.02, 0.2)), "365") == selectors.TOO_FEW
    assert selectors.share(summary(50, 0, 0.0, (0.0, 0.0)), "365") == "0.0%"  # no collapsed 0-0 interval
    assert selectors.share(summary(50, 10, 0.2, (0.1, 0.3)), "730") == selectors.NOT_YET


def test_compare_calls_a_difference_only_when_the_intervals_do_not_overlap() -> None:
    high, low = summary(100, 30, 0.3, (0.25, 0.35)), summary(100, 10, 0.1, (0.05, 0.15))
    overlapping = summary(100, 22, 0.22, (0.12, 0.3))
    q = "Q?"
    assert selectors.compare(q, (high, "A"), (low, "B"))[1].startswith("Yes: A broke down more often")
    assert selectors.compare(q, (low, "A"), (high, "B"))[1].startswith("No: B broke down more often")
    assert selectors.compare(q, (overlapping, "A"), (low, "B"))[1].startswith("The difference is within")
    assert "too few" in selectors.compare(q, (None, "A"), (low, "B"))[1]
    assert "too few" in selectors.compare(q, (summary(100, 3, 0.03, (0.01, 0.1)), "A"), (low, "B"))[1]
