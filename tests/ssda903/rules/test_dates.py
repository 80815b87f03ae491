from __future__ import annotations

from tests.ssda903.helpers import ep_row, hd_row
from tests.ssda903.rules.helpers import rows, run

NOT_DATES = ["31/02/2020", "38/04/2019", "not a date"]


def _not_a_date(code: str, table: str, column: str) -> None:
    base = {"Header": hd_row("1"), "Episodes": ep_row("1", "01/01/2020", "S", "C2", "01/02/2020", "E8")}
    given = ["01/01/2015", *NOT_DATES, "", "2015-01-01"]
    issues = run(code, **{table.lower(): [{**base[table], column: v} for v in given]})
    assert rows(issues) == [(f"{table.lower()}.csv", r, column) for r in (3, 4, 5)]
    assert [i.value for i in issues] == NOT_DATES
    assert issues[0].allowed == "a real date written dd/mm/YYYY, e.g. 31/03/2024"


def _out_of_range(code: str, table: str, column: str) -> None:
    base = {"Header": hd_row("1"), "Episodes": ep_row("1", "01/01/2020", "S", "C2", "01/02/2020", "E8")}
    given = ["01/01/1900", "31/12/1899", "01/01/2099", "31/02/2020"]
    issues = run(code, **{table.lower(): [{**base[table], column: v} for v in given]})
    assert rows(issues) == [(f"{table.lower()}.csv", r, column) for r in (3, 4)]
    assert issues[0].message == "this date is in the future or before 1900"


def test_102_dob_not_a_date() -> None:
    _not_a_date("102", "Header", "DOB")


def test_hw_04_dob_out_of_range() -> None:
    _out_of_range("HW-04", "Header", "DOB")


def test_hw_05_mc_dob_not_a_date() -> None:
    _not_a_date("HW-05", "Header", "MC_DOB")


def test_hw_06_mc_dob_out_of_range() -> None:
    _out_of_range("HW-06", "Header", "MC_DOB")


def test_141_decom_not_a_date() -> None:
    _not_a_date("141", "Episodes", "DECOM")


def test_hw_07_decom_out_of_range() -> None:
    _out_of_range("HW-07", "Episodes", "DECOM")


def test_147_dec_not_a_date() -> None:
    _not_a_date("147", "Episodes", "DEC")


def test_hw_08_dec_out_of_range() -> None:
    _out_of_range("HW-08", "Episodes", "DEC")


def test_356_dec_before_decom() -> None:
    issues = run(
        "356",
        episodes=[
            ep_row("1", "01/05/2020", "S", "C2", "01/04/2020", "E4A"),
            ep_row("2", "01/05/2020", "S", "C2", "01/05/2020", "E4A"),  # a day-long episode is fine
            ep_row("3", "01/05/2020", "S", "C2", "31/02/2020", "E4A"),  # not a date: rule 147's
        ],
    )
    assert rows(issues) == [("episodes.csv", 2, "DEC")]
    assert issues[0].message == "the episode ends (DEC) before it starts (DECOM 01/05/2020)"


def test_302_care_before_birth() -> None:
    issues = run(
        "302",
        header=[hd_row("1", dob="01/01/2021"), hd_row("2", dob="01/01/2021")],
        episodes=[
            ep_row("1", "01/05/2020", "S", "C2", "01/01/2021", "X1"),
            ep_row("1", "01/01/2021", "P", "C2"),  # born that day
            ep_row("2", "01/02/2021", "S", "C2"),
            ep_row("3", "01/02/2000", "S", "C2"),  # no Header: no date of birth to compare
        ],
    )
    assert rows(issues) == [("episodes.csv", 2, "DECOM")]
    assert issues[0].message == "the episode starts before the child's date of birth (01/01/2021)"
