"""Values that must be present: a blank CHILD, DECOM, RNE, LS, CIN, PLACE…; DEC and REC together."""

from __future__ import annotations

import numpy as np

from homeward.ssda903.frame import Frame
from homeward.ssda903.issues import Issue
from homeward.ssda903.tables import REQUIRED_VALUES
from homeward.ssda903.validation._util import issues_at

_WORDS = {
    "CHILD": "the child's ID",
    "SEX": "the child's sex",
    "DOB": "the date of birth",
    "ETHNIC": "the ethnicity code",
    "DECOM": "the date the episode started",
    "RNE": "the reason for new episode",
    "LS": "the legal status",
    "CIN": "the category of need",
    "PLACE": "the placement type",
}


def _blank(frame: Frame, col: str) -> np.ndarray:
    # An impossible date is not blank: dates.py reports it.
    blank = frame.isnull(col)
    if col in frame.bad_dates:
        blank[frame.bad_dates[col]] = False
    return blank


def check(header: Frame, episodes: Frame) -> list[Issue]:
    issues: list[Issue] = []
    for frame in (header, episodes):
        for col in REQUIRED_VALUES[frame.name]:
            issues += issues_at(
                frame,
                np.flatnonzero(_blank(frame, col)),
                kind="missing_value",
                column=col,
                message=f"{col} is blank: {_WORDS.get(col, col)} must be given on every {frame.name} row",
                allowed="a value on every row",
            )
    dec_blank = _blank(episodes, "DEC")
    rec_blank = episodes.isnull("REC")
    issues += issues_at(
        episodes,
        np.flatnonzero(dec_blank & ~rec_blank),
        kind="missing_value",
        column="DEC",
        value=lambda i: episodes.value("REC", i),
        message="REC (reason episode ceased) is given but DEC (date episode ceased) is blank",
        allowed="DEC and REC both blank (episode still open) or both filled in",
    )
    issues += issues_at(
        episodes,
        np.flatnonzero(~dec_blank & rec_blank),
        kind="missing_value",
        column="REC",
        value=lambda i: episodes.text("DEC", i),
        message="DEC (date episode ceased) is given but REC (reason episode ceased) is blank",
        allowed="DEC and REC both blank (episode still open) or both filled in",
    )
    return issues
