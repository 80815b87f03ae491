"""A repair never manufactures a return home, a re-entry or a breakdown: the figures of a return with
each problem equal those of the same return with the problem's rows repaired (or removed) by hand, as
the repairs list says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from homeward.ssda903 import analyse, load
from homeward.ssda903.codes import REC_UNKNOWN
from homeward.ssda903.repair import EFFECTS, RULES
from tests.ssda903.helpers import FAKE_DATA, ep_row, hd_row, write_year

HEADER = [hd_row("A"), hd_row("B")]
# Child B, clean in every case, keeps the end of the data the same.
B = [ep_row("B", "01/04/2019", "S", "C2", "01/03/2021", "E8")]

CASES: dict[str, tuple[list[dict[str, str]], list[dict[str, str]]]] = {
    # A return home (E4A) dated after the next period of care began: the old repair made a return
    # and a re-entry at day 0.
    "overlapping_ending_unknown": (
        [
            ep_row("A", "01/05/2019", "S", "C2", "01/09/2019", "E4A"),
            ep_row("A", "01/08/2019", "S", "C2", "01/01/2020", "E8"),
        ],
        [
            ep_row("A", "01/05/2019", "S", "C2", "01/08/2019", REC_UNKNOWN),
            ep_row("A", "01/08/2019", "S", "C2", "01/01/2020", "E8"),
        ],
    ),
    "overlap_truncated": (
        [
            ep_row("A", "01/05/2019", "S", "C2", "01/09/2019", "X1"),
            ep_row("A", "01/08/2019", "P", "C2", "01/01/2020", "E4B"),
        ],
        [
            ep_row("A", "01/05/2019", "S", "C2", "01/08/2019", "X1"),
            ep_row("A", "01/08/2019", "P", "C2", "01/01/2020", "E4B"),
        ],
    ),
    "open_episode_closed_before_new_period": (
        [ep_row("A", "01/05/2019", "S", "V2"), ep_row("A", "01/08/2019", "S", "V2", "01/01/2020", "E4A")],
        [
            ep_row("A", "01/05/2019", "S", "V2", "01/08/2019", REC_UNKNOWN),
            ep_row("A", "01/08/2019", "S", "V2", "01/01/2020", "E4A"),
        ],
    ),
    "open_episode_closed_by_next_episode": (
        [ep_row("A", "01/05/2019", "S", "C2"), ep_row("A", "01/08/2019", "P", "C2", "01/01/2020", "E4A")],
        [
            ep_row("A", "01/05/2019", "S", "C2", "01/08/2019", "X1"),
            ep_row("A", "01/08/2019", "P", "C2", "01/01/2020", "E4A"),
        ],
    ),
    "x1_gap_extended": (
        [
            ep_row("A", "01/05/2019", "S", "C2", "01/07/2019", "X1"),
            ep_row("A", "01/08/2019", "P", "C2", "01/01/2020", "E4A"),
        ],
        [
            ep_row("A", "01/05/2019", "S", "C2", "01/08/2019", "X1"),
            ep_row("A", "01/08/2019", "P", "C2", "01/01/2020", "E4A"),
        ],
    ),
    # A return home whose DEC is unreadable: repaired as open, then closed by the next period (E99).
    "end_unreadable_cleared": (
        [
            ep_row("A", "01/05/2019", "S", "C2", "31/02/2019", "E4A"),
            ep_row("A", "01/08/2019", "S", "C2", "01/01/2020", "E4A"),
        ],
        [
            ep_row("A", "01/05/2019", "S", "C2", "01/08/2019", REC_UNKNOWN),
            ep_row("A", "01/08/2019", "S", "C2", "01/01/2020", "E4A"),
        ],
    ),
    "end_before_start_cleared": (
        [
            ep_row("A", "01/05/2019", "S", "C2", "01/04/2019", "E4A"),
            ep_row("A", "01/08/2019", "S", "C2", "01/01/2020", "E4A"),
        ],
        [
            ep_row("A", "01/05/2019", "S", "C2", "01/08/2019", REC_UNKNOWN),
            ep_row("A", "01/08/2019", "S", "C2", "01/01/2020", "E4A"),
        ],
    ),
    # DfE rule 431: a return home (E4A) and a new period (RNE S) the same day, a return and a
    # re-entry at day 0: read as X1.
    "same_day_restart_joined": (
        [
            ep_row("A", "01/05/2019", "S", "C2", "01/08/2019", "E4A"),
            ep_row("A", "01/08/2019", "S", "C2", "01/01/2020", "E4B"),
        ],
        [
            ep_row("A", "01/05/2019", "S", "C2", "01/08/2019", "X1"),
            ep_row("A", "01/08/2019", "S", "C2", "01/01/2020", "E4B"),
        ],
    ),
    # DfE rule 432 on the same day: a return home (E4A), then a change of legal status (RNE L).
    "same_day_restart_joined-432": (
        [
            ep_row("A", "01/05/2019", "S", "J2", "01/08/2019", "E4A"),
            ep_row("A", "01/08/2019", "L", "V2", "01/01/2020", "E4B"),
        ],
        [
            ep_row("A", "01/05/2019", "S", "J2", "01/08/2019", "X1"),
            ep_row("A", "01/08/2019", "L", "V2", "01/01/2020", "E4B"),
        ],
    ),
    # Left out of every figure: the same as the return without the row.
    "unusable_episode_dropped": (
        [
            ep_row("A", "01/05/2019", "S", "C2", "01/07/2019", "E4A"),
            ep_row("A", "1st May", "S", "C2", "01/09/2019", "E4B"),
        ],
        [ep_row("A", "01/05/2019", "S", "C2", "01/07/2019", "E4A")],
    ),
}


def _figures(folder: Path, episodes: list[dict[str, str]]) -> dict[str, Any]:
    write_year(folder, 2020, HEADER, episodes + B)
    figures = analyse(load(folder)).as_dict()
    return {k: v for k, v in figures.items() if k not in ("data_quality", "repairs")}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_a_repair_gives_the_figures_of_the_rows_repaired_by_hand(tmp_path, rule):
    broken, by_hand = CASES[rule]
    rule = rule.split("-")[0]
    write_year(tmp_path / "broken", 2020, HEADER, broken + B)
    fired = {k for k, v in load(tmp_path / "broken").repairs.items() if v and k != "header_resent_merged"}
    assert rule in fired
    assert _figures(tmp_path / "broken", broken) == _figures(tmp_path / "by-hand", by_hand)
    assert EFFECTS[rule]


def test_no_repair_makes_a_return_home():
    """On the fake return, every return home is a period whose last episode really ends E4A or E4B on
    its DEC as sent, and no return is followed by a re-entry on the same day made by a repair."""
    ds = load(FAKE_DATA)
    result = analyse(ds)
    assert ds.repairs["overlapping_ending_unknown"] > 0
    day0 = [p for p in result.re_entry_curve[1:] if p.day == 0]
    assert day0 == []  # before: 5 of the 8 re-entries were at day 0, all made by the overlap repair
    assert set(RULES) == set(EFFECTS)
