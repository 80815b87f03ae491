from __future__ import annotations

import pytest

from homeward.ssda903.rules import RULES, code_lists
from homeward.ssda903.tables import CODE_COLUMNS
from tests.ssda903.helpers import ep_row, hd_row
from tests.ssda903.rules.helpers import rows, run

UNKNOWN_CODE_RULES = {
    "101": ("Header", "SEX", "3", "1"),
    "103": ("Header", "ETHNIC", "White British", "WBRI"),
    "143": ("Episodes", "RNE", "SP", "S"),
    "144": ("Episodes", "LS", "section 20", "V2"),
    "145": ("Episodes", "CIN", "N9", "N1"),
    "146": ("Episodes", "PLACE", "R4", "U6"),
    "178": ("Episodes", "PLACE_PROVIDER", "PR9", "PR1"),
    "149": ("Episodes", "REC", "E4C", "E4A"),
    "1009": ("Episodes", "REASON_PLACE_CHANGE", "NA", "CARPL"),
}


def _check_unknown(code: str) -> None:
    table, column, bad, good = UNKNOWN_CODE_RULES[code]
    base = {"Header": hd_row("1"), "Episodes": ep_row("1", "01/01/2020", "S", "C2", "01/02/2020", "E8")}
    rows_ = [{**base[table], column: v} for v in (good, bad, "", good.lower())]
    issues = run(code, **{table.lower(): rows_})
    assert rows(issues) == [(f"{table.lower()}.csv", 3, column)]  # blank and lower case are other rules'
    assert issues[0].value == bad and good in (issues[0].allowed or "")


def test_101_sex() -> None:
    _check_unknown("101")


def test_103_ethnicity() -> None:
    _check_unknown("103")


def test_143_reason_for_new_episode() -> None:
    _check_unknown("143")


def test_144_legal_status() -> None:
    _check_unknown("144")
    issue = run("144", episodes=[ep_row("1", "01/04/2020", "S", "C9")])[0]
    assert issue.message == "this is not a 903 legal status code"


def test_145_category_of_need() -> None:
    _check_unknown("145")


def test_146_placement_type() -> None:
    _check_unknown("146")


def test_178_placement_provider() -> None:
    _check_unknown("178")


def test_149_reason_episode_ceased() -> None:
    _check_unknown("149")


def test_1009_reason_for_placement_change() -> None:
    _check_unknown("1009")


def test_every_code_column_has_its_rule() -> None:
    checked = {RULES[code].fields for code in UNKNOWN_CODE_RULES}
    assert checked == {(c,) for t in CODE_COLUMNS for c in CODE_COLUMNS[t]}
    assert all(RULES[code].check.__module__ == code_lists.__name__ for code in UNKNOWN_CODE_RULES)


@pytest.mark.parametrize(("decom", "flagged"), [("31/03/2024", True), ("01/04/2024", False)])
def test_hw_03_k3_only_from_april_2024(decom: str, flagged: bool) -> None:
    issues = run("HW-03", episodes=[ep_row("1", decom, "S", "C2", PLACE="K3")])
    assert rows(issues) == ([("episodes.csv", 2, "PLACE")] if flagged else [])
    if flagged:
        assert (
            issues[0].message
            == "K3 is a 903 code only for episodes from 01/04/2024; this one started 31/03/2024"
        )


def test_378_placed_with_parents_under_s20() -> None:
    issues = run(
        "378",
        episodes=[
            ep_row("1", "01/01/2020", "S", "V2", PLACE="P1", PLACE_PROVIDER="PR0"),
            ep_row("2", "01/01/2020", "S", "C2", PLACE="P1", PLACE_PROVIDER="PR0"),  # on an order: fine
        ],
    )
    assert rows(issues) == [("episodes.csv", 2, "PLACE")]
    assert "placed-with-parents" in issues[0].message
