from __future__ import annotations

from tests.ssda903.helpers import ep_row
from tests.ssda903.rules.helpers import rows, run


def test_365_a_short_break_over_17_days() -> None:
    issues = run(
        "365",
        episodes=[
            ep_row("1", "01/01/2020", "S", "V3", "19/01/2020", "E4A"),  # 18 days
            ep_row("2", "01/01/2020", "S", "V3", "18/01/2020", "E4A"),  # 17 days: fine
            ep_row("3", "01/01/2020", "S", "C2", "19/01/2020", "E4A"),  # not a short break
        ],
    )
    assert rows(issues) == [("episodes.csv", 2, "LS")]
    assert "lasts 18 days" in issues[0].message


def test_366_a_placement_change_during_a_short_break() -> None:
    issues = run(
        "366",
        episodes=[
            ep_row("1", "01/01/2020", "S", "V3", "03/01/2020", "X1"),
            ep_row("1", "03/01/2020", "P", "V3", "05/01/2020", "E4A"),
            ep_row("2", "01/01/2020", "S", "V3", "03/01/2020", "E4A"),  # its own episode: fine
        ],
    )
    assert rows(issues) == [("episodes.csv", 3, "RNE")]
    assert "(RNE P)" in issues[0].message


def test_367_over_75_days_of_short_breaks_in_a_year() -> None:
    over = [
        ep_row("1", f"0{m}/0{m}/2020", "S", "V3", f"1{m}/0{m}/2020", "E4A") for m in range(1, 9)
    ]  # 8 x 10
    under = [ep_row("2", f"0{m}/0{m}/2020", "S", "V3", f"1{m}/0{m}/2020", "E4A") for m in range(1, 8)]  # 70
    issues = run("367", episodes=over + under)
    assert rows(issues) == [("episodes.csv", r, "LS") for r in range(2, 10)]
    assert "add up to 80 days" in issues[0].message


def test_hw_13_a_period_ending_in_a_short_break_after_another_legal_status() -> None:
    issues = run(
        "HW-13",
        episodes=[
            ep_row("1", "01/01/2020", "S", "C2", "01/06/2020", "X1"),
            ep_row("1", "01/06/2020", "L", "V3", "10/06/2020", "E4A"),  # flagged
            ep_row("2", "01/01/2020", "S", "C2", "01/06/2020", "X1"),
            ep_row("2", "01/06/2020", "L", "C2", "10/06/2020", "E4A"),  # no short break: fine
            ep_row("3", "01/01/2020", "S", "V3", "03/01/2020", "E4A"),  # only short breaks: fine
            ep_row("4", "01/01/2020", "S", "C2", "01/06/2020", "X1"),
            ep_row("4", "01/06/2020", "L", "V3", "10/06/2020", "X1"),  # short break inside: fine
            ep_row("4", "10/06/2020", "L", "C2", "10/07/2020", "E4A"),
        ],
    )
    assert rows(issues) == [("episodes.csv", 3, "REC")]
    assert "not counted as a return home" in issues[0].message
