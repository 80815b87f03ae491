from __future__ import annotations

from tests.ssda903.helpers import ep_row
from tests.ssda903.rules.helpers import rows, run


def test_hw_09_two_episodes_starting_the_same_day() -> None:
    issues = run(
        "HW-09",
        episodes=[
            ep_row("1", "01/01/2020", "S", "C2", "01/01/2020", "X1"),
            ep_row("1", "01/01/2020", "P", "C2"),
            ep_row("2", "01/01/2020", "S", "C2"),  # another child
        ],
    )
    assert rows(issues) == [("episodes.csv", 3, "DECOM")]
    assert issues[0].message == "the child has another episode starting the same day (row 2)"


def test_501_starts_before_the_previous_ends() -> None:
    issues = run(
        "501",
        episodes=[
            ep_row("4", "01/01/2020", "S", "C2", "01/06/2020", "X1"),
            ep_row("4", "01/05/2020", "P", "C2", "01/07/2020", "E4A"),  # overlaps
            ep_row("4", "01/07/2020", "S", "C2", "01/08/2020", "E8"),  # starts the day it ends: fine
        ],
    )
    assert rows(issues) == [("episodes.csv", 3, "DECOM")]
    assert "previous episode (row 2) ends on 01/06/2020" in issues[0].message


def test_142_starts_while_the_previous_is_open() -> None:
    issues = run(
        "142",
        episodes=[
            ep_row("1", "01/01/2020", "S", "C2"),
            ep_row("1", "01/03/2020", "P", "C2"),
            ep_row("2", "01/01/2020", "S", "C2", "", "E4A"),  # REC given: not open
            ep_row("2", "01/03/2020", "S", "C2"),
        ],
    )
    assert rows(issues) == [("episodes.csv", 3, "DECOM")]
    assert issues[0].message.startswith("the child's previous episode (row 2) is still open")


def test_432_rne_s_after_a_period_ended() -> None:
    issues = run(
        "432",
        episodes=[
            ep_row("4", "01/01/2020", "S", "C2", "01/07/2020", "E4A"),
            ep_row("4", "01/09/2020", "P", "C2"),  # RNE P after a return home
            ep_row("5", "01/01/2020", "S", "C2", "01/07/2020", "X1"),
            ep_row("5", "01/07/2020", "P", "C2"),  # after an X1: fine
        ],
    )
    assert rows(issues) == [("episodes.csv", 3, "RNE")]
    assert issues[0].value == "P"
    assert "(REC E4A on 01/07/2020)" in issues[0].message


def test_431_rne_s_the_day_the_previous_episode_ended() -> None:
    issues = run(
        "431",
        episodes=[
            ep_row("1", "01/01/2020", "S", "C2", "01/02/2020", "X1"),
            ep_row("1", "01/02/2020", "S", "C2", "01/03/2020", "E4A"),
            ep_row("1", "01/03/2020", "S", "C2"),  # a return home and a new period the same day
            ep_row("2", "01/01/2020", "S", "C2", "01/03/2020", "E4A"),
            ep_row("2", "02/03/2020", "S", "C2"),  # back in care the next day: fine
        ],
    )
    assert rows(issues) == [("episodes.csv", 3, "RNE"), ("episodes.csv", 4, "RNE")]
    assert issues[0].value == "S"
    assert "ended X1" in issues[0].message
    assert "ended E4A: a return and a re-entry on the same day" in issues[1].message


def test_388_an_x1_with_nothing_after() -> None:
    issues = run(
        "388",
        episodes=[
            ep_row("1", "01/01/2020", "S", "C2", "01/02/2020", "X1"),  # nothing after
            ep_row("2", "01/01/2020", "S", "C2", "01/02/2020", "X1"),
            ep_row("2", "01/02/2020", "P", "C2"),  # the X1 is followed: fine
            ep_row("3", "01/01/2020", "S", "C2", "", "X1"),  # no DEC: another rule's (148)
        ],
    )
    assert rows(issues) == [("episodes.csv", 2, "REC")]
    assert "real end of the period of care is missing" in issues[0].message


def test_437_an_episode_after_death_or_an_age_assessment() -> None:
    issues = run(
        "437",
        episodes=[
            ep_row("1", "01/01/2020", "S", "C2", "01/02/2020", "E2"),
            ep_row("1", "01/03/2020", "S", "C2"),  # after E2
            ep_row("2", "01/01/2020", "S", "C2", "01/02/2020", "E15"),
            ep_row("2", "01/03/2020", "S", "C2", "01/04/2020", "E4A"),  # after E15
            ep_row("2", "01/05/2020", "S", "C2"),  # and again
            ep_row("3", "01/01/2020", "S", "C2", "01/02/2020", "E4A"),
            ep_row("3", "01/03/2020", "S", "C2"),  # after a return home: fine
        ],
    )
    assert rows(issues) == [
        ("episodes.csv", 3, "DECOM"),
        ("episodes.csv", 5, "DECOM"),
        ("episodes.csv", 6, "DECOM"),
    ]


def test_357_the_first_episode_is_not_rne_s() -> None:
    issues = run(
        "357",
        episodes=[
            ep_row("1", "01/01/2020", "P", "C2", "01/02/2020", "X1"),  # the real start is missing
            ep_row("1", "01/02/2020", "P", "C2"),
            ep_row("2", "01/01/2020", "S", "C2", "01/02/2020", "X1"),  # starts with S: fine
            ep_row("2", "01/02/2020", "P", "C2"),
        ],
    )
    assert rows(issues) == [("episodes.csv", 2, "RNE")]
    assert issues[0].value == "P"


def test_hw_10_a_gap_after_x1() -> None:
    issues = run(
        "HW-10",
        episodes=[
            ep_row("7", "01/01/2020", "S", "C2", "01/02/2020", "X1"),
            ep_row("7", "05/02/2020", "P", "C2", "01/03/2020", "X1"),  # starts 4 days later
            ep_row("7", "01/03/2020", "P", "C2"),  # the same day: fine
        ],
    )
    assert rows(issues) == [("episodes.csv", 3, "DECOM")]
    assert "ended X1 on 01/02/2020" in issues[0].message


def test_sequence_rules_compare_episodes_within_one_return() -> None:
    """The same child in two files (two years) is the repair's business, not these rules'."""
    from homeward.ssda903.frame import Frame
    from homeward.ssda903.reader import RawData
    from homeward.ssda903.rules import RULES
    from tests.ssda903.rules.helpers import read_text_tables

    raw = RawData()
    read_text_tables(raw, "Episodes", [ep_row("1", "01/01/2020", "S", "C2")], "episodes_2020.csv")
    read_text_tables(raw, "Episodes", [ep_row("1", "01/03/2020", "P", "C2")], "episodes_2021.csv")
    read_text_tables(raw, "Header", [], "header.csv")
    names = [f.path for f in raw.files]
    stacked_h, stacked_e = raw.stacked("Header"), raw.stacked("Episodes")
    assert stacked_h is not None and stacked_e is not None
    header, episodes = Frame("Header", stacked_h, names), Frame("Episodes", stacked_e, names)
    assert RULES["142"].run(header, episodes) == []
