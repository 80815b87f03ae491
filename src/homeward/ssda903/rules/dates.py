"""Impossible dates: not a date at all or out of range (a rule per date column, in column order),
an episode ending before it starts (356), care before birth (302)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from homeward.ssda903.frame import NULL_DAY, Frame, child_lookup, date_range_days
from homeward.ssda903.rules.registry import Found, rule

DATE_FORM = "a real date written dd/mm/YYYY, e.g. 31/03/2024"


def _not_a_date(frame: Frame, col: str) -> Iterator[Found]:
    yield Found(
        frame,
        frame.bad_dates[col],
        col,
        "this is not a date (or not a real one, like 31/02/2024)",
        allowed=DATE_FORM,
    )


def _out_of_range(frame: Frame, col: str) -> Iterator[Found]:
    lowest, today = date_range_days()
    d = frame.days(col)
    yield Found(
        frame,
        np.flatnonzero((d != NULL_DAY) & ((d < lowest) | (d > today))),
        col,
        "this date is in the future or before 1900",
        allowed="a date between 01/01/1900 and today",
    )


@rule("102", "DOB (date of birth) is not a real date.", fields=("DOB",), kind="impossible_date")
def dob_not_a_date(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _not_a_date(header, "DOB")


@rule(
    "HW-04", "DOB (date of birth) is in the future or before 1900.", fields=("DOB",), kind="impossible_date"
)
def dob_out_of_range(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _out_of_range(header, "DOB")


@rule(
    "HW-05",
    "MC_DOB (date of birth of the mother's child) is not a real date.",
    fields=("MC_DOB",),
    kind="impossible_date",
)
def mc_dob_not_a_date(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _not_a_date(header, "MC_DOB")


@rule(
    "HW-06",
    "MC_DOB (date of birth of the mother's child) is in the future or before 1900.",
    fields=("MC_DOB",),
    kind="impossible_date",
)
def mc_dob_out_of_range(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _out_of_range(header, "MC_DOB")


@rule("141", "DECOM (date episode began) is not a real date.", fields=("DECOM",), kind="impossible_date")
def decom_not_a_date(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _not_a_date(episodes, "DECOM")


@rule(
    "HW-07",
    "DECOM (date episode began) is in the future or before 1900.",
    fields=("DECOM",),
    kind="impossible_date",
)
def decom_out_of_range(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _out_of_range(episodes, "DECOM")


@rule("147", "DEC (date episode ceased) is not a real date.", fields=("DEC",), kind="impossible_date")
def dec_not_a_date(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _not_a_date(episodes, "DEC")


@rule(
    "HW-08",
    "DEC (date episode ceased) is in the future or before 1900.",
    fields=("DEC",),
    kind="impossible_date",
)
def dec_out_of_range(header: Frame, episodes: Frame) -> Iterator[Found]:
    return _out_of_range(episodes, "DEC")


@rule(
    "356",
    "The episode ends (DEC) before it starts (DECOM).",
    fields=("DECOM", "DEC"),
    kind="dec_before_decom",
)
def dec_before_decom(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    start, end = e.days("DECOM"), e.days("DEC")
    yield Found(
        e,
        np.flatnonzero((start != NULL_DAY) & (end != NULL_DAY) & (end < start)),
        "DEC",
        lambda i: f"the episode ends (DEC) before it starts (DECOM {e.value('DECOM', i)})",
        allowed="DEC on or after DECOM",
    )


# The DfE's 302 looks at each child's first episode; every episode is looked at here, so each one
# before the birth is named.
@rule(
    "302",
    "An episode starts (DECOM) before the child's date of birth (DOB).",
    fields=("DECOM", "DOB"),
    kind="impossible_date",
)
def care_before_birth(header: Frame, episodes: Frame) -> Iterator[Found]:
    e = episodes
    start = e.days("DECOM")
    h = child_lookup(e, header)
    dob = np.full(e.n, NULL_DAY, dtype=np.int64)
    dob[h >= 0] = header.days("DOB")[h[h >= 0]]
    yield Found(
        e,
        np.flatnonzero((dob != NULL_DAY) & (start != NULL_DAY) & (start < dob)),
        "DECOM",
        lambda i: f"the episode starts before the child's date of birth ({header.value('DOB', int(h[i]))})",
        allowed="DECOM on or after the date of birth (DOB)",
    )
