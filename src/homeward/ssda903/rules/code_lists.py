"""Codes not on the 903 code list for their column (after tidying case and spaces), one rule per
column as the DfE numbers them; and codes used before the year they were introduced (HW-03)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from homeward.ssda903 import codes
from homeward.ssda903.frame import EPOCH, NULL_DAY, Frame
from homeward.ssda903.issues import Severity
from homeward.ssda903.rules.registry import Found, rule

_NAMES = {
    "SEX": "sex",
    "ETHNIC": "ethnicity",
    "RNE": "reason for new episode",
    "LS": "legal status",
    "CIN": "category of need",
    "PLACE": "placement type",
    "PLACE_PROVIDER": "placement provider",
    "REC": "reason episode ceased",
    "REASON_PLACE_CHANGE": "reason for placement change",
}


def _unknown(frame: Frame, col: str) -> Iterator[Found]:
    allowed = codes.CODE_LISTS[col]
    unknown = [v for v in frame.dictionary(col) if v not in allowed]
    if unknown:  # the usual case is none: only the distinct values are looked at
        yield Found(
            frame,
            np.flatnonzero(frame.isin(col, unknown)),
            col,
            f"this is not a 903 {_NAMES[col]} code",
            allowed=", ".join(allowed),
        )


@rule("101", "SEX is not a 903 sex code.", fields=("SEX",), kind="unknown_code")
def sex(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(header, "SEX")


@rule("103", "ETHNIC is not a 903 ethnicity code.", fields=("ETHNIC",), kind="unknown_code")
def ethnicity(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(header, "ETHNIC")


@rule("143", "RNE is not a 903 reason for new episode code.", fields=("RNE",), kind="unknown_code")
def reason_new_episode(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "RNE")


@rule("144", "LS is not a 903 legal status code.", fields=("LS",), kind="unknown_code")
def legal_status(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "LS")


@rule("145", "CIN is not a 903 category of need code.", fields=("CIN",), kind="unknown_code")
def category_of_need(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "CIN")


@rule("146", "PLACE is not a 903 placement type code.", fields=("PLACE",), kind="unknown_code")
def placement_type(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "PLACE")


@rule(
    "178",
    "PLACE_PROVIDER is not a 903 placement provider code.",
    fields=("PLACE_PROVIDER",),
    kind="unknown_code",
)
def placement_provider(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "PLACE_PROVIDER")


@rule("149", "REC is not a 903 reason episode ceased code.", fields=("REC",), kind="unknown_code")
def reason_episode_ceased(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "REC")


@rule(
    "1009",
    "REASON_PLACE_CHANGE is not a 903 reason for placement change code.",
    fields=("REASON_PLACE_CHANGE",),
    kind="unknown_code",
)
def reason_place_change(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _unknown(episodes, "REASON_PLACE_CHANGE")


@rule(
    "HW-03",
    "A code is used for an episode that started before the code was introduced (e.g. K3 before 2024).",
    fields=tuple(dict.fromkeys(col for col, _ in codes.VALID_FROM)),
    kind="code_not_valid_for_year",
    severity=Severity.WARNING,
)
def code_not_valid_for_year(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    for (col, code), since in codes.VALID_FROM.items():
        before = (e.days("DECOM") < (since - EPOCH).days) & (e.days("DECOM") != NULL_DAY)
        intro = f"{code} is a 903 code only for episodes from {since:%d/%m/%Y}; this one started "

        def message(i: int, intro: str = intro) -> str:
            return intro + str(e.value("DECOM", i))

        yield Found(
            e,
            np.flatnonzero(e.isin(col, [code]) & before),
            col,
            message,
            allowed=f"{code} for episodes starting on or after {since:%d/%m/%Y}",
        )


@rule(
    "378",
    "A child placed with parents (PLACE P1) is accommodated under s20 (LS V2).",
    fields=("PLACE", "LS"),
    kind="codes_do_not_go_together",
)
def placed_with_parents_under_s20(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    yield Found(
        e,
        np.flatnonzero(
            e.isin("PLACE", [codes.PLACED_WITH_PARENTS]) & e.isin("LS", codes.VOLUNTARY_LEGAL_STATUSES)
        ),
        "PLACE",
        "a child accommodated under s20 (LS V2) cannot be placed with their parents (P1): a child living "
        "with parents under s20 is not looked after. The figures leave this episode out of the "
        "placed-with-parents (P1) counts",
        allowed="P1 only under an order (e.g. C1, C2)",
    )
