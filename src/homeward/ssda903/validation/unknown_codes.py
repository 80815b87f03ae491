"""Codes that are not on the 903 code list for their column (after tidying case and spaces)."""

from __future__ import annotations

import numpy as np

from homeward.ssda903 import codes
from homeward.ssda903.frame import EPOCH, NULL_DAY, Frame
from homeward.ssda903.issues import Issue, Severity
from homeward.ssda903.tables import CODE_COLUMNS
from homeward.ssda903.validation._util import issues_at

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


def check(header: Frame, episodes: Frame) -> list[Issue]:
    issues: list[Issue] = []
    for frame in (header, episodes):
        for col in CODE_COLUMNS[frame.name]:
            allowed = codes.CODE_LISTS[col]
            unknown = [v for v in frame.dictionary(col) if v not in allowed]
            if not unknown:  # the usual case: only the distinct values are looked at
                continue
            issues += issues_at(
                frame,
                np.flatnonzero(frame.isin(col, unknown)),
                kind="unknown_code",
                column=col,
                message=f"this is not a 903 {_NAMES[col]} code",
                allowed=", ".join(allowed),
            )
    # Codes that exist but only from a later collection year.
    for (col, code), since in codes.VALID_FROM.items():
        before = (episodes.days("DECOM") < (since - EPOCH).days) & (episodes.days("DECOM") != NULL_DAY)
        positions = np.flatnonzero(episodes.isin(col, [code]) & before)
        intro = f"{code} is a 903 code only for episodes from {since:%d/%m/%Y}; this one started "

        def message(i: int, intro: str = intro) -> str:
            return intro + str(episodes.value("DECOM", i))

        issues += issues_at(
            episodes,
            positions,
            kind="code_not_valid_for_year",
            column=col,
            message=message,
            allowed=f"{code} for episodes starting on or after {since:%d/%m/%Y}",
            severity=Severity.WARNING,
        )
    return issues
