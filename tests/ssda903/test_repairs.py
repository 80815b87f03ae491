"""The cross-year repair rules, one by one, on two hand-written yearly returns."""

from __future__ import annotations

from datetime import date

from homeward.ssda903 import analyse, load
from homeward.ssda903.repair import REC_UNKNOWN
from tests.ssda903.helpers import ep_row, hd_row, write_year


def episodes_of(ds, child: str) -> list[tuple]:
    return [(r["DECOM"], r["RNE"], r["DEC"], r["REC"]) for r in ds.episode_records() if r["CHILD"] == child]


def only_rule(ds, rule: str, n: int = 1) -> None:
    fired = {k: v for k, v in ds.repairs.items() if v and k != "header_resent_merged"}
    assert fired == {rule: n}


def test_resent_episode_is_kept_once_closed(tmp_path):
    # Open at the end of 2019-20, re-sent closed in 2020-21.
    write_year(tmp_path, 2020, [hd_row("1")], [ep_row("1", "01/10/2019", "S", "C2")])
    write_year(tmp_path, 2021, [hd_row("1")], [ep_row("1", "01/10/2019", "S", "C2", "01/06/2020", "E4A")])
    ds = load([tmp_path])
    only_rule(ds, "duplicate_dropped")
    assert episodes_of(ds, "1") == [(date(2019, 10, 1), "S", date(2020, 6, 1), "E4A")]
    assert ds.repairs["header_resent_merged"] == 1
    assert len(ds.header_records()) == 1


def test_open_episode_closed_by_next_episode(tmp_path):
    # The 2020-21 return lacks the re-sent episode but has the placement change that followed it.
    write_year(tmp_path, 2020, [hd_row("1")], [ep_row("1", "01/10/2019", "S", "C2")])
    write_year(tmp_path, 2021, [hd_row("1")], [ep_row("1", "01/05/2020", "P", "C2")])
    ds = load([tmp_path])
    only_rule(ds, "open_episode_closed_by_next_episode")
    assert episodes_of(ds, "1") == [
        (date(2019, 10, 1), "S", date(2020, 5, 1), "X1"),
        (date(2020, 5, 1), "P", None, None),
    ]


def test_open_episode_closed_before_new_period_is_not_a_return_home(tmp_path):
    write_year(tmp_path, 2020, [hd_row("1")], [ep_row("1", "01/10/2019", "S", "V2")])
    write_year(tmp_path, 2021, [hd_row("1")], [ep_row("1", "01/07/2020", "S", "V2")])
    ds = load([tmp_path])
    only_rule(ds, "open_episode_closed_before_new_period")
    assert episodes_of(ds, "1")[0] == (date(2019, 10, 1), "S", date(2020, 7, 1), REC_UNKNOWN)
    result = analyse(ds)
    assert result.periods_of_care == 2
    assert (result.returns_home.planned, result.returns_home.unplanned) == (0, 0)


def test_overlap_truncated(tmp_path):
    write_year(
        tmp_path,
        2021,
        [hd_row("1")],
        [
            ep_row("1", "01/10/2019", "S", "C2", "01/08/2020", "X1"),
            ep_row("1", "01/07/2020", "P", "C2", "01/09/2020", "E4A"),
        ],
    )
    ds = load([tmp_path])
    only_rule(ds, "overlap_truncated")
    assert episodes_of(ds, "1")[0][2] == date(2020, 7, 1)
    assert any(i.kind == "overlapping_episodes" for i in ds.errors)


def test_x1_gap_extended(tmp_path):
    write_year(
        tmp_path,
        2021,
        [hd_row("1")],
        [
            ep_row("1", "01/10/2019", "S", "C2", "01/06/2020", "X1"),
            ep_row("1", "10/06/2020", "P", "C2", "01/09/2020", "E4A"),
        ],
    )
    ds = load([tmp_path])
    only_rule(ds, "x1_gap_extended")
    assert episodes_of(ds, "1")[0][2] == date(2020, 6, 10)
    # One period of care (the X1 chain), ending in a return home.
    assert analyse(ds).periods_of_care == 1


def test_end_before_start_cleared_and_unusable_dropped(tmp_path):
    write_year(
        tmp_path,
        2021,
        [hd_row("1"), hd_row("2")],
        [
            ep_row("1", "01/10/2019", "S", "C2", "01/09/2019", "E4A"),
            ep_row("", "01/10/2019", "S", "C2", "01/11/2019", "E4A"),
            ep_row("2", "", "S", "C2", "01/11/2019", "E4A"),
        ],
    )
    ds = load([tmp_path])
    assert ds.repairs["end_before_start_cleared"] == 1
    assert ds.repairs["unusable_episode_dropped"] == 2
    assert episodes_of(ds, "1") == [(date(2019, 10, 1), "S", None, None)]
    assert len(ds.episode_records()) == 1


def test_repairs_listed_explains_every_rule(tmp_path):
    write_year(tmp_path, 2020, [hd_row("1")], [ep_row("1", "01/10/2019", "S", "C2")])
    write_year(tmp_path, 2021, [hd_row("1")], [ep_row("1", "01/10/2019", "S", "C2", "01/06/2020", "E4A")])
    listed = {r["rule"]: r for r in load([tmp_path]).repairs_listed()}
    assert listed["duplicate_dropped"]["count"] == 1
    assert all(r["meaning"] for r in listed.values())
    assert analyse(load([tmp_path])).repairs["duplicate_dropped"] == 1
