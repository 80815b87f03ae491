from __future__ import annotations

from tests.ssda903.helpers import ep_row, hd_row
from tests.ssda903.rules.helpers import run


def test_hw_01_tidied_values_are_one_warning_per_file_column_and_kind() -> None:
    issues = run(
        "HW-01",
        header=[hd_row("1", ETHNIC="wbri"), hd_row("2", ETHNIC=" WBRI"), hd_row("3")],
        episodes=[
            ep_row("1", "2020-01-05", "s", "C2"),
            ep_row("2", "01/02/2020", "S", "C2", CIN="n1"),
            ep_row("3", "01/02/2020", "S", "C2"),
        ],
    )
    by_column = {i.column: i for i in issues}
    assert set(by_column) == {"ETHNIC", "DECOM", "RNE", "CIN"}
    assert (by_column["ETHNIC"].row, by_column["ETHNIC"].value) == (2, "wbri")
    assert by_column["ETHNIC"].message.startswith("2 value(s) had lower-case letters or spaces")
    assert "YYYY-MM-DD" in by_column["DECOM"].message and by_column["DECOM"].value == "2020-01-05"
    assert by_column["CIN"].row == 3


def test_hw_01_a_clean_return_has_nothing_to_tidy() -> None:
    assert run("HW-01", header=[hd_row("1")], episodes=[ep_row("1", "01/01/2020", "S", "C2")]) == []
