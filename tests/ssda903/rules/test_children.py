from __future__ import annotations

from tests.ssda903.helpers import ep_row, hd_row
from tests.ssda903.rules.helpers import rows, run


def test_hw_11_a_child_twice_in_the_header() -> None:
    issues = run("HW-11", header=[hd_row("1"), hd_row("2"), hd_row("2"), hd_row("3"), hd_row("2")])
    assert rows(issues) == [("header.csv", 4, "CHILD"), ("header.csv", 6, "CHILD")]
    assert [i.message for i in issues] == ["this child is already in the Header at row 3"] * 2


def test_hw_12_a_child_with_episodes_but_no_header() -> None:
    issues = run(
        "HW-12",
        header=[hd_row("1")],
        episodes=[
            ep_row("1", "01/01/2020", "S", "C2"),
            ep_row("2", "01/01/2020", "S", "C2", "01/02/2020", "X1"),
            ep_row("2", "01/02/2020", "P", "C2"),  # one finding per child and file
        ],
    )
    assert rows(issues) == [("episodes.csv", 3, "CHILD")]
    assert issues[0].value == "2"


def test_hw_12_no_header_read_at_all_is_not_a_finding_per_child() -> None:
    assert run("HW-12", episodes=[ep_row("1", "01/01/2020", "S", "C2")]) == []
