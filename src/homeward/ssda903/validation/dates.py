"""Impossible dates: not a date at all, an episode ending before it starts, care before birth,
dates in the future or before 1900."""

from __future__ import annotations

from datetime import date

import numpy as np

from homeward.ssda903.frame import EPOCH, NULL_DAY, Frame, child_lookup
from homeward.ssda903.issues import Issue
from homeward.ssda903.tables import DATE_COLUMNS
from homeward.ssda903.validation._util import issues_at

DATE_FORM = "a real date written dd/mm/YYYY, e.g. 31/03/2024"


def check(header: Frame, episodes: Frame) -> list[Issue]:
    issues: list[Issue] = []
    lowest = (date(1900, 1, 1) - EPOCH).days
    today = (date.today() - EPOCH).days
    for frame in (header, episodes):
        for col in DATE_COLUMNS[frame.name]:
            issues += issues_at(
                frame,
                frame.bad_dates[col],
                kind="impossible_date",
                column=col,
                message="this is not a date (or not a real one, like 31/02/2024)",
                allowed=DATE_FORM,
            )
            d = frame.days(col)
            issues += issues_at(
                frame,
                np.flatnonzero((d != NULL_DAY) & ((d < lowest) | (d > today))),
                kind="impossible_date",
                column=col,
                message="this date is in the future or before 1900",
                allowed="a date between 01/01/1900 and today",
            )
    start, end = episodes.days("DECOM"), episodes.days("DEC")
    issues += issues_at(
        episodes,
        np.flatnonzero((start != NULL_DAY) & (end != NULL_DAY) & (end < start)),
        kind="dec_before_decom",
        column="DEC",
        message=lambda i: f"the episode ends (DEC) before it starts (DECOM {episodes.value('DECOM', i)})",
        allowed="DEC on or after DECOM",
    )
    h = child_lookup(episodes, header)
    dob = np.full(episodes.n, NULL_DAY, dtype=np.int64)
    dob[h >= 0] = header.days("DOB")[h[h >= 0]]
    issues += issues_at(
        episodes,
        np.flatnonzero((dob != NULL_DAY) & (start != NULL_DAY) & (start < dob)),
        kind="impossible_date",
        column="DECOM",
        message=lambda i: (
            f"the episode starts before the child's date of birth ({header.value('DOB', int(h[i]))})"
        ),
        allowed="DECOM on or after the date of birth (DOB)",
    )
    return issues
