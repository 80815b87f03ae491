from __future__ import annotations

from tests.ssda903.helpers import ep_row, hd_row
from tests.ssda903.rules.helpers import rows, run


def test_hw_02_every_mandatory_value_blank_is_named() -> None:
    issues = run(
        "HW-02",
        header=[hd_row("1"), hd_row("", SEX="", DOB="", ETHNIC="")],
        episodes=[ep_row("1", "01/01/2020", "S", "C2"), ep_row("", "", "", "", CIN="", PLACE="")],
    )
    assert rows(issues) == [
        ("header.csv", 3, "CHILD"),
        ("header.csv", 3, "SEX"),
        ("header.csv", 3, "DOB"),
        ("header.csv", 3, "ETHNIC"),
        ("episodes.csv", 3, "CHILD"),
        ("episodes.csv", 3, "DECOM"),
        ("episodes.csv", 3, "RNE"),
        ("episodes.csv", 3, "LS"),
        ("episodes.csv", 3, "CIN"),
        ("episodes.csv", 3, "PLACE"),
    ]
    assert (
        issues[5].message
        == "DECOM is blank: the date the episode started must be given on every Episodes row"
    )


def test_hw_02_an_impossible_date_is_not_blank() -> None:
    assert run("HW-02", header=[hd_row("1", DOB="31/02/2011")]) == []


def test_148_dec_and_rec_together() -> None:
    issues = run(
        "148",
        episodes=[
            ep_row("1", "01/01/2020", "S", "C2", "", "E4A"),  # REC without DEC
            ep_row("2", "01/01/2020", "S", "C2", "01/02/2020", ""),  # DEC without REC
            ep_row("3", "01/01/2020", "S", "C2", "01/02/2020", "E4A"),
            ep_row("4", "01/01/2020", "S", "C2"),  # open
        ],
    )
    assert rows(issues) == [("episodes.csv", 2, "DEC"), ("episodes.csv", 3, "REC")]
    assert (issues[0].value, issues[1].value) == ("E4A", "01/02/2020")
