"""`analyse` returns a typed, frozen result whose `as_dict()` is the JSON `903 analyse --json` prints."""

from __future__ import annotations

import dataclasses
import json
import pickle
from datetime import date

import pytest

from homeward.ssda903 import Analysis, UnitCosts, analyse, load
from homeward.ssda903.result import GroupReEntry, ReEntry
from tests.ssda903.helpers import REPO

GOLDEN = REPO / "tests" / "data" / "ssda903-golden"


@pytest.fixture(scope="module")
def result() -> Analysis:
    return analyse(load([GOLDEN]), as_of=date(2024, 3, 31), costs=UnitCosts(1000.0, 25.0, "ours"))


def test_the_result_is_frozen(result: Analysis) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.children = 0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.re_entry.returns = 0  # type: ignore[misc]
    assert isinstance(result.re_entry_curve, tuple) and isinstance(result.breakdowns.age_at_return, tuple)


def test_typed_figures_are_the_json_figures(result: Analysis) -> None:
    d = result.as_dict()
    assert d["as_of"] == "2024-03-31" and result.as_of == date(2024, 3, 31)
    assert (result.returns_home.planned, result.returns_home.unplanned) == (
        d["returns_home"]["E4A"],
        d["returns_home"]["E4B"],
    )
    assert result.returns_home.planned + result.returns_home.unplanned == result.re_entry.returns > 0
    for horizon in (182, 365, 730, 2190):
        assert (
            result.re_entry.cumulative_incidence[horizon]
            == d["re_entry"]["cumulative_incidence"][str(horizon)]
        )
        bounds = result.re_entry.confidence_interval_95[horizon]
        assert (list(bounds) if bounds else None) == d["re_entry"]["confidence_interval_95"][str(horizon)]
    assert result.re_entry_by_type["E4B"].as_dict() == d["re_entry_by_type"]["E4B"]
    assert [p.day for p in result.re_entry_curve] == [p["day"] for p in d["re_entry_curve"]]
    first = result.breakdowns.age_at_return[0]
    assert isinstance(first, GroupReEntry) and isinstance(first.re_entry, ReEntry)
    assert d["breakdowns"]["age_at_return"][0] == {"group": first.group, **first.re_entry.as_dict()}
    assert result.costs.unit_costs == UnitCosts(1000.0, 25.0, "ours")
    assert d["costs"]["unit_costs"] == {"re_entry": 1000.0, "support_per_return": 25.0, "source": "ours"}
    assert (
        result.placed_with_parents_p1.returns_home_from_p1
        == d["placed_with_parents_P1"]["returns_home_from_P1"]
    )
    assert [y.year for y in result.returns_home_by_year] == [y["year"] for y in d["returns_home_by_year"]]
    assert d["data_quality"]["files"] == list(result.data_quality.files)
    assert [x["term"] for x in d["definitions"]] == [x.term for x in result.definitions]


def test_the_json_keys_are_todays(result: Analysis) -> None:
    assert list(result.as_dict()) == [
        "as_of",
        "children",
        "episodes",
        "periods_of_care",
        "returns_home",
        "left_to_non_pr_E13",
        "placed_with_parents_P1",
        "short_break_periods_excluded",
        "re_entry",
        "re_entry_by_type",
        "re_entry_curve",
        "returns_home_by_year",
        "breakdowns",
        "costs",
        "national_benchmark",
        "data_quality",
        "repairs",
        "definitions",
    ]
    assert result.to_json() == json.dumps(result.as_dict())
    assert json.loads(result.to_json()) == result.as_dict()  # nothing in it JSON cannot carry


def test_the_result_survives_a_cache(result: Analysis) -> None:
    again = pickle.loads(pickle.dumps(result))
    assert again == result and again.to_json() == result.to_json()
