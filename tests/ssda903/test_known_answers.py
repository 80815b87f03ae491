"""Known answers: a small hand-built history whose every figure is worked out by hand below.

Child A: in care 01/01/2020 (C2), placed with parents (P1) 01/03/2020, returned home (E4A) 01/06/2020;
         back in care (S) 01/09/2020, 92 days later; returned home unplanned (E4B) 01/01/2021.
Child B: accommodated under s20 (V2) 01/02/2020, went home unplanned (E4B) 15/03/2020; never back.
Child C: care order 01/01/2019, left to live with relatives without parental responsibility (E13) 01/06/2019.
Child D: one short break (V3), 10-12/01/2020: excluded.
Child E: in care since 01/04/2020, still looked after.
As of 01/07/2021.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date

import numpy as np
import pytest

from homeward.ssda903 import analyse, dataset_from_records
from homeward.ssda903.analysis import UnitCosts
from tests.ssda903.helpers import child, episode

AS_OF = date(2021, 7, 1)


@pytest.fixture(scope="module")
def result() -> dict:
    header = [
        child("A", "2010-06-01"),
        child("B", "2005-01-01"),
        child("C", "2015-01-01"),
        child("D", "2012-01-01"),
        child("E", "2019-01-01"),
    ]
    episodes = [
        episode("A", "2020-01-01", "S", "C2", "2020-03-01", "X1"),
        episode("A", "2020-03-01", "P", "C2", "2020-06-01", "E4A", place="P1"),
        episode("A", "2020-09-01", "S", "C2", "2021-01-01", "E4B"),
        episode("B", "2020-02-01", "S", "V2", "2020-03-15", "E4B", cin="N4"),
        episode("C", "2019-01-01", "S", "C2", "2019-06-01", "E13"),
        episode("D", "2020-01-10", "S", "V3", "2020-01-12", "E8"),
        episode("E", "2020-04-01", "S", "C1", None, None),
    ]
    ds = dataset_from_records(header, episodes)
    assert not ds.issues, [str(i) for i in ds.issues]
    return analyse(ds, as_of=AS_OF).as_dict()


def test_counts(result):
    assert result["as_of"] == "2021-07-01"
    assert result["children"] == 4  # A, B, C, E (D's only period is a short break)
    assert result["episodes"] == 6  # A 3, B 1, C 1, E 1
    assert result["periods_of_care"] == 5  # A 2, B 1, C 1, E 1
    assert result["short_break_periods_excluded"] == 1
    assert result["returns_home"] == {"E4A": 1, "E4B": 2}
    assert result["left_to_non_pr_E13"] == 1
    assert result["placed_with_parents_P1"] == {
        "episodes": 1,
        "periods_of_care": 1,
        "children": 1,
        "returns_home_from_P1": 1,
    }


def test_re_entry_kaplan_meier_by_hand(result):
    # Follow-up: A's first return 01/06/2020 -> re-entry 01/09/2020 = 92 days (event);
    # A's second return 01/01/2021 -> as_of = 181 days (censored);
    # B's return 15/03/2020 -> as_of = 473 days (censored).
    assert (date(2020, 9, 1) - date(2020, 6, 1)).days == 92
    assert (AS_OF - date(2021, 1, 1)).days == 181
    assert (AS_OF - date(2020, 3, 15)).days == 473
    # At day 92 three returns are at risk and one re-enters: S = 2/3, so 1/3 have re-entered;
    # nothing else happens before the last follow-up (473 days); beyond it the estimate is undefined.
    re = result["re_entry"]
    assert re["returns"] == 3 and re["re_entries"] == 1
    ci = re["cumulative_incidence"]
    assert ci["182"] == pytest.approx(1 / 3, abs=1e-6)
    assert ci["365"] == pytest.approx(1 / 3, abs=1e-6)
    assert ci["730"] is None and ci["2190"] is None
    # 95% interval, Greenwood variance 1/(3*2) with the log(-log) transform.
    s = 2 / 3
    half = 1.959963984540054 * math.sqrt(1 / 6) / math.log(s)
    lower_s = math.exp(-math.exp(math.log(-math.log(s)) + half))
    upper_s = math.exp(-math.exp(math.log(-math.log(s)) - half))
    lo, hi = re["confidence_interval_95"]["182"]
    assert lo == pytest.approx(1 - max(lower_s, upper_s), abs=1e-6)
    assert hi == pytest.approx(1 - min(lower_s, upper_s), abs=1e-6)
    assert 0 < lo < 1 / 3 < hi < 1


def test_by_type(result):
    planned, unplanned = result["re_entry_by_type"]["E4A"], result["re_entry_by_type"]["E4B"]
    assert planned["returns"] == 1 and planned["re_entries"] == 1
    # The only planned return re-entered at day 92; no planned return is followed beyond that,
    # so the estimate stops there (as for the pandas reference).
    assert planned["cumulative_incidence"] == {"182": None, "365": None, "730": None, "2190": None}
    assert unplanned["returns"] == 2 and unplanned["re_entries"] == 0
    assert unplanned["cumulative_incidence"]["182"] == 0.0
    assert unplanned["cumulative_incidence"]["365"] == 0.0  # B followed 473 days
    assert unplanned["cumulative_incidence"]["730"] is None


def test_breakdowns(result):
    b = result["breakdowns"]
    by_ls = {r["group"]: (r["returns"], r["re_entries"]) for r in b["legal_status_at_return"]}
    assert by_ls == {"care or placement order (C1, C2, D1, E1)": (2, 1), "s20 accommodation (V2)": (1, 0)}
    # A is 10 on both returns (born 01/06/2010); B is 15 on 15/03/2020.
    by_age = {r["group"]: r["returns"] for r in b["age_at_return"]}
    assert by_age == {"10 to 15": 3}
    by_prev = {r["group"]: r["returns"] for r in b["previous_returns"]}
    assert by_prev == {"none": 2, "1": 1}  # A's second return follows one earlier return
    by_year = {r["group"]: r["returns"] for r in b["year_of_return"]}
    assert by_year == {"2019-20": 1, "2020-21": 2}  # 15/03/2020 is in 2019-20
    by_cin = {r["group"]: r["returns"] for r in b["category_of_need"]}
    assert by_cin == {"N1: Abuse or neglect": 2, "N4: Family in acute stress": 1}
    # C's E13 on 01/06/2019 is in 2019-20 (years start on 1 April).
    assert result["returns_home_by_year"] == [
        {"year": "2019-20", "E4A": 0, "E4B": 1, "E13": 1},
        {"year": "2020-21", "E4A": 1, "E4B": 1, "E13": 0},
    ]


def test_costs(result):
    c = result["costs"]
    assert c["re_entries"] == 1 and c["returns_home"] == 3
    assert c["cost_of_re_entries"] == 105_804
    assert c["cost_to_support_every_return"] == 3 * 7_857
    assert c["re_entries_to_avoid_to_break_even"] == pytest.approx(3 * 7_857 / 105_804, abs=0.05)


def test_configurable_costs_and_curve():
    ds = dataset_from_records(
        [child("A", "2010-01-01")],
        [
            episode("A", "2020-01-01", "S", "V2", "2020-02-01", "E4A"),
            episode("A", "2020-03-02", "S", "V2", None, None),
        ],
    )
    r = analyse(ds, as_of=date(2020, 6, 1), costs=UnitCosts(re_entry=1000, support_per_return=10))
    assert r.costs.cost_of_re_entries == 1000 and r.costs.cost_to_support_every_return == 10
    # One return, re-entered after 30 days: the curve jumps from 0 to 1 at day 30.
    assert [(p.day, p.cumulative_incidence) for p in r.re_entry_curve] == [(0, 0.0), (30, 1.0)]


def test_as_of_default_and_cut():
    header = [child("A", "2010-01-01")]
    episodes = [
        episode("A", "2020-01-01", "S", "C2", "2020-06-01", "E4A"),
        episode("A", "2021-01-01", "S", "C2", "2021-02-01", "E4A"),
    ]
    ds = dataset_from_records(header, episodes)
    assert analyse(ds).as_of == date(2021, 2, 1)  # the latest date in the data
    early = analyse(ds, as_of=date(2020, 12, 31))
    # The second period has not started by then: no re-entry yet, one return followed 213 days.
    assert early.periods_of_care == 1 and early.re_entry.re_entries == 0
    assert early.re_entry.cumulative_incidence[182] == 0.0
    mid = analyse(ds, as_of=date(2021, 1, 15))
    # Now the re-entry has happened and the second period is still open (its end is after as_of).
    assert mid.re_entry.re_entries == 1 and mid.returns_home.as_dict() == {"E4A": 1, "E4B": 0}


def test_episode_row_order_does_not_matter():
    """`load` leaves episodes ordered by child and start date; in any other order (a Dataset built
    elsewhere) the analysis sorts them first and gives the same figures."""
    header = [child("A", "2010-06-01"), child("B", "2005-01-01")]
    episodes = [
        episode("A", "2020-01-01", "S", "C2", "2020-03-01", "X1"),
        episode("A", "2020-03-01", "P", "C2", "2020-06-01", "E4A", place="P1"),
        episode("A", "2020-09-01", "S", "C2", "2021-01-01", "E4B"),
        episode("B", "2020-02-01", "S", "V2", "2020-03-15", "E4B", cin="N4"),
        episode("B", "2020-05-01", "S", "V2", None, None),
    ]
    ds = dataset_from_records(header, episodes)
    reversed_rows = dataclasses.replace(ds, episodes=ds.episodes.take(list(range(len(episodes) - 1, -1, -1))))
    assert reversed_rows.episodes.column("DECOM")[0].as_py() == date(2020, 5, 1)
    assert analyse(reversed_rows, as_of=AS_OF) == analyse(ds, as_of=AS_OF)
    assert analyse(reversed_rows, as_of=AS_OF).re_entry.re_entries == 2  # A after 92 days, B after 47


def test_lifelines_agrees_on_random_follow_up():
    lifelines = pytest.importorskip("lifelines")
    from homeward.ssda903.km import kaplan_meier

    rng = np.random.default_rng(3)
    durations = rng.integers(0, 900, 500).astype(float)
    events = rng.random(500) < 0.4
    ours = kaplan_meier(durations, events)
    theirs = lifelines.KaplanMeierFitter().fit(durations, events)
    ci = theirs.confidence_interval_survival_function_
    for t in (0, 30, 182, 365, 730):
        point = ours.at(t)
        assert point is not None
        inc, lo, hi = point
        assert inc == pytest.approx(1 - theirs.survival_function_at_times(t).iloc[0], abs=1e-9)
        lower, upper = ci[ci.index <= t].iloc[-1]
        assert (lo, hi) == (pytest.approx(1 - upper, abs=1e-9), pytest.approx(1 - lower, abs=1e-9))
