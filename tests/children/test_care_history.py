"""The care story computed from 903 episodes, checked against histories worked out by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from homeward.children.care_history import compute_care_history


@dataclass
class Ep:
    decom: date
    rne: str
    ls: str
    place: str = "U6"
    dec: date | None = None
    rec: str = ""
    cin: str = "N1"


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_no_episodes_is_an_empty_history() -> None:
    history = compute_care_history([])
    assert history.periods == [] and history.returns_home == [] and history.legal_status_history == []
    assert history.current_period is None and history.legal_status_now is None


def test_one_open_period_with_placement_moves() -> None:
    history = compute_care_history(
        [
            Ep(d("2022-01-10"), "S", "V2", dec=d("2022-05-01"), rec="X1"),
            Ep(d("2022-05-01"), "P", "V2", place="U4", dec=d("2023-02-01"), rec="X1"),
            Ep(d("2023-02-01"), "P", "V2", place="K2"),
        ]
    )
    [period] = history.periods
    assert (period.start, period.end, period.placements) == (d("2022-01-10"), None, 3)
    assert history.current_period is period
    assert period.days(d("2022-02-09")) == 30
    assert history.returns_home == [] and history.failed_returns == []
    assert history.legal_status_now == "V2"


def test_x1_chain_with_legal_status_change_is_one_period() -> None:
    # S (V2 foster) -> T (now C1, new placement) -> L (C1 becomes C2, same placement) -> ends E4A
    history = compute_care_history(
        [
            Ep(d("2020-03-01"), "S", "V2", dec=d("2020-06-01"), rec="X1"),
            Ep(d("2020-06-01"), "T", "C1", place="U4", dec=d("2020-11-15"), rec="X1"),
            Ep(d("2020-11-15"), "L", "C2", place="U4", dec=d("2021-04-30"), rec="E4A"),
        ]
    )
    [period] = history.periods
    assert (period.start, period.end, period.end_reason) == (d("2020-03-01"), d("2021-04-30"), "E4A")
    assert period.placements == 2  # S and T start placements; L is a legal status change only
    assert period.legal_statuses == ["V2", "C1", "C2"]
    [ret] = history.returns_home
    assert (ret.returned_on, ret.code, ret.planned, ret.legal_status) == (d("2021-04-30"), "E4A", True, "C2")
    assert not ret.broke_down and ret.days_to_re_entry is None
    assert history.current_period is None and history.legal_status_now is None


def test_planned_return_that_broke_down_with_days_to_re_entry() -> None:
    history = compute_care_history(
        [
            Ep(d("2019-01-01"), "S", "V2", dec=d("2019-09-30"), rec="E4A"),
            # back in care 100 days later
            Ep(d("2020-01-08"), "S", "C1"),
        ]
    )
    assert len(history.periods) == 2
    [ret] = history.returns_home
    assert ret.planned and ret.broke_down
    assert ret.re_entry == d("2020-01-08")
    assert ret.days_to_re_entry == 100
    assert history.failed_returns == [ret]
    assert history.current_period is history.periods[1]


def test_unplanned_return_that_lasted_and_a_later_failed_one() -> None:
    history = compute_care_history(
        [
            Ep(d("2015-05-01"), "S", "V2", dec=d("2016-01-01"), rec="E4B"),
            Ep(d("2017-03-01"), "S", "V2", dec=d("2017-12-31"), rec="E4A"),
            Ep(d("2018-01-30"), "S", "C2"),
        ]
    )
    first, second = history.returns_home
    assert (first.code, first.planned, first.re_entry) == ("E4B", False, d("2017-03-01"))
    assert first.days_to_re_entry == 425
    assert (second.code, second.planned, second.days_to_re_entry) == ("E4A", True, 30)
    assert len(history.failed_returns) == 2


def test_unplanned_return_without_re_entry_did_not_break_down() -> None:
    history = compute_care_history([Ep(d("2021-01-01"), "S", "V2", dec=d("2021-08-01"), rec="E4B")])
    [ret] = history.returns_home
    assert not ret.planned and not ret.broke_down
    assert history.failed_returns == []


def test_short_breaks_are_left_out() -> None:
    # A child returned home, then had respite short breaks (V3/V4): not a re-entry, not a period of care.
    history = compute_care_history(
        [
            Ep(d("2018-01-01"), "S", "C2", dec=d("2018-12-01"), rec="E4A"),
            Ep(d("2019-02-01"), "S", "V3", place="H5", dec=d("2019-02-03"), rec="E4A"),
            Ep(d("2019-05-01"), "S", "V4", place="H5", dec=d("2019-05-02"), rec="E4A"),
        ]
    )
    assert len(history.periods) == 1
    [ret] = history.returns_home
    assert not ret.broke_down
    assert [s.code for s in history.legal_status_history] == ["C2"]


def test_other_endings_are_not_returns_home() -> None:
    history = compute_care_history(
        [
            Ep(d("2018-01-01"), "S", "V2", dec=d("2018-06-01"), rec="E13"),  # left to live with non-PR person
            Ep(d("2019-01-01"), "S", "C2", dec=d("2020-01-01"), rec="E11"),  # adopted
        ]
    )
    assert history.returns_home == []
    assert history.left_to_non_pr == [d("2018-06-01")]
    assert [p.end_reason for p in history.periods] == ["E13", "E11"]


def test_episodes_in_any_order_and_new_period_after_closed_one_without_rne_s() -> None:
    # Data breaking rule 432 (a new period not starting with S) still starts a new period.
    history = compute_care_history(
        [
            Ep(d("2021-05-01"), "P", "V2"),
            Ep(d("2020-01-01"), "S", "V2", dec=d("2021-01-01"), rec="E4A"),
        ]
    )
    assert [p.start for p in history.periods] == [d("2020-01-01"), d("2021-05-01")]
    assert history.returns_home[0].re_entry == d("2021-05-01")


def test_legal_status_spells_merge_across_x1_and_split_on_change_or_gap() -> None:
    history = compute_care_history(
        [
            Ep(d("2020-01-01"), "S", "V2", dec=d("2020-04-01"), rec="X1"),
            Ep(d("2020-04-01"), "P", "V2", dec=d("2020-07-01"), rec="X1"),  # same LS, contiguous: merged
            Ep(d("2020-07-01"), "T", "C1", dec=d("2021-01-01"), rec="E4A"),
            Ep(d("2021-06-01"), "S", "C1"),  # same code again after a gap: a new spell
        ]
    )
    spells = [(s.code, s.start, s.end) for s in history.legal_status_history]
    assert spells == [
        ("V2", d("2020-01-01"), d("2020-07-01")),
        ("C1", d("2020-07-01"), d("2021-01-01")),
        ("C1", d("2021-06-01"), None),
    ]
    assert history.legal_status_now == "C1"
    assert (
        "Section 20" in history.legal_status_history[0].words or "20" in history.legal_status_history[0].words
    )
    assert history.periods[0].end_reason_words != "E4A"  # shown in words
